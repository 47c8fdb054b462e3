"""Fills a repair drop-off from whatever the caller says, books the drop-off slot, and stores the work order on
the caller's "yes". Reading the device, symptom and quote wish, and choosing slots, live in `trades/repair*`."""

import asyncio
from datetime import date, datetime
from typing import Any, Dict, List, Optional, Sequence, Text, Tuple

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.context import (
    QUESTION_INTENTS, database, latest_intent, latest_text, now, playbook_for, previous_availability_question,
)
from actions.request_form import requested
from actions.ticket_form import TicketFormValidation
from ordering.fulfillment import wants_asap
from ordering.phrasing import spoken_list
from playbooks import Playbook
from pos.ticket import Ticket
from scheduling import duckling_client
from scheduling.availability import spoken_offers
from scheduling.calendar import Calendar, Offer
from scheduling.formatting import spoken_time
from scheduling.reservations import Hold
from scheduling.when import When, read_when
from trades.repair import (CORRECTION_CUES, Device, blank_spans, corrected_model, doesnt_know, merged, model_answer,
                           read_device)
from trades.repair_catalog import line_names, repair_lines
from trades.repair_dropoff import DropOff, DropOffBooking, holds_for, names_a_day, offers_from, ordinal_pick
from trades.repair_quote import quote_wanted
from trades.repair_symptom import added_symptom, symptom_in
from trades.repair_ticket import RepairRequest, build_work_order

CONTENT_INTENTS = frozenset({"report_problem", "make_booking", "request_quote", "change_order"})
# Intents a free-text answer about the device or the problem comes with ("deny": "no idea what model").
ANSWER_INTENTS = frozenset({"inform", "report_problem", "make_booking", "change_order", "deny"})
DEVICE_SLOTS = ("repair_device_kind", "repair_device_brand", "repair_device_model", "repair_device_noun",
                "repair_device_kind_said")
REPAIR_HELPER_SLOTS = (*DEVICE_SLOTS, "repair_lines", "repair_matched", "repair_summary", "repair_dropoff_spoken",
                       "repair_offered_times")
# While these are asked, a plain answer is about them, not the device ("it's Kia" is a name, not a car).
CONTENT_QUESTIONS = {None, "repair_device", "repair_symptom"}


def _language(tracker: Tracker) -> str:
    return tracker.get_slot("language") or "en"


def _changed(tracker: Tracker, values: Dict[Text, Any]) -> Dict[Text, Any]:
    """Only what differs, so an unchanged turn never counts as a change to the request."""
    return {slot: value for slot, value in values.items() if tracker.get_slot(slot) != value}


def _device_of(tracker: Tracker) -> Optional[Device]:
    kind, brand, model, noun, said = (tracker.get_slot(slot) for slot in DEVICE_SLOTS)
    if not (kind or brand or model):
        return None
    return Device(kind, brand, model, noun, bool(said))


def _device_slots(device: Device) -> Dict[Text, Any]:
    return dict(zip(DEVICE_SLOTS, (device.kind, device.brand, device.model, device.noun, device.kind_said)))


def _about_the_request(tracker: Tracker) -> bool:
    """The message may describe the device or problem: it carries the request, answers a question about it,
    or corrects it ("actually it's a 13 not a 12")."""
    intent = latest_intent(tracker)
    if intent in QUESTION_INTENTS or requested(tracker, "customer_phone"):
        return False
    correcting = CORRECTION_CUES.get(_language(tracker), CORRECTION_CUES["en"]).search(latest_text(tracker))
    return tracker.get_slot("requested_slot") in CONTENT_QUESTIONS or intent in CONTENT_INTENTS or bool(correcting)


def _device_said(tracker: Tracker, playbook: Playbook) -> Tuple[Optional[Device], Optional[Device]]:
    """(the device named in this message, the caller's device after it), both None when none was named."""
    if not _about_the_request(tracker):
        return None, None
    text, language = latest_text(tracker), _language(tracker)
    current = _device_of(tracker)
    said = read_device(text, playbook.catalog, language)
    if said is None and current is not None:
        fixed = corrected_model(current, blank_spans(text, _time_spans(tracker)), language)
        return fixed, fixed
    return said, merged(current, said)


def _time_spans(tracker: Tracker) -> List[Tuple[int, int]]:
    """Where the pipeline heard times: "come at 11 instead" corrects the time, not the model."""
    return [(entity.get("start", 0), entity.get("end", 0))
            for entity in tracker.latest_message.get("entities") or [] if entity.get("entity") == "time"]


class ValidateRepairForm(TicketFormValidation):
    content_intents = CONTENT_INTENTS
    helper_slots = REPAIR_HELPER_SLOTS
    change_done = None

    def name(self) -> Text:
        return "validate_repair_form"

    async def extract_repair_device(self, dispatcher, tracker: Tracker, domain) -> Dict[Text, Any]:
        playbook = playbook_for(tracker)
        if playbook is None:
            dispatcher.utter_message(response="utter_unknown_business")
            return {}
        said, device = _device_said(tracker, playbook)
        if said is None and self._answers_device(tracker, playbook):
            device = self._unrecognised_device(tracker)
            if device is None:
                return {}
            return _changed(tracker, {**_device_slots(device), "repair_device": device.label_in(_language(tracker))})
        if device is None:
            return {}
        label = device.label_in(_language(tracker)) if device.complete else None
        return _changed(tracker, {**_device_slots(device), "repair_device": label})

    def _answers_device(self, tracker: Tracker, playbook: Playbook) -> bool:
        """A reply to "which make and model?" that is not a question, a symptom or a time."""
        return (
            requested(tracker, "repair_device")
            and latest_intent(tracker) in ANSWER_INTENTS
            and symptom_in(latest_text(tracker), playbook.catalog, _language(tracker)) is None
            and not self._time_outside(tracker, None)
        )

    @staticmethod
    def _unrecognised_device(tracker: Tracker) -> Optional[Device]:
        """"not sure" keeps what we have ("your phone"); a make we do not know is kept as said."""
        text, language = latest_text(tracker), _language(tracker)
        current = _device_of(tracker)
        if doesnt_know(text, language) or latest_intent(tracker) == "deny":
            return current
        model = model_answer(text, language)
        return merged(current, Device(model=model)) if model else None

    async def extract_repair_symptom(self, dispatcher, tracker: Tracker, domain) -> Dict[Text, Any]:
        playbook = playbook_for(tracker)
        if playbook is None:
            return {}
        language = _language(tracker)
        symptom = tracker.get_slot("repair_symptom")
        if _about_the_request(tracker):
            said = symptom_in(latest_text(tracker), playbook.catalog, language)
            if said is None and self._answers_symptom(tracker, playbook):
                said = latest_text(tracker).strip() or None
            symptom = added_symptom(symptom, said)
        if not symptom:
            return {}
        lines = repair_lines(symptom, playbook.catalog, tracker.get_slot("repair_device_kind"), language)
        summary = spoken_list(line_names(lines), "and", language) or None
        return _changed(tracker, {"repair_symptom": symptom, "repair_lines": lines, "repair_matched": bool(lines),
                                  "repair_summary": summary})

    def _answers_symptom(self, tracker: Tracker, playbook: Playbook) -> bool:
        """A reply to "what's wrong with it?" in words we have no pattern for is still the symptom, verbatim,
        unless it only names the device or a time."""
        said, _ = _device_said(tracker, playbook)
        return (
            requested(tracker, "repair_symptom")
            and latest_intent(tracker) in ANSWER_INTENTS - {"deny"}
            and said is None
            and not self._time_outside(tracker, None)
        )

    async def extract_repair_dropoff_time(self, dispatcher, tracker: Tracker, domain) -> Dict[Text, Any]:
        playbook = playbook_for(tracker)
        if playbook is None or latest_intent(tracker) in QUESTION_INTENTS:
            return {}
        text = latest_text(tracker)
        said, _ = _device_said(tracker, playbook)
        heard = blank_spans(text, said.spans if said else ())
        language = _language(tracker)
        offered = tracker.get_slot("repair_offered_times") or []
        pick = ordinal_pick(heard, language) if offered else None
        asked = requested(tracker, "repair_dropoff_time")
        has_time = self._time_outside(tracker, said)
        asap = wants_asap(heard, language)
        if not (has_time or pick is not None or asap or asked):
            return {}
        current = now()
        when = await self._when(heard, playbook, current, language) if has_time or asked else None
        day_hint = None
        if when and when.candidates and not names_a_day(heard, language):
            day_hint = self._day_already_said(tracker) or await self._day_asked_about(tracker, playbook, current, language)
        calendar = Calendar(playbook, database())
        choice = await asyncio.to_thread(
            self._choose, calendar, current, when, offers_from(offered, calendar), pick, asap,
            names_a_day(heard, language), day_hint,
        )
        return self._answer(dispatcher, tracker, choice, current, language)

    @staticmethod
    def _time_outside(tracker: Tracker, said: Optional[Device]) -> bool:
        """A time the pipeline heard that is not part of the device's name ("iPhone 12" is not 12 o'clock)."""
        spans = said.spans if said else ()
        for entity in tracker.latest_message.get("entities") or []:
            if entity.get("entity") != "time":
                continue
            start, end = entity.get("start", 0), entity.get("end", 0)
            if not any(begin < end and start < finish for begin, finish in spans):
                return True
        return False

    @staticmethod
    async def _when(text: str, playbook: Playbook, current: datetime, language: str) -> Optional[When]:
        entities = await duckling_client.parse(text, playbook.timezone_name, language, current, ["time"])
        return read_when(entities, current.astimezone(playbook.timezone).date())

    @staticmethod
    def _day_already_said(tracker: Tracker) -> Optional[date]:
        """ "How about 2?" after times were offered, or "at 11 instead" once booked: the same day."""
        offered = tracker.get_slot("repair_offered_times") or []
        booked = tracker.get_slot("repair_dropoff_time")
        moment = offered[0] if offered else booked
        return datetime.fromisoformat(moment).date() if moment else None

    async def _day_asked_about(self, tracker: Tracker, playbook: Playbook, current: datetime, language: str) -> Optional[date]:
        """After "anything Thursday?", "the 3pm one" is Thursday at 3."""
        question = previous_availability_question(tracker)
        if not question:
            return None
        when = await self._when(question, playbook, current, language)
        if when is None:
            return None
        return when.day or (when.candidates[0].date() if when.candidates else None)

    @staticmethod
    def _choose(calendar: Calendar, current: datetime, when: Optional[When], offered: Sequence[Offer],
                pick: Optional[int], asap: bool, day_said: bool, day_hint: Optional[date]) -> DropOff:
        booking = DropOffBooking(calendar, current)
        if pick is not None and not (when and when.candidates):
            return booking.pick(offered, pick)
        if when is not None:
            return booking.at(when, offered, day_said, day_hint)
        if asap:
            return booking.earliest()
        return DropOff(reason="not_understood")

    def _answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, choice: DropOff, current: datetime,
                language: str) -> Dict[Text, Any]:
        if choice.offer:
            return {
                "repair_dropoff_time": choice.offer.start.isoformat(),
                "repair_dropoff_spoken": spoken_time(choice.offer.start, current, language),
                "repair_offered_times": None,
                "confirmed": None,
            }
        if choice.reason == "not_understood":
            if self.is_answer_to(tracker, "repair_dropoff_time"):
                dispatcher.utter_message(response="utter_repair_dropoff_not_understood")
            return {}
        if choice.reason == "none":
            dispatcher.utter_message(response="utter_repair_dropoff_none")
            return {"repair_dropoff_time": None, "repair_offered_times": None}
        options = spoken_offers(choice.options, current, language)
        dispatcher.utter_message(response=f"utter_repair_dropoff_{choice.reason}", time_options=options)
        return {
            "repair_dropoff_time": None,
            "repair_dropoff_spoken": None,
            "repair_offered_times": [offer.start.isoformat() for offer in choice.options],
            "confirmed": None,
        }

    async def extract_repair_quote_wanted(self, dispatcher, tracker: Tracker, domain) -> Dict[Text, Any]:
        said = quote_wanted(latest_text(tracker), _language(tracker))
        if said is None and requested(tracker, "repair_quote_wanted"):
            said = {"affirm": "yes", "request_quote": "yes", "deny": "no"}.get(latest_intent(tracker))
        return _changed(tracker, {"repair_quote_wanted": said}) if said else {}

    def build_ticket(self, tracker: Tracker, playbook: Playbook, key: str) -> Ticket:
        request = RepairRequest(
            device=_device_of(tracker) or Device(model=tracker.get_slot("repair_device")),
            symptom=tracker.get_slot("repair_symptom") or "",
            lines=tracker.get_slot("repair_lines") or [],
            dropoff=datetime.fromisoformat(tracker.get_slot("repair_dropoff_time")),
            slot_minutes=playbook.booking.slot_minutes,
            quote_wanted=tracker.get_slot("repair_quote_wanted"),
            customer_name=tracker.get_slot("customer_name"),
            customer_phone=tracker.get_slot("customer_phone"),
        )
        return build_work_order(request, playbook.id, tracker.get_slot("channel") or "web",
                                _language(tracker), tracker.sender_id, key)

    def holds(self, tracker: Tracker, playbook: Playbook) -> Sequence[Hold]:
        start = datetime.fromisoformat(tracker.get_slot("repair_dropoff_time"))
        return holds_for(Calendar(playbook, database()), start)

    def slot_taken(self, dispatcher: CollectingDispatcher, tracker: Tracker, playbook: Playbook) -> Dict[Text, Any]:
        """Someone took the last seat while we talked: say the nearest free drop-offs and ask again."""
        current = now()
        wanted = datetime.fromisoformat(tracker.get_slot("repair_dropoff_time"))
        options = DropOffBooking(Calendar(playbook, database()), current).nearest(wanted)
        if not options:
            dispatcher.utter_message(response="utter_repair_dropoff_none")
            return {"repair_dropoff_time": None, "repair_dropoff_spoken": None, "repair_offered_times": None}
        dispatcher.utter_message(response="utter_repair_dropoff_taken",
                                 time_options=spoken_offers(options, current, _language(tracker)))
        return {
            "repair_dropoff_time": None,
            "repair_dropoff_spoken": None,
            "repair_offered_times": [offer.start.isoformat() for offer in options],
        }
