"""Drop-off slots on the shop's grid: booked when a seat is free, else the nearest; picks from what was offered."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from pos.ticket import Customer, Ticket
from pos.ticket_store import store_ticket
from scheduling import Calendar, SlotTaken
from scheduling.when import When
from trades.repair_dropoff import DropOffBooking, holds_for, names_a_day, offers_from, ordinal_pick

NY = ZoneInfo("America/New_York")
MONDAY_EVENING = datetime(2026, 11, 30, 20, 0, tzinfo=NY)


def at(day, hour, minute=0):
    """Local New York time in December 2026 (the 1st is a Tuesday, the 6th a Sunday)."""
    return datetime(2026, 12, day, hour, minute, tzinfo=NY)


@pytest.fixture
def shop(registry):
    return registry.by_id("fixit-repair")


def fill(db, calendar, start, seats, prefix="other"):
    for seat in range(seats):
        key = f"{prefix}-{start.isoformat()}-{seat}"
        ticket = Ticket(business_id="fixit-repair", kind="work_order", customer=Customer(name="Someone"), lines=[],
                        scheduled_for=start, channel="web", language="en", conversation_id=key, idempotency_key=key)
        store_ticket(db, ticket, date(2026, 11, 30), holds=holds_for(calendar, start))


def test_a_free_time_is_booked_on_the_grid(db, shop):
    booking = DropOffBooking(Calendar(shop, db), MONDAY_EVENING)
    choice = booking.at(When(candidates=(at(1, 10), at(1, 22))))
    assert choice.offer.start == at(1, 10) and choice.offer.end == at(1, 10, 30)
    assert booking.at(When(candidates=(at(1, 10, 10),))).offer.start == at(1, 10)


def test_a_full_slot_offers_the_nearest_free_ones(db, shop):
    calendar = Calendar(shop, db)
    fill(db, calendar, at(1, 10), seats=1)
    assert DropOffBooking(calendar, MONDAY_EVENING).at(When(candidates=(at(1, 10),))).offer.start == at(1, 10)
    fill(db, calendar, at(1, 10), seats=1, prefix="second")
    choice = DropOffBooking(calendar, MONDAY_EVENING).at(When(candidates=(at(1, 10), at(1, 22))))
    assert choice.offer is None and choice.reason == "full"
    assert [offer.start for offer in choice.options] == [at(1, 9), at(1, 9, 30), at(1, 10, 30)]


def test_a_closed_time_is_unavailable_with_the_nearest_open_ones(db, shop):
    choice = DropOffBooking(Calendar(shop, db), MONDAY_EVENING).at(When(candidates=(at(6, 10),)))
    assert choice.reason == "unavailable"
    assert [offer.start for offer in choice.options] == [at(7, 9), at(7, 9, 30), at(7, 10)]


def test_a_day_or_part_of_one_gets_a_few_to_choose_from(db, shop):
    booking = DropOffBooking(Calendar(shop, db), MONDAY_EVENING)
    morning = booking.on_day(When(day=date(2026, 12, 3), between=(time(9, 0), time(12, 0))))
    assert morning.reason == "choose"
    assert [offer.start for offer in morning.options] == [at(3, 9), at(3, 10), at(3, 11)]
    sunday = booking.on_day(When(day=date(2026, 12, 6)))
    assert sunday.reason == "unavailable" and sunday.options[0].start == at(7, 9)


def test_picks_from_what_was_offered(db, shop):
    calendar = Calendar(shop, db)
    booking = DropOffBooking(calendar, MONDAY_EVENING)
    offered = offers_from([at(3, 9).isoformat(), at(3, 10).isoformat(), at(3, 11).isoformat()], calendar)
    assert booking.pick(offered, 1).offer.start == at(3, 10)
    assert booking.pick(offered, -1).offer.start == at(3, 11)
    three_pm_today = datetime(2026, 11, 30, 11, 0, tzinfo=NY)
    clock_only = booking.at(When(candidates=(three_pm_today,)), offered, day_said=False)
    assert clock_only.offer.start == at(3, 11)
    asked_thursday = booking.at(When(candidates=(datetime(2026, 12, 1, 15, 0, tzinfo=NY),)), day_said=False,
                                day_hint=date(2026, 12, 3))
    assert asked_thursday.offer.start == at(3, 15)


def test_as_soon_as_possible_is_the_first_free_slot(db, shop):
    assert DropOffBooking(Calendar(shop, db), MONDAY_EVENING).earliest().offer.start == at(1, 9)


def test_the_drop_off_holds_one_seat_of_the_shop_and_a_full_slot_is_refused(db, shop):
    calendar = Calendar(shop, db)
    fill(db, calendar, at(2, 14), seats=2)
    with pytest.raises(SlotTaken):
        fill(db, calendar, at(2, 14), seats=1, prefix="third")
    (hold,) = holds_for(calendar, at(2, 14))
    assert (hold.resource_id, hold.capacity, len(hold.units)) == ("shop", 2, 1)


def test_reading_picks_and_days():
    assert ordinal_pick("the first one") == 0
    assert ordinal_pick("uh the later one") == -1
    assert ordinal_pick("10:30 works") is None
    assert names_a_day("thursday at 4 works") and names_a_day("tomorrow around 10")
    assert not names_a_day("the 3pm one")


def test_a_full_day_and_time_is_not_moved_to_the_same_time_next_week(db, shop):
    calendar = Calendar(shop, db)
    fill(db, calendar, at(1, 14), seats=2)
    choice = DropOffBooking(calendar, MONDAY_EVENING).at(When(candidates=(at(1, 14), at(8, 14), at(15, 14))))
    assert choice.offer is None and choice.reason == "full"
    assert [offer.start for offer in choice.options] == [at(1, 13), at(1, 13, 30), at(1, 14, 30)]
