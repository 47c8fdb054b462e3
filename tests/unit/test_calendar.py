from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from pos.ticket import Customer, Ticket
from pos.ticket_store import store_ticket
from scheduling import Calendar, Offer, SlotTaken

NY = ZoneInfo("America/New_York")
MONDAY_MORNING = datetime(2026, 11, 30, 8, 0, tzinfo=NY)
AFTERNOON = (time(12, 0), time(17, 0))
STAFF = [
    {"id": "ana", "name": "Ana"},
    {"id": "ben", "name": "Ben", "services": ["haircut"], "hours": {"tue": ["12:00-17:00"], "wed": ["12:00-17:00"]}},
]
ROOMS = [
    {"id": "king", "name": "king room", "inventory": 2,
     "variations": [{"id": "king-night", "name": "night", "price": 180}]},
    {"id": "queen", "name": "queen room", "inventory": 3,
     "variations": [{"id": "queen-night", "name": "night", "price": 140}]},
    {"id": "breakfast", "name": "breakfast", "variations": [{"id": "breakfast-one", "name": "one", "price": 15}]},
]


def at(day, hour, minute=0):
    """Local New York time in December 2026 (the 1st is a Tuesday, the 6th a Sunday)."""
    return datetime(2026, 12, day, hour, minute, tzinfo=NY)


def starts(offers):
    return [offer.start for offer in offers]


def book(db, holds, key):
    ticket = Ticket(business_id="test-salon", kind="appointment", customer=Customer(name="Dana"), lines=[],
                    scheduled_for=None, channel="web", language="en", conversation_id=key, idempotency_key=key)
    return store_ticket(db, ticket, date(2026, 11, 30), holds=holds)


def book_offer(db, calendar, offer, key):
    return book(db, calendar.holds_for(offer), key)


def test_free_slots_are_spread_out_not_consecutive_quarter_hours(db, bookable):
    calendar = Calendar(bookable(), db)
    offers = calendar.free_slots(duration_minutes=45, now=MONDAY_MORNING)
    assert offers == [
        Offer(datetime(2026, 11, 30, 9, 0, tzinfo=NY), datetime(2026, 11, 30, 9, 45, tzinfo=NY)),
        Offer(datetime(2026, 11, 30, 10, 0, tzinfo=NY), datetime(2026, 11, 30, 10, 45, tzinfo=NY)),
        Offer(datetime(2026, 11, 30, 12, 0, tzinfo=NY), datetime(2026, 11, 30, 12, 45, tzinfo=NY)),
    ]
    assert all(offer.start.tzinfo == NY for offer in offers)


def test_a_part_of_a_day_is_answered_inside_it(db, bookable):
    calendar = Calendar(bookable(), db)
    thursday = calendar.free_slots(duration_minutes=45, now=MONDAY_MORNING, day=date(2026, 12, 3), between=AFTERNOON)
    assert starts(thursday) == [at(3, 12), at(3, 13), at(3, 14)]
    assert calendar.free_slots(duration_minutes=45, now=MONDAY_MORNING, day=date(2026, 12, 6)) == []


def test_a_full_morning_moves_the_offers_past_it(db, bookable):
    calendar = Calendar(bookable(), db)
    for hour in (9, 10, 11):
        book_offer(db, calendar, calendar.is_free(at(1, hour), duration_minutes=60, now=MONDAY_MORNING), f"k{hour}")
    offers = calendar.free_slots(duration_minutes=60, now=MONDAY_MORNING, day=date(2026, 12, 1))
    assert starts(offers) == [at(1, 12), at(1, 13), at(1, 14)]


def test_a_sixty_minute_service_blocks_four_quarter_hours(db, bookable):
    calendar = Calendar(bookable(), db)
    offer = calendar.is_free(at(1, 10), duration_minutes=60, now=MONDAY_MORNING)
    assert [len(hold.units) for hold in calendar.holds_for(offer)] == [4]
    book_offer(db, calendar, offer, "colour")
    assert calendar.is_free(at(1, 10, 45), duration_minutes=60, now=MONDAY_MORNING) is None
    assert calendar.is_free(at(1, 9, 15), duration_minutes=60, now=MONDAY_MORNING) is None
    assert calendar.is_free(at(1, 9), duration_minutes=60, now=MONDAY_MORNING) is not None
    assert calendar.is_free(at(1, 11), duration_minutes=60, now=MONDAY_MORNING) is not None
    overlapping = Offer(at(1, 10, 45), at(1, 11, 45))
    with pytest.raises(SlotTaken):
        book_offer(db, calendar, overlapping, "overlap")


def test_anyone_gets_the_free_stylist_and_ties_go_to_staff_order(db, bookable):
    calendar = Calendar(bookable(booking={"staff": STAFF}), db)
    first = calendar.is_free(at(1, 13), duration_minutes=45, now=MONDAY_MORNING)
    assert (first.staff_id, first.staff_name) == ("ana", "Ana")
    book_offer(db, calendar, first, "with-ana")
    second = calendar.is_free(at(1, 13), duration_minutes=45, now=MONDAY_MORNING)
    assert second.staff_id == "ben" and calendar.holds_for(second)[0].resource_id == "staff:ben"
    book_offer(db, calendar, second, "with-ben")
    assert calendar.is_free(at(1, 13), duration_minutes=45, now=MONDAY_MORNING) is None
    assert calendar.is_free(at(1, 13), duration_minutes=45, now=MONDAY_MORNING, staff_id="ana") is None


def test_only_staff_who_do_the_service_are_offered(db, bookable):
    calendar = Calendar(bookable(booking={"staff": STAFF}), db)
    book_offer(db, calendar, calendar.is_free(at(1, 13), duration_minutes=60, now=MONDAY_MORNING, staff_id="ana"), "a")
    assert calendar.is_free(at(1, 13), duration_minutes=60, now=MONDAY_MORNING, service_id="colour") is None
    assert calendar.is_free(at(1, 13), duration_minutes=60, now=MONDAY_MORNING, service_id="haircut").staff_id == "ben"
    assert calendar.free_slots(duration_minutes=60, now=MONDAY_MORNING, staff_id="ben", service_id="colour") == []
    assert calendar.free_slots(duration_minutes=60, now=MONDAY_MORNING, staff_id="nobody") == []


def test_staff_are_offered_inside_their_own_hours(db, bookable):
    calendar = Calendar(bookable(booking={"staff": STAFF}), db)
    assert calendar.free_slots(duration_minutes=45, now=MONDAY_MORNING, staff_id="ben", day=date(2026, 11, 30)) == []
    with_ben = calendar.free_slots(duration_minutes=45, now=MONDAY_MORNING, staff_id="ben")
    assert starts(with_ben) == [at(1, 12), at(1, 13), at(2, 12)]
    assert {offer.staff_id for offer in with_ben} == {"ben"}
    assert calendar.is_free(at(1, 11), duration_minutes=45, now=MONDAY_MORNING, staff_id="ben") is None


def test_lead_time_closing_time_grid_and_horizon(db, bookable):
    calendar = Calendar(bookable(), db)
    tuesday = at(1, 9, 20)
    assert starts(calendar.free_slots(duration_minutes=45, now=tuesday, day=date(2026, 12, 1)))[0] == at(1, 10, 30)
    assert calendar.is_free(at(1, 10, 15), duration_minutes=45, now=tuesday) is None
    assert calendar.is_free(at(1, 16, 15), duration_minutes=45, now=tuesday) is not None
    assert calendar.is_free(at(1, 16, 30), duration_minutes=45, now=tuesday) is None
    assert calendar.is_free(at(1, 11, 5), duration_minutes=45, now=tuesday) is None
    assert calendar.is_free(at(30, 10), duration_minutes=45, now=tuesday) is not None
    assert calendar.is_free(datetime(2027, 1, 4, 10, 0, tzinfo=NY), duration_minutes=45, now=tuesday) is None
    closing = (time(16, 0), time(17, 0))
    late = calendar.free_slots(duration_minutes=45, now=tuesday, day=date(2026, 12, 1), between=closing)
    assert starts(late) == [at(1, 16), at(1, 16, 15)]


def test_nearest_slots_go_either_side_then_to_the_following_days(db, bookable):
    calendar = Calendar(bookable(), db)
    for hour in range(9, 17):
        book_offer(db, calendar, calendar.is_free(at(1, hour), duration_minutes=60, now=MONDAY_MORNING), f"k{hour}")
    nearest = calendar.nearest_slots(at(1, 14), duration_minutes=60, now=MONDAY_MORNING)
    assert starts(nearest) == [at(2, 9), at(2, 9, 15), at(2, 9, 30)]


def test_arrival_windows_have_a_seat_per_crew_member(db, bookable):
    windows = {"arrival_windows": ["08:00-12:00", "12:00-16:00"], "staff": STAFF}
    calendar = Calendar(bookable(booking=windows), db)
    morning = calendar.free_windows(now=MONDAY_MORNING, day=date(2026, 12, 1))[0]
    assert (morning.start, morning.end) == (at(1, 8), at(1, 12))
    book(db, calendar.holds_for_window(morning), "first")
    book(db, calendar.holds_for_window(morning), "second")
    with pytest.raises(SlotTaken):
        book(db, calendar.holds_for_window(morning), "third")
    assert calendar.free_windows(now=MONDAY_MORNING, day=date(2026, 12, 1)) == [Offer(at(1, 12), at(1, 16))]
    assert calendar.free_windows(now=MONDAY_MORNING, day=date(2026, 12, 6)) == []


def test_a_window_is_offered_while_its_last_hour_is_after_the_lead_time(db, bookable):
    calendar = Calendar(bookable(booking={"arrival_windows": ["08:00-12:00", "12:00-16:00"]}), db)
    assert starts(calendar.free_windows(now=at(1, 9, 30))) == [at(1, 8), at(1, 12), at(2, 8)]
    assert starts(calendar.free_windows(now=at(1, 10, 30), limit=2)) == [at(1, 12), at(2, 8)]
    assert starts(calendar.free_windows(now=at(1, 14), limit=1)) == [at(2, 8)]


def test_hotel_nights_fill_per_room_type_and_a_stay_may_start_on_a_checkout_day(db, bookable):
    calendar = Calendar(bookable(items=ROOMS), db)
    friday, sunday, tuesday = date(2026, 12, 4), date(2026, 12, 6), date(2026, 12, 8)
    book(db, calendar.holds_for_stay("king", friday, sunday), "first")
    book(db, calendar.holds_for_stay("king", date(2026, 12, 5), sunday), "second")
    with pytest.raises(SlotTaken):
        book(db, calendar.holds_for_stay("king", date(2026, 12, 5), date(2026, 12, 7)), "third")
    assert calendar.rooms_free("king", friday, sunday) == 0
    assert calendar.rooms_free("king", friday, date(2026, 12, 5)) == 1
    book(db, calendar.holds_for_stay("king", sunday, tuesday), "from-checkout-day")
    assert calendar.rooms_free("king", sunday, tuesday) == 1
    assert [(item.id, free) for item, free in calendar.free_room_types(friday, sunday)] == [("king", 0), ("queen", 3)]
    assert calendar.rooms_free("breakfast", friday, sunday) == 0
    with pytest.raises(ValueError):
        calendar.holds_for_stay("breakfast", friday, sunday)


def test_nearest_stays_are_the_closest_free_check_ins_not_in_the_past(db, bookable):
    calendar = Calendar(bookable(items=ROOMS), db)
    for key in ("a", "b"):
        book(db, calendar.holds_for_stay("king", date(2026, 12, 4), date(2026, 12, 6)), key)
    assert calendar.nearest_stays("king", date(2026, 12, 5), 1, now=MONDAY_MORNING) == [
        date(2026, 12, 3), date(2026, 12, 6), date(2026, 12, 7)]
    assert calendar.nearest_stays("king", date(2026, 12, 4), 2, now=MONDAY_MORNING) == [
        date(2026, 12, 1), date(2026, 12, 2), date(2026, 12, 6)]
    assert calendar.nearest_stays("king", date(2026, 12, 4), 2, now=at(3, 12)) == [
        date(2026, 12, 6), date(2026, 12, 7), date(2026, 12, 8)]
    assert calendar.nearest_stays("queen", date(2026, 12, 4), 2, limit=1, now=MONDAY_MORNING) == [date(2026, 12, 4)]


def test_slots_follow_the_business_clock_across_a_dst_change(db, bookable):
    calendar = Calendar(bookable(hours={"sat": ["09:00-17:00"], "sun": ["09:00-17:00"]}), db)
    friday = datetime(2026, 10, 30, 8, 0, tzinfo=NY)
    saturday = calendar.is_free(datetime(2026, 10, 31, 9, 0, tzinfo=NY), duration_minutes=30, now=friday)
    sunday = calendar.is_free(datetime(2026, 11, 1, 9, 0, tzinfo=NY), duration_minutes=30, now=friday)
    assert calendar.holds_for(saturday)[0].units == ("2026-10-31T13:00", "2026-10-31T13:15")
    assert calendar.holds_for(sunday)[0].units == ("2026-11-01T14:00", "2026-11-01T14:15")


def test_a_holiday_closes_the_day_for_everyone_and_a_short_day_keeps_its_own_hours(db, bookable):
    holidays = [{"date": "12-01", "name": "Founders' Day"}, {"date": "2026-12-02", "hours": ["09:00-12:00"]}]
    calendar = Calendar(bookable(booking={"staff": STAFF}, holidays=holidays), db)
    assert calendar.free_slots(duration_minutes=45, now=MONDAY_MORNING, day=date(2026, 12, 1)) == []
    assert calendar.is_free(at(1, 13), duration_minutes=45, now=MONDAY_MORNING, staff_id="ben") is None
    assert calendar.free_slots(duration_minutes=45, now=MONDAY_MORNING, staff_id="ben", day=date(2026, 12, 2)) == []
    short = calendar.free_slots(duration_minutes=45, now=MONDAY_MORNING, day=date(2026, 12, 2))
    assert starts(short) and all(offer.end <= at(2, 12) for offer in short)
    assert calendar.is_free(at(8, 13), duration_minutes=45, now=MONDAY_MORNING) is not None
