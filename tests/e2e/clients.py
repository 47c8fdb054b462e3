"""Talks to the running stack as a browser (socket.io) and as Twilio (signed form posts) would."""

import asyncio
import smtplib
import uuid
from email.message import EmailMessage
from typing import Dict, List, Optional
from xml.etree import ElementTree

import aiohttp
import socketio
from twilio.request_validator import RequestValidator

PIZZERIA = "orders@tonys-pizzeria.example"


class WebChat:
    """A customer in the web chat page: Rasa's socket.io channel with the business id in customData."""

    def __init__(self, rasa_url: str, business_id: str):
        self.rasa_url = rasa_url
        self.business_id = business_id
        self.session_id = uuid.uuid4().hex
        self.client = socketio.AsyncClient()
        self.replies: asyncio.Queue = asyncio.Queue()
        self.errors: asyncio.Queue = asyncio.Queue()
        self.client.on("bot_uttered", self._on_reply)
        self.client.on("error", self._on_error)

    async def _on_reply(self, data):
        await self.replies.put(data.get("text", ""))

    async def _on_error(self, data):
        await self.errors.put(data.get("reason", ""))

    async def __aenter__(self):
        await self.client.connect(self.rasa_url, transports=["websocket"])
        await self.client.emit("session_request", {"session_id": self.session_id})
        return self

    async def __aexit__(self, *exc):
        await self.client.disconnect()

    async def say(self, text: str, settle: float = 1.5, timeout: float = 30) -> List[str]:
        """Sends one message and returns every reply that arrives until the bot goes quiet."""
        await self.client.emit("user_uttered", {
            "message": text, "session_id": self.session_id,
            "customData": {"business_id": self.business_id, "channel": "web"},
        })
        replies = [await asyncio.wait_for(self.replies.get(), timeout)]
        while True:
            try:
                replies.append(await asyncio.wait_for(self.replies.get(), settle))
            except asyncio.TimeoutError:
                return replies


class BoardWatcher:
    """A kitchen tablet showing one business's board."""

    def __init__(self, board_url: str, business_id: str):
        self.board_url = board_url
        self.business_id = business_id
        self.client = socketio.AsyncClient()
        self.tickets: asyncio.Queue = asyncio.Queue()
        self.client.on("ticket", self._on_ticket)

    async def _on_ticket(self, data):
        await self.tickets.put(data)

    async def __aenter__(self):
        await self.client.connect(self.board_url, transports=["websocket"])
        await self.client.emit("join", {"business_id": self.business_id})
        await asyncio.sleep(0.3)
        return self

    async def __aexit__(self, *exc):
        await self.client.disconnect()


class TwilioSms:
    """Posts the Messaging webhook exactly as Twilio does, signed with the account's auth token."""

    def __init__(self, stack: Dict[str, str], to: str, sender: str):
        self.url = f"{stack['rasa']}/webhooks/twilio_sms/webhook"
        self.public_url = f"{stack['public']}/webhooks/twilio_sms/webhook"
        self.validator = RequestValidator(stack["auth_token"])
        self.to, self.sender = to, sender

    def form(self, body: str) -> Dict[str, str]:
        return {"MessageSid": "SM" + uuid.uuid4().hex, "AccountSid": "AC" + "0" * 32, "From": self.sender,
                "To": self.to, "Body": body, "NumMedia": "0"}

    async def post(self, form: Dict[str, str], signature: str = None, data=None, headers=None):
        signature = self.validator.compute_signature(self.public_url, form) if signature is None else signature
        async with aiohttp.ClientSession() as session:
            async with session.post(self.url, data=data if data is not None else form,
                                    headers={"X-Twilio-Signature": signature, **(headers or {})}) as reply:
                return reply.status, await reply.text()

    async def say(self, body: str) -> List[str]:
        status, text = await self.post(self.form(body))
        assert status == 200, text
        return [message.text or "" for message in ElementTree.fromstring(text).iter("Message")]


class TwilioCall:
    """One phone call as Twilio drives it: signed form posts to the voice webhooks, TwiML back."""

    def __init__(self, stack: Dict[str, str], to: str, caller: str):
        self.rasa, self.public = stack["rasa"], stack["public"]
        self.validator = RequestValidator(stack["auth_token"])
        self.to, self.caller = to, caller
        self.sid = "CA" + uuid.uuid4().hex

    def form(self, **fields: str) -> Dict[str, str]:
        return {"CallSid": self.sid, "AccountSid": "AC" + "0" * 32, "From": self.caller, "To": self.to,
                "Direction": "inbound", "CallStatus": "in-progress", **fields}

    async def post(self, url: str, form: Dict[str, str], signature: str = None):
        """Posts to a URL the TwiML named (absolute, on the public address) or to a webhook path."""
        path = url[len(self.public):] if url.startswith(self.public) else url
        signature = self.validator.compute_signature(self.public + path, form) if signature is None else signature
        async with aiohttp.ClientSession() as session:
            async with session.post(self.rasa + path, data=form, headers={"X-Twilio-Signature": signature}) as reply:
                return reply.status, await reply.text()

    async def twiml(self, url: str, **fields: str) -> ElementTree.Element:
        status, text = await self.post(url, self.form(**fields))
        assert status == 200, text
        return ElementTree.fromstring(text)

    async def ring(self) -> ElementTree.Element:
        return await self.twiml("/webhooks/twilio_voice/webhook", CallStatus="ringing")

    async def say(self, previous: ElementTree.Element, speech: str, confidence: str = "0.92") -> ElementTree.Element:
        """Answers the Gather in the previous TwiML as the caller's speech would."""
        gather = previous.find("Gather")
        assert gather is not None, ElementTree.tostring(previous)
        return await self.twiml(gather.get("action"), SpeechResult=speech, Confidence=confidence)

    async def press(self, previous: ElementTree.Element, digits: str) -> ElementTree.Element:
        return await self.twiml(previous.find("Gather").get("action"), Digits=digits)

    async def silence(self, previous: ElementTree.Element) -> ElementTree.Element:
        return await self.twiml(previous.find("Gather").get("action"))

    async def hang_up(self) -> int:
        status, _ = await self.post("/webhooks/twilio_voice/status", self.form(CallStatus="completed", CallDuration="42"))
        return status


def spoken(twiml: ElementTree.Element) -> str:
    """Everything the TwiML says, in order."""
    return " ".join(say.text or "" for say in twiml.iter("Say"))


class Emailer:
    """A customer writing to a business from a mail app that quotes the thread and appends a signature."""

    def __init__(self, stack, address: str, business: str = PIZZERIA, subject: str = "Hello", name: str = "Dana"):
        self.port, self.relay, self.address = stack["email_port"], stack["smtp_relay"], address
        self.business, self.subject, self.name = business, subject, name
        self.replies: List[EmailMessage] = []
        self.thread_root: Optional[str] = None

    def send(self, body: str, subject: str, answering: Optional[EmailMessage] = None, to: Optional[str] = None,
             **headers) -> EmailMessage:
        message = EmailMessage()
        message["From"] = f"{self.name} <{self.address}>"
        message["To"] = to or self.business
        message["Subject"] = subject
        message["Message-ID"] = f"<{uuid.uuid4().hex}@mail.example.com>"
        text = f"{body}\n\nSent from my iPhone\n"
        if answering is not None:
            message["In-Reply-To"] = answering["Message-ID"]
            message["References"] = f"{answering['References']} {answering['Message-ID']}"
            quoted = "\n".join(f"> {line}" for line in answering.get_content().splitlines())
            text += f"\nOn Tue, {answering['From']} wrote:\n\n{quoted}\n"
        for name, value in headers.items():
            message[name] = value
        message.set_content(text)
        with smtplib.SMTP("127.0.0.1", self.port, local_hostname="mail.example.com", timeout=30) as client:
            client.send_message(message)
        self.thread_root = self.thread_root or message["Message-ID"]
        return message

    def answer(self, body: str) -> str:
        """Sends `body` in the thread (answering the last reply) and returns the assistant's next reply's text."""
        sent = self.send(body, self.replies[-1]["Subject"] if self.replies else self.subject,
                         self.replies[-1] if self.replies else None)
        reply = self.relay.wait_for(self.address, len(self.replies) + 1, timeout=60)[-1]
        assert reply["In-Reply-To"] == sent["Message-ID"], reply
        references = reply["References"].split()
        assert references[0] == self.thread_root and references[-1] == sent["Message-ID"], references
        assert reply["From"].addresses[0].addr_spec == self.business and reply["Subject"] == f"Re: {self.subject}"
        self.replies.append(reply)
        return reply.get_content()
