"""The repair form turn by turn: what it fills from each message, what it says, and the work order it stores.

Duckling and the clock are stood in for; the playbook, the catalog, the calendar and the database are real.
"""

import asyncio
import json
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from rasa.shared.core.domain import Domain
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select

import actions.repair_form as repair_form
import actions.ticket_form as ticket_form
from actions.repair_form import ValidateRepairForm
from pos.ticket import Customer, Ticket
from pos.ticket_store import store_ticket
from scheduling import Calendar
from storage.tables import tickets
from trades.repair_dropoff import holds_for

NY = ZoneInfo("America/New_York")
MONDAY_EVENING = datetime(2026, 11, 30, 20, 0, tzinfo=NY)
DOMAIN = Domain.load(str(Path(__file__).resolve().parents[2] / "domain")).as_dict()
REQUIRED = DOMAIN["forms"]["repair_form"]["required_slots"]


def duckling_time(text, *values):
    """What Duckling says for a clock time in `text`: each value an ISO instant, first the likeliest."""
    return [{"dim": "time", "body": text, "value": {"type": "value", "value": values[0], "grain": "hour",
                                                   "values": [{"type": "value", "value": v, "grain": "hour"} for v in values]}}]


class Conversation:
    """A caller talking to the form: slots carried between turns, the next question chosen like Rasa does."""

    def __init__(self, db, monkeypatch, times):
        self.slots = {"business_id": "fixit-repair", "trade": "repair", "language": "en", "channel": "web",
                      "caller_phone": "+14155550123", "requested_slot": None}
        self.events = []
        self.times = times

        async def parse(text, *args, **kwargs):
            return next((entities for phrase, entities in times.items() if phrase in text), [])

        for module in (repair_form, ticket_form):
            monkeypatch.setattr(module, "now", lambda: MONDAY_EVENING)
            monkeypatch.setattr(module, "database", lambda: db)
        monkeypatch.setattr(repair_form.duckling_client, "parse", parse)

    def say(self, text, intent, name=None):
        entities = [{"entity": "time", "start": text.index(p), "end": text.index(p) + len(p)} for p in self.times if p in text]
        if name:
            entities.append({"entity": "customer_name", "value": name, "start": text.index(name), "end": text.index(name) + len(name)})
        message = {"text": text, "intent": {"name": intent}, "entities": entities}
        self.events.append({"event": "user", "text": text, "parse_data": message})
        tracker = Tracker("caller-1", dict(self.slots), message, list(self.events), False, None,
                          {"name": "repair_form"}, "action_listen")
        dispatcher = CollectingDispatcher()
        events = asyncio.run(ValidateRepairForm().run(dispatcher, tracker, DOMAIN))
        for event in events:
            if event["event"] == "slot":
                self.slots[event["name"]] = event["value"]
        self.slots["requested_slot"] = next((slot for slot in REQUIRED if self.slots.get(slot) is None), None)
        return [message.get("response") for message in dispatcher.messages]


def stored(db):
    with db.engine.connect() as connection:
        return [json.loads(row.payload) for row in connection.execute(select(tickets))]


def test_one_message_fills_device_symptom_repair_and_drop_off_then_a_correction(db, monkeypatch):
    chat = Conversation(db, monkeypatch, {"tomorrow around 10": duckling_time(
        "tomorrow around 10", "2026-12-01T10:00:00-05:00", "2026-12-01T22:00:00-05:00")})
    said = chat.say("my iphone 12 screen is cracked, can I bring it in tomorrow around 10", "report_problem")
    assert said == []
    assert chat.slots["repair_device"] == "Apple iPhone 12"
    assert chat.slots["repair_symptom"] == "my iphone 12 screen is cracked"
    assert chat.slots["repair_summary"] == "screen replacement"
    assert chat.slots["repair_dropoff_time"] == "2026-12-01T10:00:00-05:00"
    assert chat.slots["requested_slot"] == "repair_quote_wanted"

    chat.say("can you tell me how much first?", "request_quote")
    assert chat.slots["repair_quote_wanted"] == "yes"
    assert chat.slots["requested_slot"] == "customer_name"

    chat.say("it's Dana", "inform", name="Dana")
    assert chat.slots["customer_phone"] == "+14155550123"
    assert chat.slots["requested_slot"] == "confirmed"

    chat.say("actually it's a 13 not a 12", "change_order")
    assert chat.slots["repair_device"] == "Apple iPhone 13"
    assert chat.slots["repair_dropoff_time"] == "2026-12-01T10:00:00-05:00"
    assert chat.slots["repair_symptom"] == "my iphone 12 screen is cracked"

    chat.say("yes", "affirm")
    assert chat.slots["ticket_number"] == "1"
    (ticket,) = stored(db)
    assert ticket["kind"] == "work_order" and ticket["scheduled_for"] == "2026-12-01T10:00:00-05:00"
    assert ticket["details"] == {"device_kind": "phone", "brand": "Apple", "model": "iPhone 13",
                                 "symptom": "my iphone 12 screen is cracked", "quote_wanted": "yes"}
    assert [(line["name"], line["variation"], line["unit_price"]) for line in ticket["lines"]] == [
        ("screen replacement", "phone", "129.00")]
    assert ticket["customer"] == {"name": "Dana", "phone": "+14155550123", "email": None}


def test_step_by_step_with_questions_asked_one_at_a_time(db, monkeypatch):
    chat = Conversation(db, monkeypatch, {"friday at 2": duckling_time("friday at 2", "2026-12-04T14:00:00-05:00")})
    chat.say("I need to book a drop off for my laptop", "make_booking")
    assert chat.slots["requested_slot"] == "repair_device" and chat.slots["repair_device_noun"] == "laptop"
    chat.say("a dell xps 15", "inform")
    assert chat.slots["repair_device"] == "Dell XPS 15" and chat.slots["requested_slot"] == "repair_symptom"
    chat.say("it just randomly goes weird", "inform")
    assert chat.slots["repair_symptom"] == "it just randomly goes weird" and chat.slots["repair_matched"] is False
    chat.say("friday at 2", "inform")
    assert chat.slots["repair_dropoff_time"] == "2026-12-04T14:00:00-05:00"
    chat.say("no, just fix it", "deny")
    assert chat.slots["repair_quote_wanted"] == "no"


def test_a_full_drop_off_slot_offers_the_nearest_and_a_pick_books_one(db, monkeypatch, registry):
    calendar = Calendar(registry.by_id("fixit-repair"), db)
    ten = datetime(2026, 12, 1, 10, 0, tzinfo=NY)
    for seat in range(2):
        key = f"other-{seat}"
        store_ticket(db, Ticket(business_id="fixit-repair", kind="work_order", customer=Customer(name="X"), lines=[],
                                scheduled_for=ten, channel="web", language="en", conversation_id=key, idempotency_key=key),
                     ten.date(), holds=holds_for(calendar, ten))
    chat = Conversation(db, monkeypatch, {
        "tomorrow at 10": duckling_time("tomorrow at 10", "2026-12-01T10:00:00-05:00"),
        "10:30": duckling_time("10:30", "2026-11-30T10:30:00-05:00", "2026-11-30T22:30:00-05:00"),
    })
    said = chat.say("my ps5 has no picture, can I drop it off tomorrow at 10", "report_problem")
    assert said == ["utter_repair_dropoff_full"]
    assert chat.slots["repair_dropoff_time"] is None
    assert chat.slots["repair_offered_times"] == ["2026-12-01T09:00:00-05:00", "2026-12-01T09:30:00-05:00",
                                                  "2026-12-01T10:30:00-05:00"]
    assert chat.slots["requested_slot"] == "repair_dropoff_time"
    chat.say("10:30 works", "inform")
    assert chat.slots["repair_dropoff_time"] == "2026-12-01T10:30:00-05:00"
    assert chat.slots["repair_offered_times"] is None
    assert chat.slots["repair_summary"] == "console HDMI port repair"


def test_a_slot_taken_while_confirming_is_offered_again(db, monkeypatch, registry):
    chat = Conversation(db, monkeypatch, {"tomorrow at 10": duckling_time("tomorrow at 10", "2026-12-01T10:00:00-05:00")})
    chat.say("my ipad won't charge, can I bring it tomorrow at 10", "report_problem")
    chat.say("yes a quote first please", "affirm")
    chat.say("Sam", "inform", name="Sam")
    assert chat.slots["requested_slot"] == "confirmed"
    calendar = Calendar(registry.by_id("fixit-repair"), db)
    ten = datetime(2026, 12, 1, 10, 0, tzinfo=NY)
    for seat in range(2):
        key = f"racer-{seat}"
        store_ticket(db, Ticket(business_id="fixit-repair", kind="work_order", customer=Customer(name="X"), lines=[],
                                scheduled_for=ten, channel="web", language="en", conversation_id=key, idempotency_key=key),
                     ten.date(), holds=holds_for(calendar, ten))
    said = chat.say("yes", "affirm")
    assert said == ["utter_repair_dropoff_taken"]
    assert chat.slots["repair_dropoff_time"] is None and chat.slots.get("ticket_number") is None
    assert chat.slots["requested_slot"] == "repair_dropoff_time"
    chat.say("the first one", "inform")
    assert chat.slots["repair_dropoff_time"] == "2026-12-01T09:00:00-05:00"
    chat.say("yes", "affirm")
    assert chat.slots["ticket_number"] == "1"
    assert sorted(ticket["scheduled_for"] for ticket in stored(db)) == [
        "2026-12-01T09:00:00-05:00", "2026-12-01T10:00:00-05:00", "2026-12-01T10:00:00-05:00"]


def test_a_new_clock_time_keeps_the_day_already_booked(db, monkeypatch):
    chat = Conversation(db, monkeypatch, {
        "tomorrow at 10": duckling_time("tomorrow at 10", "2026-12-01T10:00:00-05:00"),
        "at 11": duckling_time("at 11", "2026-11-30T23:00:00-05:00", "2026-12-01T11:00:00-05:00"),
    })
    chat.say("my iphone 12 battery dies fast, can I bring it tomorrow at 10", "report_problem")
    chat.say("actually can I come at 11 instead", "change_order")
    assert chat.slots["repair_dropoff_time"] == "2026-12-01T11:00:00-05:00"
    assert chat.slots["repair_device"] == "Apple iPhone 12"


def test_a_clock_time_after_an_availability_question_is_on_the_day_asked_about(db, monkeypatch):
    afternoon = [{"dim": "time", "body": "thursday afternoon", "value": {
        "type": "interval", "from": {"value": "2026-12-03T12:00:00-05:00", "grain": "hour"},
        "to": {"value": "2026-12-03T19:00:00-05:00", "grain": "hour"}}}]
    chat = Conversation(db, monkeypatch, {
        "thursday afternoon": afternoon,
        "3pm": duckling_time("3pm", "2026-12-01T15:00:00-05:00"),
    })
    chat.say("any drop off slots thursday afternoon?", "ask_availability")
    assert chat.slots.get("repair_dropoff_time") is None
    chat.slots["requested_slot"] = None
    chat.say("the 3pm one", "inform")
    assert chat.slots["repair_dropoff_time"] == "2026-12-03T15:00:00-05:00"
    assert chat.slots["requested_slot"] == "repair_device"


def test_a_time_given_when_the_device_is_asked_is_not_taken_as_the_device(db, monkeypatch):
    chat = Conversation(db, monkeypatch, {"at 3": duckling_time("at 3", "2026-12-01T15:00:00-05:00")})
    chat.say("I need to book a drop off for my laptop", "make_booking")
    chat.say("can I come tomorrow at 3", "inform")
    assert chat.slots.get("repair_device") is None and chat.slots["repair_device_noun"] == "laptop"
    assert chat.slots["repair_dropoff_time"] == "2026-12-01T15:00:00-05:00"
