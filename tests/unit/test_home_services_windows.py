"""Which arrival window the caller means, checked against the technicians still free in it."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from pos.ticket_store import store_ticket
from scheduling.calendar import Calendar
from trades.home_services_ticket import ServiceCall, service_call_ticket
from trades.home_services_windows import (
    WindowSchedule, WindowWords, best_window, clock_span, earliest_today, ordinal, part_of_day, pick_window,
    read_window_words,
)

CHICAGO = ZoneInfo("America/Chicago")
MONDAY_7AM = datetime(2026, 11, 30, 7, 0, tzinfo=CHICAGO)
TUESDAY, THURSDAY, SUNDAY = date(2026, 12, 1), date(2026, 12, 3), date(2026, 12, 6)


@pytest.fixture
def rooter(registry):
    return registry.by_id("rapid-rooter")


@pytest.fixture
def schedule(rooter, db):
    return WindowSchedule(rooter, Calendar(rooter, db))


def _duckling_day(day: date, body: str):
    return [{"dim": "time", "body": body, "value": {"type": "value", "grain": "day", "value": f"{day.isoformat()}T00:00:00.000-06:00"}}]


def _duckling_hours(body: str, *moments: str):
    values = [{"type": "value", "grain": "hour", "value": moment} for moment in moments]
    return [{"dim": "time", "body": body, "value": {**values[0], "values": values}}]


def _fill(rooter, schedule, window, seats):
    """Books technicians on a window through the ticket store, as other callers would have."""
    for seat in range(seats):
        call = ServiceCall(problem="leak", urgency="soon", address=f"{seat} Elm St", window_start=window.start,
                           window_end=window.end, access_notes="none", customer_name="Other", customer_phone=None)
        ticket = service_call_ticket(rooter, call, channel="web", language="en", conversation_id=f"c{seat}", key=f"k{seat}")
        store_ticket(schedule.calendar.db, ticket, MONDAY_7AM.date(), holds=schedule.calendar.holds_for_window(window))


def test_the_callers_ways_of_naming_a_window():
    assert clock_span("the 12 to 4 window") == ((12, 4), "the  window")
    assert clock_span("tomorrow between 8 and 12")[0] == (8, 12)
    assert part_of_day("the afternoon one") == (time(12), time(17))
    assert part_of_day("late afternoon if you can") == (time(15), time(19))
    assert ordinal("the first one") == 0 and ordinal("let's do the last one") == -1
    assert ordinal("it's on the first floor by the laundry room, next to the water heater") is None


def test_a_part_of_the_day_is_the_window_it_overlaps_most(schedule):
    assert best_window(schedule, (time(4), time(12))) == (time(8), time(12))
    assert best_window(schedule, (time(12), time(17))) == (time(12), time(16))
    assert best_window(schedule, (time(17), time.max)) == (time(16), time(19))


def test_tomorrow_morning_is_tomorrows_first_window(rooter, schedule):
    words = read_window_words("can someone come tomorrow morning?", [
        {"dim": "time", "body": "tomorrow morning", "value": {"type": "interval",
         "from": {"value": "2026-12-01T04:00:00.000-06:00", "grain": "hour"},
         "to": {"value": "2026-12-01T12:00:00.000-06:00", "grain": "hour"}}}], rooter, MONDAY_7AM.date())
    pick = pick_window(schedule, words, MONDAY_7AM)
    assert pick.window.start == datetime(2026, 12, 1, 8, tzinfo=CHICAGO)
    assert pick.window.end == datetime(2026, 12, 1, 12, tzinfo=CHICAGO)


def test_the_afternoon_one_belongs_to_the_day_asked_about(rooter, schedule):
    words = read_window_words("the afternoon one", [], rooter, MONDAY_7AM.date(), remembered_day=THURSDAY)
    assert pick_window(schedule, words, MONDAY_7AM).window.start == datetime(2026, 12, 3, 12, tzinfo=CHICAGO)


def test_a_message_without_a_time_says_nothing_about_when_even_with_a_day_remembered(rooter):
    for text in ("yes", "Sam", "none"):
        assert not read_window_words(text, [], rooter, MONDAY_7AM.date(), remembered_day=THURSDAY).said_anything


def test_thursday_at_4_is_the_window_that_contains_4pm(rooter, schedule):
    entities = _duckling_hours("thursday at 4", "2026-12-03T04:00:00.000-06:00", "2026-12-03T16:00:00.000-06:00")
    words = read_window_words("thursday at 4 works", entities, rooter, MONDAY_7AM.date())
    assert pick_window(schedule, words, MONDAY_7AM).window.start == datetime(2026, 12, 3, 16, tzinfo=CHICAGO)


def test_a_day_alone_offers_that_days_windows(rooter, schedule):
    words = read_window_words("anything Thursday?", _duckling_day(THURSDAY, "Thursday"), rooter, MONDAY_7AM.date())
    pick = pick_window(schedule, words, MONDAY_7AM)
    assert pick.reason == "choose" and pick.day == THURSDAY
    assert [offer.start.hour for offer in pick.options] == [8, 12, 16]


def test_next_week_offers_from_its_first_day(rooter, schedule):
    entities = [{"dim": "time", "body": "next week", "value": {"type": "value", "grain": "week", "value": "2026-12-07T00:00:00.000-06:00"}}]
    pick = pick_window(schedule, read_window_words("sometime next week", entities, rooter, MONDAY_7AM.date()), MONDAY_7AM)
    assert pick.reason == "choose" and pick.options[0].start == datetime(2026, 12, 7, 8, tzinfo=CHICAGO)


def test_sunday_is_closed_so_the_next_open_windows_are_offered(rooter, schedule):
    pick = pick_window(schedule, WindowWords(day=SUNDAY, span=(time(4), time(12))), MONDAY_7AM)
    assert pick.window is None and pick.reason == "unavailable"
    assert pick.options[0].start == datetime(2026, 12, 7, 8, tzinfo=CHICAGO)


def test_a_full_window_offers_the_nearest_free_ones(rooter, schedule):
    afternoon = schedule.window_on(TUESDAY, (time(12), time(16)))
    _fill(rooter, schedule, afternoon, 3)
    pick = pick_window(schedule, WindowWords(day=TUESDAY, span=(time(12), time(17))), MONDAY_7AM)
    assert pick.window is None and pick.reason == "full" and pick.wanted == afternoon
    assert [(o.start.day, o.start.hour) for o in pick.options] == [(1, 8), (1, 16), (2, 8)]


def test_two_technicians_booked_still_leave_a_seat(rooter, schedule):
    afternoon = schedule.window_on(TUESDAY, (time(12), time(16)))
    _fill(rooter, schedule, afternoon, 2)
    assert pick_window(schedule, WindowWords(day=TUESDAY, span=(time(12), time(17))), MONDAY_7AM).window == afternoon


def test_a_time_no_window_covers_gets_that_days_windows(schedule):
    pick = pick_window(schedule, WindowWords(instants=(datetime(2026, 12, 1, 21, tzinfo=CHICAGO),), day=TUESDAY), MONDAY_7AM)
    assert pick.reason == "unavailable" and [o.start.hour for o in pick.options] == [8, 12, 16]


def test_the_first_one_and_asap(schedule):
    assert pick_window(schedule, WindowWords(ordinal=0, day=THURSDAY), MONDAY_7AM).window.start.hour == 8
    assert pick_window(schedule, WindowWords(ordinal=-1, day=THURSDAY), MONDAY_7AM).window.start.hour == 16
    assert pick_window(schedule, WindowWords(asap=True), MONDAY_7AM).window.start == datetime(2026, 11, 30, 8, tzinfo=CHICAGO)


def test_an_emergency_gets_todays_earliest_window_only_while_one_is_left(schedule):
    assert earliest_today(schedule, datetime(2026, 11, 30, 13, 30, tzinfo=CHICAGO)).start.hour == 12
    assert earliest_today(schedule, datetime(2026, 11, 30, 18, 30, tzinfo=CHICAGO)) is None
