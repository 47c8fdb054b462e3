"""Choosing a clinic appointment time from the caller's words against the practitioners' calendars.

Maple Family Clinic, Denver: Dr Patel Mon-Fri (lunch 12-13), the nurse practitioner Tue-Sat, the physio
Mon/Wed/Fri and Saturday morning; 10-minute grid, bookings from two hours ahead.
"""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from pos.ticket import Customer, Ticket
from pos.ticket_store import store_ticket
from scheduling import Calendar
from scheduling.when import When
from trades.clinic_schedule import (
    Visit, alternatives, choose_time, names_a_day, offers_from_slot, offers_to_slot, recheck, upcoming_times,
)

DENVER = ZoneInfo("America/Denver")
MONDAY_7AM = datetime(2026, 11, 30, 7, 0, tzinfo=DENVER)


def at(day, hour, minute=0):
    """Local Denver time in December 2026 (the 1st is a Tuesday)."""
    return datetime(2026, 12, day, hour, minute, tzinfo=DENVER)


@pytest.fixture
def maple(registry):
    return registry.by_id("maple-clinic")


def visit(maple, item_id, staff_id=None):
    return Visit(maple.catalog.item(item_id), staff_id)


def book(db, calendar, offer, key):
    ticket = Ticket(business_id="maple-clinic", kind="appointment", customer=Customer(name="Dana"), lines=[],
                    scheduled_for=offer.start, channel="web", language="en", conversation_id=key, idempotency_key=key)
    store_ticket(db, ticket, date(2026, 11, 30), holds=calendar.holds_for(offer))


def test_an_exact_free_time_goes_to_the_first_practitioner_who_does_the_visit(db, maple):
    calendar = Calendar(maple, db)
    choice = choose_time(calendar, visit(maple, "sick-visit"), "Tuesday at 10", When(candidates=(at(1, 10),)), MONDAY_7AM)
    assert choice.offer.start == at(1, 10) and choice.offer.end == at(1, 10, 15)
    assert choice.offer.staff_id == "dr-patel"
    named = choose_time(calendar, visit(maple, "sick-visit", "np-reyes"), "Tuesday at 10",
                        When(candidates=(at(1, 10),)), MONDAY_7AM)
    assert named.offer.staff_id == "np-reyes"


def test_duckling_readings_in_clinic_hours_come_first(db, maple):
    choice = choose_time(Calendar(maple, db), visit(maple, "follow-up"), "Tuesday at 4",
                         When(candidates=(at(1, 4), at(1, 16))), MONDAY_7AM)
    assert choice.offer.start == at(1, 16)


def test_a_taken_time_goes_to_the_next_practitioner_then_offers_the_nearest(db, maple):
    calendar = Calendar(maple, db)
    sick = visit(maple, "sick-visit")
    tuesday_ten = When(candidates=(at(1, 10),))
    book(db, calendar, choose_time(calendar, sick, "", tuesday_ten, MONDAY_7AM).offer, "first")
    second = choose_time(calendar, sick, "", tuesday_ten, MONDAY_7AM)
    assert second.offer.staff_id == "np-reyes"
    book(db, calendar, second.offer, "second")
    third = choose_time(calendar, sick, "Tuesday at 10", tuesday_ten, MONDAY_7AM)
    assert third.offer is None and third.note == "taken"
    assert len(third.options) == 3 and at(1, 10) not in [offer.start for offer in third.options]
    assert all(offer.start.date() == date(2026, 12, 1) for offer in third.options)


def test_a_time_when_closed_offers_the_nearest(db, maple):
    choice = choose_time(Calendar(maple, db), visit(maple, "sick-visit"), "Sunday at 10",
                         When(candidates=(at(6, 10),)), MONDAY_7AM)
    assert choice.offer is None and choice.note == "taken" and choice.options


def test_a_part_of_a_day_gives_options_inside_it(db, maple):
    choice = choose_time(Calendar(maple, db), visit(maple, "annual-physical"), "Thursday afternoon",
                         When(day=date(2026, 12, 3), between=(time(12, 0), time(17, 0))), MONDAY_7AM)
    assert choice.note == "options" and choice.day == date(2026, 12, 3)
    assert len(choice.options) == 3
    assert all(offer.start.date() == date(2026, 12, 3) and offer.start.hour >= 13 for offer in choice.options)
    assert all(offer.staff_id == "dr-patel" for offer in choice.options)


def test_physio_on_a_day_the_physio_is_off_offers_the_nearest_days(db, maple):
    choice = choose_time(Calendar(maple, db), visit(maple, "physio-assessment"), "Tuesday",
                         When(day=date(2026, 12, 1)), MONDAY_7AM)
    assert choice.note == "nearest"
    assert all(offer.staff_id == "physio-okafor" and offer.start.weekday() in (0, 2, 4, 5) for offer in choice.options)


def test_next_week_is_spread_over_days(db, maple):
    choice = choose_time(Calendar(maple, db), visit(maple, "follow-up"), "next week",
                         When(not_before=date(2026, 12, 7)), MONDAY_7AM)
    assert choice.note == "options"
    assert [offer.start.date() for offer in choice.options] == [date(2026, 12, 7), date(2026, 12, 8), date(2026, 12, 9)]


def test_picking_one_of_the_options_offered(db, maple):
    calendar = Calendar(maple, db)
    sick = visit(maple, "sick-visit")
    offered = choose_time(calendar, sick, "Thursday afternoon",
                          When(day=date(2026, 12, 3), between=(time(13, 0), time(17, 0))), MONDAY_7AM).options
    second = choose_time(calendar, sick, "the second one", When(day=date(2026, 12, 1)), MONDAY_7AM, offered)
    assert second.offer.start == offered[1].start
    last = choose_time(calendar, sick, "the last one please", None, MONDAY_7AM, offered)
    assert last.offer.start == offered[-1].start
    clock = offered[2].start
    monday_same_clock = datetime(2026, 11, 30, clock.hour, clock.minute, tzinfo=DENVER)
    by_clock = choose_time(calendar, sick, f"the {clock.hour - 12}pm one", When(candidates=(monday_same_clock,)),
                           MONDAY_7AM, offered)
    assert by_clock.offer.start == clock


def test_a_clock_time_alone_belongs_to_the_day_being_talked_about(db, maple):
    choice = choose_time(Calendar(maple, db), visit(maple, "sick-visit"), "at 2 then",
                         When(candidates=(datetime(2026, 11, 30, 2, tzinfo=DENVER), datetime(2026, 11, 30, 14, tzinfo=DENVER))),
                         MONDAY_7AM, day_in_focus=date(2026, 12, 3))
    assert choice.offer.start == at(3, 14)
    named_day = choose_time(Calendar(maple, db), visit(maple, "sick-visit"), "Friday at 2",
                            When(candidates=(at(4, 14),)), MONDAY_7AM, day_in_focus=date(2026, 12, 3))
    assert named_day.offer.start == at(4, 14)


def test_soonest_and_nonsense(db, maple):
    calendar = Calendar(maple, db)
    soonest = choose_time(calendar, visit(maple, "vaccination"), "the earliest you have", None, MONDAY_7AM)
    assert soonest.note == "options" and soonest.options[0].start == datetime(2026, 11, 30, 9, 0, tzinfo=DENVER)
    assert choose_time(calendar, visit(maple, "vaccination"), "purple", None, MONDAY_7AM).note == "not_understood"


def test_a_changed_visit_keeps_the_time_only_if_it_still_fits(db, maple):
    calendar = Calendar(maple, db)
    assert recheck(calendar, visit(maple, "annual-physical"), at(1, 10), MONDAY_7AM).offer.staff_id == "dr-patel"
    moved = recheck(calendar, visit(maple, "physio-assessment"), at(1, 10), MONDAY_7AM)
    assert moved.offer is None and moved.note == "no_longer_free" and moved.options
    lunch = recheck(calendar, visit(maple, "annual-physical"), at(1, 11, 30), MONDAY_7AM)
    assert lunch.offer is None


def test_alternatives_when_the_slot_went_to_someone_else(db, maple):
    choice = alternatives(Calendar(maple, db), visit(maple, "follow-up", "dr-patel"), at(1, 10), MONDAY_7AM)
    assert choice.note == "taken" and all(offer.staff_id == "dr-patel" for offer in choice.options)


def test_offers_survive_a_slot_round_trip(db, maple):
    offers = choose_time(Calendar(maple, db), visit(maple, "sick-visit"), "Thursday", When(day=date(2026, 12, 3)),
                         MONDAY_7AM).options
    assert offers_from_slot(offers_to_slot(offers)) == list(offers)
    assert offers_from_slot(None) == []


def test_a_birth_date_in_the_message_is_not_an_appointment_time():
    birth = {"dim": "time", "value": {"type": "value", "grain": "day", "value": "1984-03-03T00:00:00.000-07:00"}}
    tomorrow = {"dim": "time", "value": {"type": "value", "grain": "hour", "value": "2026-12-01T10:00:00.000-07:00",
                                         "values": [{"value": "2026-12-01T10:00:00.000-07:00", "grain": "hour"}]}}
    assert upcoming_times([birth, tomorrow, {"dim": "number", "value": {"value": 3}}], date(2026, 11, 30)) == [tomorrow]


@pytest.mark.parametrize("text, says", [
    ("Thursday at 4", True), ("tomorrow", True), ("the 12th", True), ("12/3 at 2", True), ("next week", True),
    ("the 3pm one", False), ("at 10:30", False), ("the first one", False),
])
def test_whether_a_day_was_said(text, says):
    assert names_a_day(text) is says
