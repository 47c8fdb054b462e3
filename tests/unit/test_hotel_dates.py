"""Stays and party sizes read from Duckling's entities, as Duckling returns them for the Harbor Inn (Los Angeles)."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from trades.hotel_dates import DatesSaid, read_dates
from trades.hotel_guests import guests_said, rooms_said

LA = ZoneInfo("America/Los_Angeles")
MONDAY = date(2026, 11, 30)


def _iso(day: date, hour: int = 0) -> str:
    return datetime(day.year, day.month, day.day, hour, tzinfo=LA).isoformat()


def _at(text: str, body: str, after: int = 0) -> dict:
    start = text.lower().index(body.lower(), after)
    return {"body": body, "start": start, "end": start + len(body)}


def day(text: str, body: str, *days: date, grain: str = "day") -> dict:
    """A day as Duckling gives it: every reading it considers, nearest first."""
    values = [{"type": "value", "value": _iso(each), "grain": grain} for each in days]
    return {**_at(text, body), "dim": "time", "value": {**values[0], "values": values}}


def days(text: str, body: str, first: date, last: date, hour: int = 0, grain: str = "day") -> dict:
    """An interval; Duckling ends "Friday to Sunday" (and "next weekend") at Monday 00:00."""
    value = {"type": "interval", "from": {"value": _iso(first, hour), "grain": grain},
             "to": {"value": _iso(last + timedelta(days=1)), "grain": grain}}
    return {**_at(text, body), "dim": "time", "value": {**value, "values": [value]}}


def night(text: str, body: str, on: date) -> dict:
    value = {"type": "interval", "from": {"value": _iso(on, 18), "grain": "hour"},
             "to": {"value": _iso(on + timedelta(days=1)), "grain": "hour"}}
    return {**_at(text, body), "dim": "time", "value": {**value, "values": [value]}}


def until(text: str, body: str, on: date) -> dict:
    value = {"type": "interval", "to": {"value": _iso(on), "grain": "day"}}
    return {**_at(text, body), "dim": "time", "value": {**value, "values": [value]}}


def number(text: str, body: str, value: float, after: int = 0) -> dict:
    return {**_at(text, body, after), "dim": "number", "value": {"type": "value", "value": value}}


FRIDAY, SATURDAY, SUNDAY = date(2026, 12, 4), date(2026, 12, 5), date(2026, 12, 6)


def test_a_range_of_days_is_check_in_to_check_out():
    text = "king room friday to sunday for 2"
    assert read_dates([days(text, "friday to sunday", FRIDAY, SUNDAY)], text, MONDAY) == DatesSaid(FRIDAY, SUNDAY)
    text = "the 12th to the 15th"
    found = read_dates([days(text, text, date(2026, 12, 12), date(2026, 12, 15))], text, MONDAY)
    assert (found.check_in, found.check_out) == (date(2026, 12, 12), date(2026, 12, 15))


def test_a_weekend_is_friday_and_saturday_night():
    text = "next weekend"
    weekend = days(text, text, FRIDAY, SUNDAY, hour=18, grain="hour")
    assert read_dates([weekend], text, MONDAY) == DatesSaid(FRIDAY, SUNDAY)


def test_a_number_of_nights_from_a_day():
    text = "3 nights starting friday"
    found = read_dates([number(text, "3", 3), day(text, "friday", FRIDAY)], text, MONDAY)
    assert found == DatesSaid(FRIDAY, FRIDAY + timedelta(days=3), 3)
    text = "checking in tomorrow for two nights"
    found = read_dates([number(text, "two", 2), day(text, "tomorrow", MONDAY + timedelta(days=1))], text, MONDAY)
    assert (found.check_in, found.check_out) == (date(2026, 12, 1), date(2026, 12, 3))


def test_a_week_is_a_length_even_when_duckling_reads_it_as_a_date():
    text = "for a week starting the 12th"
    found = read_dates([day(text, "for a week", date(2026, 12, 7)), day(text, "the 12th", date(2026, 12, 12))], text, MONDAY)
    assert found == DatesSaid(date(2026, 12, 12), date(2026, 12, 19), 7)


def test_leaving_on_a_weekday_is_the_first_one_after_arriving():
    text = "arriving friday leaving monday"
    found = read_dates([day(text, "monday", MONDAY, date(2026, 12, 7)), day(text, "friday", FRIDAY)], text, MONDAY)
    assert found == DatesSaid(FRIDAY, date(2026, 12, 7))


def test_nights_named_are_slept_so_check_out_is_the_morning_after():
    text = "friday and saturday night"
    found = read_dates([day(text, "friday", FRIDAY), night(text, "saturday night", SATURDAY)], text, MONDAY)
    assert found == DatesSaid(FRIDAY, SUNDAY)
    text = "friday and saturday"
    assert read_dates([day(text, "friday", FRIDAY), day(text, "saturday", SATURDAY)], text, MONDAY) == DatesSaid(FRIDAY, SUNDAY)
    text = "just tonight"
    assert read_dates([night(text, "tonight", MONDAY)], text, MONDAY) == DatesSaid(MONDAY, MONDAY + timedelta(days=1))


def test_a_lone_day_answers_the_check_out_question():
    text = "sunday"
    found = read_dates([day(text, "sunday", SUNDAY)], text, MONDAY, check_in=FRIDAY, asking_check_out=True)
    assert found == DatesSaid(check_out=SUNDAY)
    text = "till sunday"
    assert read_dates([until(text, text, SUNDAY)], text, MONDAY, check_in=FRIDAY) == DatesSaid(check_out=SUNDAY)
    text = "checking out on the 14th"
    assert read_dates([day(text, "on the 14th", date(2026, 12, 14))], text, MONDAY).check_out == date(2026, 12, 14)


def test_a_bare_number_is_nights_only_when_nights_were_asked():
    text = "2"
    assert read_dates([number(text, "2", 2)], text, MONDAY, check_in=FRIDAY, asking_check_out=True) == DatesSaid(nights=2)
    assert read_dates([number(text, "2", 2)], text, MONDAY) == DatesSaid()


def test_one_more_night_extends_the_stay():
    assert read_dates([], "can we add another night", MONDAY) == DatesSaid(extra_nights=1)
    assert read_dates([], "one more night please", MONDAY).extra_nights == 1


def test_vague_times_are_not_a_check_in():
    text = "next week"
    assert read_dates([day(text, text, date(2026, 12, 7), grain="week")], text, MONDAY).empty


def test_guests_from_the_words_around_the_numbers():
    text = "king room friday to sunday for 2"
    entities = [number(text, "2", 2), days(text, "friday to sunday", FRIDAY, SUNDAY)]
    assert guests_said(entities, text) == 2
    text = "friday for 2 nights"
    assert guests_said([number(text, "2", 2), day(text, "friday", FRIDAY)], text) is None
    text = "2 adults and 2 kids"
    assert guests_said([number(text, "2", 2), number(text, "2", 2, after=1)], text) == 4
    assert guests_said([], "me and my wife") == 2
    assert guests_said([], "just me") == 1
    text = "party of five"
    assert guests_said([number(text, "five", 5)], text) == 5


def test_a_bare_number_is_guests_only_when_guests_were_asked():
    text = "3"
    assert guests_said([number(text, "3", 3)], text, asked=True) == 3
    assert guests_said([number(text, "3", 3)], text) is None
    text = "415 555 0199"
    assert guests_said([number(text, "415", 415), number(text, "555", 555), number(text, "0199", 199)], text) is None


def test_more_than_one_room_is_noticed():
    text = "two king rooms for saturday"
    assert rooms_said([number(text, "two", 2)], text) == 2
    text = "a king room for two"
    assert rooms_said([number(text, "two", 2)], text) is None
