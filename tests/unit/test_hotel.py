"""The Harbor Inn's reservation holds: laying what is said over the stay, the checks, the offers, the ticket."""

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from pos.ticket import Customer
from pos.ticket_store import store_ticket
from scheduling.calendar import Calendar
from scheduling.reservations import SlotTaken
from trades import hotel
from trades.hotel import Option, Said, Stay
from trades.hotel_dates import DatesSaid

LA = ZoneInfo("America/Los_Angeles")
NOW = datetime(2026, 11, 30, 9, 0, tzinfo=LA)
FRIDAY, SUNDAY = date(2026, 12, 4), date(2026, 12, 6)
WEEKEND = Stay("king-room", FRIDAY, SUNDAY, 2)


@pytest.fixture
def inn(registry):
    return registry.by_id("harbor-inn")


def hold(db, inn, stay, key):
    ticket = hotel.build_ticket(stay, inn, Customer("Dana", "+14155550199"), "web", "en", key, key)
    return store_ticket(db, ticket, NOW.date(), holds=hotel.holds(stay, Calendar(inn, db)))


def test_rooms_are_the_items_with_inventory(inn):
    assert [item.id for item in hotel.rooms(inn)] == [
        "queen-room", "king-room", "double-queen", "accessible-king", "ocean-view-king", "family-suite"]
    assert hotel.room_named("the ocean view king please", inn).id == "ocean-view-king"
    assert hotel.room_named("two queens", inn).id == "double-queen"
    assert hotel.room_named("is parking included", inn) is None
    assert hotel.room_named("I'd like to book a room", inn) is None


def test_a_new_check_in_keeps_the_length_of_the_stay():
    moved, _ = hotel.apply(WEEKEND, Said(DatesSaid(check_in=date(2026, 12, 5))))
    assert (moved.check_in, moved.check_out) == (date(2026, 12, 5), date(2026, 12, 7))
    longer, _ = hotel.apply(WEEKEND, Said(DatesSaid(nights=3)))
    assert longer.check_out == date(2026, 12, 7)
    assert hotel.apply(WEEKEND, Said(guests=3))[0] == Stay("king-room", FRIDAY, SUNDAY, 3)
    assert hotel.apply(WEEKEND, Said(DatesSaid(extra_nights=1)))[0].check_out == date(2026, 12, 7)


def test_nights_said_before_a_date_wait_for_it():
    stay, waiting = hotel.apply(Stay(), Said(DatesSaid(nights=3)))
    assert stay == Stay() and waiting == 3
    stay, waiting = hotel.apply(stay, Said(DatesSaid(check_in=FRIDAY)), nights_wanted=waiting)
    assert (stay.check_in, stay.check_out, waiting) == (FRIDAY, date(2026, 12, 7), None)


def test_a_room_that_was_full_comes_back_with_new_dates():
    stay = Stay(None, FRIDAY, SUNDAY, 2)
    moved, _ = hotel.apply(stay, Said(DatesSaid(date(2026, 12, 11), date(2026, 12, 13))), wanted_room="king-room")
    assert moved.room_id == "king-room"
    assert hotel.apply(stay, Said(guests=2), wanted_room="king-room")[0].room_id is None


def test_picking_an_offer_takes_its_room_and_dates():
    offers = [Option("queen-room", FRIDAY, SUNDAY), Option("king-room", date(2026, 12, 5), date(2026, 12, 7))]
    assert hotel.choice_said("the second one") == 1 and hotel.choice_said("the cheaper one") == 0
    assert hotel.choice_said("the 2nd") is None
    stay, _ = hotel.apply(Stay(None, FRIDAY, SUNDAY, 2), Said(choice=offers[1]))
    assert stay == Stay("king-room", date(2026, 12, 5), date(2026, 12, 7), 2)


def test_dates_the_inn_cannot_take_are_cleared_with_the_reason(inn, db):
    calendar = Calendar(inn, db)
    past = hotel.check(Stay(None, date(2026, 11, 29), FRIDAY), inn, calendar, NOW)
    assert past.stay == Stay() and past.notes[0].response == "utter_hotel_date_past"
    far = hotel.check(Stay(None, NOW.date() + timedelta(days=181)), inn, calendar, NOW)
    assert far.notes[0].response == "utter_hotel_date_too_far" and far.notes[0].values == {"last_date": "Saturday May 29"}
    backwards = hotel.check(Stay(None, SUNDAY, FRIDAY), inn, calendar, NOW)
    assert backwards.stay == Stay(None, SUNDAY) and backwards.notes[0].response == "utter_hotel_check_out_before_check_in"


def test_a_party_too_big_for_the_room_is_offered_larger_rooms(inn, db):
    checked = hotel.check(Stay("king-room", FRIDAY, SUNDAY, 4), inn, Calendar(inn, db), NOW)
    assert checked.notes[0].response == "utter_hotel_room_too_small"
    assert checked.notes[0].values == {"room": "king room", "max_guests": "2"}
    assert [option.room_id for option in checked.options] == ["double-queen", "family-suite"]
    rooms, other_dates = hotel.spoken_options(checked.options, checked.stay, inn)
    assert rooms == "the double queen room at $199 or the family suite at $289" and other_dates == ""
    too_many = hotel.check(Stay(None, FRIDAY, SUNDAY, 9), inn, Calendar(inn, db), NOW)
    assert too_many.stay.guests is None and too_many.notes[0].response == "utter_hotel_too_many_guests"


def test_a_full_room_type_is_said_with_other_rooms_and_its_nearest_free_dates(inn, db):
    stay = Stay("accessible-king", FRIDAY, SUNDAY, 2)
    hold(db, inn, stay, "a")
    hold(db, inn, Stay("accessible-king", date(2026, 12, 5), date(2026, 12, 6), 2), "b")
    checked = hotel.check(stay, inn, Calendar(inn, db), NOW)
    assert checked.stay.room_id is None and checked.wanted_room == "accessible-king"
    assert checked.notes[0].response == "utter_hotel_room_full"
    assert checked.notes[0].values["dates"] == "Friday December 4 to Sunday December 6"
    assert checked.options[-1] == Option("accessible-king", date(2026, 12, 3), date(2026, 12, 5))
    rooms, other_dates = hotel.spoken_options(checked.options, checked.stay, inn)
    assert rooms.startswith("the queen room at $149")
    assert other_dates == "the accessible king room Thursday December 3 to Saturday December 5"


def test_the_last_room_goes_to_one_caller_only(inn, db):
    stay = Stay("family-suite", FRIDAY, SUNDAY, 5)
    hold(db, inn, stay, "first")
    hold(db, inn, stay, "second")
    with pytest.raises(SlotTaken):
        hold(db, inn, stay, "third")
    assert Calendar(inn, db).rooms_free("family-suite", FRIDAY, SUNDAY) == 0
    assert Calendar(inn, db).rooms_free("family-suite", SUNDAY, date(2026, 12, 8)) == 2


def test_read_back_and_deposit(inn):
    values = hotel.read_back(WEEKEND, inn)
    assert values == {
        "hotel_room_name": "king room", "hotel_stay_spoken": "Friday December 4 to Sunday December 6",
        "hotel_nights": "2", "hotel_rate": "179", "hotel_total": "358", "hotel_deposit": "89.50",
        "hotel_check_in_time": "3:00 PM", "hotel_check_out_time": "11:00 AM",
    }
    assert hotel.deposit(inn, Decimal("149.00"), "king-room") == Decimal("37.25")


def test_the_ticket_is_a_reservation_hold_for_the_stay(inn):
    ticket = hotel.build_ticket(WEEKEND, inn, Customer("Dana", "+14155550199"), "sms", "en", "conv", "key")
    assert ticket.kind == "reservation_hold" and ticket.business_id == "harbor-inn"
    assert ticket.scheduled_for == datetime(2026, 12, 4, 15, 0, tzinfo=LA)
    assert ticket.scheduled_until == datetime(2026, 12, 6, 11, 0, tzinfo=LA)
    [line] = ticket.lines
    assert (line.item_id, line.quantity, line.unit_price, line.variation_id) == ("king-room", 2, "179.00", "king-room-night")
    assert ticket.total == Decimal("358.00") and ticket.deposit == "89.50"
    assert ticket.details == {"check_in": "2026-12-04", "check_out": "2026-12-06", "nights": "2", "guests": "2"}
