"""Reading a clinic booking from the caller's words against the Maple Family Clinic playbook, and its ticket."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from trades import clinic
from trades.clinic_ticket import Appointment, build_appointment_ticket

DENVER = ZoneInfo("America/Denver")


@pytest.fixture
def maple(registry):
    return registry.by_id("maple-clinic")


@pytest.mark.parametrize("text, visit", [
    ("I'd like to book an annual physical", "annual-physical"),
    ("can I get a check-up next week", "annual-physical"),
    ("I need a flu shot", "vaccination"),
    ("I think I have the flu", "sick-visit"),
    ("physical therapy for my knee", "physio-assessment"),
    ("my back pain is killing me", "physio-assessment"),
    ("I need a follow up about my lab results", "follow-up"),
    ("next physio session please", "physio-follow-up"),
    ("my son has an earache", "sick-visit"),
    ("covid booster", "vaccination"),
    ("a new patient appointment", "new-patient-visit"),
])
def test_visit_types_are_read_from_what_callers_say(maple, text, visit):
    assert clinic.visit_named(text, maple.catalog).id == visit


@pytest.mark.parametrize("text", [
    "I'm a new patient",
    "hi I need an appointment tomorrow at 10",
    "I'll need to come in",
    "I'm a returning patient",
    "my knee is sore",
])
def test_words_that_name_no_visit(maple, text):
    assert clinic.visit_named(text, maple.catalog) is None


def test_new_patients_get_their_category_first_visit(maple):
    menu = maple.catalog
    sick, physio_follow_up, vaccination = menu.item("sick-visit"), menu.item("physio-follow-up"), menu.item("vaccination")
    assert clinic.booked_visit(sick, "new", menu).id == "new-patient-visit"
    assert clinic.booked_visit(sick, "returning", menu).id == "sick-visit"
    assert clinic.booked_visit(sick, None, menu).id == "sick-visit"
    assert clinic.booked_visit(physio_follow_up, "new", menu).id == "physio-assessment"
    assert clinic.booked_visit(vaccination, "new", menu).id == "vaccination"
    assert clinic.booked_visit(None, "new", menu) is None


@pytest.mark.parametrize("text, status", [
    ("I'm a new patient", "new"),
    ("first time", "new"),
    ("never been there before", "new"),
    ("I haven't been there before", "new"),
    ("new to the area, not a patient yet", "new"),
    ("I'm not a new patient", "returning"),
    ("returning patient", "returning"),
    ("I'm an existing patient of Dr Patel", "returning"),
    ("I've been there before", "returning"),
    ("been coming there for years", "returning"),
    ("I usually see Dr Patel", "returning"),
    ("a physical please", None),
    ("yes", None),
])
def test_new_or_returning(text, status):
    assert clinic.patient_status_in(text) == status


@pytest.mark.parametrize("text, asked, staff", [
    ("can I see Dr Patel", False, "dr-patel"),
    ("with Dr. Anika Patel please", False, "dr-patel"),
    ("the nurse practitioner is fine", False, "np-reyes"),
    ("book me with Jordan", False, "np-reyes"),
    ("Jordan please", True, "np-reyes"),
    ("Jordan please", False, None),
    ("the physio", False, "physio-okafor"),
    ("my name is Sam Miller", False, None),
    ("Sam", True, "physio-okafor"),
])
def test_practitioners_by_name_alias_or_cue(maple, text, asked, staff):
    found = clinic.practitioner_named(text, maple, asked=asked)
    assert (found.id if found else None) == staff


def test_who_does_which_visit(maple):
    physio = maple.catalog.item("physio-assessment")
    physical = maple.catalog.item("annual-physical")
    sick = maple.catalog.item("sick-visit")
    assert [p.id for p in clinic.practitioners_for(maple, physio)] == ["physio-okafor"]
    assert [p.id for p in clinic.practitioners_for(maple, physical)] == ["dr-patel"]
    assert [p.id for p in clinic.practitioners_for(maple, sick)] == ["dr-patel", "np-reyes"]
    assert len(clinic.practitioners_for(maple, None)) == 3


@pytest.mark.parametrize("text, anyone, explicit", [
    ("no preference", True, True),
    ("whoever's free first", True, False),
    ("anyone is fine", True, False),
    ("either is fine", True, False),
    ("with anyone on Friday", True, True),
    ("any doctor", True, True),
    ("Dr Patel", False, False),
])
def test_no_preference(text, anyone, explicit):
    assert clinic.wants_anyone(text) is anyone
    assert clinic.explicitly_anyone(text) is explicit


@pytest.mark.parametrize("text, relation, name", [
    ("I need an appointment for my son Liam, he has a rash", "son", "Liam"),
    ("it's for my daughter, Emma Stone", "daughter", "Emma Stone"),
    ("my mom needs a check-up", "mom", None),
    ("booking for my husband", "husband", None),
    ("My dad Joe has a cough", "dad", "Joe"),
    ("my son he has a fever", "son", None),
])
def test_booking_for_a_relative(text, relation, name):
    found = clinic.booking_for(text)
    assert (found.relation, found.patient_name) == (relation, name)


@pytest.mark.parametrize("text", ["I need a physical", "my son's school needs a form", "it's for me"])
def test_booking_for_oneself(text):
    assert clinic.booking_for(text) is None


def test_appointment_ticket_carries_the_clinic_fields(maple):
    menu = maple.catalog
    start = datetime(2026, 12, 3, 10, 0, tzinfo=DENVER)
    ticket = build_appointment_ticket(
        Appointment(
            business_id="maple-clinic", visit=menu.item("new-patient-visit"), start=start, customer_name="Dana Lee",
            customer_phone="+13035550101", patient_status="new", date_of_birth=date(1984, 3, 3),
            practitioner_id="dr-patel", practitioner_name="Dr. Anika Patel", reason="sore throat since Sunday",
            asked_visit=menu.item("sick-visit"), patient_name="Liam Lee", relation="son",
        ),
        channel="web", language="en", conversation_id="c1", idempotency_key="k1",
    )
    assert ticket.kind == "appointment"
    assert ticket.scheduled_for == start
    assert ticket.scheduled_until == datetime(2026, 12, 3, 10, 40, tzinfo=DENVER)
    assert [(line.item_id, line.name, line.quantity, line.unit_price) for line in ticket.lines] == [
        ("new-patient-visit", "new patient visit", 1, "180.00")]
    assert ticket.customer.name == "Dana Lee" and ticket.customer.phone == "+13035550101"
    assert ticket.details == {
        "reason": "sore throat since Sunday", "patient_status": "new", "date_of_birth": "1984-03-03",
        "practitioner": "Dr. Anika Patel", "practitioner_id": "dr-patel", "visit_type": "new-patient-visit",
        "requested_visit_type": "sick-visit", "patient_name": "Liam Lee", "booked_by_relation": "son",
    }
    assert ticket.total == 180
