"""The service call form over a real tracker: one message fills several slots, emergencies flag staff first."""

import asyncio
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

import actions.home_services_form as form
from handoff import open_handoffs

DOMAIN_DIR = Path(__file__).resolve().parents[2] / "domain"
CHICAGO = ZoneInfo("America/Chicago")
MONDAY_1PM = datetime(2026, 11, 30, 13, 0, tzinfo=CHICAGO)


def _domain():
    merged = {"slots": {}, "forms": {}}
    for name in ("shared.yml", "home_services.yml"):
        data = yaml.safe_load((DOMAIN_DIR / name).read_text())
        merged["slots"].update(data.get("slots", {}))
        merged["forms"].update(data.get("forms", {}))
    return merged


def _tracker(text, intent, slots=None, requested_slot=None):
    values = {"business_id": "rapid-rooter", "trade": "home_services", "channel": "web", "language": "en",
              "requested_slot": requested_slot, **(slots or {})}
    message = {"text": text, "intent": {"name": intent}, "entities": []}
    events = [{"event": "user", "text": text, "parse_data": message}]
    return Tracker("caller-1", values, message, events, False, None, {"name": "service_call_form"}, "action_listen")


@pytest.fixture
def stack(db, monkeypatch):
    """The form's outside world: the test database, a fixed clock and Duckling's reading of each text."""
    readings = {}

    async def parse(text, *args, **kwargs):
        return next((entities for phrase, entities in readings.items() if phrase in text), [])

    monkeypatch.setattr(form, "database", lambda: db)
    monkeypatch.setattr(form, "now", lambda: MONDAY_1PM)
    monkeypatch.setattr(form.duckling_client, "parse", parse)
    return readings


def _run(tracker):
    dispatcher = CollectingDispatcher()
    events = asyncio.run(form.ValidateServiceCallForm().run(dispatcher, tracker, _domain()))
    slots = {event["name"]: event["value"] for event in events if event.get("event") == "slot"}
    return slots, [message["response"] for message in dispatcher.messages]


def test_one_message_fills_problem_service_window_and_address(stack):
    stack["tomorrow morning"] = [{"dim": "time", "body": "tomorrow morning", "value": {"type": "interval",
        "from": {"value": "2026-12-01T04:00:00.000-06:00", "grain": "hour"},
        "to": {"value": "2026-12-01T12:00:00.000-06:00", "grain": "hour"}}}]
    slots, said = _run(_tracker("my kitchen sink is backed up, can someone come tomorrow morning? 14 Elm St", "report_problem"))
    assert slots["home_problem"] == "my kitchen sink is backed up"
    assert slots["home_service"] == "drain-cleaning" and slots["home_job"] == "drain cleaning"
    assert slots["home_urgency"] == "soon"
    assert slots["home_address"] == "14 Elm St"
    assert slots["home_window"] == "2026-12-01T08:00:00-06:00" and slots["home_window_end"] == "2026-12-01T12:00:00-06:00"
    assert slots["home_window_spoken"] == "tomorrow between 8:00 AM and 12:00 PM"
    assert said == []


def test_flooding_flags_staff_and_takes_todays_earliest_window(stack, db):
    slots, said = _run(_tracker("water is pouring through the ceiling right now", "report_emergency"))
    assert slots["home_urgency"] == "emergency" and slots["home_service"] == "leak-repair"
    assert slots["home_window"] == "2026-11-30T12:00:00-06:00"
    assert said == ["utter_home_emergency_flagged", "utter_home_emergency_window"]
    handoff, = open_handoffs(db, "rapid-rooter")
    assert handoff["urgent"] and handoff["reason"] == "playbook_rule"


def test_a_gas_smell_inside_the_form_sends_the_caller_outside_first(stack, db):
    _, said = _run(_tracker("the water heater smells like gas", "report_problem"))
    assert said[0] == "utter_home_gas_leave"
    assert len(open_handoffs(db, "rapid-rooter")) == 1


def test_the_afternoon_one_after_anything_thursday(stack):
    tracker = _tracker("the afternoon one", "inform", {"home_problem": "leak", "home_urgency": "soon",
                       "home_address": "14 Elm St", "home_day": "2026-12-03"}, requested_slot="home_window")
    slots, _ = _run(tracker)
    assert slots["home_window"] == "2026-12-03T12:00:00-06:00"


def test_access_notes_none_and_a_no(stack):
    filled = {"home_problem": "leak", "home_urgency": "soon", "home_address": "14 Elm St",
              "home_window": "2026-12-03T12:00:00-06:00", "home_window_end": "2026-12-03T16:00:00-06:00"}
    assert _run(_tracker("none", "inform", filled, "home_access_notes"))[0]["home_access_notes"] == "none"
    assert _run(_tracker("nope", "deny", filled, "home_access_notes"))[0]["home_access_notes"] == "none"
    assert _run(_tracker("gate code 1930", "inform", filled, "home_access_notes"))[0]["home_access_notes"] == "gate code 1930"


def test_asking_about_another_day_mid_form_is_answered_and_makes_the_window_the_next_question(stack):
    """The form takes the question (Rasa runs an active form first, and it is not rejected since it clears the
    window), so the form itself says the free windows."""
    stack["Thursday"] = [{"dim": "time", "body": "Thursday", "value": {"type": "value", "grain": "day", "value": "2026-12-03T00:00:00.000-06:00"}}]
    filled = {"home_problem": "leak", "home_urgency": "soon", "home_address": "14 Elm St",
              "home_window": "2026-12-01T08:00:00-06:00", "home_window_end": "2026-12-01T12:00:00-06:00"}
    slots, said = _run(_tracker("anything Thursday?", "ask_availability", filled, "home_access_notes"))
    assert slots["home_window"] is None and slots["home_day"] == "2026-12-03" and said == ["utter_availability_windows"]
    assert slots["requested_slot"] == "home_window"
    picked, _ = _run(_tracker("the afternoon one", "inform", {**filled, **slots}, "home_window"))
    assert picked["home_window"] == "2026-12-03T12:00:00-06:00" and "requested_slot" not in picked


def test_the_window_question_stays_quiet_right_after_an_availability_answer():
    ask = form.ActionAskServiceCallWindow()
    dispatcher = CollectingDispatcher()
    asyncio.run(ask.run(dispatcher, _tracker("anything Thursday?", "ask_availability"), {}))
    assert dispatcher.messages == []
    asyncio.run(ask.run(dispatcher, _tracker("uh not sure", "inform"), {}))
    assert [m["response"] for m in dispatcher.messages] == ["utter_ask_service_call_form_home_window"]
