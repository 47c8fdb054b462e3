"""Fills the order form from whatever the caller says, in any order, and asks only for what is missing."""

from datetime import timedelta
from typing import Any, Dict, List, Text

from rasa_sdk import Tracker

import catalog
from actions.context import QUESTION_INTENTS, latest_entity, latest_intent, latest_text, now, playbook_for
from actions.request_form import RequestFormValidation, requested
from ordering import fulfillment as fulfillment_words
from ordering.phrasing import spoken_list
from scheduling import duckling_client
from scheduling.formatting import spoken_choices, spoken_time
from scheduling.hours import OpeningHours

ORDER_INTENTS = {"place_order", "change_order", "order_usual", "inform"}
ITEM_INTENTS = {"place_order", "change_order", "order_usual"}
ORDER_HELPER_SLOTS = ("order_draft", "pending_item", "pending_options", "order_summary", "order_total", "pickup_time_spoken")


class ValidateOrderForm(RequestFormValidation):
    content_intents = frozenset(ITEM_INTENTS)
    helper_slots = ORDER_HELPER_SLOTS

    def name(self) -> Text:
        return "validate_order_form"

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
        wanted = fulfillment_words.detect(latest_text(tracker), latest_entity(tracker, "fulfillment"))
        if wanted is None:
            return {}
        if wanted not in offered:
            dispatcher.utter_message(response="utter_fulfillment_not_offered", fulfillment_options=" or ".join(offered))
            return {"fulfillment": None}
        return {"fulfillment": wanted}

    async def extract_delivery_address(self, dispatcher, tracker: Tracker, domain) -> Dict[Text, Any]:
        if not requested(tracker, "delivery_address") or latest_intent(tracker) in QUESTION_INTENTS | ITEM_INTENTS:
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
            return {"pickup_time": choice.accepted.isoformat(), "pickup_time_spoken": spoken_time(choice.accepted, current)}
        if choice.reason == "no_time":
            if requested(tracker, "pickup_time") and latest_intent(tracker) not in ITEM_INTENTS:
                dispatcher.utter_message(response="utter_time_not_understood")
                return {"pickup_time": None}
            return {}
        dispatcher.utter_message(response=f"utter_time_{choice.reason}", time_options=spoken_choices(choice.alternatives, current))
        return {"pickup_time": None}
