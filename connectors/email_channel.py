"""Email as a Rasa input channel: an SMTP listener on Rasa's own event loop, replies sent through an SMTP relay.

The listener opens when the Rasa server has started (the model is loaded by then) and closes, after the
answers in progress are sent, when it stops. Each thread with each emailer is one conversation
(`email:<business>:<thread key>`, connectors/email_threads.py); the emailer's new text, without the quoted
thread or signature (connectors/email_text.py), is what the assistant reads; a first email with an empty
body is read by its subject; a thread quiet for longer than the playbook's `channels.email.session_days` starts
a fresh session. Attachments are never opened; the reply says so (`utter_email_attachments`). All the assistant's replies to one email go back as one email, threaded under it.
Responses can carry `channel: email` variations. With no relay configured (SMTP_HOST empty) conversations still
happen and are stored, and the log says the replies were not sent. While staff have the thread (the emailer
asked for a person), emails are kept for them and get no reply from the assistant.
"""

import asyncio
import logging
from email.message import EmailMessage
from functools import partial
from contextlib import asynccontextmanager
from typing import Any, AsyncIterator, Awaitable, Callable, Dict, Optional, Text, Tuple

from rasa.core.agent import Agent
from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request

from connectors.conversations import (
    SESSION_START, VIP_FOR_STAFF, channel_line, not_for_the_assistant, session_expired, stored_conversation,
    tell_staff_vip_wrote,
)
from connectors.email_inbox import EmailInbox, InboundEmail, listen
from connectors.email_reply import compose_reply
from connectors.email_text import WrittenText, written_text
from connectors.email_threads import is_reply, message_ids, root_token, thread_key
from connectors.privacy import mask_email
from connectors.readable import readable
from notify.email import EmailNotSent, SmtpRelay
from playbooks import PlaybookRegistry, default_registry
from storage import Database

DEFAULT_LISTEN_HOST = "127.0.0.1"
DEFAULT_LISTEN_PORT = 2525
logger = logging.getLogger(__name__)


def listen_port(value: Any) -> int:
    """The configured SMTP port; 0 (listener off) when it is set but empty."""
    if value is None:
        return DEFAULT_LISTEN_PORT
    text = str(value).strip()
    if not text:
        return 0
    if not text.isdigit() or int(text) > 65535:
        raise ValueError(f"the email channel's listen_port must be a port number or empty, not {text!r}")
    return int(text)


def text_for_the_assistant(message: EmailMessage, written: WrittenText) -> str:
    """The emailer's new text; for a first email whose body says nothing, its subject."""
    return readable(written.text or ("" if is_reply(message) else str(message.get("Subject") or "")))


class EmailOutput(CollectingOutputChannel):
    """Collects the assistant's replies to one email; its name is what `channel: email` response variations match."""

    @classmethod
    def name(cls) -> Text:
        return "email"


class EmailInput(InputChannel):
    @classmethod
    def name(cls) -> Text:
        return "email"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "EmailInput":
        credentials = credentials or {}
        return cls(
            host=str(credentials.get("listen_host") or DEFAULT_LISTEN_HOST),
            port=listen_port(credentials.get("listen_port")),
            relay=SmtpRelay.from_environment(),
        )

    def __init__(self, host: str = DEFAULT_LISTEN_HOST, port: int = DEFAULT_LISTEN_PORT,
                 relay: Optional[SmtpRelay] = None, registry: Optional[PlaybookRegistry] = None):
        self.host = host
        self.port = port
        self.relay = relay
        self.registry = registry or default_registry()
        self.server: Optional[asyncio.AbstractServer] = None
        self.agent: Optional[Agent] = None
        self._db: Optional[Database] = None
        # Per thread: the lock that keeps its emails in arrival order, and how many are waiting on it.
        self._threads: Dict[str, Tuple[asyncio.Lock, int]] = {}

    @property
    def db(self) -> Database:
        if self._db is None:
            self._db = Database()
        return self._db

    @asynccontextmanager
    async def _in_order(self, sender_id: str) -> AsyncIterator[None]:
        """Emails of one thread are answered one after another, in the order they arrived: two quick emails
        would otherwise race through the database and the assistant and be read the wrong way round."""
        lock, waiting = self._threads.get(sender_id, (asyncio.Lock(), 0))
        self._threads[sender_id] = (lock, waiting + 1)
        try:
            async with lock:
                yield
        finally:
            lock, waiting = self._threads[sender_id]
            if waiting == 1:
                del self._threads[sender_id]
            else:
                self._threads[sender_id] = (lock, waiting - 1)

    async def _answer(self, on_new_message: Callable[[UserMessage], Awaitable[Any]], inbound: InboundEmail) -> None:
        token = root_token(inbound.message)
        sender_id = f"email:{inbound.playbook.id}:{thread_key(token, inbound.sender)}"
        async with self._in_order(sender_id):
            await self._answer_in_thread(on_new_message, inbound, token, sender_id)

    async def _answer_in_thread(self, on_new_message: Callable[[UserMessage], Awaitable[Any]], inbound: InboundEmail,
                                token: str, sender_id: str) -> None:
        playbook, message = inbound.playbook, inbound.message
        written = written_text(message)
        collector = EmailOutput()
        own_id = message_ids(message, "Message-ID")
        text = text_for_the_assistant(message, written)
        turned = await not_for_the_assistant(self.db, playbook, inbound.sender, sender_id, text)
        if turned:
            logger.info("email for %s from %s not answered: %s", playbook.id, mask_email(inbound.sender), turned)
            if turned.why == VIP_FOR_STAFF:
                await tell_staff_vip_wrote(playbook, turned.vip, "email", text)
            return
        metadata = {"business_id": playbook.id, "channel": "email", "caller_email": inbound.sender}
        conversation = await stored_conversation(self.agent, sender_id)
        if session_expired(conversation, playbook.channels.email_session_days * 24 * 60):
            logger.info("email thread for %s from %s starts a fresh session", playbook.id, mask_email(inbound.sender))
            await on_new_message(
                UserMessage(SESSION_START, collector, sender_id=sender_id, input_channel=self.name(), metadata=metadata)
            )
        await on_new_message(
            UserMessage(
                text,
                collector,
                sender_id=sender_id,
                input_channel=self.name(),
                message_id=own_id[0] if own_id else None,
                metadata=metadata,
            )
        )
        replies = [reply["text"] for reply in collector.messages if reply.get("text")]
        if replies and written.attachments and self.agent is not None:
            conversation = await stored_conversation(self.agent, sender_id)
            replies.append(await channel_line(self.agent, conversation, sender_id, "utter_email_attachments", self.name()))
        who = mask_email(inbound.sender)
        if not replies:
            logger.warning("email for %s from %s got no reply from the assistant", playbook.id, who)
            return
        if self.relay is None:
            logger.info("email for %s from %s answered with %d messages, not sent: SMTP_HOST is empty",
                        playbook.id, who, len(replies))
            return
        reply = compose_reply(message, playbook, inbound.sender, token, replies)
        try:
            await self.relay.send(reply)
        except EmailNotSent as error:
            logger.error("reply for %s not sent: %s", playbook.id, error)
            return
        logger.info("email for %s from %s answered with %d messages", playbook.id, who, len(replies))

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        inbox = EmailInbox(self.registry, partial(self._answer, on_new_message))
        email = Blueprint("email_listener", __name__)

        @email.route("/", methods=["GET"])
        async def health(_request: Request) -> response.HTTPResponse:
            return response.json({"status": "ok", "listening": self.server is not None})

        @email.listener("after_server_start")
        async def open_listener(app, _loop) -> None:
            self.agent = getattr(app.ctx, "agent", None)
            if not self.port:
                logger.info("email listener off (EMAIL_LISTEN_PORT is empty)")
                return
            if self.relay is None:
                logger.warning("SMTP_HOST is empty: emails are answered in the conversation but no reply is sent")
            try:
                self.server = await listen(inbox, self.host, self.port)
            except OSError as error:
                logger.error("email listener could not open %s:%d: %s", self.host, self.port, error.strerror or error)
                return
            logger.info("email listener on %s:%d", self.host, self.port)

        @email.listener("before_server_stop")
        async def close_listener(_app, _loop) -> None:
            if self.server is None:
                return
            self.server.close()
            await inbox.drain()
            await self.server.wait_closed()
            self.server = None

        return email
