from datetime import datetime
from zoneinfo import ZoneInfo

from scheduling.duckling_client import time_candidates
from scheduling.formatting import spoken_choices, spoken_time
from scheduling.hours import OpeningHours

NY = ZoneInfo("America/New_York")


def at(day, hour, minute=0):
    """Local New York time on a November 2026 day (the 28th is a Saturday)."""
    return datetime(2026, 11, day, hour, minute, tzinfo=NY)


def test_bare_hour_is_read_against_opening_hours(pizzeria):
    hours = OpeningHours(pizzeria)
    duckling_says = [at(29, 2), at(29, 14), at(30, 2)]
    assert hours.choose(duckling_says, at(28, 23, 30), 20).accepted == at(29, 14)


def test_six_thirty_in_the_afternoon_is_evening(pizzeria):
    choice = OpeningHours(pizzeria).choose([at(28, 6, 30), at(28, 18, 30)], at(28, 12), 20)
    assert choice.accepted == at(28, 18, 30)


def test_asap_is_now_plus_prep_rounded_up(pizzeria):
    assert OpeningHours(pizzeria).earliest(at(28, 17, 2), 20) == at(28, 17, 25)


def test_asap_before_opening_is_opening_plus_prep(pizzeria):
    assert OpeningHours(pizzeria).earliest(at(28, 8, 0), 20) == at(28, 11, 20)


def test_closed_time_offers_the_nearest_open_ones(pizzeria):
    choice = OpeningHours(pizzeria).choose([at(28, 23, 30)], at(28, 12), 20)
    assert choice.accepted is None and choice.reason == "closed"
    assert choice.alternatives == (at(28, 22, 45), at(29, 12, 0))


def test_too_soon_offers_the_earliest(pizzeria):
    choice = OpeningHours(pizzeria).choose([at(28, 12, 5)], at(28, 12), 20)
    assert choice.reason == "too_soon"
    assert choice.alternatives == (at(28, 12, 20), at(28, 12, 30))


def test_split_shift_lunch_and_dinner(registry):
    noodle = registry.by_id("lucky-noodle")
    la = ZoneInfo("America/Los_Angeles")
    hours = OpeningHours(noodle)
    tuesday_3pm = datetime(2026, 12, 1, 15, 0, tzinfo=la)
    choice = hours.choose([tuesday_3pm], datetime(2026, 12, 1, 9, 0, tzinfo=la), 15)
    assert choice.reason == "closed"
    assert choice.alternatives == (datetime(2026, 12, 1, 14, 15, tzinfo=la), datetime(2026, 12, 1, 17, 15, tzinfo=la))
    assert not hours.is_open(datetime(2026, 11, 30, 12, 0, tzinfo=la))


def test_duckling_answer_gives_candidates_in_order_and_skips_day_grain():
    answer = [
        {"dim": "number", "value": {"value": 2}},
        {"dim": "time", "value": {"type": "value", "value": "2026-11-29T02:00:00.000-05:00", "grain": "hour",
                                  "values": [{"value": "2026-11-29T02:00:00.000-05:00", "grain": "hour"},
                                             {"value": "2026-11-29T14:00:00.000-05:00", "grain": "hour"}]}},
    ]
    assert time_candidates(answer) == [at(29, 2), at(29, 14)]
    tomorrow = [{"dim": "time", "value": {"type": "value", "value": "2026-11-29T00:00:00.000-05:00", "grain": "day"}}]
    assert time_candidates(tomorrow) == []


def test_by_a_time_is_that_time_and_a_span_is_its_start():
    by_ten = [{"dim": "time", "body": "by tomorrow at 10", "value": {
        "type": "interval", "from": {"value": "2026-11-28T23:31:59.000-05:00", "grain": "second"},
        "to": {"value": "2026-11-29T10:00:00.000-05:00", "grain": "second"}}}]
    assert time_candidates(by_ten) == [at(29, 10)]
    two_to_four = [{"dim": "time", "body": "from 2 to 4pm", "value": {
        "type": "interval", "from": {"value": "2026-11-29T14:00:00.000-05:00", "grain": "hour"},
        "to": {"value": "2026-11-29T17:00:00.000-05:00", "grain": "hour"}}}]
    assert time_candidates(two_to_four) == [at(29, 14)]


def test_spoken_times_are_relative_to_today():
    now = at(28, 12)
    assert spoken_time(at(28, 18, 30), now) == "today at 6:30 PM"
    assert spoken_time(at(29, 12), now) == "tomorrow at 12:00 PM"
    assert spoken_choices([at(28, 22, 45), at(29, 12)], now) == "today at 10:45 PM or tomorrow at 12:00 PM"


def test_times_found_inside_a_word_are_not_times():
    from scheduling.duckling_client import whole_words
    text = "Omar Haddad, sunday at 3"
    entities = [{"dim": "time", "body": "mar", "start": 1, "end": 4}, {"dim": "time", "body": "sunday at 3", "start": 13, "end": 24}]
    assert [entity["body"] for entity in whole_words(text, entities)] == ["sunday at 3"]
