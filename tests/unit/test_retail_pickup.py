"""Pickup times for a shop hold and how long the shop keeps it."""

from datetime import datetime

import pytest

from trades.retail_pickup import choose_pickup, held_until, pickup_candidates
from zoneinfo import ZoneInfo

NY = ZoneInfo("America/New_York")
MONDAY_NOON = datetime(2026, 11, 30, 12, 0, tzinfo=NY)
MONDAY_EVENING = datetime(2026, 11, 30, 20, 0, tzinfo=NY)


@pytest.fixture
def shop(registry):
    return registry.by_id("corner-hardware")


def day_entity(day):
    return [{"dim": "time", "value": {"type": "value", "value": f"{day}T00:00:00.000-05:00", "grain": "day"}}]


def part_of_day_entity(start, end):
    return [{"dim": "time", "value": {"type": "interval", "from": {"value": start, "grain": "hour"},
                                      "to": {"value": end, "grain": "hour"}}}]


def test_a_time_while_open_with_enough_notice_is_taken(shop):
    choice = choose_pickup(shop, [datetime(2026, 11, 30, 15, 0, tzinfo=NY)], MONDAY_NOON)
    assert choice.accepted == datetime(2026, 11, 30, 15, 0, tzinfo=NY)


def test_too_soon_offers_the_earliest_after_the_prep_time(shop):
    choice = choose_pickup(shop, [datetime(2026, 11, 30, 12, 10, tzinfo=NY)], MONDAY_NOON)
    assert choice.reason == "too_soon"
    assert choice.alternatives[0] == datetime(2026, 11, 30, 12, 30, tzinfo=NY)


def test_a_time_after_closing_offers_the_nearest_open_times(shop):
    choice = choose_pickup(shop, [datetime(2026, 12, 1, 20, 0, tzinfo=NY)], MONDAY_NOON)
    assert choice.reason == "closed"
    assert choice.alternatives == (datetime(2026, 12, 1, 18, 45, tzinfo=NY), datetime(2026, 12, 2, 7, 30, tzinfo=NY))


def test_as_soon_as_possible_after_closing_is_opening_plus_prep_next_morning(shop):
    choice = choose_pickup(shop, [], MONDAY_EVENING, asap=True)
    assert choice.accepted == datetime(2026, 12, 1, 7, 30, tzinfo=NY)


def test_a_day_alone_is_the_first_time_it_can_be_ready_that_day(shop):
    assert pickup_candidates(shop, day_entity("2026-12-05"), MONDAY_NOON) == [datetime(2026, 12, 5, 8, 30, tzinfo=NY)]
    afternoon = part_of_day_entity("2026-12-01T12:00:00.000-05:00", "2026-12-01T19:00:00.000-05:00")
    assert pickup_candidates(shop, afternoon, MONDAY_NOON) == [datetime(2026, 12, 1, 12, 0, tzinfo=NY)]


def test_today_alone_is_now_plus_prep(shop):
    assert pickup_candidates(shop, day_entity("2026-11-30"), MONDAY_NOON) == [datetime(2026, 11, 30, 12, 30, tzinfo=NY)]


@pytest.mark.parametrize("pickup, until", [
    (datetime(2026, 11, 30, 15, 0, tzinfo=NY), datetime(2026, 12, 1, 19, 0, tzinfo=NY)),
    (datetime(2026, 12, 4, 15, 0, tzinfo=NY), datetime(2026, 12, 5, 18, 0, tzinfo=NY)),
    (datetime(2026, 12, 5, 10, 0, tzinfo=NY), datetime(2026, 12, 6, 17, 0, tzinfo=NY)),
])
def test_a_hold_lasts_until_closing_on_the_next_open_day(shop, pickup, until):
    assert held_until(shop, pickup) == until


def test_a_hold_skips_days_the_shop_is_closed(bookable):
    weekdays_only = bookable()
    friday = datetime(2026, 12, 4, 10, 0, tzinfo=NY)
    assert held_until(weekdays_only, friday) == datetime(2026, 12, 5, 17, 0, tzinfo=NY)
    saturday = datetime(2026, 12, 5, 10, 0, tzinfo=NY)
    assert held_until(weekdays_only, saturday) == datetime(2026, 12, 7, 17, 0, tzinfo=NY)
