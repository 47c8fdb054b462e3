"""The email channel over real SMTP on loopback: its listener opens with the Sanic server, takes mail for the
businesses it knows, hands the emailer's text to the assistant (here a stand-in that echoes), and the answer
reaches the business's relay (a second SMTP server) threaded under the email it answers. Unknown recipients
and oversized mail are refused; blocked senders and auto-replies are taken and never answered."""

import asyncio
import contextlib
import logging
import smtplib
import socket
import time
from email.message import EmailMessage
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml
from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.core.tracker_store import InMemoryTrackerStore
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.core.domain import Domain
from sanic import Sanic

from connectors.email_channel import EmailInput, EmailOutput, listen_port
from connectors.email_inbox import MAX_MESSAGE_BYTES
from connectors.privacy import mask_email
from connectors.readable import UNREADABLE
from handoff import held, open_handoffs
from notify.email import EmailNotSent, SmtpRelay
from playbooks import PlaybookRegistry
from storage import Database
from tests.doubles.server import free_port
from tests.doubles.smtp_relay import SmtpRelayDouble
from tests.unit.conftest import PLAYBOOKS
from tests.unit.test_board import fetch, serving

PIZZERIA = "orders@tonys-pizzeria.example"
DANA = "dana.smith@example.com"


@pytest.fixture(autouse=True)
def sanic_test_mode(monkeypatch):
    monkeypatch.setattr(Sanic, "test_mode", True)


@pytest.fixture
def registry(tmp_path):
    """The demo pizzeria, blocking one address and one whole domain."""
    data = yaml.safe_load((PLAYBOOKS / "tonys-pizzeria.yml").read_text())
    data["blocked"] = {"emails": ["prank@example.org", "@spam.example"]}
    (tmp_path / "tonys-pizzeria.yml").write_text(yaml.safe_dump(data, sort_keys=False))
    return PlaybookRegistry(tmp_path)


@pytest.fixture
def relay():
    double = SmtpRelayDouble().start()
    yield double
    double.stop()


class EchoingAssistant:
    """Stands in for Rasa's agent: records each message and answers through the channel's collector."""

    def __init__(self):
        self.messages = []

    async def __call__(self, message):
        self.messages.append(message)
        await message.output_channel.send_text_message(message.sender_id, f"You wrote: {message.text}")
        await message.output_channel.send_text_message(message.sender_id, "Anything else?")


def email(body: str, sender: str = DANA, to: str = PIZZERIA, message_id: str = "<first@mail.example.com>",
          **headers) -> EmailMessage:
    message = EmailMessage()
    message["From"] = f"Dana Smith <{sender}>"
    message["To"] = to
    message["Subject"] = headers.pop("Subject", "Pizza order")
    message["Message-ID"] = message_id
    for name, value in headers.items():
        message[name.replace("_", "-")] = value
    message.set_content(body)
    return message


def send(port: int, message: EmailMessage, envelope_sender: str = None, recipients=None) -> dict:
    """Sends as a mail server would (from a worker thread: the listener runs on the test's event loop);
    returns the recipients refused while others were taken."""
    with smtplib.SMTP("127.0.0.1", port, local_hostname="client.test", timeout=10) as client:
        return client.send_message(message, from_addr=envelope_sender, to_addrs=recipients)


DOMAIN = Domain.load(str(Path(__file__).resolve().parents[2] / "domain"))
ATTACHMENTS_NOT_OPENED = "(Attachments are not opened here, so please write anything we need in the email itself.)"


@contextlib.asynccontextmanager
async def running(channel: EmailInput, assistant, conversations=None):
    app = Sanic(f"email-test-{free_port()}")
    app.ctx.agent = SimpleNamespace(tracker_store=conversations, domain=DOMAIN,
                                    nlg=TemplatedNaturalLanguageGenerator(DOMAIN.responses))
    app.blueprint(channel.blueprint(assistant), url_prefix="/webhooks/email")
    async with serving(app) as base:
        yield base


async def until(condition, timeout: float = 10.0):
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():
        assert asyncio.get_running_loop().time() < deadline, "timed out"
        await asyncio.sleep(0.05)


def channel_for(registry, relay=None, port=None):
    return EmailInput("127.0.0.1", port or free_port(), SmtpRelay(relay.host, relay.port) if relay else None, registry)


def test_an_email_is_answered_in_its_thread_and_the_reply_continues_the_conversation(registry, relay):
    channel, assistant = channel_for(registry, relay), EchoingAssistant()

    async def scenario():
        async with running(channel, assistant) as base:
            assert (await fetch(base, "/webhooks/email/"))[2] == '{"status":"ok","listening":true}'
            first = email("Two large pepperoni pizzas for pickup at 6:30.\n\n-- \nDana Smith\nAcme Corp\n")
            await asyncio.to_thread(send, channel.port, first)
            [reply] = await asyncio.to_thread(relay.wait_for, DANA, 1)
            answer = email("yes please\n\nOn Mon, Tony's Pizzeria wrote:\n> Shall I place it?\n",
                           message_id="<second@mail.example.com>", Subject=reply["Subject"],
                           In_Reply_To=reply["Message-ID"], References=f"{reply['References']} {reply['Message-ID']}")
            await asyncio.to_thread(send, channel.port, answer)
            return reply, (await asyncio.to_thread(relay.wait_for, DANA, 2))[1]

    reply, second_reply = asyncio.run(scenario())
    first_message, answer_message = assistant.messages
    assert first_message.text == "Two large pepperoni pizzas for pickup at 6:30."
    assert answer_message.text == "yes please"
    assert first_message.sender_id == answer_message.sender_id
    assert first_message.sender_id.startswith("email:tonys-pizzeria:") and len(first_message.sender_id) == 37
    assert first_message.metadata == {"business_id": "tonys-pizzeria", "channel": "email", "caller_email": DANA}
    assert first_message.input_channel == "email" and isinstance(first_message.output_channel, EmailOutput)
    assert first_message.output_channel.name() == "email"

    assert reply["Subject"] == "Re: Pizza order" and reply["In-Reply-To"] == "<first@mail.example.com>"
    assert reply["References"] == "<first@mail.example.com>"
    assert reply["From"].addresses[0].addr_spec == PIZZERIA and reply["To"] == DANA
    assert reply.get_content() == ("You wrote: Two large pepperoni pizzas for pickup at 6:30.\n\nAnything else?\n\n"
                                   "Tony's Pizzeria\n")
    assert second_reply["Subject"] == "Re: Pizza order" and second_reply["In-Reply-To"] == "<second@mail.example.com>"
    assert second_reply["References"].split() == ["<first@mail.example.com>", reply["Message-ID"],
                                                  "<second@mail.example.com>"]
    assert second_reply["Message-ID"] != reply["Message-ID"]


def test_a_first_email_with_only_a_photo_is_read_by_its_subject_and_told_the_photo_was_not_opened(registry, relay):
    channel, assistant = channel_for(registry, relay), EchoingAssistant()
    photo = email("", Subject="Two pizzas for pickup at 6")
    photo.clear_content()
    photo.add_attachment(b"\xff\xd8 a photo", maintype="image", subtype="jpeg", filename="IMG_0001.jpg")
    answer_with_nothing_new = email("> What time?", message_id="<second@mail.example.com>",
                                    In_Reply_To="<first@mail.example.com>")

    async def scenario():
        async with running(channel, assistant):
            await asyncio.to_thread(send, channel.port, photo)
            await asyncio.to_thread(send, channel.port, answer_with_nothing_new)
            return await asyncio.to_thread(relay.wait_for, DANA, 2)

    replies = asyncio.run(scenario())
    assert [message.text for message in assistant.messages] == ["Two pizzas for pickup at 6", UNREADABLE]
    assert ATTACHMENTS_NOT_OPENED in replies[0].get_content()
    assert ATTACHMENTS_NOT_OPENED not in replies[1].get_content()


def test_a_thread_quiet_for_longer_than_the_business_session_starts_a_fresh_session(registry, relay):
    channel, assistant = channel_for(registry, relay), EchoingAssistant()
    conversations = InMemoryTrackerStore(DOMAIN)
    days = registry.by_id("tonys-pizzeria").channels.email_session_days

    async def reply_after(quiet_days: float, message_id: str):
        [first] = [message for message in assistant.messages if message.text == "Two pizzas please."]
        old = DialogueStateTracker.from_events(first.sender_id, [
            UserUttered("Two pizzas please.", timestamp=time.time() - quiet_days * 86400)], slots=DOMAIN.slots)
        await conversations.save(old)
        answer = email("yes", message_id=message_id, In_Reply_To="<first@mail.example.com>")
        await asyncio.to_thread(send, channel.port, answer)

    async def scenario():
        async with running(channel, assistant, conversations):
            await asyncio.to_thread(send, channel.port, email("Two pizzas please."))
            await asyncio.to_thread(relay.wait_for, DANA, 1)
            await reply_after(days - 1, "<second@mail.example.com>")
            await asyncio.to_thread(relay.wait_for, DANA, 2)
            await reply_after(days + 1, "<third@mail.example.com>")
            await asyncio.to_thread(relay.wait_for, DANA, 3)

    asyncio.run(scenario())
    assert [message.text for message in assistant.messages] == ["Two pizzas please.", "yes", "/session_start", "yes"]
    assert assistant.messages[2].metadata["business_id"] == "tonys-pizzeria"


def test_unknown_recipients_are_refused_and_oversized_mail_is_too(registry, relay):
    channel, assistant = channel_for(registry, relay), EchoingAssistant()

    async def scenario():
        async with running(channel, assistant):
            with pytest.raises(smtplib.SMTPRecipientsRefused) as refused:
                await asyncio.to_thread(send, channel.port, email("hi", to="orders@nobody.example"))
            with pytest.raises(smtplib.SMTPResponseException) as too_big:
                await asyncio.to_thread(send, channel.port, email("x" * (MAX_MESSAGE_BYTES + 1)))
            return refused.value.recipients, too_big.value.smtp_code

    recipients, size_code = asyncio.run(scenario())
    assert recipients["orders@nobody.example"][0] == 550
    assert size_code == 552
    assert assistant.messages == [] and relay.received == []


def test_one_known_business_among_unknown_recipients_still_gets_the_email(registry, relay):
    channel, assistant = channel_for(registry, relay), EchoingAssistant()

    async def scenario():
        async with running(channel, assistant):
            refused = await asyncio.to_thread(send, channel.port, email("a coke"), None,
                                              [PIZZERIA, "someone@nobody.example"])
            await until(lambda: assistant.messages)
            return refused

    assert asyncio.run(scenario()) == {"someone@nobody.example": (550, b"5.1.1 No business is reached at this address")}
    assert [message.text for message in assistant.messages] == ["a coke"]


def test_another_businesss_half_edited_playbook_does_not_stop_the_mail(registry, relay, tmp_path):
    channel, assistant = channel_for(registry, relay), EchoingAssistant()

    async def scenario():
        async with running(channel, assistant):
            (tmp_path / "half-edited.yml").write_text("id: half-edited\nname: [unclosed\n")
            await asyncio.to_thread(send, channel.port, email("a coke please"))
            return await asyncio.to_thread(relay.wait_for, DANA, 1)

    assert asyncio.run(scenario())[0]["In-Reply-To"] == "<first@mail.example.com>"


@pytest.mark.parametrize("sender, envelope_sender", [
    ("prank@example.org", "bounces-17@mailer.example"),
    ("anyone@spam.example", None),
    ("carol@example.net", "prank@example.org"),
])
def test_blocked_senders_are_accepted_and_never_answered(registry, relay, caplog, sender, envelope_sender):
    channel, assistant = channel_for(registry, relay), EchoingAssistant()

    async def scenario():
        async with running(channel, assistant):
            await asyncio.to_thread(send, channel.port, email("you have won a prize", sender=sender), envelope_sender)
            await asyncio.to_thread(send, channel.port, email("a coke please", message_id="<other@mail.example.com>"))
            await until(lambda: assistant.messages)

    with caplog.at_level(logging.INFO):
        asyncio.run(scenario())
    assert [message.text for message in assistant.messages] == ["a coke please"]
    assert relay.wait_for(DANA, 1) and relay.messages_to(sender) == []
    assert f"{mask_email(sender)} not answered: the sender is blocked" in caplog.text
    assert not [address for address in (sender, envelope_sender, DANA) if address and address in caplog.text]


@pytest.mark.parametrize("headers, envelope_sender, reason", [
    ({"Auto-Submitted": "auto-replied"}, DANA, "Auto-Submitted: auto-replied"),
    ({"Precedence": "bulk"}, DANA, "Precedence: bulk"),
    ({}, "", "a bounce (empty envelope sender)"),
])
def test_automatic_mail_is_accepted_and_never_answered(registry, relay, caplog, headers, envelope_sender, reason):
    channel, assistant = channel_for(registry, relay), EchoingAssistant()

    async def scenario():
        async with running(channel, assistant):
            await asyncio.to_thread(send, channel.port, email("I am out of the office", **headers), envelope_sender)
            await asyncio.to_thread(send, channel.port, email("a coke please", message_id="<other@mail.example.com>"))
            await until(lambda: assistant.messages)

    with caplog.at_level(logging.INFO):
        asyncio.run(scenario())
    assert [message.text for message in assistant.messages] == ["a coke please"]
    assert f"from d***@example.com not answered: {reason}" in caplog.text and DANA not in caplog.text


def test_without_a_relay_the_conversation_happens_and_the_log_says_nothing_was_sent(registry, caplog):
    channel, assistant = channel_for(registry), EchoingAssistant()

    async def scenario():
        async with running(channel, assistant):
            await asyncio.to_thread(send, channel.port, email("a coke please"))
            await until(lambda: "not sent: SMTP_HOST is empty" in caplog.text)

    with caplog.at_level(logging.INFO):
        asyncio.run(scenario())
    assert [message.text for message in assistant.messages] == ["a coke please"]
    assert "d***@example.com" in caplog.text and DANA not in caplog.text


def test_a_relay_that_is_down_is_logged_and_the_listener_carries_on(registry, caplog):
    channel = EmailInput("127.0.0.1", free_port(), SmtpRelay("127.0.0.1", free_port(), timeout_seconds=2), registry)
    assistant = EchoingAssistant()

    async def scenario():
        async with running(channel, assistant):
            await asyncio.to_thread(send, channel.port, email("a coke please"))
            await until(lambda: "reply for tonys-pizzeria not sent" in caplog.text)
            await asyncio.to_thread(send, channel.port, email("and a sprite", message_id="<other@mail.example.com>"))
            await until(lambda: len(assistant.messages) == 2)

    with caplog.at_level(logging.INFO):
        asyncio.run(scenario())
    assert "email to d***@example.com" in caplog.text and DANA not in caplog.text


def test_an_answer_in_progress_when_the_server_stops_is_still_sent(registry, relay):
    channel = channel_for(registry, relay)

    async def slow_assistant(message):
        await asyncio.sleep(0.5)
        await message.output_channel.send_text_message(message.sender_id, "Your ticket number is 7.")

    async def scenario():
        async with running(channel, slow_assistant):
            await asyncio.to_thread(send, channel.port, email("yes"))

    asyncio.run(scenario())
    assert "Your ticket number is 7." in relay.wait_for(DANA, 1, timeout=2)[0].get_content()


def test_the_listener_closes_with_the_server_and_is_off_without_a_port(registry):
    channel, assistant = channel_for(registry), EchoingAssistant()
    off = EmailInput("127.0.0.1", 0, None, registry)

    async def scenario():
        async with running(channel, assistant):
            socket.create_connection(("127.0.0.1", channel.port), timeout=2).close()
        async with running(off, assistant) as base:
            return (await fetch(base, "/webhooks/email/"))[2]

    assert asyncio.run(scenario()) == '{"status":"ok","listening":false}'
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", channel.port), timeout=2)


@pytest.mark.parametrize("value, port", [(None, 2525), ("", 0), ("  ", 0), ("0", 0), ("2526", 2526), (25, 25)])
def test_listen_port_from_credentials(value, port):
    assert listen_port(value) == port


@pytest.mark.parametrize("value", ["smtp", "-1", "70000"])
def test_a_listen_port_that_is_not_a_port_stops_the_server_starting(value):
    with pytest.raises(ValueError, match="listen_port"):
        listen_port(value)


def test_credentials_and_environment_configure_the_channel(monkeypatch, registry):
    for name, value in {"SMTP_HOST": "smtp.example.net", "SMTP_PORT": "587", "SMTP_USERNAME": "tony",
                        "SMTP_PASSWORD": "secret", "SMTP_STARTTLS": "true"}.items():
        monkeypatch.setenv(name, value)
    channel = EmailInput.from_credentials({"listen_host": "0.0.0.0", "listen_port": "2626"})
    assert (channel.host, channel.port) == ("0.0.0.0", 2626)
    assert channel.relay == SmtpRelay("smtp.example.net", 587, "tony", "secret", starttls=True)
    assert "secret" not in repr(channel.relay)
    monkeypatch.setenv("SMTP_HOST", "")
    assert EmailInput.from_credentials({"listen_host": "", "listen_port": ""}).relay is None


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_the_sender_logs_in_when_the_relay_asks_and_a_wrong_password_is_not_sent():
    relay = SmtpRelayDouble(username="tony", password="secret").start()
    try:
        message = email("Your ticket number is 7.", sender="orders@tonys-pizzeria.example", to=DANA)
        asyncio.run(SmtpRelay(relay.host, relay.port, "tony", "secret").send(message))
        assert [m["Subject"] for m in relay.wait_for(DANA, 1)] == ["Pizza order"]
        with pytest.raises(EmailNotSent, match=r"email to d\*\*\*@example.com: the relay answered 535"):
            asyncio.run(SmtpRelay(relay.host, relay.port, "tony", "wrong").send(message))
    finally:
        relay.stop()


def test_a_vip_the_owner_always_puts_through_gets_staff_not_the_assistant(tmp_path, relay, monkeypatch):
    data = yaml.safe_load((PLAYBOOKS / "tonys-pizzeria.yml").read_text())
    data["rules"]["vips"] = {"then": "transfer", "people": [{"name": "Dana Smith", "emails": [DANA.upper()]}]}
    (tmp_path / "tonys-pizzeria.yml").write_text(yaml.safe_dump(data, sort_keys=False))
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'vip.db'}")
    channel, assistant = channel_for(PlaybookRegistry(tmp_path), relay), EchoingAssistant()

    async def scenario():
        async with running(channel, assistant):
            await asyncio.to_thread(send, channel.port, email("the usual for Friday, please"))
            await asyncio.to_thread(send, channel.port, email("a coke please", sender="lee@example.com",
                                                              message_id="<other@mail.example.com>"))
            await until(lambda: assistant.messages)

    asyncio.run(scenario())
    assert [message.text for message in assistant.messages] == ["a coke please"]
    db = Database()
    [handoff] = [h for h in open_handoffs(db, "tonys-pizzeria") if h["reason"] == "vip"]
    assert handoff["summary"] == "VIP Dana Smith" and held(db, [handoff["id"]]) == {handoff["id"]: ["the usual for Friday, please"]}
    assert relay.messages_to(DANA) == []
