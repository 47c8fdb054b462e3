"""Fills the order form from whatever the caller says, in any order, and asks only for what is missing."""

from datetime import timedelta
from typing import Any, Dict, List, Text

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

import catalog
from actions.context import QUESTION_INTENTS, latest_entity, latest_intent, latest_text, now, playbook_for
from ordering import fulfillment as fulfillment_words
from ordering.contact import clean_name, normalise_phone, region_of
from ordering.phrasing import spoken_list
from scheduling import duckling_client
from scheduling.formatting import spoken_choices, spoken_time
from scheduling.hours import OpeningHours

ORDER_INTENTS = {"order_food", "change_order", "inform"}
ITEM_INTENTS = {"order_food", "change_order"}
CONFIRMATION_SLOTS = {"order_confirmed", "awaiting_change", "requested_slot"}


def _requested(tracker: Tracker, slot: str) -> bool:
    return tracker.get_slot("requested_slot") == slot


class ValidateOrderForm(FormValidationAction):
    def name(self) -> Text:
        return "validate_order_form"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        """Like the SDK's run, but keeps the helper slots (draft, read-back, spoken time) the extractors set.

        The SDK returns only required slots; the read-back needs the others. A change after "no, that's
        wrong" also ends the wait for a change, so the read-back is asked again.
        """
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
            events.append(SlotSet("awaiting_change", False))
        return events

    async def required_slots(self, domain_slots, dispatcher, tracker, domain) -> List[Text]:
        slots = list(domain_slots)
        if tracker.get_slot("fulfillment") != "delivery":
            slots.remove("delivery_address")
        return slots

    async def extract_order_items(self, dispatcher, tracker: Tracker, domain) -> Dict[Text, Any]:
        playbook = playbook_for(tracker)
        if playbook is None:
            dispatcher.utter_message(response="utter_unknown_business")
            return {"order_draft": None}
        if latest_intent(tracker) not in ORDER_INTENTS and not _requested(tracker, "order_items"):
            return {}
        lines = tracker.get_slot("order_draft") or []
        update = catalog.apply_utterance(latest_text(tracker), playbook.catalog, lines)
        for phrase in update.unknown:
            suggestions = update.suggestions.get(phrase)
            if suggestions:
                dispatcher.utter_message(
                    response="utter_unknown_item_with_suggestions",
                    unknown_item=phrase,
                    item_suggestions=spoken_list(suggestions),
                )
            else:
                dispatcher.utter_message(response="utter_unknown_item", unknown_item=phrase)
        if not update.changed:
            return {"order_draft": lines} if update.unknown else {}
        return self._order_slots(update.lines, playbook.catalog)

    @staticmethod
    def _order_slots(lines: List[Dict[str, Any]], menu) -> Dict[Text, Any]:
        missing = catalog.missing_variation(lines, menu)
        return {
            "order_draft": lines,
            "order_items": lines if lines and missing is None else None,
            "pending_item": missing[1].name if missing else None,
            "pending_options": catalog.variation_choices(missing[1]) if missing else None,
            "order_summary": catalog.read_back(lines, catalog=menu) if lines else None,
            "order_total": str(catalog.order_total(lines)),
            "order_confirmed": None,
        }

    async def extract_fulfillment(self, dispatcher, tracker: Tracker, domain) -> Dict[Text, Any]:
        playbook = playbook_for(tracker)
        if playbook is None:
            return {}
        offered = playbook.ordering.fulfillment
        if len(offered) == 1:
            return {} if tracker.get_slot("fulfillment") == offered[0] else {"fulfillment": offered[0]}
        if latest_intent(tracker) in QUESTION_INTENTS:
            return {}
        wanted = fulfillment_words.detect(latest_text(tracker), latest_entity(tracker, "fulfillment"))
        if wanted is None:
            return {}
        if wanted not in offered:
            dispatcher.utter_message(response="utter_fulfillment_not_offered", fulfillment_options=" or ".join(offered))
            return {"fulfillment": None}
        return {"fulfillment": wanted}

    async def extract_delivery_address(self, dispatcher, tracker: Tracker, domain) -> Dict[Text, Any]:
        if not _requested(tracker, "delivery_address") or latest_intent(tracker) in QUESTION_INTENTS | ITEM_INTENTS:
            return {}
        address = latest_text(tracker).strip()
        return {"delivery_address": address if len(address.split()) >= 2 else None}

    async def extract_pickup_time(self, dispatcher, tracker: Tracker, domain) -> Dict[Text, Any]:
        playbook = playbook_for(tracker)
        text = latest_text(tracker)
        if playbook is None or latest_intent(tracker) in QUESTION_INTENTS:
            return {}
        asap = fulfillment_words.wants_asap(text)
        has_time = latest_entity(tracker, "time") is not None
        if not (asap or has_time or _requested(tracker, "pickup_time")):
            return {}
        hours = OpeningHours(playbook)
        lead = playbook.ordering.delivery_minutes if tracker.get_slot("fulfillment") == "delivery" else playbook.ordering.prep_minutes
        current = now()
        if asap:
            candidates = [hours.earliest(current, lead)] if hours.earliest(current, lead) else []
        else:
            entities = await duckling_client.parse(text, playbook.timezone_name, tracker.get_slot("language") or "en", current, ["time", "duration"])
            candidates = duckling_client.time_candidates(entities)
            minutes = duckling_client.duration_minutes(entities)
            if not candidates and minutes is not None:
                candidates = [current.astimezone(playbook.timezone).replace(second=0, microsecond=0) + timedelta(minutes=minutes)]
        choice = hours.choose(candidates, current, lead)
        if choice.accepted:
            return {"pickup_time": choice.accepted.isoformat(), "pickup_time_spoken": spoken_time(choice.accepted, current)}
        if choice.reason == "no_time":
            if _requested(tracker, "pickup_time") and latest_intent(tracker) not in ITEM_INTENTS:
                dispatcher.utter_message(response="utter_time_not_understood")
                return {"pickup_time": None}
            return {}
        dispatcher.utter_message(response=f"utter_time_{choice.reason}", time_options=spoken_choices(choice.alternatives, current))
        return {"pickup_time": None}

    async def extract_customer_name(self, dispatcher, tracker: Tracker, domain) -> Dict[Text, Any]:
        entity = latest_entity(tracker, "customer_name")
        if entity:
            name = clean_name(entity)
            if name:
                return {"customer_name": name}
        if not _requested(tracker, "customer_name") or latest_intent(tracker) in QUESTION_INTENTS | ITEM_INTENTS:
            return {}
        name = clean_name(latest_text(tracker))
        if name is None:
            dispatcher.utter_message(response="utter_name_not_understood")
        return {"customer_name": name}

    async def extract_customer_phone(self, dispatcher, tracker: Tracker, domain) -> Dict[Text, Any]:
        playbook = playbook_for(tracker)
        region = region_of(playbook.phone_numbers) if playbook else "US"
        spoken = latest_entity(tracker, "phone-number")
        if spoken or _requested(tracker, "customer_phone"):
            phone = normalise_phone(spoken or latest_text(tracker), region)
            if phone:
                return {"customer_phone": phone}
            if _requested(tracker, "customer_phone") and latest_intent(tracker) not in QUESTION_INTENTS | ITEM_INTENTS:
                dispatcher.utter_message(response="utter_phone_not_understood")
                return {"customer_phone": None}
            return {}
        caller = tracker.get_slot("caller_phone")
        if caller and not tracker.get_slot("customer_phone"):
            return {"customer_phone": normalise_phone(caller, region)}
        return {}

    async def extract_order_confirmed(self, dispatcher, tracker: Tracker, domain) -> Dict[Text, Any]:
        if not _requested(tracker, "order_confirmed"):
            return {}
        intent = latest_intent(tracker)
        if intent == "affirm":
            return {"order_confirmed": True}
        if intent == "deny":
            return {"order_confirmed": None, "awaiting_change": True}
        return {}

