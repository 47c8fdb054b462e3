"""The voice channel served for real on a loopback port and driven as Twilio drives a call (signed form posts,
TwiML back), with a small assistant standing in for Rasa: refusals, the greeting's Gather, read-back of
low-confidence speech, silence, transfers by reason, a transfer nobody answers (staff text through the Twilio
double, callback offer), the keypad, hanging up, and the missed-call note when a call ends mid-request."""

import asyncio
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlsplit
from xml.etree import ElementTree

import aiohttp
import pytest
import yaml
from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.core.tracker_store import InMemoryTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActiveLoop, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sanic import Sanic
from twilio.request_validator import RequestValidator

from connectors.twilio_voice import TwilioVoiceInput
from connectors.twilio_webhook import TwilioWebhook
from handoff import handoffs_for_conversation
from playbooks import PlaybookRegistry
from storage import Database
from tests.doubles.twilio import TwilioDouble
from tests.unit.conftest import PLAYBOOKS
from tests.unit.test_board import serving

TOKEN = "unit-test-auth-token"
PUBLIC = "https://assistant.example.test"
PIZZERIA, TRANSFERS, CLOSED, VOICEMAIL = "+15005550101", "+15005550177", "+15005550178", "+15005550179"
CALLER, BLOCKED = "+14155550166", "+14155550666"
DOMAIN = Domain.load(str(Path(__file__).resolve().parents[2] / "domain"))


@pytest.fixture(autouse=True)
def sanic_test_mode(monkeypatch):
    monkeypatch.setattr(Sanic, "test_mode", True)


@pytest.fixture
def twilio():
    double = TwilioDouble().start()
    yield double
    double.stop()


@pytest.fixture(autouse=True)
def businesses(monkeypatch, tmp_path, twilio):
    """The demo pizzeria (no transfer line) and a copy with transfer numbers and a blocked caller."""
    directory = tmp_path / "playbooks"
    directory.mkdir()
    pizzeria = yaml.safe_load((PLAYBOOKS / "tonys-pizzeria.yml").read_text())
    (directory / "tonys-pizzeria.yml").write_text(yaml.safe_dump(pizzeria, sort_keys=False))
    transfers = {**pizzeria, "id": "tonys-transfers", "reaches": {"phone_numbers": [TRANSFERS]},
                 "transfer": {"default": "+15005550188", "reasons": {"asked": "+15005550189"}, "notify_sms": "+15005550190"},
                 "blocked": {"phones": [BLOCKED]}}
    (directory / "tonys-transfers.yml").write_text(yaml.safe_dump(transfers, sort_keys=False))
    closed = {**transfers, "id": "tonys-closed", "reaches": {"phone_numbers": [CLOSED]},
              "transfer": {**transfers["transfer"], "hours": {"asked": {}}}}
    (directory / "tonys-closed.yml").write_text(yaml.safe_dump(closed, sort_keys=False))
    voicemail = {**transfers, "id": "tonys-voicemail", "reaches": {"phone_numbers": [VOICEMAIL]},
                 "transfer": {**transfers["transfer"], "backup": "+15005550187", "no_answer": "voicemail"}}
    (directory / "tonys-voicemail.yml").write_text(yaml.safe_dump(voicemail, sort_keys=False))
    monkeypatch.setattr("playbooks.registry._default", PlaybookRegistry(directory))
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'voice.db'}")
    monkeypatch.setenv("TWILIO_ACCOUNT_SID", twilio.account_sid)
    monkeypatch.setenv("TWILIO_AUTH_TOKEN", twilio.auth_token)
    monkeypatch.setenv("TWILIO_API_BASE_URL", twilio.base_url)


class Assistant:
    """Answers like the trained assistant: a transfer or a goodbye when asked (as the voice variations do),
    else an echo."""

    def __init__(self):
        self.heard = []

    async def __call__(self, message):
        self.heard.append(message)
        output, recipient = message.output_channel, message.sender_id
        if "person" in message.text:
            await output.send_response(recipient, {"text": "Putting you through.", "custom": {"transfer": "asked"}})
        elif "bye" in message.text:
            await output.send_response(recipient, {"text": "Bye!", "custom": {"hangup": True}})
        else:
            await output.send_text_message(recipient, f"Got it: {message.text}")


class Call:
    def __init__(self, to=PIZZERIA, caller=CALLER, sid="CA" + "1" * 32):
        self.to, self.caller, self.sid = to, caller, sid

    def form(self, **fields):
        return {"CallSid": self.sid, "AccountSid": "AC" + "0" * 32, "From": self.caller, "To": self.to, **fields}


def app_with(assistant, conversations=None):
    channel = TwilioVoiceInput(TwilioWebhook(TOKEN, PUBLIC))
    app = Sanic(f"voice-{id(assistant)}")
    app.blueprint(channel.blueprint(assistant), url_prefix="/webhooks/twilio_voice")
    app.ctx.agent = SimpleNamespace(tracker_store=conversations or InMemoryTrackerStore(DOMAIN), domain=DOMAIN,
                                    nlg=TemplatedNaturalLanguageGenerator(DOMAIN.responses))
    return app


async def post(base, url, form, signature=None):
    """Posts to a URL as Twilio would: an absolute one the TwiML named, or a webhook path."""
    path = urlsplit(url).path + (f"?{urlsplit(url).query}" if urlsplit(url).query else "")
    signature = RequestValidator(TOKEN).compute_signature(PUBLIC + path, form) if signature is None else signature
    async with aiohttp.ClientSession() as session:
        async with session.post(base + path, data=form, headers={"X-Twilio-Signature": signature}) as answer:
            return answer.status, await answer.text()


def run(app, steps):
    """Runs `steps(twiml)` against the served app; `twiml(url, **fields)` posts a call's form and parses the answer."""

    async def scenario():
        async with serving(app) as base:
            async def twiml(url, call=Call(), **fields):
                status, text = await post(base, url, call.form(**fields))
                assert status == 200, text
                return ElementTree.fromstring(text)

            return await steps(twiml, base)

    return asyncio.run(scenario())


def said(document):
    return " ".join(say.text or "" for say in document.iter("Say"))


def gather_url(document):
    return document.find("Gather").get("action")


def requests_raised(conversation_id):
    return [(row["reason"], row["summary"]) for row in handoffs_for_conversation(Database(), conversation_id)]


def test_requests_twilio_would_not_send_are_refused_and_blocked_callers_rejected():
    assistant = Assistant()

    async def steps(twiml, base):
        hook = "/webhooks/twilio_voice/webhook"
        answers = [await post(base, hook, Call().form(), signature="forged"),
                   await post(base, hook, Call().form(), signature=""),
                   await post(base, hook, {"From": CALLER, "To": PIZZERIA}),
                   await post(base, hook, Call(to="+15005550999").form())]
        rejected = await twiml(hook, Call(to=TRANSFERS, caller=BLOCKED))
        return [status for status, _ in answers], rejected

    statuses, rejected = run(app_with(assistant), steps)
    assert statuses == [403, 403, 400, 404]
    assert rejected.find("Reject") is not None and assistant.heard == []


def test_the_greeting_listens_for_speech_and_the_keypad_with_the_business_words():
    assistant = Assistant()
    greeting = run(app_with(assistant), lambda twiml, base: twiml("/webhooks/twilio_voice/webhook"))
    [heard] = assistant.heard
    assert heard.text == "/greet" and heard.sender_id == f"voice:tonys-pizzeria:{Call().sid}"
    assert heard.metadata == {"business_id": "tonys-pizzeria", "channel": "voice", "caller_phone": CALLER,
                              "call_sid": Call().sid}
    gather = greeting.find("Gather")
    assert gather.get("action") == f"{PUBLIC}/webhooks/twilio_voice/gather" and gather.get("input") == "speech dtmf"
    assert "pepperoni pizza" in gather.get("hints") and said(greeting) == "Got it: /greet"


def test_unsure_speech_is_read_back_and_acted_on_only_after_a_yes():
    assistant = Assistant()

    async def steps(twiml, base):
        gather = f"{PUBLIC}/webhooks/twilio_voice/gather"
        asked = await twiml(gather, SpeechResult="two large pepper only pizzas", Confidence="0.21")
        again = await twiml(gather_url(asked), SpeechResult="no", Confidence="0.9")
        asked_twice = await twiml(gather_url(again), SpeechResult="two large pepperoni pizzas", Confidence="0.3")
        confirmed = await twiml(gather_url(asked_twice), Digits="1")
        return asked, again, confirmed

    asked, again, confirmed = run(app_with(assistant), steps)
    assert said(asked) == 'Sorry, the line isn\'t clear. Did you say: "two large pepper only pizzas"?'
    assert said(again) == "Sorry about that. Could you say it again?"
    assert [message.text for message in assistant.heard] == ["two large pepperoni pizzas"]
    assert said(confirmed) == "Got it: two large pepperoni pizzas"


def test_silence_is_reprompted_twice_then_the_call_ends_politely():
    assistant = Assistant()

    async def steps(twiml, base):
        answers = [await twiml(f"{PUBLIC}/webhooks/twilio_voice/gather")]
        for _ in range(2):
            answers.append(await twiml(gather_url(answers[-1])))
        return answers

    first, second, last = run(app_with(assistant), steps)
    assert said(first).startswith("Sorry, I didn't hear anything.") and "silence=1" in gather_url(first)
    assert "silence=2" in gather_url(second)
    assert last.find("Hangup") is not None and "hang up" in said(last) and assistant.heard == []


def test_asking_for_a_person_dials_the_number_for_that_reason_with_a_whisper_for_staff():
    assistant = Assistant()
    call = Call(to=TRANSFERS)
    conversations = InMemoryTrackerStore(DOMAIN)
    asyncio.run(conversations.save(DialogueStateTracker.from_events(f"voice:tonys-transfers:{call.sid}", [
        UserUttered("a large cheese pizza"), ActiveLoop("order_form"), SlotSet("order_summary", "1 large cheese pizza"),
    ], slots=DOMAIN.slots)))

    async def steps(twiml, base):
        dialed = await twiml(f"{PUBLIC}/webhooks/twilio_voice/gather", call, SpeechResult="a real person please",
                             Confidence="0.9")
        whisper = await twiml(dialed.find("Dial/Number").get("url"), Call(to="+15005550189", sid="CA" + "2" * 32))
        ended = await twiml(dialed.find("Dial").get("action"), call, DialCallStatus="completed")
        return dialed, whisper, ended

    dialed, whisper, ended = run(app_with(assistant, conversations), steps)
    dial = dialed.find("Dial")
    assert said(dialed) == "Putting you through." and dial.get("callerId") == CALLER
    assert dial.find("Number").text == "+15005550189" and dial.get("timeout") == "20"
    assert said(whisper) == "Call from Tony's Pizzeria's assistant. Reason: asked. So far: 1 large cheese pizza."
    assert ended.find("Hangup") is not None


def test_a_transfer_nobody_answers_texts_staff_and_offers_a_callback(twilio):
    assistant = Assistant()
    call = Call(to=TRANSFERS)

    async def steps(twiml, base):
        missed = await twiml(f"{PUBLIC}/webhooks/twilio_voice/dial?reason=asked", call, DialCallStatus="no-answer")
        carry_on = await twiml(gather_url(missed), call, SpeechResult="no thanks", Confidence="0.9")
        missed_again = await twiml(f"{PUBLIC}/webhooks/twilio_voice/dial?reason=asked", call, DialCallStatus="busy")
        booked = await twiml(gather_url(missed_again), call, SpeechResult="yes please", Confidence="0.9")
        await asyncio.sleep(0.2)
        return missed, carry_on, booked

    missed, carry_on, booked = run(app_with(assistant), steps)
    assert "call you back" in said(missed) and "/webhooks/twilio_voice/callback?reason=asked" in gather_url(missed)
    assert said(carry_on) == "All right. What else can I do for you?" and gather_url(carry_on).endswith("/gather")
    assert booked.find("Hangup") is not None and "call you back on this number" in said(booked)
    texts = [(m["to"], m["from"]) for m in twilio.messages]
    assert texts == [("+15005550190", TRANSFERS)] * 2 and CALLER in twilio.messages[0]["body"]
    assert requests_raised(f"voice:tonys-transfers:{call.sid}") == [("callback", f"call back {CALLER}")]


def test_nobody_answering_rings_the_backup_then_takes_a_voicemail_for_staff(twilio):
    assistant = Assistant()
    call = Call(to=VOICEMAIL, sid="CA" + "3" * 32)
    recording = "https://api.twilio.com/2010-04-01/Accounts/AC0/Recordings/RE" + "4" * 32

    async def steps(twiml, base):
        backup = await twiml(f"{PUBLIC}/webhooks/twilio_voice/dial?reason=asked", call, DialCallStatus="no-answer")
        record = await twiml(backup.find("Dial").get("action"), call, DialCallStatus="busy")
        taken = await twiml(record.find("Record").get("action"), call, RecordingUrl=recording, RecordingDuration="14")
        silent = await twiml(record.find("Redirect").text, Call(to=VOICEMAIL, sid="CA" + "5" * 32))
        await asyncio.sleep(0.2)
        return backup, record, taken, silent

    backup, record, taken, silent = run(app_with(assistant), steps)
    assert backup.find("Dial/Number").text == "+15005550187" and "to=backup" in backup.find("Dial").get("action")
    assert "leave a message after the tone" in said(record) and record.find("Record").get("maxLength") == "120"
    assert taken.find("Hangup") is not None and said(taken).startswith("Thank you, your message is with")
    assert silent.find("Hangup") is not None and "call you back on this number" in said(silent)
    assert requests_raised(f"voice:tonys-voicemail:{call.sid}") == [("callback", f"voicemail (14 s): {recording} · call back {CALLER}")]
    assert requests_raised(f"voice:tonys-voicemail:CA{'5' * 32}") == [("callback", f"left no voicemail · call back {CALLER}")]
    staff = [m["body"] for m in twilio.messages if m["to"] == "+15005550190"]
    assert len(staff) == 2 and recording in staff[-1] and "voicemail left" in staff[-1]


def test_pressing_0_reaches_a_person_and_without_a_transfer_line_the_caller_is_offered_a_callback():
    assistant = Assistant()

    async def steps(twiml, base):
        with_line = await twiml(f"{PUBLIC}/webhooks/twilio_voice/gather", Call(to=TRANSFERS), Digits="0")
        without_line = await twiml(f"{PUBLIC}/webhooks/twilio_voice/gather", Call(), Digits="0")
        return with_line, without_line

    with_line, without_line = run(app_with(assistant), steps)
    assert with_line.find("Dial/Number").text == "+15005550189" and "putting you through" in said(with_line)
    assert without_line.find("Dial") is None and "/callback" in gather_url(without_line)
    assert assistant.heard == []
    assert [reason for reason, _ in requests_raised(f"voice:tonys-pizzeria:{Call().sid}")] == ["asked"]


def test_outside_the_transfer_hours_the_caller_is_offered_a_callback_and_staff_are_texted(twilio):
    call = Call(to=CLOSED)

    async def steps(twiml, base):
        answer = await twiml(f"{PUBLIC}/webhooks/twilio_voice/gather", call, Digits="0")
        await asyncio.sleep(0.2)
        return answer

    answer = run(app_with(Assistant()), steps)
    assert answer.find("Dial") is None and "nobody can pick up" in said(answer)
    assert "/webhooks/twilio_voice/callback?reason=asked" in gather_url(answer)
    [text] = twilio.messages
    assert (text["to"], text["from"]) == ("+15005550190", CLOSED)
    assert "call outside the transfer hours (asked)" in text["body"] and CALLER in text["body"]


def test_goodbye_hangs_up():
    ended = run(app_with(Assistant()), lambda twiml, base: twiml(f"{PUBLIC}/webhooks/twilio_voice/gather",
                                                                 SpeechResult="ok bye", Confidence="0.9"))
    assert said(ended) == "Bye!" and ended.find("Hangup") is not None and ended.find("Gather") is None


def test_a_call_ending_mid_request_leaves_one_missed_call_note_with_what_was_collected():
    conversations = InMemoryTrackerStore(DOMAIN)
    conversation_id = f"voice:tonys-pizzeria:{Call().sid}"
    asyncio.run(conversations.save(DialogueStateTracker.from_events(conversation_id, [
        UserUttered("two large pepperoni pizzas"), ActiveLoop("order_form"),
        SlotSet("order_summary", "2 large pepperoni pizzas"), SlotSet("fulfillment", "pickup"),
    ], slots=DOMAIN.slots)))
    finished = Call(sid="CA" + "3" * 32)

    async def steps(twiml, base):
        hook = "/webhooks/twilio_voice/status"
        return [await post(base, hook, Call().form(CallStatus="completed")),
                await post(base, hook, Call().form(CallStatus="completed")),
                await post(base, hook, finished.form(CallStatus="completed")),
                await post(base, hook, Call().form(CallStatus="ringing"))]

    statuses = [status for status, _ in run(app_with(Assistant(), conversations), steps)]
    assert statuses == [204, 204, 204, 204]
    assert requests_raised(conversation_id) == [
        ("missed_call", f"2 large pepperoni pizzas; fulfillment: pickup · call back {CALLER}")]
    assert requests_raised(f"voice:tonys-pizzeria:{finished.sid}") == []
