"""Fills the order form from whatever the caller says, in any order, and asks only for what is missing.

"The usual" (intent order_usual, or "same as last time" in an order) loads the caller's previous order
into the draft once per order, then applies the rest of the message to it ("but no onions").
"""

import asyncio
import logging
import re
from datetime import timedelta
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.exc import SQLAlchemyError

import catalog
from actions.context import (
    QUESTION_INTENTS, database, language_of, latest_entity, latest_intent, latest_text, now, playbook_for,
)
from actions.request_form import RequestFormValidation, requested
from customers import UsualOrder, usual_order
from customers.usual import asks_for_usual, fulfillment_of, recreate
from ordering import fulfillment as fulfillment_words
from ordering.contact import normalise_phone, region_of
from ordering.phrasing import spoken_list
from scheduling import duckling_client
from scheduling.formatting import spoken_choices, spoken_time
from scheduling.hours import OpeningHours

ORDER_INTENTS = {"place_order", "change_order", "order_usual", "inform"}
ITEM_INTENTS = {"place_order", "change_order", "order_usual"}
ORDER_HELPER_SLOTS = (
    "order_draft", "pending_item", "pending_options", "order_summary", "order_total", "pickup_time_spoken", "usual_order_number",
)

# What callers say before the address itself ("mi dirección es ...", "送到中山路88号"), left out of the read-back,
# which says "con entrega en {address}" / "送到{address}" itself.
ADDRESS_LEAD_INS = {
    "es": re.compile(
        r"^(?:(?:mi|la) direcci[oó]n es|es en|vivo en|estoy en|ll[eé]v\w* a|tr[aá]ig\w* a|es|en|a|al)\s+", re.I),
    "zh": re.compile(r"^(?:我的地址是|地址是|地址在|送到|送去|我住在|住在|在|到)\s*"),
}
# A Chinese address runs without spaces: "中山路88号" is one word, so it is counted in characters.
MIN_HAN_ADDRESS = 4

logger = logging.getLogger(__name__)


def delivery_address(text: str, language: str = "en") -> Optional[str]:
    """The address as said, when it is more than one word ("42 Elm Street", "Calle Juárez 45", "中山路88号")."""
    address = text.strip()
    lead_in = ADDRESS_LEAD_INS.get(language)
    if lead_in is not None:
        address = lead_in.sub("", address, count=1).strip()
    if language == "zh" and len(address.split()) < 2:
        return address if len(address) >= MIN_HAN_ADDRESS else None
    return address if len(address.split()) >= 2 else None


def wants_usual(tracker: Tracker) -> bool:
    """Asked for the previous order, and it has not been loaded into this order yet."""
    if tracker.get_slot("usual_order_number"):
        return False
    intent = latest_intent(tracker)
    return intent == "order_usual" or (
        intent in ITEM_INTENTS and asks_for_usual(latest_text(tracker), language_of(tracker)))


async def find_usual(tracker: Tracker, playbook) -> Optional[UsualOrder]:
    """The caller's previous order here, by the number they gave or the one they call from (or their email)."""
    region = region_of(playbook.phone_numbers)
    given = tracker.get_slot("customer_phone") or tracker.get_slot("caller_phone")
    phone = normalise_phone(given, region) if given else None
    email = tracker.get_slot("caller_email")
    if not (phone or email):
        return None
    try:
        return await asyncio.to_thread(usual_order, database(), playbook.id, phone, email, region)
    except SQLAlchemyError:
        logger.exception("could not read the previous orders for %s", playbook.id)
        return None


class ValidateOrderForm(RequestFormValidation):
    content_intents = frozenset(ITEM_INTENTS)
    helper_slots = ORDER_HELPER_SLOTS
    upsell_slot = "order_items"

    def name(self) -> Text:
        return "validate_order_form"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain) -> List[Dict[Text, Any]]:
        """When the usual was just loaded and the form still has a question before the read-back,
        the caller first hears what their usual is."""
        events = await super().run(dispatcher, tracker, domain)
        loaded = any(event.get("name") == "usual_order_number" and event.get("value") for event in events)
        asking = next((event.get("value") for event in reversed(events) if event.get("name") == "requested_slot"), None)
        if loaded and asking not in (None, "confirmed") and tracker.get_slot("order_summary"):
            dispatcher.utter_message(response="utter_usual_loaded", order_summary=tracker.get_slot("order_summary"))
        return events

    def upsell(self, dispatcher: CollectingDispatcher, tracker: Tracker, playbook, events: List[EventType]) -> List[EventType]:
        """A customer reordering "the usual" knows what they want: no suggestion then."""
        if any(event.get("name") == "usual_order_number" and event.get("value") for event in events):
            return []
        return super().upsell(dispatcher, tracker, playbook, events)

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
        if latest_intent(tracker) not in ORDER_INTENTS and not requested(tracker, "order_items"):
            return {}
        if wants_usual(tracker):
            usual = await find_usual(tracker, playbook)
            if usual is not None:
                return self._usual_order(dispatcher, tracker, playbook, usual)
            dispatcher.utter_message(response="utter_usual_not_found")
        lines = tracker.get_slot("order_draft") or []
        language = language_of(tracker)
        update = catalog.apply_utterance(latest_text(tracker), playbook.catalog, lines, language)
        self._report_unknown(dispatcher, update, language)
        if not update.changed:
            return {"order_draft": lines} if update.unknown else {}
        return self._order_slots(update.lines, playbook.catalog, language)

    def _usual_order(self, dispatcher, tracker: Tracker, playbook, usual: UsualOrder) -> Dict[Text, Any]:
        """The previous order at today's prices with the rest of the message applied; pickup or delivery
        as last time unless the caller says otherwise."""
        language = language_of(tracker)
        recreated = recreate(usual, latest_text(tracker), playbook.catalog, language)
        if recreated.unavailable:
            dispatcher.utter_message(response="utter_usual_items_unavailable",
                                     unavailable_items=spoken_list(recreated.unavailable, "or", language))
        self._report_unknown(dispatcher, recreated.update, language)
        said = fulfillment_words.detect(latest_text(tracker), latest_entity(tracker, "fulfillment"), language)
        fulfillment = {} if said or tracker.get_slot("fulfillment") else fulfillment_of(usual)
        if fulfillment.get("fulfillment") not in playbook.ordering.fulfillment:
            fulfillment = {}
        return {**self._order_slots(recreated.lines, playbook.catalog, language), **fulfillment,
                "usual_order_number": str(usual.number)}

    @staticmethod
    def _report_unknown(dispatcher, update: catalog.OrderUpdate, language: str) -> None:
        for phrase in update.unknown:
            suggestions = update.suggestions.get(phrase)
            if suggestions:
                dispatcher.utter_message(
                    response="utter_unknown_item_with_suggestions",
                    unknown_item=phrase,
                    item_suggestions=spoken_list(suggestions, "or", language),
                )
            else:
                dispatcher.utter_message(response="utter_unknown_item", unknown_item=phrase)

    @staticmethod
    def _order_slots(lines: List[Dict[str, Any]], menu, language: str = "en") -> Dict[Text, Any]:
        missing = catalog.missing_variation(lines, menu)
        return {
            "order_draft": lines,
            "order_items": lines if lines and missing is None else None,
            "pending_item": missing[1].spoken_name(language) if missing else None,
            "pending_options": catalog.variation_choices(missing[1], language) if missing else None,
            "order_summary": catalog.read_back(lines, language, catalog=menu) if lines else None,
            "order_total": str(catalog.order_total(lines)),
            "confirmed": None,
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
        language = language_of(tracker)
        wanted = fulfillment_words.detect(latest_text(tracker), latest_entity(tracker, "fulfillment"), language)
        if wanted is None:
            return {}
        if wanted not in offered:
            dispatcher.utter_message(response="utter_fulfillment_not_offered",
                                     fulfillment_options=fulfillment_words.spoken_options(offered, language))
            return {"fulfillment": None}
        return {"fulfillment": wanted}

    async def extract_delivery_address(self, dispatcher, tracker: Tracker, domain) -> Dict[Text, Any]:
        if not requested(tracker, "delivery_address") or latest_intent(tracker) in QUESTION_INTENTS | ITEM_INTENTS:
            return {}
        return {"delivery_address": delivery_address(latest_text(tracker), language_of(tracker))}

    async def extract_pickup_time(self, dispatcher, tracker: Tracker, domain) -> Dict[Text, Any]:
        playbook = playbook_for(tracker)
        text = latest_text(tracker)
        if playbook is None or latest_intent(tracker) in QUESTION_INTENTS:
            return {}
        asap = fulfillment_words.wants_asap(text, language_of(tracker))
        has_time = latest_entity(tracker, "time") is not None
        if not (asap or has_time or requested(tracker, "pickup_time")):
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
            return {"pickup_time": choice.accepted.isoformat(),
                    "pickup_time_spoken": spoken_time(choice.accepted, current, tracker.get_slot("language") or "en")}
        if choice.reason == "no_time":
            if requested(tracker, "pickup_time") and latest_intent(tracker) not in ITEM_INTENTS:
                dispatcher.utter_message(response="utter_time_not_understood")
                return {"pickup_time": None}
            return {}
        dispatcher.utter_message(response=f"utter_time_{choice.reason}",
                                 time_options=spoken_choices(choice.alternatives, current, tracker.get_slot("language") or "en"))
        return {"pickup_time": None}
