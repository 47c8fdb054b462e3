"""The SMS channel served for real on a loopback port and posted to as Twilio does (signed form posts), with a small
assistant standing in for Rasa: refusals, MMS, long replies, REST replies through the Twilio double, blocked numbers,
and the playbook's session expiry, down to what the fresh session keeps of a half-finished order."""

import asyncio
import logging
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Dict, List
from xml.etree import ElementTree

import aiohttp
import pytest
import yaml
from rasa.core.channels.channel import UserMessage
from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.core.tracker_store import InMemoryTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted, ActiveLoop, SessionStarted, SlotSet, UserUttered, deserialise_events,
)
from rasa.shared.core.trackers import DialogueStateTracker, EventVerbosity
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from sanic import Sanic
from twilio.request_validator import RequestValidator

from actions.session import ActionSessionStart
from connectors.sms_split import segments
from connectors.conversations import session_expired
from connectors.twilio_sms import TwilioSmsInput
from connectors.twilio_webhook import TwilioWebhook
from handoff import close_handoff, held, open_handoffs, request_handoff, staff_have, take_over
from notify.opt_outs import opt_out
from notify.sms import TwilioRestSms
from playbooks import PlaybookRegistry
from storage import Database
from tests.doubles.twilio import TwilioDouble
from tests.unit.conftest import PLAYBOOKS
from tests.unit.test_board import serving

TOKEN = "unit-test-auth-token"
PUBLIC = "https://assistant.example.test"
PATH = "/webhooks/twilio_sms/webhook"
NOODLE = "+15005550202"
CUSTOMER = "+14155550123"
BLOCKED = "+14155550666"
SESSION_MINUTES = 30
CONVERSATION = f"sms:lucky-noodle:{CUSTOMER}"
ROOT = Path(__file__).resolve().parents[2]
DOMAIN = Domain.load(str(ROOT / "domain"))
MEDIA_NOTE = {
    "en": "Sorry, we can't open pictures or recordings sent by text. Could you describe it in words?",
    "es": "Lo sentimos, no podemos abrir fotos ni grabaciones enviadas por mensaje. ¿Nos lo describes con palabras?",
}
LONG_MENU = "Here's what we have — " + "; ".join(
    f"{group}: " + ", ".join(f"{group.lower()} dish {n}" for n in range(1, 7))
    for group in ("Noodles", "Curries", "Soups", "Rice", "Salads", "Desserts", "Drinks")
) + "."


@pytest.fixture(autouse=True)
def sanic_test_mode(monkeypatch):
    monkeypatch.setattr(Sanic, "test_mode", True)


@pytest.fixture(autouse=True)
def noodle_bar(monkeypatch, tmp_path):
    """Lucky Noodle with a 30-minute SMS session and one blocked number, and a database of its own."""
    data = yaml.safe_load((PLAYBOOKS / "lucky-noodle.yml").read_text())
    data["channels"] = {"sms": {"session_minutes": SESSION_MINUTES}}
    data["blocked"] = {"phones": [BLOCKED]}
    directory = tmp_path / "playbooks"
    directory.mkdir()
    (directory / "lucky-noodle.yml").write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    monkeypatch.setattr("playbooks.registry._default", PlaybookRegistry(directory))
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'sms.db'}")
    return directory


@pytest.fixture(scope="module")
def domain():
    return DOMAIN


class Assistant:
    """Answers like the trained assistant would: the menu when asked, else an echo; /session_start says nothing.
    A turn can be held until the test lets it go, or take a while for a given text."""

    def __init__(self, held: asyncio.Event = None, seconds: Dict[str, float] = None):
        self.heard: List[UserMessage] = []
        self.held = held
        self.seconds = seconds or {}
        self.finished = False

    async def __call__(self, message: UserMessage) -> None:
        self.heard.append(message)
        if self.held is not None:
            await self.held.wait()
        await asyncio.sleep(self.seconds.get(message.text, 0))
        if message.text == "/session_start":
            return
        if "menu" in message.text:
            await message.output_channel.send_text_message(message.sender_id, LONG_MENU)
        else:
            await message.output_channel.send_text_message(message.sender_id, f"Got it: {message.text}")
        self.finished = True

    @property
    def texts(self) -> List[str]:
        return [message.text for message in self.heard]


def app_with(assistant, conversations=None, rest=None):
    channel = TwilioSmsInput(TwilioWebhook(TOKEN, PUBLIC), rest)
    app = Sanic(f"sms-{id(assistant)}")
    app.blueprint(channel.blueprint(assistant), url_prefix="/webhooks/twilio_sms")
    app.ctx.agent = SimpleNamespace(tracker_store=conversations, domain=DOMAIN,
                                    nlg=TemplatedNaturalLanguageGenerator(DOMAIN.responses))
    return app


def sms(body="hi", sender=CUSTOMER, to=NOODLE, **extra):
    return {"MessageSid": "SM" + "1" * 32, "AccountSid": "AC" + "0" * 32, "From": sender, "To": to, "Body": body,
            "NumMedia": "0", **extra}


def signed(form):
    return RequestValidator(TOKEN).compute_signature(PUBLIC + PATH, form)


async def post(base, form, signature=None, data=None, headers=None):
    signature = signed(form) if signature is None else signature
    async with aiohttp.ClientSession() as session:
        async with session.post(base + PATH, data=data if data is not None else form,
                                headers={"X-Twilio-Signature": signature, **(headers or {})}) as answer:
            return answer.status, await answer.text()


def messages(twiml):
    return [message.text or "" for message in ElementTree.fromstring(twiml).iter("Message")]


def exchange(app, *forms):
    """Posts each form in turn and returns the (status, body) answers."""

    async def scenario():
        async with serving(app) as base:
            return [await post(base, form) for form in forms]

    return asyncio.run(scenario())


def say(app, form):
    [(status, twiml)] = exchange(app, form)
    assert status == 200, twiml
    return messages(twiml)


# Refusals: nothing reaches the assistant.

def test_bad_or_missing_signature_is_refused():
    assistant = Assistant()
    app = app_with(assistant)

    async def scenario():
        async with serving(app) as base:
            return [await post(base, sms(), signature=""), await post(base, sms(), signature=signed(sms("other")))]

    assert [status for status, _ in asyncio.run(scenario())] == [403, 403]
    assert assistant.heard == []


def test_oversized_body_wrong_content_type_and_missing_fields_get_their_status():
    assistant = Assistant()
    app = app_with(assistant)
    no_sender = {key: value for key, value in sms().items() if key != "From"}

    async def scenario():
        async with serving(app) as base:
            return [
                await post(base, sms(), data=b"Body=" + b"x" * (17 * 1024),
                           headers={"Content-Type": "application/x-www-form-urlencoded"}),
                await post(base, sms(), data=b'{"Body": "hi"}', headers={"Content-Type": "application/json"}),
                await post(base, no_sender),
                await post(base, sms(to="+15005550999")),
            ]

    (too_big, _), (wrong_type, _), (missing, reason), (unknown, where) = asyncio.run(scenario())
    assert (too_big, wrong_type, missing, unknown) == (413, 415, 400, 404)
    assert "'From'" in reason and "+15005550999" not in where and "99" in where
    assert assistant.heard == []


# What the customer gets back.

def test_an_ordinary_text_reaches_the_assistant_with_the_business_and_caller():
    assistant = Assistant()
    assert say(app_with(assistant), sms("two pad thai please")) == ["Got it: two pad thai please"]
    [heard] = assistant.heard
    assert heard.sender_id == CONVERSATION and heard.input_channel == "twilio_sms"
    assert heard.metadata == {"business_id": "lucky-noodle", "channel": "sms", "caller_phone": CUSTOMER}


def test_a_picture_alone_gets_the_polite_note_and_the_assistant_hears_nothing():
    assistant = Assistant()
    replies = say(app_with(assistant), sms("", NumMedia="1", MediaUrl0="https://api.twilio.com/media/ME1"))
    assert replies == [MEDIA_NOTE["en"]] and "describe it in words" in replies[0]
    assert assistant.heard == []


def test_a_picture_with_words_gets_the_note_first_and_the_words_go_to_the_assistant():
    assistant = Assistant()
    replies = say(app_with(assistant), sms("this one, large", NumMedia="2", MediaUrl0="x", MediaUrl1="y"))
    assert replies == [MEDIA_NOTE["en"], "Got it: this one, large"]
    assert assistant.texts == ["this one, large"]


def test_the_note_follows_the_conversation_language(domain):
    conversations = InMemoryTrackerStore(domain)
    asyncio.run(conversations.save(DialogueStateTracker.from_events(
        CONVERSATION, [SlotSet("language", "es"), UserUttered("hola", timestamp=time.time())], slots=domain.slots)))
    assert say(app_with(Assistant(), conversations), sms("", NumMedia="1")) == [MEDIA_NOTE["es"]]


def test_a_long_reply_comes_as_several_texts_in_order():
    replies = say(app_with(Assistant()), sms("menu please"))
    assert len(replies) > 1 and all(segments(text) <= 4 for text in replies)
    assert replies[0].startswith("Here's what we have") and replies[-1].endswith("drinks dish 6.")
    assert " ".join(replies).split() == LONG_MENU.split()


def test_a_blocked_number_is_accepted_and_ignored_and_logged_masked(caplog):
    assistant = Assistant()
    with caplog.at_level(logging.INFO, logger="connectors.twilio_sms"):
        assert say(app_with(assistant), sms("hello?", sender=BLOCKED)) == []
    assert assistant.heard == []
    assert "blocked" in caplog.text and "*********66" in caplog.text and BLOCKED not in caplog.text


# Replies through the REST API.

@pytest.fixture
def twilio():
    double = TwilioDouble(auth_token=TOKEN).start()
    yield double
    double.stop()


def rest_client(double):
    return TwilioRestSms(double.account_sid, double.auth_token, double.base_url, timeout_seconds=5)


async def wait_for(condition, seconds=5.0):
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.02)


def test_rest_mode_answers_at_once_then_sends_every_text_from_the_business_number(twilio):
    held = asyncio.Event()
    assistant = Assistant(held)
    app = app_with(assistant, rest=rest_client(twilio))

    async def scenario():
        async with serving(app) as base:
            answer = await asyncio.wait_for(post(base, sms("menu please", NumMedia="1")), 5)
            assert not assistant.finished and twilio.messages == [], "answered before the turn, which is held"
            held.set()
            await wait_for(lambda: len(twilio.messages) >= 3)
            await asyncio.sleep(0.2)
            return answer

    status, twiml = asyncio.run(scenario())
    assert status == 200 and messages(twiml) == [] and ElementTree.fromstring(twiml).tag == "Response"
    assert {(message["from"], message["to"]) for message in twilio.messages} == {(NOODLE, CUSTOMER)}
    bodies = [message["body"] for message in twilio.messages]
    assert bodies[0] == MEDIA_NOTE["en"] and " ".join(bodies[1:]).split() == LONG_MENU.split()


def test_rest_mode_keeps_the_order_of_a_conversations_texts(twilio):
    app = app_with(Assistant(seconds={"one": 0.5}), rest=rest_client(twilio))

    async def scenario():
        async with serving(app) as base:
            for body in ("one", "two", "three"):
                await post(base, sms(body))
            await wait_for(lambda: len(twilio.messages) == 3)

    asyncio.run(scenario())
    assert [message["body"] for message in twilio.messages] == ["Got it: one", "Got it: two", "Got it: three"]


def test_rest_mode_sends_nothing_to_a_number_that_opted_out_during_the_turn(twilio):
    held = asyncio.Event()
    assistant = Assistant(held)
    app = app_with(assistant, rest=rest_client(twilio))

    async def scenario():
        async with serving(app) as base:
            await asyncio.wait_for(post(base, sms("two pad thai")), 5)
            await asyncio.to_thread(opt_out, Database(), "lucky-noodle", CUSTOMER)
            held.set()
            await wait_for(lambda: assistant.finished)
            await asyncio.sleep(0.3)

    asyncio.run(scenario())
    assert twilio.messages == []


def test_a_rest_failure_is_logged_with_the_number_masked(twilio, caplog):
    twilio.fail_next("POST", "/2010-04-01/", 500, {"code": 20500, "message": "Internal Server Error"})
    assistant = Assistant()
    app = app_with(assistant, rest=rest_client(twilio))

    async def scenario():
        async with serving(app) as base:
            await post(base, sms("menu please"))
            await wait_for(lambda: "stopped after" in caplog.text)

    with caplog.at_level(logging.INFO, logger="connectors.twilio_sms"):
        asyncio.run(scenario())
    assert twilio.messages == [], "after a failed text the rest of the reply is not sent out of order"
    assert "*********23" in caplog.text and CUSTOMER not in caplog.text and "500" in caplog.text


@pytest.mark.parametrize("environment, expected", [
    ({}, None), ({"SMS_REPLY_VIA": "TwiML"}, None),
    ({"SMS_REPLY_VIA": "rest", "TWILIO_ACCOUNT_SID": "AC1", "TWILIO_API_BASE_URL": "http://127.0.0.1:9"},
     TwilioRestSms("AC1", TOKEN, "http://127.0.0.1:9")),
])
def test_reply_mode_comes_from_the_environment_over_credentials(monkeypatch, environment, expected):
    for name in ("SMS_REPLY_VIA", "TWILIO_ACCOUNT_SID", "TWILIO_API_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TWILIO_AUTH_TOKEN", TOKEN)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    channel = TwilioSmsInput.from_credentials({"auth_token": TOKEN, "reply_via": "twiml"})
    assert channel.rest == expected


@pytest.mark.parametrize("reply_via, account", [("rest", ""), ("carrier-pigeon", "AC1")])
def test_a_reply_mode_that_cannot_work_stops_the_server_starting(monkeypatch, reply_via, account):
    monkeypatch.delenv("SMS_REPLY_VIA", raising=False)
    monkeypatch.setenv("TWILIO_ACCOUNT_SID", account)
    with pytest.raises(ValueError):
        TwilioSmsInput.from_credentials({"auth_token": TOKEN, "reply_via": reply_via})


# The playbook's session expiry.

def stored(domain, minutes_ago):
    conversations = InMemoryTrackerStore(domain)
    events = [UserUttered("two pad thai", {"name": "place_order"}, timestamp=time.time() - minutes_ago * 60)]
    asyncio.run(conversations.save(DialogueStateTracker.from_events(CONVERSATION, events, slots=domain.slots)))
    return conversations


def test_a_text_after_the_session_time_starts_a_fresh_session_first(domain):
    assistant = Assistant()
    assert say(app_with(assistant, stored(domain, SESSION_MINUTES + 1)), sms("hi again")) == ["Got it: hi again"]
    assert assistant.texts == ["/session_start", "hi again"]
    start, text = assistant.heard
    assert start.sender_id == text.sender_id == CONVERSATION and start.metadata == text.metadata
    assert start.metadata["business_id"] == "lucky-noodle"


@pytest.mark.parametrize("minutes_ago", [SESSION_MINUTES - 1, None])
def test_a_text_within_the_session_or_a_first_text_continues_as_it_is(domain, minutes_ago):
    assistant = Assistant()
    conversations = stored(domain, minutes_ago) if minutes_ago is not None else InMemoryTrackerStore(domain)
    say(app_with(assistant, conversations), sms("and a thai iced tea"))
    assert assistant.texts == ["and a thai iced tea"]


def test_session_expiry_counts_from_the_customers_last_message():
    old = DialogueStateTracker.from_events("c", [UserUttered("hi", timestamp=1000.0), ActionExecuted("utter_greet")])
    assert session_expired(old, 30, now=1000.0 + 30 * 60 + 1)
    assert not session_expired(old, 30, now=1000.0 + 30 * 60)
    assert not session_expired(DialogueStateTracker.from_events("c", [ActionExecuted("action_listen")]), 30, now=1e12)
    assert not session_expired(None, 30)


# What /session_start leaves of a half-finished order (actions/session.py run as the action server would).

METADATA = {"business_id": "lucky-noodle", "channel": "sms", "caller_phone": CUSTOMER}


@pytest.fixture
def half_finished_order(domain, monkeypatch, tmp_path):
    """Yesterday's conversation stopped in the order form with pad thai taken; today's text starts with
    /session_start, as the connector sends it, and Rasa's rules run action_session_start."""
    monkeypatch.setattr("actions.session.database", lambda: Database(f"sqlite:///{tmp_path / 'actions.db'}"))
    yesterday = time.time() - 24 * 3600
    events = [
        ActionExecuted("action_session_start", timestamp=yesterday),
        SessionStarted(timestamp=yesterday),
        SlotSet("business_id", "lucky-noodle"), SlotSet("channel", "sms"), SlotSet("caller_phone", CUSTOMER),
        ActionExecuted("action_listen"),
        UserUttered("two pad thai please", {"name": "place_order", "confidence": 1.0}, timestamp=yesterday),
        ActionExecuted("order_form"), ActiveLoop("order_form"),
        SlotSet("order_items", [{"item_id": "pad-thai", "quantity": 2}]), SlotSet("requested_slot", "pickup_time"),
        ActionExecuted("action_listen"),
        UserUttered("/session_start", {"name": "session_start", "confidence": 1.0}, metadata=METADATA),
        ActionExecuted("action_session_start"),
    ]
    tracker = DialogueStateTracker.from_events(CONVERSATION, events, slots=domain.slots)
    returned = asyncio.run(ActionSessionStart().run(
        CollectingDispatcher(), Tracker.from_dict(tracker.current_state(EventVerbosity.ALL)), domain.as_dict()))
    tracker.update_with_events(deserialise_events(returned), domain)
    return tracker


def test_the_fresh_session_does_not_resume_the_old_form(half_finished_order):
    tracker = half_finished_order
    assert tracker.active_loop_name is None
    assert tracker.get_slot("order_items") is None and tracker.get_slot("requested_slot") is None
    assert tracker.latest_action_name == "action_listen"


def test_the_fresh_session_keeps_the_business_and_the_caller(half_finished_order):
    tracker = half_finished_order
    assert tracker.get_slot("business_id") == "lucky-noodle" and tracker.get_slot("channel") == "sms"
    assert tracker.get_slot("caller_phone") == CUSTOMER


# Staff take the conversation over.

def test_while_staff_have_the_conversation_its_texts_are_kept_for_them_and_get_no_reply():
    db = Database()
    handoff_id = request_handoff(db, "lucky-noodle", CONVERSATION, "asked", summary="2 pad thai")
    take_over(db, handoff_id, CONVERSATION)
    assistant = Assistant()
    app = app_with(assistant)
    answers = exchange(app, sms("hello? is anyone there"), sms("", NumMedia="1"), sms("hi", sender="+14155550124"))
    assert [messages(twiml) for _, twiml in answers] == [[], [], ["Got it: hi"]]
    assert assistant.texts == ["hi"]
    assert held(db, [handoff_id]) == {handoff_id: ["hello? is anyone there", "(a picture or recording)"]}
    assert close_handoff(db, "lucky-noodle", handoff_id)
    assert say(app, sms("ok thanks")) == ["Got it: ok thanks"]


def test_requests_staff_did_not_take_over_do_not_silence_the_conversation():
    db = Database()
    request_handoff(db, "lucky-noodle", CONVERSATION, "unclear")
    request_handoff(db, "lucky-noodle", CONVERSATION, "asked")
    assert say(app_with(Assistant()), sms("two pad thai")) == ["Got it: two pad thai"]


def test_a_vip_the_owner_always_puts_through_is_handed_to_staff_before_the_assistant_answers(noodle_bar, twilio, monkeypatch):
    """Lucky Noodle's owner puts Mrs. Chen straight through: her first text reaches staff (texted, on the board),
    she is told so by name, and what she writes next waits for them; anyone else is served as usual."""
    path = noodle_bar / "lucky-noodle.yml"
    data = yaml.safe_load(path.read_text())
    data["rules"] = {"vips": {"then": "transfer", "people": [{"name": "Mrs. Chen", "phones": [CUSTOMER]}]}}
    data["transfer"] = {"default": "+15005550199"}
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    for name, value in (("TWILIO_ACCOUNT_SID", twilio.account_sid), ("TWILIO_AUTH_TOKEN", twilio.auth_token),
                        ("TWILIO_API_BASE_URL", twilio.base_url)):
        monkeypatch.setenv(name, value)
    assistant = Assistant()
    answers = exchange(app_with(assistant), sms("hi it's me, the usual for tonight"), sms("7pm pickup"),
                       sms("hi", sender="+14155550124"))
    assert [messages(twiml) for _, twiml in answers] == [
        [f"Hi Mrs. Chen! Someone at {data['name']} will answer you here personally in a moment."], [], ["Got it: hi"]]
    assert assistant.texts == ["hi"]
    db = Database()
    [handoff] = [h for h in open_handoffs(db, "lucky-noodle") if h["reason"] == "vip"]
    assert handoff["summary"] == "VIP Mrs. Chen" and staff_have(db, CONVERSATION) == handoff["id"]
    assert held(db, [handoff["id"]]) == {handoff["id"]: ["hi it's me, the usual for tonight", "7pm pickup"]}
    [staff] = [m for m in twilio.messages if m["to"] == "+15005550199"]
    assert staff["body"].startswith(f'{data["name"]}: VIP Mrs. Chen wrote by text: "hi it\'s me, the usual for tonight"')
