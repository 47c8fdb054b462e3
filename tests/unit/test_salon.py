"""The salon's plain logic against the Bella Hair & Spa playbook: services, stylists, times and the ticket."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from pos.ticket import Customer
from pos.ticket_store import store_ticket
from scheduling import Calendar, SlotTaken
from scheduling.calendar import Offer
from trades import salon
from trades.salon_services import deposit, duration_minutes, read_services, total
from trades.salon_staff import ANYONE, doable_together, read_stylist, who_does
from trades.salon_times import (bare_hour, book_at, choose_start, day_is_pinned, offers_on, pick_offer, read_time,
                                spoken_options, spoken_start, whole_words, why_not)

CHICAGO = ZoneInfo("America/Chicago")
# Saturday 28 November 2026, 8 PM in Chicago; Monday the 30th the salon is closed.
NOW = datetime(2026, 11, 28, 20, 0, tzinfo=CHICAGO)
STAFF_NAMES = ["Maria", "Derek", "Alisha", "Lena"]


def at(day, hour, minute=0):
    """Local Chicago time in December 2026 (the 1st is a Tuesday, the 4th a Friday)."""
    return datetime(2026, 12, day, hour, minute, tzinfo=CHICAGO)


@pytest.fixture
def bella(registry):
    return registry.by_id("bella-salon")


def services(text, bella, current=()):
    return read_services(text, bella.catalog, list(current), STAFF_NAMES).services


# --- services --------------------------------------------------------------------------------------


@pytest.mark.parametrize("text, current, expected", [
    ("Can I get a haircut with Maria Friday at 3?", (), ("haircut",)),
    ("cut and colour please", (), ("haircut", "full-colour")),
    ("i want to get my roots done and a blowdry", (), ("root-touch-up", "blow-dry")),
    ("mani pedi saturday", (), ("manicure", "pedicure")),
    ("an hour massage", (), ("massage-60",)),
    ("add a blow dry too", ("haircut",), ("haircut", "blow-dry")),
    ("no manicure", ("manicure", "pedicure"), ("pedicure",)),
    ("drop the blowout", ("haircut", "blow-dry"), ("haircut",)),
    ("make it highlights instead", ("full-colour", "haircut"), ("highlights", "haircut")),
    ("actually make it a men's cut", ("haircut", "full-colour"), ("mens-cut", "full-colour")),
    ("no, a men's cut", ("haircut",), ("mens-cut",)),
    ("a facial instead", ("massage-60",), ("facial",)),
    ("actually a cut and colour", ("haircut",), ("haircut", "full-colour")),
    ("just the cut", ("haircut", "blow-dry"), ("haircut",)),
    ("with maria", ("haircut",), ("haircut",)),
])
def test_services_are_read_added_removed_and_swapped(bella, text, current, expected):
    assert services(text, bella, current) == expected


def test_a_service_we_do_not_offer_is_reported_with_the_closest(bella):
    update = read_services("a perm please", bella.catalog, [], STAFF_NAMES)
    assert update.services == () and update.unknown == "perm" and not update.changed
    typo = read_services("a balayag", bella.catalog, [], STAFF_NAMES)
    assert typo.services == ("balayage",)


def test_durations_add_up_and_the_deposit_is_a_share_of_the_total(bella):
    booked = ["haircut", "blow-dry"]
    assert duration_minutes(booked, bella.catalog) == 105
    assert total(booked, bella.catalog) == Decimal("110.00")
    assert salon.deposit_for(booked, bella) == Decimal("22.00")
    assert deposit(Decimal("110.00"), None, 25) == Decimal("25.00")
    assert deposit(Decimal("15.00"), None, 25) == Decimal("15.00")
    assert deposit(Decimal("110.00"), None, None) is None


# --- stylists --------------------------------------------------------------------------------------


def test_stylists_are_read_by_name_alias_and_spelling(bella):
    staff = bella.booking.staff
    assert read_stylist("a haircut with Maria Friday at 3", staff).staff.id == "maria"
    assert read_stylist("with alicia please", staff).staff.id == "alisha"
    assert read_stylist("derrick", staff, answering=True).staff.id == "derek"
    assert read_stylist("can I see Tina", staff, entity="Tina").unknown_name == "Tina"
    assert read_stylist("a cut Friday", staff) is None


def test_anyone_and_a_bare_no_when_asked(bella):
    staff = bella.booking.staff
    assert read_stylist("anyone is fine", staff).anyone
    assert read_stylist("whoever is free", staff).anyone
    assert read_stylist("no", staff, answering=True).anyone
    assert read_stylist("no", staff) is None


def test_the_callers_own_name_is_not_a_stylist(bella):
    staff = bella.booking.staff
    assert read_stylist("I'm Maria, can I get a cut", staff, customer_names=["Maria"]) is None
    assert read_stylist("I'm Maria, a cut with Maria please", staff, customer_names=["Maria"]).staff.id == "maria"


def test_who_does_what(bella):
    staff = bella.booking.staff
    assert [p.id for p in who_does(["highlights"], staff)] == ["maria", "alisha"]
    assert [p.id for p in who_does(["keratin"], staff)] == ["maria"]
    assert [p.id for p in who_does(["haircut", "beard-trim"], staff)] == ["derek"]
    assert doable_together(["haircut", "manicure", "blow-dry"], staff) == (["haircut", "blow-dry"], ["manicure"])


# --- times -----------------------------------------------------------------------------------------


def test_a_bare_clock_time_has_no_day_of_its_own():
    assert not day_is_pinned([at(1, 3), at(1, 15), at(2, 3)])
    assert day_is_pinned([at(4, 3), at(4, 15), at(11, 3)])
    assert day_is_pinned([at(2, 3), at(2, 15)])


def test_a_bare_clock_time_goes_on_the_day_being_talked_about():
    ask = read_time([at(1, 3), at(1, 15), at(2, 3)], None, None, None, date(2026, 12, 4), NOW)
    assert ask.candidates[:2] == (at(4, 3), at(4, 15))
    pinned = read_time([at(3, 4), at(3, 16)], None, None, None, date(2026, 12, 4), NOW)
    assert pinned.candidates == (at(3, 4), at(3, 16))
    day = read_time((), date(2026, 12, 4), (time(12), time(19)), None, None, NOW)
    assert day.day == date(2026, 12, 4) and day.between == (time(12), time(19))


def test_at_two_is_two_in_the_afternoon(bella):
    assert choose_start([at(1, 2), at(1, 14), at(2, 2)], bella) == at(1, 14)
    assert choose_start([at(4, 3), at(4, 15)], bella) == at(4, 15)


def test_four_on_a_day_that_closes_at_four_is_the_afternoon(bella):
    sunday = datetime(2026, 12, 6, tzinfo=CHICAGO)
    assert choose_start([sunday.replace(hour=4), sunday.replace(hour=16)], bella) == sunday.replace(hour=16)


def test_a_lone_clock_number_is_read_as_a_time_only_when_alone():
    assert bare_hour("actually make it 4 instead") == "at 4"
    assert bare_hour("could we move it to 3:30") == "at 3:30"
    assert bare_hour("make it 2 haircuts at 15") is None
    assert bare_hour("312 555 0188") is None


def test_times_inside_words_are_not_times():
    found = [{"start": 1, "end": 4, "body": "mar"}, {"start": 8, "end": 12, "body": "at 4"}]
    assert whole_words("Omar or at 4", found) == [found[1]]


def test_why_a_time_cannot_be_booked(bella):
    maria = [bella.booking.staff_member("maria")]
    assert why_not(bella, NOW + timedelta(minutes=30), 60, maria, NOW) == "too_soon"
    assert why_not(bella, at(30, 10) + timedelta(days=30), 60, maria, NOW) == "too_far"
    assert why_not(bella, datetime(2026, 11, 30, 11, tzinfo=CHICAGO), 60, maria, NOW) == "closed"
    assert why_not(bella, at(4, 17, 30), 60, maria, NOW) == "runs_late"
    assert why_not(bella, at(6, 11), 60, maria, NOW) == "staff_off"
    assert why_not(bella, at(4, 15), 60, maria, NOW) == "taken"


def test_a_chosen_offer_by_ordinal_clock_or_stylist():
    offers = [Offer(at(4, 14), at(4, 15), "maria", "Maria"), Offer(at(4, 16), at(4, 17), "alisha", "Alisha")]
    assert pick_offer("the first one", offers, (), None) == offers[0]
    assert pick_offer("the later one", offers, (), None) == offers[1]
    assert pick_offer("4 works", offers, [at(1, 4), at(1, 16), at(2, 4)], None) == offers[1]
    assert pick_offer("the 3pm", offers, [at(1, 15)], None) is None


def test_times_are_said_with_the_date_once_past_this_week():
    assert spoken_start(at(1, 15), NOW) == "Tuesday at 3:00 PM"
    assert spoken_start(at(11, 9, 30), NOW) == "Friday December 11 at 9:30 AM"
    offers = [Offer(at(4, 14), at(4, 15), "maria", "Maria"), Offer(at(4, 16), at(4, 17), "alisha", "Alisha")]
    assert spoken_options(offers, NOW, with_staff=True) == "Friday at 2:00 PM with Maria or 4:00 PM with Alisha"
    assert spoken_options(offers, NOW, with_staff=False) == "Friday at 2:00 PM or 4:00 PM"
    two_days = [offers[0], Offer(at(5, 9), at(5, 10), "maria", "Maria")]
    assert spoken_options(two_days, NOW, with_staff=False) == "Friday at 2:00 PM or Saturday December 5 at 9:00 AM"


# --- the schedule ----------------------------------------------------------------------------------


def book(db, bella, appointment, key):
    ticket = salon.build_ticket(appointment, bella, Customer(name="Dana", phone="+13125550100"), "web", "en", key, key)
    calendar = Calendar(bella, db)
    return store_ticket(db, ticket, NOW.date(), holds=calendar.holds_for(appointment.offer(bella)))


def test_a_free_time_is_booked_with_the_stylist_asked_for(db, bella):
    calendar = Calendar(bella, db)
    decision = book_at(calendar, at(4, 15), 60, [bella.booking.staff_member("maria")], NOW)
    assert decision.offer == Offer(at(4, 15), at(4, 16), "maria", "Maria")


def test_a_taken_time_offers_the_nearest_an_hour_apart_with_that_stylist(db, bella):
    calendar = Calendar(bella, db)
    book(db, bella, salon.Appointment(["haircut"], at(4, 15), "maria", "maria"), "first")
    decision = book_at(calendar, at(4, 15), 60, [bella.booking.staff_member("maria")], NOW)
    assert decision.offer is None and decision.reason == "taken"
    assert [o.start for o in decision.alternatives] == [at(4, 13), at(4, 14), at(4, 16)]
    assert {o.staff_id for o in decision.alternatives} == {"maria"}


def test_anyone_gets_the_next_stylist_who_does_the_service(db, bella):
    calendar = Calendar(bella, db)
    book(db, bella, salon.Appointment(["highlights"], at(4, 15), "maria", "maria"), "first")
    colourists = who_does(["highlights"], bella.booking.staff)
    decision = book_at(calendar, at(4, 15), 120, colourists, NOW)
    assert decision.offer.staff_id == "alisha"


def test_the_last_slot_goes_to_one_caller_only(db, bella):
    appointment = salon.Appointment(["haircut"], at(4, 15), "derek", ANYONE)
    book(db, bella, appointment, "first")
    with pytest.raises(SlotTaken):
        book(db, bella, appointment, "second")


def test_a_day_gets_spread_out_options_from_everyone_who_does_it(db, bella):
    calendar = Calendar(bella, db)
    offers = offers_on(calendar, date(2026, 12, 4), (time(12), time(19)), 60, who_does(["haircut"], bella.booking.staff), NOW)
    assert [o.start for o in offers] == [at(4, 12), at(4, 13), at(4, 14)]
    assert offers[0].staff_id == "maria"


# --- the ticket ------------------------------------------------------------------------------------


def test_the_ticket_carries_services_times_deposit_and_stylists(bella):
    appointment = salon.Appointment(["haircut", "blow-dry"], at(4, 15), "alisha", ANYONE)
    ticket = salon.build_ticket(appointment, bella, Customer(name="Dana", phone="+13125550100"), "sms", "en", "c1", "k1")
    assert ticket.kind == "appointment"
    assert [(l.item_id, l.unit_price, l.quantity) for l in ticket.lines] == [("haircut", "65.00", 1), ("blow-dry", "45.00", 1)]
    assert ticket.scheduled_for == at(4, 15) and ticket.scheduled_until == at(4, 16, 45)
    assert ticket.deposit == "22.00" and ticket.total == Decimal("110.00")
    assert ticket.details == {"stylist": "Alisha", "stylist_id": "alisha", "stylist_requested": "anyone", "duration_minutes": "105"}
    asked = salon.build_ticket(salon.Appointment(["haircut"], at(4, 15), "maria", "maria"), bella, Customer(), "web", "en", "c", "k")
    assert asked.details["stylist_requested"] == "Maria"
