"""What every trade's form shares: keeping helper slots, contact details, and the closing yes/no."""

from abc import ABCMeta, abstractmethod
import inspect
from typing import Any, Dict, FrozenSet, List, Optional, Text, Tuple, Type

from rasa_sdk import Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from actions.context import QUESTION_INTENTS, language_of, latest_entity, latest_intent, latest_text, now, playbook_for
from actions.screening import decline, screened, take_message
from ordering.contact import clean_name, normalise_phone, region_of
from playbooks.model import within
from playbooks.rules import TAKE_MESSAGE

CONFIRMATION_SLOTS = {"confirmed", "awaiting_change", "requested_slot"}
CONTACT_SLOTS = ("customer_name", "customer_phone")

FORMS: Dict[str, Type["RequestFormValidation"]] = {}


def requested(tracker: Tracker, slot: str) -> bool:
    return tracker.get_slot("requested_slot") == slot


class RequestFormValidation(FormValidationAction, metaclass=ABCMeta):
    """Base for each trade's `validate_<form>`.

    `content_intents` are the intents that carry the request itself (items, a service, a symptom):
    a message with one of them is never taken as a name or a phone number.
    """

    content_intents: FrozenSet[str] = frozenset()
    helper_slots: Tuple[str, ...] = ()
    # The slot holding what the caller chose (catalog items), for the owner's upsell rule; None: no upsells.
    upsell_slot: Optional[str] = None
    # What `awaiting_change` becomes once the change after "no, that's wrong" is made; forms whose read-back
    # variations require it empty set None, so the read-back never competes with "what would you like to change?".
    change_done: Optional[bool] = False

    def __init_subclass__(cls, **kwargs):
        """Registers each trade's form so cancelling or finishing knows which slots belong to it."""
        super().__init_subclass__(**kwargs)
        if not inspect.isabstract(cls):
            FORMS[cls().form_name()] = cls

    @abstractmethod
    def name(self) -> Text:
        """`validate_<form>`; abstract so the action server does not register this base."""

    def is_answer_to(self, tracker: Tracker, slot: str) -> bool:
        """The message answers the question just asked, rather than asking something or changing the request."""
        return requested(tracker, slot) and latest_intent(tracker) not in QUESTION_INTENTS | self.content_intents

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        """Like the SDK's run, but keeps the helper slots (drafts, read-backs, spoken times) the extractors set.

        Screened first: abuse heard by the NLU is left to its rule (the form rejects the message), an absurd
        order, a prank name or too many changes of mind end the form here, declined (actions/screening.py); so
        does a request while the business is closed when the owner takes only messages after hours.

        The SDK returns only required slots; the read-back needs the others. A change after "no, that's
        wrong" also ends the wait for a change, so the read-back is asked again.
        """
        if latest_intent(tracker) == "abusive_or_prank":
            return []
        playbook = playbook_for(tracker)
        kind = await screened(tracker, playbook) if playbook is not None else None
        if kind:
            return await decline(dispatcher, tracker, playbook, kind, slots_of(self.form_name(), domain))
        if playbook is not None and playbook.rules.after_hours == TAKE_MESSAGE \
                and not within(playbook.hours, now().astimezone(playbook.timezone)):
            await take_message(dispatcher, tracker, playbook)
            return [ActiveLoop(None), SlotSet("requested_slot", None)] + [
                SlotSet(slot, None) for slot in slots_of(self.form_name(), domain)]
        extracted = await self.get_extraction_events(dispatcher, tracker, domain)
        tracker.add_slots(extracted)
        validated = await self._extract_validation_events(dispatcher, tracker, domain)
        required = await self.required_slots(self.domain_slots(domain), dispatcher, tracker, domain)
        events = [event for event in extracted if event["name"] not in required] + validated
        changed = any(
            event.get("event") == "slot" and event.get("name") not in CONFIRMATION_SLOTS and event.get("value") is not None
            for event in events
        )
        if changed and tracker.get_slot("awaiting_change"):
            events.append(SlotSet("awaiting_change", self.change_done))
        return events + self.upsell(dispatcher, tracker, playbook, events)

    def upsell(self, dispatcher: CollectingDispatcher, tracker: Tracker, playbook, events: List[EventType]) -> List[EventType]:
        """Once per request, when the caller has just chosen something the owner pairs with another item: one line
        before the next question, in the caller's language; the caller adds it by saying so, or carries on."""
        chosen = next((event.get("value") for event in events if event.get("name") == self.upsell_slot and event.get("value")), None)
        if not chosen or playbook is None or playbook.trade == "clinic" or tracker.get_slot("upsell_offered"):
            return []
        ids = [entry.get("item_id") or entry.get("id") if isinstance(entry, dict) else str(entry) for entry in chosen]
        rule = playbook.rules.upsell_for(ids)
        item = playbook.catalog.item(rule.suggest) if rule else None
        if item is None:
            return []
        language = language_of(tracker)
        if rule.say.get(language):
            dispatcher.utter_message(text=rule.say[language])
        else:
            dispatcher.utter_message(response="utter_upsell", suggestion=item.spoken_name(language))
        return [SlotSet("upsell_offered", True)]

    async def extract_customer_name(self, dispatcher, tracker: Tracker, domain) -> Dict[Text, Any]:
        language = language_of(tracker)
        said = clean_name(latest_text(tracker), language) if requested(tracker, "customer_name") else None
        entity = latest_entity(tracker, "customer_name")
        if entity:
            name = clean_name(entity, language)
            known = tracker.get_slot("customer_name")
            if name and not said and known and name in known:
                return {}
            if name:
                # The model may mark only "Carlos" in an answer of "Carlos Ruiz": the whole answer is the name. A
                # signature "Carlos" later on does not shorten a name already given.
                return {"customer_name": said if said and name in said else name}
        if not self.is_answer_to(tracker, "customer_name"):
            return {}
        name = said
        if name is None:
            dispatcher.utter_message(response="utter_name_not_understood")
        return {"customer_name": name}

    async def extract_customer_phone(self, dispatcher, tracker: Tracker, domain) -> Dict[Text, Any]:
        """A number said or typed wins; otherwise the number the caller is calling or texting from."""
        playbook = playbook_for(tracker)
        region = region_of(playbook.phone_numbers) if playbook else "US"
        spoken = latest_entity(tracker, "phone-number")
        if spoken or requested(tracker, "customer_phone"):
            phone = normalise_phone(spoken or latest_text(tracker), region)
            if phone:
                return {"customer_phone": phone}
            if self.is_answer_to(tracker, "customer_phone"):
                dispatcher.utter_message(response="utter_phone_not_understood")
                return {"customer_phone": None}
            return {}
        caller = tracker.get_slot("caller_phone")
        if caller and not tracker.get_slot("customer_phone"):
            return {"customer_phone": normalise_phone(caller, region)}
        return {}

    async def extract_confirmed(self, dispatcher, tracker: Tracker, domain) -> Dict[Text, Any]:
        if not requested(tracker, "confirmed"):
            return {}
        intent = latest_intent(tracker)
        if intent == "affirm":
            return {"confirmed": True}
        if intent == "deny":
            return {"confirmed": None, "awaiting_change": True}
        return {}


def slots_of(form: str, domain: DomainDict) -> List[Text]:
    """What to clear when the request ends: the form's slots and helpers, keeping who the caller is."""
    required = domain.get("forms", {}).get(form, {}).get("required_slots", [])
    helpers = FORMS[form].helper_slots if form in FORMS else ()
    return [slot for slot in [*required, *helpers, "confirmed", "awaiting_change", "upsell_offered"] if slot not in CONTACT_SLOTS]
