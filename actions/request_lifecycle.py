"""How any request ends or escalates: placed, cancelled, not understood twice, or a medical emergency."""

import asyncio
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.context import database, latest_text, playbook_for
from actions.request_form import slots_of
from handoff import request_handoff
from handoff.asking import mentions_person

UNCLEAR_LIMIT = 2


def _last_form(tracker: Tracker) -> Optional[str]:
    """The form running now, or the one that just finished."""
    if tracker.active_loop.get("name"):
        return tracker.active_loop["name"]
    return next((e.get("name") for e in reversed(tracker.events) if e.get("event") == "active_loop" and e.get("name")), None)


def _clear(form: Optional[str], domain: Dict[Text, Any]) -> List[EventType]:
    return [SlotSet(slot, None) for slot in slots_of(form, domain)] if form else []


def consecutive_unclear(tracker: Tracker) -> int:
    """How many of the caller's latest messages in a row the model could not place."""
    count = 0
    for event in reversed(tracker.events):
        if event.get("event") != "user":
            continue
        if ((event.get("parse_data") or {}).get("intent") or {}).get("name") != "nlu_fallback":
            break
        count += 1
    return count


class ActionCompleteRequest(Action):
    """After a form whose "yes" stored the ticket: tell the caller its number, then clear the request."""

    def name(self) -> Text:
        return "action_complete_request"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        form = _last_form(tracker)
        if form and tracker.get_slot("ticket_number"):
            dispatcher.utter_message(response=f"utter_{form}_placed")
        return _clear(form, domain)


class ActionCancelRequest(Action):
    def name(self) -> Text:
        return "action_cancel_request"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        form = tracker.active_loop.get("name")
        if not form:
            dispatcher.utter_message(response="utter_nothing_to_cancel")
            return []
        dispatcher.utter_message(response="utter_request_cancelled")
        return [ActiveLoop(None), SlotSet("requested_slot", None)] + _clear(form, domain)


class ActionHandleUnclear(Action):
    """First miss: ask to rephrase (the form then repeats its question). Second in a row, or a first one that
    mentions a person or the machine (a request for a person in words nothing else read): a person."""

    def name(self) -> Text:
        return "action_handle_unclear"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        playbook = playbook_for(tracker)
        wants_person = mentions_person(latest_text(tracker))
        if (consecutive_unclear(tracker) < UNCLEAR_LIMIT and not wants_person) or playbook is None:
            dispatcher.utter_message(response="utter_please_rephrase")
            return []
        await asyncio.to_thread(request_handoff, database(), playbook.id, tracker.sender_id, "unclear")
        dispatcher.utter_message(response="utter_offer_person", phone=playbook.staff_contact)
        return []


class ActionHandleEmergency(Action):
    """No booking, no advice: send the caller to emergency services and flag staff straight away."""

    def name(self) -> Text:
        return "action_handle_emergency"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        playbook = playbook_for(tracker)
        dispatcher.utter_message(response="utter_medical_emergency")
        if playbook is not None:
            await asyncio.to_thread(
                request_handoff, database(), playbook.id, tracker.sender_id, "medical_emergency", True, latest_text(tracker)
            )
        form = tracker.active_loop.get("name")
        return ([ActiveLoop(None), SlotSet("requested_slot", None)] if form else []) + _clear(form, domain)
