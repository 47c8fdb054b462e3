"""validate_hotel_form on real trackers: what it fills from a message, what it says, and holding the room on "yes"."""

import asyncio
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import hotel_form
from actions.hotel_form import ActionAskHotelConfirmed, ActionAskHotelRoom, ValidateHotelForm
from storage.tables import tickets
from tests.unit.test_hotel_dates import FRIDAY, SUNDAY, day, days, number

LA = ZoneInfo("America/Los_Angeles")
NOW = datetime(2026, 11, 30, 9, 0, tzinfo=LA)
DOMAIN = yaml.safe_load((Path(__file__).resolve().parents[2] / "domain" / "hotel.yml").read_text())


@pytest.fixture
def form(monkeypatch, db, registry):
    """The action with the clock at Monday 30 November 2026, the test database, and Duckling's answers given."""
    answers = {}

    async def parse(text, *args, **kwargs):
        return answers.get(text, [])

    monkeypatch.setattr(hotel_form.duckling_client, "parse", parse)
    monkeypatch.setattr(hotel_form, "now", lambda: NOW)
    monkeypatch.setattr(hotel_form, "database", lambda: db)
    monkeypatch.setattr("actions.ticket_form.now", lambda: NOW)
    monkeypatch.setattr("actions.ticket_form.database", lambda: db)
    monkeypatch.setattr("actions.request_form.playbook_for", lambda tracker: registry.by_id("harbor-inn"))
    monkeypatch.setattr(hotel_form, "playbook_for", lambda tracker: registry.by_id("harbor-inn"))
    monkeypatch.setattr("actions.ticket_form.playbook_for", lambda tracker: registry.by_id("harbor-inn"))
    return answers


def tracker(text, intent, slots=None, requested=None):
    slots = {"business_id": "harbor-inn", "channel": "web", "language": "en", "requested_slot": requested, **(slots or {})}
    message = {"text": text, "intent": {"name": intent}, "entities": []}
    events = [{"event": "user", "text": text, "parse_data": message, "timestamp": 1.0}]
    return Tracker("caller-1", slots, message, events, False, None, {"name": "hotel_form"}, "action_listen")


def run(action, current):
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, current, DOMAIN))
    slots = {event["name"]: event["value"] for event in events if event.get("event") == "slot"}
    return slots, [message["response"] for message in dispatcher.messages]


def test_room_dates_and_guests_fill_at_once(form):
    text = "king room friday to sunday for 2"
    form[text] = [number(text, "2", 2), days(text, "friday to sunday", FRIDAY, SUNDAY)]
    slots, said = run(ValidateHotelForm(), tracker(text, "make_booking"))
    assert slots["hotel_room"] == "king-room" and slots["hotel_guests"] == 2
    assert (slots["hotel_check_in"], slots["hotel_check_out"]) == ("2026-12-04", "2026-12-06")
    assert slots["hotel_total"] == "358" and slots["hotel_deposit"] == "89.50"
    assert said == []


def test_a_question_is_left_to_its_own_action(form):
    slots, said = run(ValidateHotelForm(), tracker("how much is the suite?", "ask_price", requested="hotel_room"))
    assert slots == {} and said == []


def test_a_party_too_big_gets_larger_rooms_offered(form):
    text = "5 of us"
    form[text] = [number(text, "5", 5)]
    stay = {"hotel_room": "king-room", "hotel_check_in": "2026-12-04", "hotel_check_out": "2026-12-06"}
    slots, said = run(ValidateHotelForm(), tracker(text, "inform", stay, requested="hotel_guests"))
    assert said == ["utter_hotel_room_too_small"]
    assert slots["hotel_room"] is None and slots["hotel_guests"] == 5
    assert slots["hotel_room_choices"] == [["family-suite", "2026-12-04", "2026-12-06"]]


def test_the_room_question_lists_the_offers(form):
    stay = {"hotel_check_in": "2026-12-04", "hotel_check_out": "2026-12-06", "hotel_guests": 5,
            "hotel_room_choices": [["family-suite", "2026-12-04", "2026-12-06"]]}
    dispatcher = CollectingDispatcher()
    asyncio.run(ActionAskHotelRoom().run(dispatcher, tracker("", "inform", stay), DOMAIN))
    assert dispatcher.messages[0]["response"] == "utter_hotel_room_options"
    assert dispatcher.messages[0]["rooms"] == "the family suite at $289"
    slots, _ = run(ValidateHotelForm(), tracker("yes", "affirm", stay, requested="hotel_room"))
    assert slots["hotel_room"] == "family-suite"


def test_yes_holds_the_room_and_a_taken_room_is_offered_again(form, db):
    stay = {"hotel_room": "family-suite", "hotel_check_in": "2026-12-04", "hotel_check_out": "2026-12-06",
            "hotel_guests": 5, "customer_name": "Dana", "customer_phone": "+14155550199", "hotel_deposit": "144.50"}
    dispatcher = CollectingDispatcher()
    asyncio.run(ActionAskHotelConfirmed().run(dispatcher, tracker("", "inform", stay), DOMAIN))
    assert dispatcher.messages[0]["response"] == "utter_hotel_read_back_with_deposit"
    for caller in ("first", "second"):
        current = tracker("yes", "affirm", stay, requested="confirmed")
        current.sender_id = caller
        slots, _ = run(ValidateHotelForm(), current)
        assert slots["confirmed"] is True and slots["ticket_number"]
    current = tracker("yes", "affirm", stay, requested="confirmed")
    current.sender_id = "third"
    slots, said = run(ValidateHotelForm(), current)
    assert said == ["utter_hotel_room_taken"] and slots["hotel_room"] is None and slots.get("confirmed") is None
    assert slots["hotel_room_wanted"] == "family-suite"
    with db.engine.connect() as connection:
        assert len(connection.execute(tickets.select()).all()) == 2


def test_a_reply_to_the_name_question_is_not_read_as_a_room(form):
    slots, _ = run(ValidateHotelForm(), tracker("Martin King", "inform", requested="customer_name"))
    assert "hotel_room" not in slots and slots["customer_name"] == "Martin King"


def test_a_past_date_is_said_and_asked_again(form):
    text = "yesterday"
    form[text] = [day(text, "yesterday", NOW.date() - timedelta(days=1))]
    slots, said = run(ValidateHotelForm(), tracker(text, "inform", requested="hotel_check_in"))
    assert said == ["utter_hotel_date_past"] and slots["hotel_check_in"] is None


def test_an_answer_with_nothing_in_it_is_said_and_asked_again(form):
    slots, said = run(ValidateHotelForm(), tracker("hmm whenever", "inform", requested="hotel_check_in"))
    assert said == ["utter_hotel_dates_not_understood"] and slots == {"hotel_check_in": None}


def test_the_availability_question_before_the_request_is_read_too(form):
    question = "do you have a king room friday to sunday?"
    form[question] = [days(question, "friday to sunday", FRIDAY, SUNDAY)]
    current = tracker("yes", "affirm")
    current.events.insert(0, {"event": "user", "text": question,
                              "parse_data": {"intent": {"name": "ask_availability"}}, "timestamp": 0.5})
    slots, _ = run(ValidateHotelForm(), current)
    assert (slots["hotel_room"], slots["hotel_check_in"], slots["hotel_check_out"]) == ("king-room", "2026-12-04", "2026-12-06")


def test_nights_before_a_date(form):
    text = "3 nights"
    form[text] = [number(text, "3", 3)]
    slots, _ = run(ValidateHotelForm(), tracker(text, "inform", requested="hotel_check_in"))
    assert slots == {"hotel_nights_wanted": 3}
