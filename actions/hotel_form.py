"""Fills the hotel form (dates, guests, room type) from whatever the caller says, and holds the room on "yes".

The reading, checking and pricing live in `trades/hotel*.py`; this module moves values between the
tracker and those functions, and says what they found.
"""

import asyncio
from datetime import date, datetime
from typing import Any, Dict, List, Optional, Sequence, Text, Tuple

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.context import (
    QUESTION_INTENTS, database, hours_said, latest_intent, latest_text, now, playbook_for, previous_availability_question,
)
from actions.request_form import requested
from actions.ticket_form import TicketFormValidation
from playbooks import Playbook
from pos.ticket import Customer, Ticket
from scheduling import duckling_client
from scheduling.calendar import Calendar
from scheduling.formatting import clock
from scheduling.reservations import Hold
from trades import hotel
from trades.hotel_guests import rooms_said

STAY_SLOTS = ("hotel_room", "hotel_check_in", "hotel_check_out", "hotel_guests")
READ_BACK_SLOTS = (
    "hotel_room_name", "hotel_stay_spoken", "hotel_nights", "hotel_rate", "hotel_total", "hotel_deposit",
    "hotel_check_in_time", "hotel_check_out_time",
)
HELPER_SLOTS = ("hotel_room_wanted", "hotel_nights_wanted", "hotel_room_choices") + READ_BACK_SLOTS
DIMS = ["time", "number", "duration"]
NOT_UNDERSTOOD = {
    "hotel_check_in": "utter_hotel_dates_not_understood",
    "hotel_check_out": "utter_hotel_dates_not_understood",
    "hotel_guests": "utter_hotel_guests_not_understood",
    "hotel_room": "utter_hotel_room_not_understood",
}
CHECK_TIMES = {"en": ("check in", "check-in", "checkin", "check out", "check-out", "checkout")}
CHECK_TIMES["es"] = CHECK_TIMES["en"] + ("entrada", "salida", "registr", "llegada", "llegar", "desocupar", "dejar la habitaci",
                                         "entregar la habitaci", "dejar el cuarto", "entregar el cuarto")
CHECK_TIMES["zh"] = CHECK_TIMES["en"] + ("入住", "退房", "离店", "进房", "几点可以住", "几点能住", "几点可以进")


def _day(value: Optional[str]) -> Optional[date]:
    return date.fromisoformat(value) if value else None


def stay_of(tracker: Tracker) -> hotel.Stay:
    guests = tracker.get_slot("hotel_guests")
    return hotel.Stay(
        room_id=tracker.get_slot("hotel_room"),
        check_in=_day(tracker.get_slot("hotel_check_in")),
        check_out=_day(tracker.get_slot("hotel_check_out")),
        guests=int(guests) if guests is not None else None,
    )


def options_of(tracker: Tracker) -> List[hotel.Option]:
    return [hotel.Option(room, _day(start), _day(end)) for room, start, end in tracker.get_slot("hotel_room_choices") or []]


def _stay_slots(stay: hotel.Stay) -> Dict[Text, Any]:
    return {
        "hotel_room": stay.room_id,
        "hotel_check_in": stay.check_in.isoformat() if stay.check_in else None,
        "hotel_check_out": stay.check_out.isoformat() if stay.check_out else None,
        "hotel_guests": stay.guests,
    }


class ValidateHotelForm(TicketFormValidation):
    content_intents = frozenset({"make_booking", "change_order"})
    helper_slots = HELPER_SLOTS

    def name(self) -> Text:
        return "validate_hotel_form"

    async def get_extraction_events(self, dispatcher, tracker: Tracker, domain) -> List[EventType]:
        """The stay is read once per message, before contact and confirmation, so "yes" books what was read."""
        changes = await self._read_stay(dispatcher, tracker)
        tracker.slots.update(changes)
        events = await super().get_extraction_events(dispatcher, tracker, domain)
        return [SlotSet(slot, value) for slot, value in changes.items()] + events

    def _reads(self, tracker: Tracker) -> bool:
        """Questions are answered by their own actions (an availability question only fills what is empty);
        a reply to the name or phone question is never read as dates; "yes" to the read-back books what
        was read back, while "no, make it the suite" changes it."""
        intent = latest_intent(tracker)
        if intent in QUESTION_INTENTS - {"ask_availability"}:
            return False
        if self.is_answer_to(tracker, "customer_name") or self.is_answer_to(tracker, "customer_phone"):
            return False
        return not (requested(tracker, "confirmed") and intent == "affirm")

    async def _read_stay(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> Dict[Text, Any]:
        playbook = playbook_for(tracker)
        if playbook is None or not self._reads(tracker):
            return {}
        language = tracker.get_slot("language") or "en"
        current = now()
        today = current.astimezone(playbook.timezone).date()
        asking = latest_intent(tracker) == "ask_availability"
        texts = [latest_text(tracker)]
        earlier = previous_availability_question(tracker) if tracker.get_slot("requested_slot") is None else ""
        if earlier:
            texts.insert(0, earlier)
        before = stay_of(tracker)
        stay, nights_wanted, wanted = before, tracker.get_slot("hotel_nights_wanted"), tracker.get_slot("hotel_room_wanted")
        options = options_of(tracker)
        for text in texts:
            entities = await duckling_client.parse(text, playbook.timezone_name, language, current, DIMS)
            said = hotel.read(entities, text, playbook, stay, today, tracker.get_slot("requested_slot"), options,
                              latest_intent(tracker) == "affirm", language)
            stay, nights_wanted = hotel.apply(stay, said, wanted, nights_wanted)
            if (rooms_said(entities, text, language) or 1) > 1:
                dispatcher.utter_message(response="utter_hotel_one_room", phone=playbook.staff_contact)
        if asking:
            stay = hotel.Stay(*(old if old is not None else new for old, new in zip(_fields(before), _fields(stay))))
        if stay == before and nights_wanted == tracker.get_slot("hotel_nights_wanted"):
            return self._not_understood(dispatcher, tracker)
        checked = await asyncio.to_thread(
            hotel.check, stay, playbook, Calendar(playbook, database()), current, wanted, language
        )
        if not asking:
            for note in checked.notes:
                dispatcher.utter_message(response=note.response, **note.values)
        changes = _changed(tracker, self._slots(checked, nights_wanted, playbook, language))
        if checked.notes and not changes:
            return _stay_slots(checked.stay)
        return changes

    def _not_understood(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> Dict[Text, Any]:
        """Nothing read from an answer to the form's own question: say so, and the question is asked again.
        "No" to the rooms offered means other dates, so the dates are asked again."""
        asked = tracker.get_slot("requested_slot")
        if asked not in NOT_UNDERSTOOD or not self.is_answer_to(tracker, asked):
            return {}
        if asked == "hotel_room" and latest_intent(tracker) == "deny" and tracker.get_slot("hotel_room_choices"):
            return {"hotel_check_in": None, "hotel_check_out": None, "hotel_room_choices": None}
        dispatcher.utter_message(response=NOT_UNDERSTOOD[asked])
        return {asked: None}

    @staticmethod
    def _slots(checked: hotel.Checked, nights_wanted, playbook: Playbook, language: str) -> Dict[Text, Any]:
        stay = checked.stay
        slots = {
            **_stay_slots(stay),
            "hotel_room_wanted": checked.wanted_room,
            "hotel_nights_wanted": nights_wanted,
            "hotel_room_choices": [[o.room_id, o.check_in.isoformat(), o.check_out.isoformat()] for o in checked.options] or None,
        }
        complete = stay.room_id and stay.dated and stay.guests
        read_back = hotel.read_back(stay, playbook, language) if complete else dict.fromkeys(READ_BACK_SLOTS)
        return {**slots, **read_back}

    def build_ticket(self, tracker: Tracker, playbook: Playbook, key: str) -> Ticket:
        customer = Customer(name=tracker.get_slot("customer_name"), phone=tracker.get_slot("customer_phone"))
        return hotel.build_ticket(
            stay_of(tracker), playbook, customer, tracker.get_slot("channel") or "web",
            tracker.get_slot("language") or "en", tracker.sender_id, key,
        )

    def holds(self, tracker: Tracker, playbook: Playbook) -> Sequence[Hold]:
        return hotel.holds(stay_of(tracker), Calendar(playbook, database()))

    def slot_taken(self, dispatcher: CollectingDispatcher, tracker: Tracker, playbook: Playbook) -> Dict[Text, Any]:
        """The last room of the type went while the caller was confirming: say so and offer what is left."""
        stay = stay_of(tracker)
        language = tracker.get_slot("language") or "en"
        room = playbook.catalog.item(stay.room_id)
        dispatcher.utter_message(response="utter_hotel_room_taken", room=room.name,
                                 dates=hotel.spoken_stay(stay.check_in, stay.check_out, language))
        checked = hotel.check(hotel.Stay(None, stay.check_in, stay.check_out, stay.guests), playbook,
                              Calendar(playbook, database()), now(), stay.room_id, language)
        for note in checked.notes:
            dispatcher.utter_message(response=note.response, **note.values)
        return self._slots(checked, None, playbook, language)


def _fields(stay: hotel.Stay) -> Tuple[Any, ...]:
    return stay.room_id, stay.check_in, stay.check_out, stay.guests


def _changed(tracker: Tracker, slots: Dict[Text, Any]) -> Dict[Text, Any]:
    return {slot: value for slot, value in slots.items() if tracker.get_slot(slot) != value}


class ActionHotelAnswerHours(Action):
    """"What time is check-in?" gets the check-in and check-out times; any other hours question the desk's hours."""

    def name(self) -> Text:
        return "action_hotel_answer_hours"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        playbook = playbook_for(tracker)
        if playbook is None:
            dispatcher.utter_message(response="utter_unknown_business")
            return []
        language = tracker.get_slot("language") or "en"
        text = latest_text(tracker).lower()
        if any(words in text for words in CHECK_TIMES.get(language, CHECK_TIMES["en"])):
            today = now().astimezone(playbook.timezone).date()
            dispatcher.utter_message(
                response="utter_hotel_check_times",
                check_in_time=clock(datetime.combine(today, playbook.booking.check_in), language),
                check_out_time=clock(datetime.combine(today, playbook.booking.check_out), language),
            )
        else:
            dispatcher.utter_message(response="utter_hours", hours=hours_said(playbook, language))
        return []


class ActionAskHotelRoom(Action):
    """Asks for the room type with what is free for the stay, so the caller picks from real options."""

    def name(self) -> Text:
        return "action_ask_hotel_form_hotel_room"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        playbook = playbook_for(tracker)
        options = options_of(tracker)
        if playbook is None or not options:
            dispatcher.utter_message(response="utter_hotel_which_room")
            return []
        rooms, other_dates = hotel.spoken_options(options, stay_of(tracker), playbook, tracker.get_slot("language") or "en")
        if rooms and other_dates:
            dispatcher.utter_message(response="utter_hotel_room_options_or_dates", rooms=rooms, other_dates=other_dates)
        elif rooms:
            dispatcher.utter_message(response="utter_hotel_room_options", rooms=rooms)
        else:
            dispatcher.utter_message(response="utter_hotel_room_other_dates", other_dates=other_dates)
        return []


class ActionAskHotelConfirmed(Action):
    """The read-back, with the deposit when the inn takes one, or the question of what to change."""

    def name(self) -> Text:
        return "action_ask_hotel_form_confirmed"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        if tracker.get_slot("awaiting_change"):
            dispatcher.utter_message(response="utter_hotel_what_to_change")
        elif tracker.get_slot("hotel_deposit"):
            dispatcher.utter_message(response="utter_hotel_read_back_with_deposit")
        else:
            dispatcher.utter_message(response="utter_hotel_read_back")
        return []
