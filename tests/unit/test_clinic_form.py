"""The clinic form's validation action on saved trackers: an emergency ends it with staff flagged and nothing
booked, one message fills every slot it can, a relative's booking keeps both names, "yes" stores the ticket,
and a slot taken meanwhile sends the caller back to choosing a time."""

import asyncio
import json
from datetime import datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select

import actions.clinic_form as clinic_form
import actions.ticket_form as ticket_form
from actions.clinic_form import ValidateClinicForm
from handoff import open_handoffs
from scheduling import duckling_client
from storage.tables import tickets

ROOT = Path(__file__).resolve().parents[2]
DENVER = ZoneInfo("America/Denver")
NOW = datetime(2026, 11, 30, 7, 0, tzinfo=DENVER).astimezone(timezone.utc)
TUESDAY_10 = {"dim": "time", "body": "Tuesday at 10", "value": {
    "type": "value", "grain": "hour", "value": "2026-12-01T10:00:00.000-07:00",
    "values": [{"type": "value", "grain": "hour", "value": "2026-12-01T10:00:00.000-07:00"},
               {"type": "value", "grain": "hour", "value": "2026-12-01T22:00:00.000-07:00"}]}}
BIRTH = {"dim": "time", "body": "March 3rd 1984", "value": {
    "type": "value", "grain": "day", "value": "1984-03-03T00:00:00.000-07:00"}}


@pytest.fixture(scope="module")
def domain():
    merged = {"slots": {}, "forms": {}, "responses": {}}
    for name in ("shared", "clinic"):
        data = yaml.safe_load((ROOT / "domain" / f"{name}.yml").read_text())
        for key in merged:
            merged[key].update(data.get(key) or {})
    return merged


@pytest.fixture
def wired(db, monkeypatch):
    """The action reads this test's database and clock, and Duckling answers from recorded parses."""
    parses = {}

    async def parse(text, timezone_name, language="en", now=None, dims=None):
        return [entity for body, entity in parses.items() if body.lower() in text.lower()]

    monkeypatch.setattr(clinic_form, "database", lambda: db)
    monkeypatch.setattr(ticket_form, "database", lambda: db)
    monkeypatch.setattr(clinic_form, "now", lambda: NOW)
    monkeypatch.setattr(ticket_form, "now", lambda: NOW)
    monkeypatch.setattr(duckling_client, "parse", parse)
    parses.update({"Tuesday at 10": TUESDAY_10, "March 3rd 1984": BIRTH})
    return db


def tracker(text, intent="inform", slots=None, entities=(), requested=None):
    values = {"business_id": "maple-clinic", "business_name": "Maple Family Clinic", "trade": "clinic",
              "channel": "web", "language": "en", "caller_phone": "+13035550142", "requested_slot": requested,
              **(slots or {})}
    message = {"text": text, "intent": {"name": intent}, "entities": list(entities)}
    events = [{"event": "user", "text": text, "parse_data": message, "timestamp": 1.0}]
    return Tracker("conv-1", values, message, events, False, None, {"name": "clinic_form"}, "action_listen")


def run(tracker_, domain):
    dispatcher = CollectingDispatcher()
    events = asyncio.run(ValidateClinicForm().run(dispatcher, tracker_, domain))
    slots = {}
    for event in events:
        if event.get("event") == "slot":
            slots[event["name"]] = event["value"]
    return slots, [message.get("response") for message in dispatcher.messages]


def duckling_time(body, value="2026-12-01T10:00:00.000-07:00"):
    return {"entity": "time", "value": value, "extractor": "DucklingEntityExtractor", "text": body}


def test_symptoms_inside_a_booking_end_the_form_with_staff_flagged(wired, domain):
    text = "I need an appointment, I've had chest pain since this morning"
    slots, said = run(tracker(text, intent="make_booking"), domain)
    assert said == ["utter_medical_emergency"]
    assert slots["clinic_emergency"] is True and slots["requested_slot"] is None and slots["ticket_number"] is None
    assert "clinic_visit_type" not in slots
    flagged = open_handoffs(wired, "maple-clinic")
    assert [(h["reason"], bool(h["urgent"]), h["summary"]) for h in flagged] == [("medical_emergency", True, text)]
    ended = tracker("ok", slots={"clinic_emergency": True})
    assert asyncio.run(ValidateClinicForm().required_slots(list(domain["forms"]["clinic_form"]["required_slots"]),
                                                           CollectingDispatcher(), ended, domain)) == []


def test_an_emergency_at_the_read_back_stores_nothing(wired, domain):
    filled = {"clinic_visit_type": "sick-visit", "clinic_patient_status": "returning", "clinic_practitioner": "any",
              "clinic_time": "2026-12-01T10:00:00-07:00", "customer_name": "Dana", "clinic_date_of_birth": "1984-03-03",
              "customer_phone": "+13035550142"}
    slots, said = run(tracker("wait my husband just collapsed", slots=filled, requested="confirmed"), domain)
    assert said == ["utter_medical_emergency"] and slots["clinic_emergency"] is True
    with wired.engine.connect() as connection:
        assert connection.execute(select(tickets)).all() == []


def test_one_message_fills_everything_it_says(wired, domain):
    text = "I'm a new patient and need a sick visit Tuesday at 10, I'm Dana Lee, born March 3rd 1984"
    entities = [duckling_time("Tuesday at 10"), {"entity": "customer_name", "value": "Dana Lee"},
                duckling_time("March 3rd 1984", "1984-03-03T00:00:00.000-07:00")]
    slots, said = run(tracker(text, intent="make_booking", entities=entities), domain)
    assert slots["clinic_visit_type"] == "sick-visit" and slots["clinic_reason"] == text
    assert slots["clinic_patient_status"] == "new" and slots["clinic_visit_name"] == "new patient visit"
    assert said == ["utter_clinic_new_patient_visit"]
    assert slots["clinic_time"] == "2026-12-01T10:00:00-07:00" and slots["clinic_staff_id"] == "dr-patel"
    assert slots["clinic_practitioner"] == "any" and slots["clinic_practitioner_name"] == "Dr. Anika Patel"
    assert slots["customer_name"] == "Dana Lee" and slots["customer_phone"] == "+13035550142"
    assert slots["clinic_date_of_birth"] == "1984-03-03" and slots["clinic_dob_spoken"] == "March 3, 1984"
    assert slots["requested_slot"] == "confirmed"


def test_a_reason_that_names_no_visit_is_kept_and_the_types_are_offered(wired, domain):
    slots, _ = run(tracker("my knee has been sore for a week", requested="clinic_visit_type"), domain)
    assert slots["clinic_reason"] == "my knee has been sore for a week"
    assert "physio assessment" in slots["clinic_visit_types"] and slots["requested_slot"] == "clinic_visit_type"
    answered, _ = run(tracker("physio then", requested="clinic_visit_type",
                              slots={"clinic_reason": "my knee has been sore for a week"}), domain)
    assert answered["clinic_visit_type"] == "physio-assessment" and "clinic_reason" not in answered
    assert answered["clinic_practitioner"] == "physio-okafor"


def test_yes_and_no_answer_whether_they_have_been_before(wired, domain):
    asked = {"clinic_visit_type": "follow-up"}
    yes, _ = run(tracker("yeah", intent="affirm", slots=asked, requested="clinic_patient_status"), domain)
    no, _ = run(tracker("nope", intent="deny", slots=asked, requested="clinic_patient_status"), domain)
    assert yes["clinic_patient_status"] == "returning" and no["clinic_patient_status"] == "new"
    assert no["clinic_visit_name"] == "new patient visit"


def test_a_practitioner_who_does_not_do_the_visit_is_explained(wired, domain):
    slots, said = run(tracker("physio with Dr Patel", intent="make_booking"), domain)
    assert said == ["utter_clinic_practitioner_not_for_visit"]
    assert slots["clinic_practitioner"] == "physio-okafor"


def test_booking_for_a_relative_keeps_both_names(wired, domain):
    slots, _ = run(tracker("it's for my son Liam, he has an earache", intent="make_booking",
                           entities=[{"entity": "customer_name", "value": "Liam"}]), domain)
    assert slots["clinic_booking_for"] == "son" and slots["clinic_patient_name"] == "Liam"
    assert "customer_name" not in slots
    asked = {"clinic_booking_for": "son", "clinic_patient_name": "Liam", "clinic_visit_type": "sick-visit"}
    caller, _ = run(tracker("Maria Lopez", slots=asked, requested="customer_name"), domain)
    assert caller["customer_name"] == "Maria Lopez"


def test_a_date_of_birth_in_the_future_is_asked_again(wired, domain):
    slots, _ = run(tracker("jan 5 2030", requested="clinic_date_of_birth"), domain)
    assert slots["clinic_date_of_birth"] is None and slots["clinic_dob_note"] == "future"


def booked_slots(**extra):
    return {"clinic_visit_type": "sick-visit", "clinic_patient_status": "returning", "clinic_practitioner": "any",
            "clinic_time": "2026-12-01T10:00:00-07:00", "clinic_staff_id": "dr-patel",
            "clinic_practitioner_name": "Dr. Anika Patel", "clinic_time_key": "sick-visit|",
            "customer_name": "Dana Lee", "clinic_date_of_birth": "1984-03-03", "customer_phone": "+13035550142",
            "clinic_reason": "sore throat since Sunday", "clinic_visit_name": "sick visit", **extra}


def test_yes_stores_the_appointment_with_its_practitioner_time(wired, domain):
    slots, _ = run(tracker("yes please", intent="affirm", slots=booked_slots(), requested="confirmed"), domain)
    assert slots["confirmed"] is True and slots["ticket_number"] == "1"
    with wired.engine.connect() as connection:
        stored = json.loads(connection.execute(select(tickets.c.payload)).scalar_one())
    assert stored["kind"] == "appointment" and stored["scheduled_for"] == "2026-12-01T10:00:00-07:00"
    assert stored["scheduled_until"] == "2026-12-01T10:15:00-07:00"
    assert stored["details"]["practitioner"] == "Dr. Anika Patel" and stored["details"]["date_of_birth"] == "1984-03-03"
    assert stored["lines"][0]["item_id"] == "sick-visit"


def test_a_slot_taken_meanwhile_sends_the_caller_back_to_the_times(wired, domain):
    first = tracker("yes", intent="affirm", slots=booked_slots(), requested="confirmed")
    run(first, domain)
    rival = Tracker("conv-2", {**first.slots}, first.latest_message, [{**first.events[0], "timestamp": 2.0}],
                    False, None, {"name": "clinic_form"}, "action_listen")
    slots, _ = run(rival, domain)
    assert slots["confirmed"] is None and slots["clinic_time"] is None and slots["clinic_time_note"] == "taken"
    assert slots["clinic_time_options"] and slots["requested_slot"] == "clinic_time"


def test_picking_a_time_after_an_availability_question_means_that_day_and_practitioner(wired, domain, monkeypatch):
    thursday_1pm = {"dim": "time", "body": "the 1pm one", "value": {
        "type": "value", "grain": "hour", "value": "2026-11-30T13:00:00.000-07:00",
        "values": [{"type": "value", "grain": "hour", "value": "2026-11-30T13:00:00.000-07:00"}]}}
    thursday = {"dim": "time", "body": "thursday afternoon", "value": {
        "type": "interval", "from": {"grain": "hour", "value": "2026-12-03T12:00:00.000-07:00"},
        "to": {"grain": "hour", "value": "2026-12-03T19:00:00.000-07:00"}}}
    parses = {"the 1pm one": thursday_1pm, "thursday afternoon": thursday}

    async def parse(text, timezone_name, language="en", now=None, dims=None):
        return [entity for body, entity in parses.items() if body in text.lower()]

    monkeypatch.setattr(duckling_client, "parse", parse)
    question = "does the nurse practitioner have anything thursday afternoon?"
    earlier = [{"event": "user", "text": question, "timestamp": 0.5,
                "parse_data": {"text": question, "intent": {"name": "ask_availability"}, "entities": []}},
               {"event": "bot", "text": "I have ..."}]
    pick = tracker("the 1pm one, for a follow up", entities=[duckling_time("the 1pm one")])
    pick.events[:0] = earlier
    slots, _ = run(pick, domain)
    assert slots["clinic_time"] == "2026-12-03T13:00:00-07:00"
    assert slots["clinic_practitioner"] == "np-reyes" and slots["clinic_staff_id"] == "np-reyes"


def test_every_slot_the_form_sets_is_declared_and_cleared_when_the_request_ends(domain):
    from actions.request_form import slots_of
    from actions.clinic_form import HELPER_SLOTS
    assert set(HELPER_SLOTS) <= set(domain["slots"])
    cleared = slots_of("clinic_form", domain)
    assert {"clinic_emergency", "clinic_time", "clinic_offers", "clinic_patient_name"} <= set(cleared)
    assert "customer_name" not in cleared and "customer_phone" not in cleared
