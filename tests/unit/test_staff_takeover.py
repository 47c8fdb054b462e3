"""Staff taking a text conversation over: which requests keep the assistant quiet, what is kept for staff, and
the action that starts it (a short answer to the customer, a text to staff with the board's address)."""

import asyncio
from datetime import datetime, timedelta, timezone

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

import actions.context
from actions.business_questions import ActionAnswerBusinessQuestion
from handoff import (
    close_handoff, held, hold, open_handoffs, request_handoff, staff_have, take_over, taken_over,
)
from playbooks import PlaybookRegistry
from tests.doubles.twilio import TwilioDouble
from tests.unit.conftest import PLAYBOOKS

START = datetime(2026, 12, 1, 15, 0, tzinfo=timezone.utc)
SMS = "sms:tonys-texts:+14155550123"


def test_only_an_open_request_staff_took_over_keeps_the_assistant_quiet(db):
    unclear = request_handoff(db, "tonys-texts", SMS, "unclear", now=START)
    asked = request_handoff(db, "tonys-texts", SMS, "asked", now=START + timedelta(minutes=1))
    assert staff_have(db, SMS) is None
    take_over(db, asked, SMS, now=START + timedelta(minutes=1))
    assert staff_have(db, SMS) == asked and staff_have(db, "sms:tonys-texts:+14155550999") is None
    assert taken_over(db, [unclear, asked]) == {asked} and taken_over(db, []) == set()
    assert close_handoff(db, "tonys-texts", asked)
    assert staff_have(db, SMS) is None


def test_what_the_customer_writes_meanwhile_is_kept_in_order_per_request(db):
    first = request_handoff(db, "tonys-texts", SMS, "asked", now=START)
    other = request_handoff(db, "tonys-texts", "email:tonys-texts:abc", "asked", now=START)
    hold(db, first, "hello?", now=START + timedelta(minutes=2))
    hold(db, other, "any news?", now=START + timedelta(minutes=1))
    hold(db, first, "I'm still here", now=START + timedelta(minutes=3))
    assert held(db, [first, other]) == {first: ["hello?", "I'm still here"], other: ["any news?"]}
    assert held(db, []) == {}


@pytest.fixture
def twilio():
    double = TwilioDouble().start()
    yield double
    double.stop()


@pytest.fixture
def texting_pizzeria(monkeypatch, tmp_path, twilio):
    """The demo pizzeria with a transfer line, Twilio's REST API on the double, and a database of its own."""
    directory = tmp_path / "playbooks"
    directory.mkdir()
    pizzeria = yaml.safe_load((PLAYBOOKS / "tonys-pizzeria.yml").read_text())
    texts = {**pizzeria, "id": "tonys-texts", "reaches": {"phone_numbers": ["+15005550177"]},
             "transfer": {"default": "+15005550188", "reasons": {"asked": "+15005550189"}}}
    (directory / "tonys-texts.yml").write_text(yaml.safe_dump(texts, sort_keys=False))
    monkeypatch.setattr("playbooks.registry._default", PlaybookRegistry(directory))
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'takeover.db'}")
    monkeypatch.setattr(actions.context, "_database", None)
    monkeypatch.setenv("TWILIO_ACCOUNT_SID", twilio.account_sid)
    monkeypatch.setenv("TWILIO_AUTH_TOKEN", twilio.auth_token)
    monkeypatch.setenv("TWILIO_API_BASE_URL", twilio.base_url)
    monkeypatch.setenv("WEBHOOK_BASE_URL", "https://board.tonys.example")
    yield twilio
    actions.context.database().dispose()


def _ask(channel, language="en", sender=SMS, text="can I talk to a person", **slots):
    message = {"text": text, "intent": {"name": "request_human"}, "entities": []}
    values = {"business_id": "tonys-texts", "channel": channel, "language": language, **slots}
    tracker = Tracker(sender, values, message, [], False, None, {}, "action_listen")
    dispatcher = CollectingDispatcher()
    asyncio.run(ActionAnswerBusinessQuestion().run(dispatcher, tracker, {}))
    return dispatcher.messages


def test_asking_by_text_hands_the_conversation_to_staff_and_texts_them(texting_pizzeria):
    said = _ask("sms", caller_phone="+14155550123", order_summary="2 large pepperoni pizzas")
    assert [message["response"] for message in said] == ["utter_staff_take_over"]
    [text] = texting_pizzeria.messages
    assert (text["to"], text["from"]) == ("+15005550189", "+15005550177")
    assert "+14155550123 asked for a person by text" in text["body"] and "2 large pepperoni pizzas" in text["body"]
    assert text["body"].endswith("https://board.tonys.example/board/tonys-texts")
    db = actions.context.database()
    assert staff_have(db, SMS) == open_handoffs(db, "tonys-texts")[0]["id"]


def test_asking_in_a_web_chat_gives_the_number_and_texts_nobody(texting_pizzeria):
    web_chat = "0123456789abcdef0123456789abcdef"
    said = _ask("web", sender=web_chat)
    assert [message["response"] for message in said] == ["utter_human_contact"]
    assert said[0]["phone"] == "+15005550188" and texting_pizzeria.messages == []
    db = actions.context.database()
    assert open_handoffs(db, "tonys-texts")[0]["conversation_id"] == web_chat and staff_have(db, web_chat) is None


def test_the_model_alone_does_not_silence_a_text_conversation(texting_pizzeria):
    said = _ask("sms", text="is the owner Italian?", caller_phone="+14155550123")
    assert [message["response"] for message in said] == ["utter_human_contact"]
    db = actions.context.database()
    assert texting_pizzeria.messages == [] and staff_have(db, SMS) is None
    assert [request["reason"] for request in open_handoffs(db, "tonys-texts")] == ["asked"]
