"""Fills the salon booking from whatever the caller says, checks the time against the stylists' schedules,
and stores the appointment on the caller's "yes". The reading and the scheduling live in `trades/salon*`."""

import asyncio
from datetime import date, datetime, time
from typing import Any, Dict, List, Optional, Sequence, Text

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.context import (
    QUESTION_INTENTS, database, language_of, latest_entity, latest_intent, latest_text, now, playbook_for,
    previous_availability_question,
)
from actions.request_form import requested
from actions.ticket_form import TicketFormValidation
from ordering.phrasing import spoken_list
from playbooks import Playbook
from playbooks.model import Staff
from pos.ticket import Customer, Ticket
from scheduling import duckling_client
from scheduling.calendar import Calendar, Offer
from scheduling.formatting import clock, spoken_duration
from scheduling.reservations import Hold
from scheduling.when import read_when
from trades import salon
from trades.salon_services import duration_minutes, items_of, read_services, total
from trades.salon_staff import ANYONE, doable_together, first_not_done, read_stylist, staff_matching, who_does
from trades.salon_times import (Decision, bare_hour, book_at, choose_start, nearest, offers_on, pick_offer, read_time,
                                spoken_options, spoken_start, whole_words)

BOOKING_INTENTS = {"make_booking", "change_order", "place_order", "inform", "affirm", "deny"}
CONTENT_INTENTS = frozenset({"make_booking", "change_order", "place_order"})
SALON_HELPER_SLOTS = (
    "salon_services_spoken", "salon_total", "salon_deposit", "salon_stylist", "salon_staff_id",
    "salon_stylist_options", "salon_stylist_refused", "salon_refused_service", "salon_start_spoken",
    "salon_end_spoken", "salon_wanted", "salon_day", "salon_between", "salon_recheck", "salon_offers",
    "salon_options",
)
CLEARED_TIME = {"salon_start": None, "salon_start_spoken": None, "salon_end_spoken": None, "confirmed": None}


def _staff_names(playbook: Playbook) -> List[str]:
    return [name for person in playbook.booking.staff for name in (person.name, *person.aliases)]


def _spoken_services(services: Sequence[str], playbook: Playbook, language: str) -> str:
    """The services as the caller's language names them ("corte y tinte", "剪发和染发")."""
    return spoken_list([item.spoken_name(language) for item in items_of(services, playbook.catalog)], "and", language)


def _offers_to_slot(offers: Sequence[Offer]) -> List[Dict[str, Any]]:
    return [{"start": o.start.isoformat(), "end": o.end.isoformat(), "staff_id": o.staff_id, "staff_name": o.staff_name}
            for o in offers]


def _offers_from_slot(stored: Optional[List[Dict[str, Any]]]) -> List[Offer]:
    return [Offer(datetime.fromisoformat(o["start"]), datetime.fromisoformat(o["end"]), o.get("staff_id"),
                  o.get("staff_name")) for o in stored or []]


def _previous_question(tracker: Tracker) -> str:
    """An availability question just before the booking began ("does Maria have anything Tuesday?"):
    the booking takes its service, stylist and day from it too."""
    return "" if tracker.get_slot("requested_slot") is not None else previous_availability_question(tracker)


class ValidateSalonForm(TicketFormValidation):
    content_intents = CONTENT_INTENTS
    helper_slots = SALON_HELPER_SLOTS
    upsell_slot = "salon_services"

    def name(self) -> Text:
        return "validate_salon_form"

    # --- services ------------------------------------------------------------------------------------

    async def extract_salon_services(self, dispatcher, tracker: Tracker, domain) -> Dict[Text, Any]:
        playbook = playbook_for(tracker)
        if playbook is None:
            dispatcher.utter_message(response="utter_unknown_business")
            return {}
        intent = latest_intent(tracker)
        if intent in QUESTION_INTENTS or (intent not in BOOKING_INTENTS and not requested(tracker, "salon_services")):
            return {}
        current = tracker.get_slot("salon_services") or []
        text = f"{_previous_question(tracker)} . {latest_text(tracker)}" if not current else latest_text(tracker)
        update = read_services(text, playbook.catalog, current, _staff_names(playbook), tracker.get_slot("language") or "en")
        if update.unknown and not update.services and self.is_answer_to(tracker, "salon_services"):
            if update.suggestions:
                dispatcher.utter_message(response="utter_salon_service_unknown_with_suggestions",
                                         service=update.unknown,
                                         suggestions=spoken_list(update.suggestions, "or", tracker.get_slot("language") or "en"))
            else:
                dispatcher.utter_message(response="utter_salon_service_unknown", service=update.unknown)
            return {"salon_services": None}
        if not update.changed:
            return {}
        kept, dropped = doable_together(update.services, playbook.booking.staff)
        language = tracker.get_slot("language") or "en"
        if dropped:
            dispatcher.utter_message(response="utter_salon_services_apart", dropped=_spoken_services(dropped, playbook, language),
                                     kept=_spoken_services(kept, playbook, language))
        return {**self._service_slots(kept, playbook, language), **self._recheck(tracker)}

    @staticmethod
    def _service_slots(services: List[str], playbook: Playbook, language: str) -> Dict[Text, Any]:
        owed = salon.deposit_for(services, playbook)
        return {
            "salon_services": services or None,
            "salon_services_spoken": _spoken_services(services, playbook, language) or None,
            "salon_total": str(total(services, playbook.catalog)) if services else None,
            "salon_deposit": str(owed) if owed is not None and services else None,
        }

    @staticmethod
    def _recheck(tracker: Tracker) -> Dict[Text, Any]:
        """Services or stylist changed: a time already found is tried again for the new booking."""
        start = tracker.get_slot("salon_start")
        wanted = [start] if start else tracker.get_slot("salon_wanted")
        day = tracker.get_slot("salon_day")
        return {**CLEARED_TIME, "salon_wanted": wanted, "salon_recheck": bool(wanted or day), "salon_offers": None,
                "salon_options": None}

    # --- stylist -------------------------------------------------------------------------------------

    async def extract_salon_stylist_requested(self, dispatcher, tracker: Tracker, domain) -> Dict[Text, Any]:
        playbook = playbook_for(tracker)
        if playbook is None or latest_intent(tracker) in QUESTION_INTENTS:
            return {}
        staff = playbook.booking.staff
        current = tracker.get_slot("salon_stylist_requested")
        if not staff:
            return {} if current == ANYONE else {"salon_stylist_requested": ANYONE}
        services = tracker.get_slot("salon_services") or []
        able = who_does(services, staff)
        options = spoken_list([p.name for p in able], "or", tracker.get_slot("language") or "en")
        changes: Dict[Text, Any] = {} if options == tracker.get_slot("salon_stylist_options") else {"salon_stylist_options": options}
        wanted, refused = current, tracker.get_slot("salon_stylist_refused")
        choice = self._stylist_said(tracker, playbook)
        if choice is not None and choice.unknown_name:
            dispatcher.utter_message(response="utter_salon_stylist_unknown", name=choice.unknown_name)
            wanted, refused = None, None
        elif choice is not None:
            wanted, refused = (ANYONE if choice.anyone else choice.staff.id), None
        person = playbook.booking.staff_member(wanted)
        if person is not None and services and person not in able:
            service = playbook.catalog.item(first_not_done(person, services))
            return {**changes, **self._recheck(tracker), "salon_stylist_requested": None,
                    "salon_stylist_refused": person.name,
                    "salon_refused_service": service.spoken_name(language_of(tracker)) if service else None}
        if wanted is None and services and len(able) == 1 and not refused:
            wanted = ANYONE
        if wanted != current:
            changes.update({**self._recheck(tracker), "salon_stylist_requested": wanted, "salon_stylist_refused": None})
        return changes

    def _stylist_said(self, tracker: Tracker, playbook: Playbook):
        text = latest_text(tracker)
        if requested(tracker, "customer_name") and not latest_entity(tracker, "salon_stylist"):
            return None
        question = _previous_question(tracker)
        names = [n for n in (latest_entity(tracker, "customer_name"), tracker.get_slot("customer_name")) if n]
        return read_stylist(
            f"{question} . {text}" if question else text, playbook.booking.staff,
            entity=latest_entity(tracker, "salon_stylist"),
            answering=self.is_answer_to(tracker, "salon_stylist_requested"), customer_names=names,
            language=language_of(tracker),
        )

    async def extract_customer_name(self, dispatcher, tracker: Tracker, domain) -> Dict[Text, Any]:
        """"a cut with Maria": a stylist's name the model took for the caller's is not the caller's, unless the
        caller was asked for their name (then "Maria" is theirs)."""
        playbook = playbook_for(tracker)
        entity = latest_entity(tracker, "customer_name")
        if playbook and entity and not requested(tracker, "customer_name") and staff_matching(entity, playbook.booking.staff):
            return {}
        return await super().extract_customer_name(dispatcher, tracker, domain)

    # --- time ----------------------------------------------------------------------------------------

    async def extract_salon_start(self, dispatcher, tracker: Tracker, domain) -> Dict[Text, Any]:
        playbook = playbook_for(tracker)
        intent = latest_intent(tracker)
        if playbook is None or intent in QUESTION_INTENTS - {"ask_availability"}:
            return {}
        current = now()
        asked = await self._time_asked(tracker, playbook, latest_text(tracker), current)
        if asked is None and _previous_question(tracker):
            asked = await self._time_asked(tracker, playbook, _previous_question(tracker), current)
        if intent == "ask_availability":
            day = asked.day if asked and asked.day else (choose_start(asked.candidates, playbook).date()
                                                         if asked and asked.candidates else None)
            return {"salon_day": day.isoformat()} if day else {}
        changes: Dict[Text, Any] = {}
        offers = _offers_from_slot(tracker.get_slot("salon_offers"))
        chosen = pick_offer(latest_text(tracker), offers, asked.candidates if asked else (),
                            self._named_staff(tracker, playbook), language_of(tracker))
        if chosen is not None:
            changes = {**CLEARED_TIME, "salon_wanted": [chosen.start.isoformat()], "salon_recheck": True}
            if tracker.get_slot("salon_stylist_requested") == ANYONE and chosen.staff_id:
                changes["salon_staff_id"] = chosen.staff_id
        elif asked is not None and asked.candidates:
            start = choose_start(asked.candidates, playbook)
            changes = {**CLEARED_TIME, "salon_wanted": [m.isoformat() for m in asked.candidates],
                       "salon_day": start.date().isoformat(), "salon_between": None, "salon_recheck": True}
        elif asked is not None and asked.day:
            changes = {**CLEARED_TIME, "salon_wanted": None, "salon_day": asked.day.isoformat(),
                       "salon_between": [t.isoformat() for t in asked.between] if asked.between else None,
                       "salon_recheck": True}
        elif self.is_answer_to(tracker, "salon_start") and not self._said_something_else(tracker):
            dispatcher.utter_message(response="utter_salon_time_not_understood")
            return {"salon_start": None}
        tracker.slots.update(changes)
        if not tracker.get_slot("salon_recheck") or not self._ready(tracker):
            return changes
        found = await asyncio.to_thread(self._schedule, dispatcher, tracker, playbook, current)
        return {**changes, **found}

    async def _time_asked(self, tracker: Tracker, playbook: Playbook, text: str, current: datetime):
        if not text.strip():
            return None
        language = tracker.get_slot("language") or "en"
        if self.is_answer_to(tracker, "customer_name"):
            return None
        entities = whole_words(text, await duckling_client.parse(text, playbook.timezone_name, language, current, ["time"]))
        hour = bare_hour(text, language) if not entities and self._time_expected(tracker) else None
        if hour:
            entities = await duckling_client.parse(hour, playbook.timezone_name, language, current, ["time"])
        when = read_when(entities, current.astimezone(playbook.timezone).date())
        if when is None:
            return None
        context = tracker.get_slot("salon_day")
        return read_time(when.candidates, when.day, when.between, when.not_before,
                         date.fromisoformat(context) if context else None, current)

    @staticmethod
    def _time_expected(tracker: Tracker) -> bool:
        """"make it 4 instead" is a time only while one is asked for or the booking is being changed."""
        return requested(tracker, "salon_start") or requested(tracker, "confirmed") \
            or latest_intent(tracker) == "change_order"

    @staticmethod
    def _named_staff(tracker: Tracker, playbook: Playbook) -> Optional[Staff]:
        choice = read_stylist(latest_text(tracker), playbook.booking.staff, latest_entity(tracker, "salon_stylist"),
                              language=language_of(tracker))
        return choice.staff if choice else None

    @staticmethod
    def _said_something_else(tracker: Tracker) -> bool:
        """A yes/no, a name, a number or a change of stylist or service answers something, if not the time."""
        return latest_intent(tracker) in ("affirm", "deny") or bool(tracker.get_slot("salon_recheck")) or any(
            latest_entity(tracker, entity) for entity in ("customer_name", "phone-number", "salon_stylist"))

    @staticmethod
    def _ready(tracker: Tracker) -> bool:
        return bool(tracker.get_slot("salon_services")) and tracker.get_slot("salon_stylist_requested") is not None

    @staticmethod
    def _staff_for(tracker: Tracker, playbook: Playbook) -> List[Staff]:
        """Who can take the booking: the stylist asked for, else everyone who does all its services, with the
        one from a chosen offer first."""
        services = tracker.get_slot("salon_services") or []
        person = playbook.booking.staff_member(tracker.get_slot("salon_stylist_requested"))
        if person is not None:
            return [person]
        able = who_does(services, playbook.booking.staff)
        preferred = playbook.booking.staff_member(tracker.get_slot("salon_staff_id"))
        return sorted(able, key=lambda p: p != preferred)

    def _schedule(self, dispatcher: CollectingDispatcher, tracker: Tracker, playbook: Playbook,
                  current: datetime) -> Dict[Text, Any]:
        """Runs in a worker thread: books the wanted time if it is free, else says why and offers the nearest."""
        calendar = Calendar(playbook, database())
        minutes = duration_minutes(tracker.get_slot("salon_services"), playbook.catalog)
        staff = self._staff_for(tracker, playbook)
        anyone = tracker.get_slot("salon_stylist_requested") == ANYONE
        wanted = [datetime.fromisoformat(moment) for moment in tracker.get_slot("salon_wanted") or []]
        done = {"salon_recheck": False}
        language = tracker.get_slot("language") or "en"
        if not wanted:
            day = tracker.get_slot("salon_day")
            between = tracker.get_slot("salon_between")
            if not day:
                return done
            span = (time.fromisoformat(between[0]), time.fromisoformat(between[1])) if between else None
            offers = offers_on(calendar, date.fromisoformat(day), span, minutes, staff, current)
            return {**done, **self._offered(dispatcher, offers, current, anyone, language)}
        decision = book_at(calendar, choose_start(wanted, playbook), minutes, staff, current)
        if decision.offer is not None:
            return {**done, **self._booked(decision.offer, current, language)}
        self._say_why(dispatcher, decision, playbook, staff, anyone, minutes, language)
        return {**done, "salon_wanted": None, **self._offered(dispatcher, decision.alternatives, current, anyone, language)}

    @staticmethod
    def _booked(offer: Offer, current: datetime, language: str) -> Dict[Text, Any]:
        return {
            "salon_start": offer.start.isoformat(), "salon_staff_id": offer.staff_id, "salon_stylist": offer.staff_name,
            "salon_start_spoken": spoken_start(offer.start, current, language), "salon_end_spoken": clock(offer.end, language),
            "salon_wanted": None, "salon_offers": None, "salon_options": None,
            "salon_day": offer.start.date().isoformat(), "salon_between": None,
        }

    @staticmethod
    def _offered(dispatcher: CollectingDispatcher, offers: Sequence[Offer], current: datetime, anyone: bool,
                 language: str) -> Dict[Text, Any]:
        if not offers:
            dispatcher.utter_message(response="utter_salon_no_times")
            return {"salon_start": None, "salon_offers": None, "salon_options": None}
        return {"salon_start": None, "salon_offers": _offers_to_slot(offers), "salon_day": offers[0].start.date().isoformat(),
                "salon_between": None, "salon_options": spoken_options(offers, current, with_staff=anyone, language=language)}

    @staticmethod
    def _say_why(dispatcher: CollectingDispatcher, decision: Decision, playbook: Playbook, staff: List[Staff],
                 anyone: bool, minutes: int, language: str) -> None:
        reason, booking = decision.reason, playbook.booking
        stylist = staff[0].name if staff and not anyone else None
        if reason == "too_soon":
            dispatcher.utter_message(response="utter_salon_time_too_soon", lead=spoken_duration(booking.lead_minutes, language))
        elif reason == "too_far":
            dispatcher.utter_message(response="utter_salon_time_too_far", days=booking.max_days_ahead)
        elif reason == "closed":
            dispatcher.utter_message(response="utter_salon_time_closed")
        elif reason == "runs_late":
            dispatcher.utter_message(response="utter_salon_time_runs_late", duration=spoken_duration(minutes, language))
        elif reason == "staff_off":
            dispatcher.utter_message(response="utter_salon_time_staff_off" if stylist else "utter_salon_time_staff_off_anyone",
                                     stylist=stylist)
        else:
            dispatcher.utter_message(response="utter_salon_time_taken" if stylist else "utter_salon_time_taken_anyone",
                                     stylist=stylist)

    # --- the ticket ----------------------------------------------------------------------------------

    @staticmethod
    def _appointment(tracker: Tracker) -> salon.Appointment:
        return salon.Appointment(
            services=tracker.get_slot("salon_services") or [],
            start=datetime.fromisoformat(tracker.get_slot("salon_start")),
            staff_id=tracker.get_slot("salon_staff_id"),
            requested=tracker.get_slot("salon_stylist_requested") or ANYONE,
        )

    def build_ticket(self, tracker: Tracker, playbook: Playbook, key: str) -> Ticket:
        customer = Customer(name=tracker.get_slot("customer_name"), phone=tracker.get_slot("customer_phone"))
        return salon.build_ticket(self._appointment(tracker), playbook, customer, tracker.get_slot("channel") or "web",
                                  tracker.get_slot("language") or "en", tracker.sender_id, key)

    def holds(self, tracker: Tracker, playbook: Playbook) -> Sequence[Hold]:
        return Calendar(playbook, database()).holds_for(self._appointment(tracker).offer(playbook))

    def slot_taken(self, dispatcher: CollectingDispatcher, tracker: Tracker, playbook: Playbook) -> Dict[Text, Any]:
        """Someone booked the time between the read-back and the "yes": say so and offer the nearest free ones."""
        current = now()
        appointment = self._appointment(tracker)
        minutes = duration_minutes(appointment.services, playbook.catalog)
        staff = self._staff_for(tracker, playbook)
        dispatcher.utter_message(response="utter_salon_time_just_taken")
        offers = nearest(Calendar(playbook, database()), appointment.start, minutes, staff, current)
        anyone = appointment.requested == ANYONE
        return {**CLEARED_TIME, "salon_wanted": None, "salon_recheck": False,
                **self._offered(dispatcher, offers, current, anyone, tracker.get_slot("language") or "en")}
