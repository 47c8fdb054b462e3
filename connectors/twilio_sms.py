"""Twilio Messaging webhook as a Rasa input channel: signed requests only, one conversation per business and phone.

Replies go back as TwiML <Message> elements in the webhook's own response. An empty or overlong text is
passed on as the fallback intent, so the reprompt comes from the domain like every other sentence.
STOP, START and HELP (connectors/sms_keywords.py) are answered here, before the assistant sees anything;
after STOP the number's texts get no reply at all until START.
"""

import asyncio
import logging
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from twilio.twiml.messaging_response import MessagingResponse

from connectors.privacy import mask_phone
from connectors.readable import readable
from connectors.sms_keywords import keyword, reply
from connectors.twilio_webhook import TwilioWebhook, missing_fields, unknown_business
from notify.opt_outs import opt_in, opt_out, opted_out
from playbooks import default_registry
from storage import Database

logger = logging.getLogger(__name__)

def _twiml(texts) -> response.HTTPResponse:
    reply = MessagingResponse()
    for text in texts:
        reply.message(text)
    return response.text(str(reply), content_type="application/xml")


class TwilioSmsInput(InputChannel):
    @classmethod
    def name(cls) -> Text:
        return "twilio_sms"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "TwilioSmsInput":
        return cls(TwilioWebhook.from_credentials(credentials))

    def __init__(self, webhook: TwilioWebhook):
        self.webhook = webhook
        self._db: Optional[Database] = None

    @property
    def db(self) -> Database:
        if self._db is None:
            self._db = Database()
        return self._db

    async def _carrier_keyword(self, playbook, sender: str, body: str) -> Optional[response.HTTPResponse]:
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
        contact = playbook.phone_numbers[0] if playbook.phone_numbers else (playbook.email or "")
        return _twiml([reply(found, playbook.name, contact)])

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
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
            answered = await self._carrier_keyword(playbook, sender, form.get("Body") or "")
            if answered is not None:
                return answered
            body = readable(form.get("Body"))
            collector = CollectingOutputChannel()
            await on_new_message(
                UserMessage(
                    body,
                    collector,
                    sender_id=f"sms:{playbook.id}:{sender}",
                    input_channel=self.name(),
                    message_id=form.get("MessageSid"),
                    metadata={"business_id": playbook.id, "channel": "sms", "caller_phone": sender},
                )
            )
            logger.info("sms for %s from %s answered with %d messages", playbook.id, mask_phone(sender), len(collector.messages))
            return _twiml(m["text"] for m in collector.messages if m.get("text"))

        return webhook
