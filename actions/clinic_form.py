"""Fills the clinic form from whatever the caller says, books the practitioner's time on "yes", and stops
the booking at once when a message sounds like a medical emergency.

The reading of visit types, patients, practitioners, dates of birth and times lives in `trades/clinic*.py`;
this module moves values between the tracker and those functions, and says what they found.
"""

import asyncio
import re
from datetime import date, datetime, timedelta
from typing import Any, Dict, List, Optional, Sequence, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.context import (
    QUESTION_INTENTS, database, language_of, latest_entity, latest_intent, latest_text, now, playbook_for,
)
from actions.request_form import requested
from actions.ticket_form import TicketFormValidation
from catalog import Item
from handoff import request_handoff
from ordering.contact import clean_name
from ordering.phrasing import spoken_list
from playbooks import Playbook
from pos.ticket import Ticket
from safety import is_medical_emergency
from scheduling import duckling_client
from scheduling.availability import spoken_offers
from scheduling.calendar import Calendar, Offer
from scheduling.formatting import spoken_time
from scheduling.reservations import Hold
from scheduling.when import read_when
from trades import clinic
from trades.clinic_dob import mentions_birth, read_date_of_birth, spoken_date
from trades.clinic_schedule import (
    TimeChoice, Visit, alternatives, choose_time, offers_from_slot, offers_to_slot, ordinal_pick, recheck, same_day,
    upcoming_times, wants_soonest,
)
from trades.clinic_ticket import Appointment, build_appointment_ticket

CONTENT_INTENTS = frozenset({"make_booking", "place_order", "change_order"})
NOT_A_REASON = {"affirm", "deny", "greet", "goodbye", "thank", "nlu_fallback", "cancel_request"}
NOTE_SLOTS = ("clinic_time_note", "clinic_dob_note")
TIME_HELPERS = (
    "clinic_staff_id", "clinic_practitioner_name", "clinic_time_spoken", "clinic_time_key", "clinic_time_request",
    "clinic_time_options", "clinic_offers", "clinic_day_in_focus",
)
HELPER_SLOTS = (
    "clinic_reason", "clinic_visit_types", "clinic_visit_name", "clinic_booking_for", "clinic_practitioner_choices",
    *TIME_HELPERS, *NOTE_SLOTS, "clinic_dob_spoken", "clinic_emergency",
)
# What callers say before a relative's name: "her name is Emma", "se llama Camila", "他叫王小虎".
PATIENT_NAME_LEAD_INS = {
    "en": re.compile(r"^\s*(?:(?:his|her|their|the patient'?s?) name(?:'s| is)?|it'?s|that'?s|she'?s|he'?s)\s+", re.I),
    "es": re.compile(
        r"^\s*(?:se llama|su nombre es|su nombre completo es|el nombre es|(?:el|la) paciente es|es|ella es|[eé]l es)\s+",
        re.I,
    ),
    "zh": re.compile(r"^\s*(?:(?:他|她|孩子|病人|患者)?(?:叫|的名字是|的全名是|名字是|全名是|名字叫|是))\s*"),
}
# Words that say nothing about why the caller is coming in (a time, a yes, thanks), per language.
FILLER_WORDS = {
    "en": {"please", "at", "on", "the", "a", "um", "uh", "ok", "okay", "yes", "no", "maybe", "like", "around",
           "about", "for", "any", "time", "is", "fine", "good", "works", "thanks", "and", "or", "in", "by"},
    "es": {"por", "favor", "porfa", "a", "las", "la", "el", "los", "en", "de", "del", "un", "una", "si", "no", "ok",
           "vale", "bueno", "este", "eh", "mm", "gracias", "y", "o", "hora", "horas", "esta", "bien", "me", "sirve",
           "cualquier", "como", "tipo", "para", "que", "es", "quiero", "cita", "puede", "ser"},
    "zh": {"好", "好的", "嗯", "对", "是", "是的", "可以", "行", "谢谢", "没有", "不", "不是", "都行", "都可以", "吧", "啊",
           "呢", "的", "点", "时间", "那个", "这个", "就", "麻烦", "您", "你", "我"},
}
# A Chinese answer runs together ("膝盖疼了两个礼拜了"): its words are the runs between punctuation and digits.
_WORDS = {"en": re.compile(r"[a-z']+"), "es": re.compile(r"[^\W\d_]+"), "zh": re.compile(r"[^\W\d_]+")}


def _visit_asked(tracker: Tracker, playbook: Playbook) -> Optional[Item]:
    visit_id = tracker.get_slot("clinic_visit_type")
    return playbook.catalog.item(visit_id) if visit_id else None


def visit_booked(tracker: Tracker, playbook: Playbook) -> Optional[Item]:
    """The visit that is booked: what was asked, or the category's first visit for a new patient."""
    return clinic.booked_visit(_visit_asked(tracker, playbook), tracker.get_slot("clinic_patient_status"), playbook.catalog)


def _staff_wanted(tracker: Tracker) -> Optional[str]:
    wanted = tracker.get_slot("clinic_practitioner")
    return None if wanted in (None, clinic.ANYONE) else wanted


def _local_today(playbook: Playbook) -> date:
    return now().astimezone(playbook.timezone).date()


def availability_question(tracker: Tracker, within: int = 6) -> Optional[str]:
    """The caller's latest "anything Thursday afternoon?" among their last few messages: the day and the
    practitioner it names are what a following "the 3pm one" refers to."""
    seen = 0
    for event in reversed(tracker.events):
        if event.get("event") != "user":
            continue
        seen += 1
        if seen > within:
            return None
        if ((event.get("parse_data") or {}).get("intent") or {}).get("name") == "ask_availability":
            return event.get("text")
    return None


def _words_beyond_entities(tracker: Tracker) -> List[str]:
    """The caller's words outside the times, numbers and phone numbers Duckling found, filler dropped."""
    text = latest_text(tracker)
    language = language_of(tracker)
    for entity in sorted(tracker.latest_message.get("entities") or [], key=lambda e: -e.get("start", 0)):
        if entity.get("extractor") == "DucklingEntityExtractor" and "start" in entity and "end" in entity:
            text = text[: entity["start"]] + " " + text[entity["end"]:]
    filler = FILLER_WORDS.get(language, set()) | FILLER_WORDS["en"]
    return [word for word in _WORDS.get(language, _WORDS["en"]).findall(text.lower()) if word not in filler]


class ValidateClinicForm(TicketFormValidation):
    content_intents = CONTENT_INTENTS
    helper_slots = HELPER_SLOTS

    def name(self) -> Text:
        return "validate_clinic_form"

    async def required_slots(self, domain_slots, dispatcher, tracker, domain) -> List[Text]:
        """Nothing more to ask after an emergency, so the form ends with no ticket; the relative's name only
        when someone books for a relative."""
        if tracker.get_slot("clinic_emergency"):
            return []
        slots = list(domain_slots)
        if not tracker.get_slot("clinic_booking_for"):
            slots.remove("clinic_patient_name")
        return slots

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain) -> List[EventType]:
        text = latest_text(tracker)
        if is_medical_emergency(text):
            return await self._emergency(dispatcher, tracker, text)
        early = [SlotSet(slot, None) for slot in NOTE_SLOTS if tracker.get_slot(slot)] + self._who_it_is_for(tracker)
        tracker.add_slots(early)
        events = early + await super().run(dispatcher, tracker, domain)
        return events + self._visit_summary(dispatcher, tracker)

    @staticmethod
    async def _emergency(dispatcher: CollectingDispatcher, tracker: Tracker, text: str) -> List[EventType]:
        """911 now, staff flagged at once, and no booking: an empty form ends without storing anything."""
        dispatcher.utter_message(response="utter_medical_emergency")
        playbook = playbook_for(tracker)
        if playbook is not None:
            await asyncio.to_thread(
                request_handoff, database(), playbook.id, tracker.sender_id, "medical_emergency", urgent=True, summary=text
            )
        return [SlotSet("clinic_emergency", True), SlotSet("ticket_number", None), SlotSet("requested_slot", None)]

    @staticmethod
    def _who_it_is_for(tracker: Tracker) -> List[EventType]:
        if latest_intent(tracker) in QUESTION_INTENTS:
            return []
        language = language_of(tracker)
        found = clinic.booking_for(latest_text(tracker), language)
        if found is None:
            return []
        events: List[EventType] = []
        if tracker.get_slot("clinic_booking_for") != found.relation:
            events.append(SlotSet("clinic_booking_for", found.relation))
        name = clean_name(found.patient_name, language) if found.patient_name else None
        if name and name != tracker.get_slot("clinic_patient_name"):
            events.append(SlotSet("clinic_patient_name", name))
        return events

    @staticmethod
    def _visit_summary(dispatcher: CollectingDispatcher, tracker: Tracker) -> List[EventType]:
        """The booked visit's name for the questions and read-back; a new patient hears why it changed."""
        playbook = playbook_for(tracker)
        if playbook is None or tracker.get_slot("clinic_emergency"):
            return []
        asked, booked = _visit_asked(tracker, playbook), visit_booked(tracker, playbook)
        name = booked.spoken_name(language_of(tracker)) if booked else None
        if name == tracker.get_slot("clinic_visit_name"):
            return []
        if booked and asked and booked.id != asked.id:
            dispatcher.utter_message(response="utter_clinic_new_patient_visit", clinic_visit_name=name)
        return [SlotSet("clinic_visit_name", name)]

    async def extract_clinic_visit_type(self, dispatcher, tracker: Tracker, domain) -> Dict[Text, Any]:
        playbook = playbook_for(tracker)
        if playbook is None or latest_intent(tracker) in QUESTION_INTENTS:
            return {}
        text = latest_text(tracker).strip()
        language = language_of(tracker)
        asked = clinic.visit_named(text, playbook.catalog, language)
        reason = {} if tracker.get_slot("clinic_reason") else {"clinic_reason": text[:300]}
        if asked is None:
            if not requested(tracker, "clinic_visit_type") or latest_intent(tracker) in NOT_A_REASON:
                return {}
            choices = spoken_list([item.spoken_name(language) for item in clinic.visit_types(playbook.catalog)], "or",
                                  language)
            return {**(reason if _words_beyond_entities(tracker) else {}), "clinic_visit_types": choices}
        if asked.id == tracker.get_slot("clinic_visit_type"):
            return {}
        return {"clinic_visit_type": asked.id, **reason}

    async def extract_clinic_patient_status(self, dispatcher, tracker: Tracker, domain) -> Dict[Text, Any]:
        intent = latest_intent(tracker)
        if intent in QUESTION_INTENTS:
            return {}
        status = clinic.patient_status_in(latest_text(tracker), language_of(tracker))
        if status is None and requested(tracker, "clinic_patient_status"):
            status = clinic.RETURNING if intent == "affirm" else clinic.NEW if intent == "deny" else None
        if status is None or status == tracker.get_slot("clinic_patient_status"):
            return {}
        return {"clinic_patient_status": status}

    async def extract_clinic_practitioner(self, dispatcher, tracker: Tracker, domain) -> Dict[Text, Any]:
        playbook = playbook_for(tracker)
        if playbook is None:
            return {}
        current = tracker.get_slot("clinic_practitioner")
        if not playbook.booking.staff:
            return {} if current == clinic.ANYONE else {"clinic_practitioner": clinic.ANYONE}
        visit = visit_booked(tracker, playbook)
        able = clinic.practitioners_for(playbook, visit)
        wanted = current
        if latest_intent(tracker) not in QUESTION_INTENTS:
            wanted = self._practitioner_said(dispatcher, tracker, playbook, visit, able, current)
        if wanted is None and availability_question(tracker):
            earlier = clinic.practitioner_named(availability_question(tracker), playbook, language=language_of(tracker))
            wanted = earlier.id if earlier and (visit is None or earlier in able) else None
        if wanted not in (None, clinic.ANYONE) and visit is not None and wanted not in {p.id for p in able}:
            wanted = None
        if wanted is None and visit is not None and len(able) == 1:
            wanted = able[0].id
        changes: Dict[Text, Any] = {}
        choices = spoken_list(clinic.spoken_names(able), "or", tracker.get_slot("language") or "en")
        if choices != tracker.get_slot("clinic_practitioner_choices"):
            changes["clinic_practitioner_choices"] = choices
        if wanted != current:
            changes["clinic_practitioner"] = wanted
        return changes

    @staticmethod
    def _practitioner_said(dispatcher, tracker: Tracker, playbook: Playbook, visit: Optional[Item], able, current):
        text = latest_text(tracker)
        language = language_of(tracker)
        asked = requested(tracker, "clinic_practitioner")
        named = clinic.practitioner_named(text, playbook, asked=asked, language=language)
        if named is not None:
            if visit is None or named in able:
                return named.id
            dispatcher.utter_message(
                response="utter_clinic_practitioner_not_for_visit", practitioner=named.name,
                visit=visit.spoken_name(language), choices=spoken_list(clinic.spoken_names(able), "or", language),
            )
            return None
        if clinic.wants_anyone(text, language) and (asked or clinic.explicitly_anyone(text, language)):
            return clinic.ANYONE
        return current

    async def extract_clinic_time(self, dispatcher, tracker: Tracker, domain) -> Dict[Text, Any]:
        playbook = playbook_for(tracker)
        if playbook is None:
            return {}
        intent, text = latest_intent(tracker), latest_text(tracker)
        # "December 11 afternoon" in answer to "when would you like to come in?" is the answer, though the model
        # may read a bare day as asking what is free; with a question mark it is the question.
        answering = intent == "ask_availability" and requested(tracker, "clinic_time") and "?" not in text
        if intent == "ask_availability" and not answering:
            return await self._day_asked_about(tracker, playbook, text)
        if intent in QUESTION_INTENTS and not answering:
            return {}
        visit = visit_booked(tracker, playbook)
        offered = offers_from_slot(tracker.get_slot("clinic_offers"))
        language = language_of(tracker)
        says_time = latest_entity(tracker, "time") is not None or wants_soonest(text, language) \
            or bool(ordinal_pick(text, offered, language))
        if visit is None:
            return {"clinic_time_request": text} if says_time else {}
        staff_id = _staff_wanted(tracker)
        key = f"{visit.id}|{staff_id or ''}"
        current = tracker.get_slot("clinic_time")
        calendar = Calendar(playbook, database())
        if says_time or requested(tracker, "clinic_time"):
            source = text
        elif current is None and tracker.get_slot("clinic_time_request"):
            source = tracker.get_slot("clinic_time_request")
        elif current and tracker.get_slot("clinic_time_key") != key:
            choice = await asyncio.to_thread(recheck, calendar, Visit(visit, staff_id), datetime.fromisoformat(current), now())
            return self._time_slots(tracker, playbook, choice, key)
        else:
            return {}
        choice = await self._read_time(tracker, playbook, calendar, Visit(visit, staff_id), source, offered)
        if choice.note == "not_understood":
            if self.is_answer_to(tracker, "clinic_time") and not self._says_something_else(tracker, playbook):
                return {"clinic_time_note": "not_understood"}
            return {}
        return self._time_slots(tracker, playbook, choice, key)

    @staticmethod
    async def _read_time(tracker, playbook: Playbook, calendar: Calendar, visit: Visit, text: str, offered) -> TimeChoice:
        current = now()
        today = current.astimezone(playbook.timezone).date()
        entities = await duckling_client.parse(text, playbook.timezone_name, tracker.get_slot("language") or "en", current, ["time"])
        when = read_when(upcoming_times(entities, today), today)
        focus = tracker.get_slot("clinic_day_in_focus")
        if focus is None and availability_question(tracker):
            focus = (await ValidateClinicForm._day_asked_about(tracker, playbook, availability_question(tracker))).get(
                "clinic_day_in_focus")
        return await asyncio.to_thread(
            choose_time, calendar, visit, text, when, current, offered, date.fromisoformat(focus) if focus else None,
            language_of(tracker),
        )

    @staticmethod
    async def _day_asked_about(tracker: Tracker, playbook: Playbook, text: str) -> Dict[Text, Any]:
        """"Anything Thursday afternoon?" is answered by the availability action; remember the day, so that
        "the 3pm one" afterwards means Thursday."""
        current = now()
        today = current.astimezone(playbook.timezone).date()
        entities = await duckling_client.parse(text, playbook.timezone_name, tracker.get_slot("language") or "en", current, ["time"])
        when = read_when(upcoming_times(entities, today), today)
        day = (when.day or (when.candidates[0].date() if when.candidates else None)) if when else None
        return {"clinic_day_in_focus": day.isoformat(), "clinic_offers": None} if day else {}

    def _says_something_else(self, tracker: Tracker, playbook: Playbook) -> bool:
        """The message answered another question (a name, new or returning, who to see), not the time."""
        text, language = latest_text(tracker), language_of(tracker)
        return any((
            clinic.visit_named(text, playbook.catalog, language), clinic.patient_status_in(text, language),
            clinic.practitioner_named(text, playbook, language=language), clinic.booking_for(text, language),
            mentions_birth(text, language), latest_entity(tracker, "customer_name"),
            latest_entity(tracker, "phone-number"),
        ))

    @staticmethod
    def _time_slots(tracker: Tracker, playbook: Playbook, choice: TimeChoice, key: str) -> Dict[Text, Any]:
        current = now()
        language = tracker.get_slot("language") or "en"
        if choice.offer is not None:
            offer = choice.offer
            booked = {
                "clinic_time": offer.start.isoformat(), "clinic_staff_id": offer.staff_id,
                "clinic_practitioner_name": offer.staff_name or playbook.name,
                "clinic_time_spoken": spoken_time(offer.start, current, language), "clinic_time_key": key,
                "clinic_time_request": None, "clinic_offers": None, "clinic_time_note": None,
                "clinic_day_in_focus": offer.start.date().isoformat(),
            }
            if tracker.get_slot("clinic_practitioner") is None:
                booked["clinic_practitioner"] = clinic.ANYONE
            return booked
        day = choice.day or same_day(choice.options)
        return {
            "clinic_time": None, "clinic_time_request": None, "clinic_time_note": choice.note,
            "clinic_offers": offers_to_slot(choice.options) or None,
            "clinic_time_options": spoken_offers(choice.options, current, language) if choice.options else None,
            "clinic_day_in_focus": day.isoformat() if day else None,
        }

    async def extract_clinic_patient_name(self, dispatcher, tracker: Tracker, domain) -> Dict[Text, Any]:
        if not self.is_answer_to(tracker, "clinic_patient_name"):
            return {}
        language = language_of(tracker)
        said = latest_entity(tracker, "customer_name") or latest_text(tracker)
        for lead_in in dict.fromkeys((PATIENT_NAME_LEAD_INS.get(language, PATIENT_NAME_LEAD_INS["en"]),
                                      PATIENT_NAME_LEAD_INS["en"])):
            said = lead_in.sub("", said)
        name = clean_name(said, language)
        if name is None:
            dispatcher.utter_message(response="utter_name_not_understood")
        return {"clinic_patient_name": name}

    async def extract_customer_name(self, dispatcher, tracker: Tracker, domain) -> Dict[Text, Any]:
        """The caller's name; never the relative's name, nor a practitioner's name said as "Jordan please"."""
        if requested(tracker, "clinic_patient_name"):
            return {}
        playbook = playbook_for(tracker)
        language = language_of(tracker)
        entity = latest_entity(tracker, "customer_name")
        if entity and playbook and clinic.practitioner_named(entity, playbook, asked=True, language=language):
            entity = None
        relative = clinic.booking_for(latest_text(tracker), language)
        patient = tracker.get_slot("clinic_patient_name")
        if entity and patient and clean_name(entity, language) == patient:
            entity = None
        if relative is not None:
            return {"customer_name": clean_name(entity, language)} if entity and clean_name(entity, language) else {}
        if latest_entity(tracker, "customer_name") and entity is None:
            return {}
        return await super().extract_customer_name(dispatcher, tracker, domain)

    async def extract_clinic_date_of_birth(self, dispatcher, tracker: Tracker, domain) -> Dict[Text, Any]:
        playbook = playbook_for(tracker)
        text = latest_text(tracker)
        if playbook is None or latest_intent(tracker) in QUESTION_INTENTS:
            return {}
        asked = requested(tracker, "clinic_date_of_birth")
        language = language_of(tracker)
        if not asked and not mentions_birth(text, language):
            return {}
        reading = read_date_of_birth(text, _local_today(playbook), language)
        if reading.value is not None:
            return {"clinic_date_of_birth": reading.value.isoformat(),
                    "clinic_dob_spoken": spoken_date(reading.value, language),
                    "clinic_dob_note": None}
        if asked and self.is_answer_to(tracker, "clinic_date_of_birth"):
            return {"clinic_date_of_birth": None, "clinic_dob_note": reading.problem}
        return {}

    def build_ticket(self, tracker: Tracker, playbook: Playbook, key: str) -> Ticket:
        asked = _visit_asked(tracker, playbook)
        staff = playbook.booking.staff_member(tracker.get_slot("clinic_staff_id"))
        appointment = Appointment(
            business_id=playbook.id,
            visit=visit_booked(tracker, playbook),
            start=datetime.fromisoformat(tracker.get_slot("clinic_time")),
            customer_name=tracker.get_slot("customer_name"),
            customer_phone=tracker.get_slot("customer_phone"),
            patient_status=tracker.get_slot("clinic_patient_status"),
            date_of_birth=date.fromisoformat(tracker.get_slot("clinic_date_of_birth")),
            practitioner_id=staff.id if staff else None,
            practitioner_name=staff.name if staff else None,
            reason=tracker.get_slot("clinic_reason"),
            asked_visit=asked,
            patient_name=tracker.get_slot("clinic_patient_name"),
            relation=tracker.get_slot("clinic_booking_for"),
        )
        return build_appointment_ticket(
            appointment, tracker.get_slot("channel") or "web", tracker.get_slot("language") or "en", tracker.sender_id, key
        )

    def _offer(self, tracker: Tracker, playbook: Playbook) -> Offer:
        visit = visit_booked(tracker, playbook)
        start = datetime.fromisoformat(tracker.get_slot("clinic_time"))
        staff = playbook.booking.staff_member(tracker.get_slot("clinic_staff_id"))
        return Offer(start, start + timedelta(minutes=visit.duration_minutes), staff.id if staff else None,
                     staff.name if staff else None)

    def holds(self, tracker: Tracker, playbook: Playbook) -> Sequence[Hold]:
        return Calendar(playbook, database()).holds_for(self._offer(tracker, playbook))

    def slot_taken(self, dispatcher: CollectingDispatcher, tracker: Tracker, playbook: Playbook) -> Dict[Text, Any]:
        """Someone else booked that time first: the form asks again, saying the nearest free times."""
        visit = Visit(visit_booked(tracker, playbook), _staff_wanted(tracker))
        start = datetime.fromisoformat(tracker.get_slot("clinic_time"))
        choice = alternatives(Calendar(playbook, database()), visit, start, now())
        return self._time_slots(tracker, playbook, choice, tracker.get_slot("clinic_time_key") or "")


class ActionClinicDeclineMedicalAdvice(Action):
    """Never advice: say so, and offer a booking or a person instead."""

    def name(self) -> Text:
        return "action_clinic_decline_medical_advice"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        playbook = playbook_for(tracker)
        dispatcher.utter_message(response="utter_clinic_no_medical_advice", phone=(playbook.staff_contact if playbook else ""))
        return []
