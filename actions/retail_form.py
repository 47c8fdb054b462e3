"""Fills a shop's pickup hold or quote request from whatever the caller says, in any order, and stores it on the
caller's "yes". Reading items against stock, pickup times, the hold and the ticket live in `trades/retail*`.

A request is a pickup hold unless the caller asks for a quote ("can you quote me 40 bags of concrete"), which
needs only their words and a way to call back. Items we are out of never reach the order; when we have fewer
than asked, the order holds what we have and the caller is asked whether that will do.
"""

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

import catalog
from actions.context import (
    QUESTION_INTENTS, latest_entity, latest_intent, latest_text, now, playbook_for, previous_availability_question,
)
from actions.request_form import requested
from actions.ticket_form import TicketFormValidation
from ordering.fulfillment import wants_asap
from ordering.phrasing import spoken_list
from playbooks import Playbook
from pos.ticket import Ticket
from scheduling import duckling_client
from scheduling.formatting import spoken_choices, spoken_duration, spoken_time
from trades.retail import (asks_for_quote, check_stock, follow_up, lines_of, names_something, quote_lines, read_back,
                           read_items, without_item)
from trades.retail_pickup import choose_pickup, held_until, parsed_pickup, pickup_candidates
from trades.retail_ticket import PICKUP, QUOTE, RetailRequest, build_retail_ticket

CONTENT_INTENTS = frozenset({"place_order", "change_order", "request_quote"})
ITEM_INTENTS = CONTENT_INTENTS | {"inform"}
RETAIL_HELPER_SLOTS = (
    "retail_kind", "retail_draft", "retail_items_question", "retail_pending_item", "retail_pending_options",
    "retail_offer", "retail_offer_lines", "retail_offer_alternatives", "retail_summary", "retail_total",
    "retail_matched", "retail_said", "retail_pickup_spoken", "retail_held_until", "retail_held_until_spoken",
)
PICKUP_SLOTS = ["retail_items", "retail_pickup_time", "customer_name", "customer_phone", "confirmed"]
QUOTE_SLOTS = ["retail_quote_request", "customer_name", "customer_phone", "confirmed"]


def _language(tracker: Tracker) -> str:
    return tracker.get_slot("language") or "en"


def _changed(tracker: Tracker, values: Dict[Text, Any]) -> Dict[Text, Any]:
    """Only what differs, so an unchanged turn never counts as a change to the request."""
    return {slot: value for slot, value in values.items() if tracker.get_slot(slot) != value}


def kind_of(tracker: Tracker) -> str:
    """A quote once the caller asks for one (by intent, or "quote"/"estimate"/"bulk" in an order); else a hold."""
    if tracker.get_slot("retail_kind") == QUOTE:
        return QUOTE
    intent = latest_intent(tracker)
    if intent == "request_quote" or (intent in ITEM_INTENTS and asks_for_quote(latest_text(tracker), _language(tracker))):
        return QUOTE
    return PICKUP


class ValidateRetailForm(TicketFormValidation):
    content_intents = CONTENT_INTENTS
    helper_slots = RETAIL_HELPER_SLOTS
    change_done = None

    def name(self) -> Text:
        return "validate_retail_form"

    async def required_slots(self, domain_slots, dispatcher, tracker, domain) -> List[Text]:
        return list(QUOTE_SLOTS if kind_of(tracker) == QUOTE else PICKUP_SLOTS)

    # --- items for a pickup hold -------------------------------------------------------------------

    async def extract_retail_items(self, dispatcher, tracker: Tracker, domain) -> Dict[Text, Any]:
        playbook = playbook_for(tracker)
        if playbook is None:
            dispatcher.utter_message(response="utter_unknown_business")
            return {}
        intent = latest_intent(tracker)
        if intent in QUESTION_INTENTS:
            return {}
        draft = tracker.get_slot("retail_draft") or []
        offer = tracker.get_slot("retail_offer")
        if offer and intent in ("affirm", "deny"):
            return self._answer_offer(dispatcher, tracker, playbook, draft, offer, intent == "affirm")
        text, language = latest_text(tracker), _language(tracker)
        update = read_items(text, playbook.catalog, draft, language)
        question = previous_availability_question(tracker) if not (draft or update.changed) else ""
        if question and intent in ("affirm", "place_order", "inform"):
            asked = follow_up(question, text, playbook.catalog, language)
            if asked.changed:
                return self._item_slots(dispatcher, tracker, playbook, asked.lines, heard=question)
        if intent not in ITEM_INTENTS and not requested(tracker, "retail_items"):
            return {}
        self._report_unknown(dispatcher, update, language)
        heard = text if names_something(update, language) else None
        if not update.changed:
            return _changed(tracker, {"retail_said": self._heard(tracker, heard)}) if heard else {}
        return self._item_slots(dispatcher, tracker, playbook, update.lines, heard=heard)

    def _answer_offer(self, dispatcher, tracker: Tracker, playbook: Playbook, draft, offer, accepted: bool) -> Dict[Text, Any]:
        """ "Would you like the 2 we have?": yes keeps them; no takes the item off the order."""
        if not accepted:
            item = playbook.catalog.item(offer["item_id"])
            dispatcher.utter_message(response="utter_retail_taken_off", item=item.name if item else offer["name"])
            draft = without_item(draft, offer["item_id"])
        return self._item_slots(dispatcher, tracker, playbook, draft, heard=None)

    def _heard(self, tracker: Tracker, text: Optional[str]) -> List[str]:
        """The caller's own words about what they want, kept verbatim for a quote request."""
        heard = list(tracker.get_slot("retail_said") or [])
        return heard + [text] if text and text not in heard else heard

    @staticmethod
    def _report_unknown(dispatcher: CollectingDispatcher, update: catalog.OrderUpdate, language: str) -> None:
        for phrase in update.unknown:
            suggestions = update.suggestions.get(phrase)
            if suggestions:
                dispatcher.utter_message(response="utter_retail_unknown_item_with_suggestions", unknown_item=phrase,
                                         item_suggestions=spoken_list(suggestions, "or", language))
            else:
                dispatcher.utter_message(response="utter_retail_unknown_item", unknown_item=phrase)

    def _item_slots(self, dispatcher, tracker: Tracker, playbook: Playbook, lines: List[dict],
                    heard: Optional[str]) -> Dict[Text, Any]:
        """Checks the order against the shelf, says what we are out of, and asks about the first shortage.

        Short lines are already cut to the count we have, so a "yes" to that question passes the next check."""
        menu, language = playbook.catalog, _language(tracker)
        stocked = check_stock(lines, menu)
        for issue in stocked.out:
            response = "utter_retail_out_of_stock_alternatives" if issue.alternatives else "utter_retail_out_of_stock"
            dispatcher.utter_message(response=response, out_of_stock=issue.name,
                                     alternatives=spoken_list(issue.alternatives, "or", language))
        short = stocked.short[0] if stocked.short else None
        for issue in stocked.short[1:]:
            dispatcher.utter_message(response="utter_retail_stock_short",
                                     stock_in=read_back(lines_of(stocked.lines, issue.item_id), menu, language))
        lines = stocked.lines
        missing = catalog.missing_variation(lines, menu)
        question = ("stock_alternatives" if short.alternatives else "stock") if short else "size" if missing else None
        return _changed(tracker, {
            "retail_kind": PICKUP,
            "retail_draft": lines,
            "retail_items": lines if lines and question is None else None,
            "retail_items_question": question,
            "retail_pending_item": missing[1].spoken_name(language) if missing else None,
            "retail_pending_options": catalog.variation_choices(missing[1], language) if missing else None,
            "retail_offer": {"item_id": short.item_id, "name": short.name, "in_stock": short.in_stock} if short else None,
            "retail_offer_lines": read_back(lines_of(lines, short.item_id), menu, language) if short else None,
            "retail_offer_alternatives": spoken_list(short.alternatives, "or", language) if short else None,
            "retail_summary": read_back(lines, menu, language) if lines else None,
            "retail_total": str(catalog.order_total(lines)),
            "retail_said": self._heard(tracker, heard),
            "confirmed": None,
        })

    # --- a quote request ---------------------------------------------------------------------------

    async def extract_retail_quote_request(self, dispatcher, tracker: Tracker, domain) -> Dict[Text, Any]:
        """The caller's words verbatim, every message that said what to quote; catalog matches become lines."""
        playbook = playbook_for(tracker)
        intent = latest_intent(tracker)
        if playbook is None or intent in QUESTION_INTENTS:
            return {}
        language, text = _language(tracker), latest_text(tracker)
        answering = requested(tracker, "retail_quote_request") and intent not in ("affirm", "deny")
        if intent not in ITEM_INTENTS and not answering:
            return {}
        named = names_something(read_items(text, playbook.catalog, [], language), language)
        switching = tracker.get_slot("retail_kind") != QUOTE and bool(tracker.get_slot("retail_said"))
        heard = self._heard(tracker, text if named or switching or (answering and text.strip()) else None)
        if not heard:
            return _changed(tracker, {"retail_kind": QUOTE})
        lines: List[dict] = []
        for words in heard:
            lines = read_items(words, playbook.catalog, lines, language).lines
        lines = quote_lines(lines, playbook.catalog)
        return _changed(tracker, {
            "retail_kind": QUOTE,
            "retail_said": heard,
            "retail_quote_request": " / ".join(heard),
            "retail_draft": lines,
            "retail_summary": read_back(lines, playbook.catalog, language) if lines else None,
            "retail_matched": bool(lines),
            "confirmed": None,
        })

    # --- when it is picked up ----------------------------------------------------------------------

    async def extract_retail_pickup_time(self, dispatcher, tracker: Tracker, domain) -> Dict[Text, Any]:
        playbook = playbook_for(tracker)
        intent = latest_intent(tracker)
        if playbook is None or intent in QUESTION_INTENTS:
            return {}
        text, language = latest_text(tracker), _language(tracker)
        asap = wants_asap(text, language)
        if not (asap or latest_entity(tracker, "time") is not None or requested(tracker, "retail_pickup_time")):
            return {}
        current = now()
        candidates = []
        if not asap:
            entities = await duckling_client.parse(text, playbook.timezone_name, language, current, ["time"])
            candidates = pickup_candidates(playbook, entities, current)
        choice = choose_pickup(playbook, candidates, current, asap)
        if choice.accepted:
            until = held_until(playbook, choice.accepted)
            return _changed(tracker, {
                "retail_pickup_time": choice.accepted.isoformat(),
                "retail_pickup_spoken": spoken_time(choice.accepted, current, language),
                "retail_held_until": until.isoformat(),
                "retail_held_until_spoken": spoken_time(until, current, language),
                "confirmed": None,
            })
        if choice.reason == "no_time":
            if self.is_answer_to(tracker, "retail_pickup_time") and intent not in CONTENT_INTENTS:
                dispatcher.utter_message(response="utter_retail_time_not_understood")
                return {"retail_pickup_time": None}
            return {}
        dispatcher.utter_message(response=f"utter_retail_time_{choice.reason}",
                                 time_options=spoken_choices(choice.alternatives, current, language),
                                 prep=spoken_duration(playbook.ordering.prep_minutes, language))
        return {"retail_pickup_time": None}

    # --- the ticket --------------------------------------------------------------------------------

    def build_ticket(self, tracker: Tracker, playbook: Playbook, key: str) -> Ticket:
        quote = kind_of(tracker) == QUOTE
        request = RetailRequest(
            kind=QUOTE if quote else PICKUP,
            lines=(tracker.get_slot("retail_draft") if quote else tracker.get_slot("retail_items")) or [],
            customer_name=tracker.get_slot("customer_name"),
            customer_phone=tracker.get_slot("customer_phone"),
            pickup=None if quote else parsed_pickup(tracker.get_slot("retail_pickup_time")),
            held_until=None if quote else parsed_pickup(tracker.get_slot("retail_held_until")),
            quote_request=tracker.get_slot("retail_quote_request") or "",
        )
        return build_retail_ticket(request, playbook.id, tracker.get_slot("channel") or "web", _language(tracker),
                                   tracker.sender_id, key)
