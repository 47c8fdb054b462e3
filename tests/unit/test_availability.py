"""Availability answers: concrete options from the schedule for each kind of business."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from playbooks.model import Playbook
from scheduling.availability import answer, staff_named
from scheduling.calendar import Calendar
from scheduling.when import When

NEW_YORK = ZoneInfo("America/New_York")
MONDAY_8AM = datetime(2026, 11, 30, 8, 0, tzinfo=NEW_YORK)
STAFF = [{"id": "maria", "name": "Maria"}, {"id": "joe", "name": "Joe", "aliases": ["Joey"], "services": ["haircut"]}]


def test_a_named_service_on_a_part_of_a_day(bookable, db):
    salon = bookable(booking={"staff": STAFF})
    thursday_afternoon = When(day=date(2026, 12, 3), between=(time(12, 0), time(17, 0)))
    found = answer(salon, Calendar(salon, db), "anything thursday afternoon for a colour?", thursday_afternoon, MONDAY_8AM)
    assert found.response == "utter_availability_slots"
    assert found.values["options"].startswith("Thursday at 12:00 PM with Maria")
    assert "Joe" not in found.values["options"]


def test_staff_are_found_by_name_or_alias(bookable):
    salon = bookable(booking={"staff": STAFF})
    assert staff_named("does joey have anything", salon).id == "joe"
    assert staff_named("with Maria please", salon).id == "maria"
    assert staff_named("anyone is fine", salon) is None


def test_no_day_named_gives_the_first_free_options(bookable, db):
    shop = bookable(booking={"capacity": 2})
    found = answer(shop, Calendar(shop, db), "what's the soonest", None, MONDAY_8AM)
    assert found.values["options"].startswith("today at 9:00 AM")


def test_rooms_for_a_stay(bookable, db):
    rooms = [
        {"id": "king", "name": "king room", "inventory": 1, "max_guests": 2, "variations": [{"id": "king-night", "name": "night", "price": 189}]},
        {"id": "queen", "name": "queen room", "inventory": 3, "max_guests": 2, "variations": [{"id": "queen-night", "name": "night", "price": 149}]},
    ]
    inn = bookable(items=rooms, trade="hotel")
    weekend = When(day=date(2026, 12, 4), until=date(2026, 12, 6))
    found = answer(inn, Calendar(inn, db), "do you have a king room friday to sunday", weekend, MONDAY_8AM)
    assert found.response == "utter_availability_room_free"
    assert found.values == {"room": "king room", "dates": "Friday December 4 to Sunday December 6", "rate": "189.00"}
    assert answer(inn, Calendar(inn, db), "any rooms", None, MONDAY_8AM).response == "utter_availability_which_dates"


def test_arrival_windows(bookable, db):
    plumber = bookable(trade="home_services", booking={"arrival_windows": ["08:00-12:00", "12:00-16:00"], "capacity": 1})
    found = answer(plumber, Calendar(plumber, db), "can someone come tomorrow", When(day=date(2026, 12, 1)), MONDAY_8AM)
    assert found.response == "utter_availability_windows"
    assert found.values["options"] == "tomorrow between 8:00 AM and 12:00 PM or tomorrow between 12:00 PM and 4:00 PM"


def test_stock_on_the_shelf(bookable, db):
    items = [
        {"id": "drill", "name": "cordless drill", "stock": 0, "variations": [{"id": "d", "name": "regular", "price": 99}]},
        {"id": "tape", "name": "duct tape", "stock": 12, "variations": [{"id": "t", "name": "regular", "price": 6}]},
    ]
    shop = bookable(items=items, trade="retail")
    calendar = Calendar(shop, db)
    assert answer(shop, calendar, "got duct tape?", None, MONDAY_8AM).response == "utter_availability_in_stock"
    assert answer(shop, calendar, "is the cordless drill in stock", None, MONDAY_8AM).response == "utter_availability_out_of_stock"


def test_restaurant_offers_pickup_times(pizzeria: Playbook, db):
    found = answer(pizzeria, Calendar(pizzeria, db), "what times do you have", None, MONDAY_8AM)
    assert found.response == "utter_availability_slots"
    assert found.values["options"].startswith("today at 11:")
