"""Twilio Messaging webhook as a Rasa input channel: signed requests only, one conversation per business and phone.

Replies go back as TwiML <Message> elements in the webhook's own response (`reply_via: twiml`), or through
Twilio's Messages REST API (`rest`): then the webhook answers an empty <Response/> at once and the assistant's
turn runs in the background, since Twilio gives a webhook 15 seconds and a turn can take longer. A long reply
goes as several texts (connectors/sms_split.py). An empty or overlong text is passed on as the fallback intent,
so the reprompt comes from the domain like every other sentence; pictures and recordings (MMS) are never
fetched, and the customer is asked to put them in words.
STOP, START and HELP (connectors/sms_keywords.py) are answered here, in the webhook's answer whatever the mode,
before the assistant sees anything; after STOP the number's texts get no reply at all until START, and numbers
the business blocked never get one.
A text after the business's `channels.sms.session_minutes` of quiet starts a fresh session, so yesterday's
half-finished order does not come back. While staff have the conversation (the customer asked for a person),
texts are kept for them and get no reply from the assistant.
"""

import asyncio
import logging
import os
from typing import Any, Awaitable, Callable, Dict, Iterable, List, Optional, Text

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from twilio.twiml.messaging_response import MessagingResponse

from connectors.conversations import (
    SESSION_START, VIP_FOR_STAFF, channel_line, not_for_the_assistant, session_expired, stored_conversation,
    tell_staff_vip_wrote,
)
from connectors.privacy import mask_phone
from connectors.readable import readable
from connectors.sms_keywords import keyword, reply
from connectors.sms_split import split_reply
from connectors.twilio_webhook import TwilioWebhook, missing_fields, unknown_business
from notify.opt_outs import opt_in, opt_out, opted_out
from notify.sms import SmsNotSent, TwilioRestSms
from playbooks import Playbook, default_registry
from storage import Database

logger = logging.getLogger(__name__)

REPLY_MODES = ("twiml", "rest")

OnNewMessage = Callable[[UserMessage], Awaitable[Any]]


def _twiml(texts: Iterable[str]) -> response.HTTPResponse:
    answer = MessagingResponse()
    for text in texts:
        answer.message(text)
    return response.text(str(answer), content_type="application/xml")


def _texts(replies: Iterable[str]) -> List[str]:
    return [part for text in replies for part in split_reply(text)]


def _conversation_id(playbook: Playbook, sender: str) -> str:
    return f"sms:{playbook.id}:{sender}"


def _has_media(form: Dict[str, str]) -> bool:
    count = (form.get("NumMedia") or "0").strip()
    return count.isdigit() and int(count) > 0


class TwilioSmsInput(InputChannel):
    @classmethod
    def name(cls) -> Text:
        return "twilio_sms"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "TwilioSmsInput":
        """`reply_via` (or SMS_REPLY_VIA, which wins) picks TwiML or REST replies; REST needs the Twilio account."""
        credentials = credentials or {}
        reply_via = (os.environ.get("SMS_REPLY_VIA") or credentials.get("reply_via") or "twiml").strip().lower()
        if reply_via not in REPLY_MODES:
            raise ValueError(f"SMS reply_via is {reply_via!r}; use one of {', '.join(REPLY_MODES)}")
        rest = TwilioRestSms.from_environment() if reply_via == "rest" else None
        if reply_via == "rest" and rest is None:
            raise ValueError("SMS replies through the REST API need TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN")
        return cls(TwilioWebhook.from_credentials(credentials), rest)

    def __init__(self, webhook: TwilioWebhook, rest: Optional[TwilioRestSms] = None):
        """Replies go through `rest` when it is given, else in the webhook's TwiML answer."""
        self.webhook = webhook
        self.rest = rest
        self._db: Optional[Database] = None
        self._latest_turns: Dict[str, asyncio.Task] = {}

    @property
    def db(self) -> Database:
        if self._db is None:
            self._db = Database()
        return self._db

    async def _carrier_keyword(self, playbook: Playbook, sender: str, body: str) -> Optional[response.HTTPResponse]:
        """The answer to STOP, START or HELP (HELP is answered even after STOP, as carriers expect), or silence
        for any other text from an opted-out number; None lets the assistant answer."""
        was_out = await asyncio.to_thread(opted_out, self.db, playbook.id, sender)
        found = keyword(body, was_out)
        if found is None:
            return _twiml([]) if was_out else None
        if found.action == "stop":
            await asyncio.to_thread(opt_out, self.db, playbook.id, sender)
        elif found.action == "start":
            await asyncio.to_thread(opt_in, self.db, playbook.id, sender)
        logger.info("sms %s from %s for %s", found.action.upper(), mask_phone(sender), playbook.id)
        return _twiml([reply(found, playbook.name, playbook.staff_contact)])

    async def _answer(self, request: Request, on_new_message: OnNewMessage, playbook: Playbook,
                      form: Dict[str, str]) -> List[str]:
        """Everything the text gets back, in order: the note about pictures first, then the assistant's replies.

        A picture or recording without words gets the note alone. After the business's session time the
        conversation is restarted with /session_start (Rasa's rules run action_session_start for it) first.
        """
        sender, body = form["From"], form.get("Body") or ""
        sender_id = _conversation_id(playbook, sender)
        turned = await not_for_the_assistant(self.db, playbook, sender, sender_id, body.strip() or "(a picture or recording)")
        if turned:
            logger.info("sms for %s from %s not answered: %s", playbook.id, mask_phone(sender), turned)
            if turned.why != VIP_FOR_STAFF:
                return []
            await tell_staff_vip_wrote(playbook, turned.vip, "text", body)
            conversation = await stored_conversation(request.app.ctx.agent, sender_id)
            return [await channel_line(request.app.ctx.agent, conversation, sender_id, "utter_vip_staff_will_answer",
                                       self.name(), returning_customer=turned.vip, business_name=playbook.name)]
        conversation = await stored_conversation(request.app.ctx.agent, sender_id)
        replies: List[str] = []
        if _has_media(form):
            replies.append(await channel_line(request.app.ctx.agent, conversation, sender_id, "utter_sms_media", self.name()))
            if not body.strip():
                return replies
        collector = CollectingOutputChannel()
        metadata = {"business_id": playbook.id, "channel": "sms", "caller_phone": sender}
        if session_expired(conversation, playbook.channels.sms_session_minutes):
            logger.info("sms from %s for %s starts a fresh session", mask_phone(sender), playbook.id)
            await on_new_message(
                UserMessage(SESSION_START, collector, sender_id=sender_id, input_channel=self.name(), metadata=metadata)
            )
        await on_new_message(
            UserMessage(
                readable(body),
                collector,
                sender_id=sender_id,
                input_channel=self.name(),
                message_id=form.get("MessageSid"),
                metadata=metadata,
            )
        )
        logger.info("sms for %s from %s answered with %d messages", playbook.id, mask_phone(sender), len(collector.messages))
        return replies + [m["text"] for m in collector.messages if m.get("text")]

    async def _send_by_rest(self, request: Request, on_new_message: OnNewMessage, playbook: Playbook,
                            form: Dict[str, str]) -> None:
        """The assistant's turn and its texts through the REST API, from the number the customer texted; nothing
        goes to a number that texted STOP meanwhile, and a failure is logged (the number masked), not raised."""
        sender, business_number = form["From"], form["To"]
        try:
            texts = _texts(await self._answer(request, on_new_message, playbook, form))
        except Exception as error:  # a background task has nobody else to tell
            logger.error("sms turn for %s from %s failed: %s", playbook.id, mask_phone(sender), type(error).__name__)
            return
        if texts and await asyncio.to_thread(opted_out, self.db, playbook.id, sender):
            logger.info("sms reply for %s to %s dropped: the number opted out", playbook.id, mask_phone(sender))
            return
        for sent, text in enumerate(texts):
            try:
                await self.rest.send(sender, business_number, text)
            except SmsNotSent as error:
                logger.error("sms reply for %s stopped after %d of %d texts: %s", playbook.id, sent, len(texts), error)
                return

    def _in_background(self, sender_id: str, turn: Awaitable[None]) -> None:
        """Runs the turn after the conversation's previous one, so replies go out in the order the texts came."""
        previous = self._latest_turns.get(sender_id)

        async def after_previous() -> None:
            if previous is not None:
                await asyncio.wait([previous])
            await turn

        task = asyncio.create_task(after_previous())
        self._latest_turns[sender_id] = task
        task.add_done_callback(lambda done: self._forget_turn(sender_id, done))

    def _forget_turn(self, sender_id: str, done: asyncio.Task) -> None:
        if self._latest_turns.get(sender_id) is done:
            del self._latest_turns[sender_id]

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        webhook = Blueprint("twilio_sms_webhook", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_request: Request) -> response.HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def message(request: Request) -> response.HTTPResponse:
            form = self.webhook.form(request)
            if isinstance(form, response.HTTPResponse):
                return form
            error = missing_fields(form, "From", "To")
            if error:
                return error
            sender, to = form["From"], form["To"]
            playbook = default_registry().by_phone(to)
            if playbook is None:
                return unknown_business(to)
            if playbook.blocked.phone(sender):
                logger.info("sms from blocked %s for %s ignored", mask_phone(sender), playbook.id)
                return _twiml([])
            answered = await self._carrier_keyword(playbook, sender, form.get("Body") or "")
            if answered is not None:
                return answered
            if self.rest is not None:
                turn = self._send_by_rest(request, on_new_message, playbook, form)
                self._in_background(_conversation_id(playbook, sender), turn)
                return _twiml([])
            return _twiml(_texts(await self._answer(request, on_new_message, playbook, form)))

        return webhook
