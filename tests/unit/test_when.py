"""Reading Duckling's answers (recorded from the bundled Duckling) into days, parts of days and instants."""

from datetime import date, time

from scheduling.when import read_when

TODAY = date(2026, 11, 29)


def _value(moment, grain):
    return {"value": moment, "grain": grain}


def test_clock_time_gives_every_reading_in_order():
    entities = [{"dim": "time", "value": {"type": "value", "grain": "hour", "value": "2026-11-30T02:00:00.000-05:00",
                 "values": [_value("2026-11-30T02:00:00.000-05:00", "hour"), _value("2026-11-30T14:00:00.000-05:00", "hour")]}}]
    when = read_when(entities, TODAY)
    assert [moment.hour for moment in when.candidates] == [2, 14]
    assert when.day is None


def test_part_of_a_day_gives_the_day_and_the_hours():
    interval = {"type": "interval", "from": _value("2026-12-03T12:00:00.000-05:00", "hour"),
                "to": _value("2026-12-03T19:00:00.000-05:00", "hour")}
    when = read_when([{"dim": "time", "value": {**interval, "values": [interval]}}], TODAY)
    assert when.day == date(2026, 12, 3)
    assert when.between == (time(12, 0), time(19, 0))
    assert when.candidates == ()


def test_evening_running_to_midnight_ends_at_the_end_of_the_day():
    interval = {"type": "interval", "from": _value("2026-11-29T18:00:00.000-05:00", "hour"),
                "to": _value("2026-11-30T00:00:00.000-05:00", "hour")}
    when = read_when([{"dim": "time", "value": interval}], TODAY)
    assert when.between == (time(18, 0), time.max)


def test_day_range_skips_readings_in_the_past_and_names_the_last_day():
    past = {"type": "interval", "from": _value("2026-11-27T00:00:00.000-05:00", "day"),
            "to": _value("2026-11-30T00:00:00.000-05:00", "day")}
    coming = {"type": "interval", "from": _value("2026-12-04T00:00:00.000-05:00", "day"),
              "to": _value("2026-12-07T00:00:00.000-05:00", "day")}
    when = read_when([{"dim": "time", "value": {**past, "values": [past, coming]}}], TODAY)
    assert (when.day, when.until) == (date(2026, 12, 4), date(2026, 12, 6))


def test_a_day_alone_and_a_week():
    friday = {"dim": "time", "value": {"type": "value", "grain": "day", "value": "2026-12-04T00:00:00.000-05:00"}}
    week = {"dim": "time", "value": {"type": "value", "grain": "week", "value": "2026-11-30T00:00:00.000-05:00"}}
    assert read_when([friday], TODAY).day == date(2026, 12, 4)
    assert read_when([week], TODAY).not_before == date(2026, 11, 30)


def test_no_time_expression():
    assert read_when([{"dim": "duration", "value": {}}], TODAY) is None
