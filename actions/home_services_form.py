"""The service call for plumbing, heating, electrical and cleaning businesses: problem, job address, arrival
window, access notes and contact, filled from whatever the caller says; and the emergencies that come first."""

import asyncio
import re
from datetime import date, datetime
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.availability import say_availability
from actions.context import (
    QUESTION_INTENTS, database, latest_intent, latest_text, now, playbook_for,
)
from actions.request_form import requested, slots_of
from actions.ticket_form import TicketFormValidation
from handoff import request_handoff
from playbooks import Playbook
from pos.ticket import Ticket
from safety import is_medical_emergency
from scheduling import duckling_client
from scheduling.availability import spoken_windows
from scheduling.calendar import Calendar, Offer
from scheduling.reservations import Hold
from scheduling.when import read_when
from trades.home_services import (
    EMERGENCY, NO_ACCESS_NOTES, SOON, access_notes_answer, address_answer, find_address, is_gas_danger,
    match_service, problem_answer, read_message, urgency_in, without_address_and_phone,
)
from trades.home_services_ticket import ServiceCall, job_item, service_call_ticket
from trades.home_services_windows import (
    Pick, WindowSchedule, WindowWords, earliest_today, pick_window, read_window_words, window_from_iso,
    without_clock_span,
)

FORM = "service_call_form"
SERVICE_CALL_INTENTS = frozenset({"report_problem", "make_booking", "request_quote", "report_emergency"})
HELPER_SLOTS = (
    "home_service", "home_job", "home_window_end", "home_window_spoken", "home_window_options", "home_window_prompt",
    "home_day", "home_staff_flagged", "home_emergency_handled", "home_gas_warned",
)
# Answers full of digits or words Duckling would misread as times: a gate code, a name like "April", a phone number.
NOT_TIMES = ("home_access_notes", "customer_name", "customer_phone")
CHOOSE = "choose"
LOOK_BACK_TURNS = 3
# A message naming the address while one is already held is changing it: "the address is actually...",
# "la dirección es otra", "地址改一下".
ADDRESS_WORDS = re.compile(r"address|direcci[óo]n|地址", re.IGNORECASE)


def _language(tracker: Tracker) -> str:
    return tracker.get_slot("language") or "en"


def _flag_staff(playbook: Playbook, tracker: Tracker, reason: str) -> None:
    """Urgent hand-off to staff (a DB write: run in a worker thread)."""
    request_handoff(database(), playbook.id, tracker.sender_id, reason, True, latest_text(tracker))


async def _duckling_times(text: str, playbook: Playbook, tracker: Tracker, current: datetime) -> List[Dict[str, Any]]:
    """Duckling's reading of the times in `text`; nothing to read once the address and clock span are taken out."""
    if not text.strip(" ,.!?"):
        return []
    return await duckling_client.parse(text, playbook.timezone_name, _language(tracker), current, ["time"])


class ValidateServiceCallForm(TicketFormValidation):
    content_intents = SERVICE_CALL_INTENTS
    helper_slots = HELPER_SLOTS

    def name(self) -> Text:
        return "validate_service_call_form"

    async def required_slots(self, domain_slots, dispatcher, tracker: Tracker, domain) -> List[Text]:
        """Right after windows were offered, the window is the question, whatever else is still missing."""
        slots = list(domain_slots)
        if tracker.get_slot("home_window_prompt") == CHOOSE and not tracker.get_slot("home_window"):
            slots.remove("home_window")
            slots.insert(0, "home_window")
        return slots

    async def extract_home_problem(self, dispatcher, tracker: Tracker, domain) -> Dict[Text, Any]:
        intent, text, language = latest_intent(tracker), latest_text(tracker), _language(tracker)
        playbook = playbook_for(tracker)
        if playbook is None or intent in QUESTION_INTENTS:
            return {}
        if requested(tracker, "home_problem"):
            problem = problem_answer(text, language)
        elif intent in SERVICE_CALL_INTENTS or tracker.get_slot("awaiting_change") or not tracker.get_slot("home_problem"):
            problem = read_message(text, language).problem
        else:
            return {}
        if problem is None:
            return {}
        service = match_service(problem, playbook.catalog, language)
        job = job_item(playbook.catalog, service.id if service else None)
        return {"home_problem": problem, "home_service": service.id if service else None,
                "home_job": job.spoken_name(language) if job else None}

    async def extract_home_urgency(self, dispatcher, tracker: Tracker, domain) -> Dict[Text, Any]:
        """Emergency words (or the emergency intent) flag staff at once; a gas smell first sends the caller outside."""
        intent, text = latest_intent(tracker), latest_text(tracker)
        playbook = playbook_for(tracker)
        if playbook is None or intent in QUESTION_INTENTS:
            return {}
        changes: Dict[Text, Any] = {}
        if is_gas_danger(text) and not tracker.get_slot("home_gas_warned"):
            dispatcher.utter_message(response="utter_home_gas_leave", phone=playbook.staff_contact)
            await asyncio.to_thread(_flag_staff, playbook, tracker, "playbook_rule")
            changes.update(home_gas_warned=True, home_staff_flagged=True)
        said = EMERGENCY if intent == "report_emergency" else urgency_in(text, _language(tracker))
        current = tracker.get_slot("home_urgency")
        urgency = EMERGENCY if EMERGENCY in (said, current) else said or current or (SOON if tracker.get_slot("home_problem") else None)
        if urgency is None:
            return changes
        if urgency == EMERGENCY and not (tracker.get_slot("home_staff_flagged") or changes.get("home_staff_flagged")):
            await asyncio.to_thread(_flag_staff, playbook, tracker, "playbook_rule")
            dispatcher.utter_message(response="utter_home_emergency_flagged")
            changes["home_staff_flagged"] = True
        return {**changes, "home_urgency": urgency} if urgency != current else changes

    async def extract_home_address(self, dispatcher, tracker: Tracker, domain) -> Dict[Text, Any]:
        intent, text = latest_intent(tracker), latest_text(tracker)
        if intent in QUESTION_INTENTS:
            return {}
        if requested(tracker, "home_address"):
            address = address_answer(text, _language(tracker))
            if address:
                return {"home_address": address}
            if self.is_answer_to(tracker, "home_address"):
                dispatcher.utter_message(response="utter_home_address_not_understood")
                return {"home_address": None}
            return {}
        changing = tracker.get_slot("awaiting_change") or bool(ADDRESS_WORDS.search(text))
        if tracker.get_slot("home_address") and not changing:
            return {}
        address = find_address(text, _language(tracker))
        return {"home_address": address} if address else {}

    async def extract_home_window(self, dispatcher, tracker: Tracker, domain) -> Dict[Text, Any]:
        playbook = playbook_for(tracker)
        intent = latest_intent(tracker)
        if playbook is None or (intent in QUESTION_INTENTS and intent != "ask_availability"):
            return {"home_window_prompt": None}
        current = now()
        schedule = WindowSchedule(playbook, Calendar(playbook, database()))
        words = await self._window_words(tracker, playbook, current)
        if intent == "ask_availability":
            await say_availability(dispatcher, tracker, playbook)
            day = words.day or words.from_day
            return {"home_window": None, "home_window_end": None, "home_window_spoken": None,
                    "home_window_prompt": CHOOSE, **({"home_day": day.isoformat()} if day else {})}
        if words.said_anything:
            pick = await asyncio.to_thread(pick_window, schedule, words, current)
            return self._picked(dispatcher, tracker, pick, current)
        if tracker.get_slot("home_window"):
            return {"home_window_prompt": None}
        if tracker.get_slot("home_urgency") == EMERGENCY and not tracker.get_slot("home_emergency_handled") \
                and not tracker.get_slot("home_gas_warned"):
            return await self._emergency_window(dispatcher, tracker, schedule, current)
        day = self._remembered_day(tracker) or schedule.today(current)
        options = await asyncio.to_thread(schedule.free_from, day, current)
        return {"home_window_options": spoken_windows(options, current, _language(tracker)) or None, "home_window_prompt": None}

    async def _window_words(self, tracker: Tracker, playbook: Playbook, current: datetime) -> WindowWords:
        if any(self.is_answer_to(tracker, slot) for slot in NOT_TIMES):
            return WindowWords()
        language = _language(tracker)
        text = without_address_and_phone(latest_text(tracker), language)
        entities = await _duckling_times(without_clock_span(text, language), playbook, tracker, current)
        today = current.astimezone(playbook.timezone).date()
        remembered = self._remembered_day(tracker) or await self._day_asked_about(tracker, playbook, current)
        return read_window_words(text, entities, playbook, today, remembered, language)

    @staticmethod
    def _remembered_day(tracker: Tracker) -> Optional[date]:
        day = tracker.get_slot("home_day")
        return date.fromisoformat(day) if day else None

    @staticmethod
    async def _day_asked_about(tracker: Tracker, playbook: Playbook, current: datetime) -> Optional[date]:
        """The day of an availability question just before this message ("anything Thursday?" → "the afternoon one")."""
        users = [event for event in reversed(tracker.events) if event.get("event") == "user"][1 : 1 + LOOK_BACK_TURNS]
        asked = next((e for e in users if ((e.get("parse_data") or {}).get("intent") or {}).get("name") == "ask_availability"), None)
        if asked is None:
            return None
        entities = await _duckling_times(asked.get("text") or "", playbook, tracker, current)
        when = read_when(entities, current.astimezone(playbook.timezone).date())
        return (when.day or when.not_before) if when else None

    @staticmethod
    def _window_slots(window: Offer, current: datetime, language: str) -> Dict[Text, Any]:
        return {
            "home_window": window.start.isoformat(),
            "home_window_end": window.end.isoformat(),
            "home_window_spoken": spoken_windows([window], current, language),
            "home_day": window.start.date().isoformat(),
            "home_window_options": None,
            "home_window_prompt": None,
        }

    def _picked(self, dispatcher, tracker: Tracker, pick: Pick, current: datetime) -> Dict[Text, Any]:
        language = _language(tracker)
        if pick.window is not None:
            return self._window_slots(pick.window, current, language)
        options = spoken_windows(pick.options, current, language) or None
        changes: Dict[Text, Any] = {
            "home_window": None, "home_window_end": None, "home_window_spoken": None,
            "home_window_options": options, "home_window_prompt": None,
            "home_day": self._day_of(pick, tracker),
        }
        if pick.reason == "choose" and options:
            return changes
        if not options:
            dispatcher.utter_message(response="utter_availability_none")
        elif pick.reason == "full":
            wanted = spoken_windows([pick.wanted], current, language)
            dispatcher.utter_message(response="utter_home_window_full", home_window_wanted=wanted, home_window_options=options)
        else:
            dispatcher.utter_message(response="utter_home_window_unavailable", home_window_options=options)
        return {**changes, "home_window_prompt": CHOOSE}

    @staticmethod
    def _day_of(pick: Pick, tracker: Tracker) -> Optional[str]:
        """The day "the afternoon one" will mean next: the options' day when they share one, else the day asked."""
        days = {offer.start.date() for offer in pick.options}
        day = days.pop() if len(days) == 1 else pick.day
        return day.isoformat() if day else tracker.get_slot("home_day")

    async def _emergency_window(self, dispatcher, tracker: Tracker, schedule: WindowSchedule, current: datetime) -> Dict[Text, Any]:
        """An emergency takes the earliest window today; with none left, staff (already flagged) call back."""
        language = _language(tracker)
        window = await asyncio.to_thread(earliest_today, schedule, current)
        if window is not None:
            slots = self._window_slots(window, current, language)
            dispatcher.utter_message(response="utter_home_emergency_window", home_window_spoken=slots["home_window_spoken"])
            return {**slots, "home_emergency_handled": True}
        options = await asyncio.to_thread(schedule.free_from, schedule.today(current), current)
        spoken = spoken_windows(options, current, language) or None
        dispatcher.utter_message(response="utter_home_emergency_no_window_today", home_window_options=spoken)
        return {"home_emergency_handled": True, "home_window_options": spoken, "home_window_prompt": CHOOSE}

    async def extract_home_access_notes(self, dispatcher, tracker: Tracker, domain) -> Dict[Text, Any]:
        intent, text = latest_intent(tracker), latest_text(tracker)
        if intent in QUESTION_INTENTS:
            return {}
        language = _language(tracker)
        if requested(tracker, "home_access_notes"):
            if intent == "deny":
                return {"home_access_notes": NO_ACCESS_NOTES}
            notes = access_notes_answer(text, language)
            return {"home_access_notes": notes} if notes and intent != "affirm" else {}
        if tracker.get_slot("home_access_notes"):
            return {}
        notes = read_message(text, language).access_notes
        return {"home_access_notes": notes} if notes else {}

    def _call(self, tracker: Tracker) -> ServiceCall:
        window = window_from_iso(tracker.get_slot("home_window"), tracker.get_slot("home_window_end"))
        return ServiceCall(
            problem=tracker.get_slot("home_problem"),
            urgency=tracker.get_slot("home_urgency") or SOON,
            address=tracker.get_slot("home_address"),
            window_start=window.start,
            window_end=window.end,
            access_notes=tracker.get_slot("home_access_notes") or NO_ACCESS_NOTES,
            customer_name=tracker.get_slot("customer_name"),
            customer_phone=tracker.get_slot("customer_phone"),
            service_id=tracker.get_slot("home_service"),
        )

    def build_ticket(self, tracker: Tracker, playbook: Playbook, key: str) -> Ticket:
        return service_call_ticket(
            playbook, self._call(tracker), channel=tracker.get_slot("channel") or "web", language=_language(tracker),
            conversation_id=tracker.sender_id, key=key,
        )

    def holds(self, tracker: Tracker, playbook: Playbook) -> List[Hold]:
        window = window_from_iso(tracker.get_slot("home_window"), tracker.get_slot("home_window_end"))
        return list(Calendar(playbook, database()).holds_for_window(window))

    def slot_taken(self, dispatcher: CollectingDispatcher, tracker: Tracker, playbook: Playbook) -> Dict[Text, Any]:
        wanted = window_from_iso(tracker.get_slot("home_window"), tracker.get_slot("home_window_end"))
        current = now()
        schedule = WindowSchedule(playbook, Calendar(playbook, database()))
        pick = Pick(day=wanted.start.date(), options=tuple(schedule.nearest(wanted, current)), reason="full", wanted=wanted)
        return self._picked(dispatcher, tracker, pick, current)


class ActionAskServiceCallWindow(Action):
    """Asks for the window, except straight after an availability answer, which has just asked the same thing."""

    def name(self) -> Text:
        return "action_ask_service_call_form_home_window"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        if latest_intent(tracker) != "ask_availability":
            dispatcher.utter_message(response="utter_ask_service_call_form_home_window")
        return []


class ActionHomeEmergency(Action):
    """Safety before any booking: a medical emergency goes to 911, a gas smell out of the house; both flag staff
    and take no booking. Anything else urgent (flooding, no heat) carries on into the service call, which books
    the earliest window today."""

    def name(self) -> Text:
        return "action_home_emergency"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        playbook = playbook_for(tracker)
        text = latest_text(tracker)
        if playbook is None:
            dispatcher.utter_message(response="utter_unknown_business")
            return [SlotSet("home_stop_for_safety", True)]
        if is_medical_emergency(text):
            dispatcher.utter_message(response="utter_medical_emergency")
            await asyncio.to_thread(_flag_staff, playbook, tracker, "medical_emergency")
        elif is_gas_danger(text):
            dispatcher.utter_message(response="utter_home_gas_leave", phone=playbook.staff_contact)
            await asyncio.to_thread(_flag_staff, playbook, tracker, "playbook_rule")
        else:
            return [SlotSet("home_stop_for_safety", False)]
        events: List[EventType] = [SlotSet("home_stop_for_safety", True)]
        if tracker.active_loop.get("name") == FORM:
            events += [ActiveLoop(None), SlotSet("requested_slot", None)]
            events += [SlotSet(slot, None) for slot in slots_of(FORM, domain)]
        return events
