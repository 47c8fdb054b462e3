"""The shop form turn by turn: what it fills from each message, what it says, and the ticket it stores.

Duckling and the clock are stood in for; the playbook, the catalog and the database are real.
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

import actions.retail_form as retail_form
import actions.ticket_form as ticket_form
from actions.retail_form import ValidateRetailForm
from storage.tables import tickets

NY = ZoneInfo("America/New_York")
MONDAY_NOON = datetime(2026, 11, 30, 12, 0, tzinfo=NY)
DOMAIN = Domain.load(str(Path(__file__).resolve().parents[2] / "domain")).as_dict()
TOMORROW_AT_10 = [{"dim": "time", "body": "tomorrow at 10", "value": {
    "type": "value", "value": "2026-12-01T10:00:00.000-05:00", "grain": "hour",
    "values": [{"type": "value", "value": "2026-12-01T10:00:00.000-05:00", "grain": "hour"},
               {"type": "value", "value": "2026-12-01T22:00:00.000-05:00", "grain": "hour"}]}}]
TONIGHT_AT_9 = [{"dim": "time", "body": "9 tonight", "value": {
    "type": "value", "value": "2026-11-30T21:00:00.000-05:00", "grain": "hour"}}]


class Conversation:
    """A caller talking to the form: slots carried between turns, the next question as the form chose it."""

    def __init__(self, db, monkeypatch, times=None):
        self.slots = {"business_id": "corner-hardware", "trade": "retail", "language": "en", "channel": "web",
                      "caller_phone": "+16175550142", "requested_slot": None}
        self.events = []
        self.times = times or {}

        async def parse(text, *args, **kwargs):
            return next((entities for phrase, entities in self.times.items() if phrase in text), [])

        for module in (retail_form, ticket_form):
            monkeypatch.setattr(module, "now", lambda: MONDAY_NOON)
        monkeypatch.setattr(ticket_form, "database", lambda: db)
        monkeypatch.setattr(retail_form.duckling_client, "parse", parse)

    def say(self, text, intent, name=None):
        entities = [{"entity": "time", "value": p, "start": text.index(p), "end": text.index(p) + len(p)}
                    for p in self.times if p in text]
        if name:
            entities.append({"entity": "customer_name", "value": name, "start": text.index(name), "end": text.index(name) + len(name)})
        message = {"text": text, "intent": {"name": intent}, "entities": entities}
        self.events.append({"event": "user", "text": text, "parse_data": message})
        tracker = Tracker("caller-1", dict(self.slots), message, list(self.events), False, None,
                          {"name": "retail_form"}, "action_listen")
        dispatcher = CollectingDispatcher()
        events = asyncio.run(ValidateRetailForm().run(dispatcher, tracker, DOMAIN))
        for event in events:
            if event["event"] == "slot":
                self.slots[event["name"]] = event["value"]
        return [(message.get("response"), {k: v for k, v in message.items() if k not in (
            "response", "text", "buttons", "elements", "custom", "template", "image", "attachment")}) for message in dispatcher.messages]

    @property
    def asking(self):
        return self.slots["requested_slot"]


def stored(db):
    with db.engine.connect() as connection:
        return [json.loads(row.payload) for row in connection.execute(select(tickets))]


def lines(slots_value):
    return [(line["item_id"], line["variation"], line["quantity"]) for line in slots_value or []]


def test_one_message_fills_items_time_and_name_then_yes_stores_the_hold(db, monkeypatch):
    chat = Conversation(db, monkeypatch, {"tomorrow at 10": TOMORROW_AT_10})
    said = chat.say("can you hold two gallons of white paint and a roller kit, I'll grab them tomorrow at 10, name's Dana",
                    "place_order", name="Dana")
    assert said == []
    assert chat.asking == "confirmed"
    assert chat.slots["retail_summary"] == "2 gallons of white interior paint, 1 paint roller kit"
    assert chat.slots["retail_pickup_spoken"] == "tomorrow at 10:00 AM"
    assert chat.slots["retail_held_until_spoken"] == "Wednesday at 7:00 PM"
    assert chat.slots["retail_total"] == "90.93"
    assert chat.slots["customer_phone"] == "+16175550142"
    chat.say("yes", "affirm")
    assert chat.slots["confirmed"] is True and chat.slots["ticket_number"] == "1"
    (ticket,) = stored(db)
    assert ticket["kind"] == "pickup_order"
    assert ticket["customer"] == {"name": "Dana", "phone": "+16175550142", "email": None}
    assert ticket["scheduled_for"] == "2026-12-01T10:00:00-05:00"
    assert ticket["scheduled_until"] == "2026-12-02T19:00:00-05:00"
    assert [(l["item_id"], l["variation_id"], l["quantity"], l["unit_price"]) for l in ticket["lines"]] == [
        ("white-interior-paint", "white-interior-paint-gallon", 2, "38.98"), ("paint-roller-kit", "paint-roller-kit-9in", 1, "12.97")]
    assert ticket["details"] == {} and ticket["total"] == "90.93"


def test_out_of_stock_comes_off_and_fewer_than_asked_is_offered(db, monkeypatch):
    chat = Conversation(db, monkeypatch)
    said = chat.say("I need 3 cordless drills and a gallon of navy paint", "place_order")
    assert said == [("utter_retail_out_of_stock_alternatives",
                     {"out_of_stock": "navy blue interior paint", "alternatives": "gray interior paint or white interior paint"})]
    assert chat.asking == "retail_items"
    assert chat.slots["retail_items_question"] == "stock"
    assert chat.slots["retail_offer_lines"] == "2 cordless drills"
    chat.say("yeah I'll take the two you have", "affirm")
    assert lines(chat.slots["retail_items"]) == [("cordless-drill", "20 volt kit", 2)]
    assert chat.slots["retail_offer"] is None and chat.asking == "retail_pickup_time"


def test_no_to_the_count_we_have_takes_the_item_off(db, monkeypatch):
    chat = Conversation(db, monkeypatch)
    chat.say("can you hold 6 bags of mortar", "place_order")
    assert chat.slots["retail_offer_lines"] == "4 bags of mortar mix"
    assert chat.slots["retail_items_question"] == "stock_alternatives"
    assert chat.slots["retail_offer_alternatives"] == "concrete mix"
    said = chat.say("no, I need all six", "deny")
    assert said == [("utter_retail_taken_off", {"item": "mortar mix"})]
    assert chat.slots["retail_draft"] == [] and chat.asking == "retail_items"
    assert chat.slots["retail_items_question"] is None


def test_a_size_is_asked_when_left_out(db, monkeypatch):
    chat = Conversation(db, monkeypatch)
    chat.say("some white paint please", "place_order")
    assert (chat.asking, chat.slots["retail_items_question"]) == ("retail_items", "size")
    assert chat.slots["retail_pending_options"] == "quart, gallon or 5 gallon bucket"
    chat.say("a gallon", "inform")
    assert lines(chat.slots["retail_items"]) == [("white-interior-paint", "gallon", 1)]


def test_something_we_dont_carry_gets_the_closest_and_the_quote_option(db, monkeypatch):
    chat = Conversation(db, monkeypatch)
    said = chat.say("a gallon of white paint and some rebar", "place_order")
    assert [response for response, _ in said] == ["utter_retail_unknown_item"]
    assert said[0][1]["unknown_item"] == "rebar"
    assert chat.slots["retail_said"] == ["a gallon of white paint and some rebar"]


def test_a_pickup_time_when_closed_offers_the_nearest(db, monkeypatch):
    chat = Conversation(db, monkeypatch, {"9 tonight": TONIGHT_AT_9})
    chat.say("a roll of duct tape", "place_order")
    said = chat.say("I'll come at 9 tonight", "inform")
    assert said == [("utter_retail_time_closed", {"time_options": "today at 6:45 PM or tomorrow at 7:30 AM",
                                                  "prep": "30 minutes"})]
    assert chat.slots["retail_pickup_time"] is None and chat.asking == "retail_pickup_time"


def test_a_question_mid_form_changes_nothing(db, monkeypatch):
    chat = Conversation(db, monkeypatch)
    chat.say("a roll of duct tape", "place_order")
    before = dict(chat.slots)
    assert chat.say("how much is a gallon of white paint", "ask_price") == []
    assert chat.slots == before


def test_a_yes_after_the_stock_answer_holds_what_was_asked_about(db, monkeypatch):
    chat = Conversation(db, monkeypatch)
    chat.events.append({"event": "user", "text": "do you have 50 foot extension cords?",
                        "parse_data": {"intent": {"name": "ask_availability"}}})
    chat.say("great, I'll take two", "place_order")
    assert lines(chat.slots["retail_items"]) == [("extension-cord", "50 foot", 2)]


def test_a_quote_request_keeps_the_words_and_lists_what_matched(db, monkeypatch):
    chat = Conversation(db, monkeypatch)
    text = "can you quote me 40 bags of concrete and rebar for a patio"
    assert chat.say(text, "request_quote") == []
    assert chat.asking == "customer_name"
    assert chat.slots["retail_quote_request"] == text
    assert chat.slots["retail_summary"] == "40 bags of concrete mix" and chat.slots["retail_matched"] is True
    chat.say("Sam", "inform")
    assert chat.asking == "confirmed"
    chat.say("yes send it", "affirm")
    (ticket,) = stored(db)
    assert ticket["kind"] == "quote_request"
    assert ticket["details"] == {"quote_request": text}
    assert ticket["scheduled_for"] is None and ticket["scheduled_until"] is None
    assert [(l["item_id"], l["quantity"], l["unit_price"]) for l in ticket["lines"]] == [("concrete-mix", 40, "6.48")]
    assert ticket["customer"] == {"name": "Sam", "phone": "+16175550142", "email": None}


def test_a_quote_asked_for_without_items_asks_what_to_quote(db, monkeypatch):
    chat = Conversation(db, monkeypatch)
    chat.say("I'd like to get a quote for a bulk order", "request_quote")
    assert chat.asking == "retail_quote_request" and chat.slots["retail_kind"] == "quote_request"
    chat.say("about 150 cedar pickets and 40 posts", "inform")
    assert chat.slots["retail_quote_request"] == "about 150 cedar pickets and 40 posts"
    assert chat.slots["retail_matched"] is False and chat.asking == "customer_name"


def test_a_hold_turned_into_a_quote_keeps_what_was_said(db, monkeypatch):
    chat = Conversation(db, monkeypatch)
    chat.say("I need 50 bags of concrete", "place_order")
    assert chat.slots["retail_items_question"] == "stock_alternatives"
    chat.say("can you just quote me for all 50 then", "request_quote")
    assert chat.slots["retail_kind"] == "quote_request"
    assert chat.slots["retail_quote_request"] == "I need 50 bags of concrete / can you just quote me for all 50 then"
    assert lines(chat.slots["retail_draft"]) == [("concrete-mix", "80 lb bag", 50)]
    assert chat.asking == "customer_name"


def test_a_change_at_the_read_back_is_applied_and_read_back_again(db, monkeypatch):
    chat = Conversation(db, monkeypatch, {"tomorrow at 10": TOMORROW_AT_10})
    chat.say("hold a 25 foot extension cord for tomorrow at 10 for Ana", "place_order", name="Ana")
    assert chat.asking == "confirmed"
    chat.say("no", "deny")
    assert chat.slots["awaiting_change"] is True
    chat.say("make it the 50 foot one", "change_order")
    assert chat.slots["retail_summary"] == "one 50 foot extension cord"
    assert chat.slots["awaiting_change"] is None and chat.asking == "confirmed"
