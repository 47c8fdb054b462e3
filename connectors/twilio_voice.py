"""Twilio Programmable Voice as a Rasa input channel: each call is one conversation, keyed by its CallSid.

Twilio posts the incoming call, then every caller utterance (SpeechResult with its Confidence, or a key)
to the Gather's action; each answer is the next TwiML (connectors/voice_twiml.py). The assistant's replies
become <Say>; a reply whose voice variation carries `custom: {transfer: <reason>}` puts the caller through
to the playbook's number for that reason, and `custom: {hangup: true}` ends the call. What the channel says
itself (silence, "did you say", no answer) are `utter_voice_*` responses in the domain, so designers edit
them like any other. Speech heard with low confidence is read back before the assistant acts on it.
A call that ends mid-order pushes nothing; it leaves a "missed call" request with what was collected.
"""

import asyncio
import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Awaitable, Callable, Dict, List, Optional, Set, Text, Union
from urllib.parse import urlencode

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from rasa.shared.core.trackers import DialogueStateTracker
from sanic import Blueprint, response
from sanic.request import Request

from connectors.conversations import channel_line, stored_conversation
from connectors.privacy import mask_phone
from connectors.readable import readable
from connectors.speech_hints import speech_hints
from connectors.spoken_answers import yes_or_no
from connectors.twilio_webhook import TwilioWebhook, missing_fields, unknown_business
from connectors.voice_persona import VoicePersona, persona_for
from connectors.voice_twiml import Listening, goodbye, listen, put_through, record_message, refuse, whisper
from handoff import conversation_summary, handoffs_for_conversation, request_handoff
from notify.staff import text_staff
from playbooks import Playbook, default_registry
from safety.flags import ABANDONED, flag_caller, rate_limited
from storage import Database

logger = logging.getLogger(__name__)

SILENCES_BEFORE_GOODBYE = 3
CALL_ENDED = {"completed", "busy", "failed", "no-answer", "canceled"}
# The longest voicemail a caller leaves when nobody answers a transfer.
VOICEMAIL_SECONDS = 120
STAFF_ANSWERED = {"completed", "answered"}


class VoiceOutput(CollectingOutputChannel):
    """Collects the turn's replies; named so the domain's `channel: twilio_voice` variations are chosen."""

    @classmethod
    def name(cls) -> Text:
        return "twilio_voice"


@dataclass(frozen=True)
class Call:
    sid: str
    caller: str
    business_number: str
    playbook: Playbook

    @property
    def conversation_id(self) -> str:
        return f"voice:{self.playbook.id}:{self.sid}"

    @property
    def metadata(self) -> Dict[str, str]:
        return {"business_id": self.playbook.id, "channel": "voice", "caller_phone": self.caller, "call_sid": self.sid}


class TwilioVoiceInput(InputChannel):
    @classmethod
    def name(cls) -> Text:
        return "twilio_voice"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "TwilioVoiceInput":
        return cls(TwilioWebhook.from_credentials(credentials))

    def __init__(self, webhook: TwilioWebhook):
        self.webhook = webhook
        self._db: Optional[Database] = None
        self._background: Set[asyncio.Task] = set()

    @property
    def db(self) -> Database:
        if self._db is None:
            self._db = Database()
        return self._db

    def _url(self, route: str, **query: Any) -> str:
        query = {name: value for name, value in query.items() if value not in (None, "", 0)}
        return f"{self.webhook.public_base_url}/webhooks/{self.name()}/{route}" + (f"?{urlencode(query)}" if query else "")

    def _call(self, request: Request) -> Union[response.HTTPResponse, tuple]:
        form = self.webhook.form(request)
        if isinstance(form, response.HTTPResponse):
            return form
        error = missing_fields(form, "CallSid", "From", "To")
        if error:
            return error
        playbook = default_registry().by_phone(form["To"])
        if playbook is None:
            return unknown_business(form["To"])
        return form, Call(form["CallSid"], form["From"], form["To"], playbook)

    # What the assistant and the domain say.

    async def _conversation(self, request: Request, call: Call) -> Optional[DialogueStateTracker]:
        """The stored conversation, read once per webhook (and again after the assistant's turn changed it)."""
        if not hasattr(request.ctx, "conversation"):
            request.ctx.conversation = await stored_conversation(request.app.ctx.agent, call.conversation_id)
        return request.ctx.conversation

    async def _line(self, request: Request, call: Call, response_name: str, **values: Any) -> str:
        """One of the channel's own `utter_voice_*` lines, in the conversation's language."""
        conversation = await self._conversation(request, call)
        return await channel_line(request.app.ctx.agent, conversation, call.conversation_id, response_name, self.name(), **values)

    async def _persona(self, request: Request, call: Call) -> VoicePersona:
        tracker = await self._conversation(request, call)
        language = (tracker.get_slot("language") if tracker else None) or call.playbook.languages[0]
        return persona_for(call.playbook, language)

    def _listening(self, call: Call, **state: Any) -> Listening:
        return Listening(self._url("gather", **state), speech_hints(call.playbook), call.playbook.channels.silence_seconds)

    async def _listen(self, request: Request, call: Call, texts: List[str], **state: Any) -> response.HTTPResponse:
        return _twiml(listen(texts, await self._persona(request, call), self._listening(call, **state)))

    async def _converse(self, request: Request, call: Call, text: str, on_new_message) -> response.HTTPResponse:
        """One caller turn through the assistant; its replies decide whether the call listens, transfers or ends."""
        output = VoiceOutput()
        await on_new_message(
            UserMessage(text, output, sender_id=call.conversation_id, input_channel=self.name(), metadata=call.metadata)
        )
        vars(request.ctx).pop("conversation", None)
        texts: List[str] = []
        for message in output.messages:
            if message.get("text"):
                texts.append(message["text"])
            custom = message.get("custom") or {}
            if custom.get("transfer"):
                return await self._put_through(request, call, str(custom["transfer"]), texts)
            if custom.get("hangup"):
                return _twiml(goodbye(texts, await self._persona(request, call)))
        return await self._listen(request, call, texts)

    # Transfers.

    async def _put_through(self, request: Request, call: Call, reason: str, texts: List[str]) -> response.HTTPResponse:
        transfer = call.playbook.transfer
        persona = await self._persona(request, call)
        if transfer is None:
            logger.info("call for %s wants a person but the playbook names no transfer number", call.playbook.id)
            return await self._offer_callback(request, call, reason, texts)
        if not transfer.answered_at(reason, datetime.now(call.playbook.timezone)):
            logger.info("call for %s wants a person (%s) outside the transfer hours", call.playbook.id, reason)
            self._text_staff(call, reason, await self._summary(request, call), "call outside the transfer hours")
            return await self._nobody_answers(request, call, reason, texts)
        logger.info("putting a call for %s through (%s)", call.playbook.id, reason)
        return self._dial(call, persona, texts, transfer.number_for(reason), reason)

    def _dial(self, call: Call, persona: VoicePersona, texts: List[str], number: str, reason: str, **state: Any) -> response.HTTPResponse:
        return _twiml(put_through(
            texts, persona, number, call.caller, call.playbook.transfer.ring_seconds, self._url("dial", reason=reason, **state),
            self._url("whisper", business=call.playbook.id, call=call.sid, reason=reason),
        ))

    async def _nobody_answers(self, request: Request, call: Call, reason: str, texts: List[str]) -> response.HTTPResponse:
        """The owner's choice: a voicemail for staff, or the offer of a callback (or carrying on with the assistant)."""
        transfer = call.playbook.transfer
        if transfer is None or transfer.no_answer != "voicemail":
            return await self._offer_callback(request, call, reason, texts)
        texts = texts + [await self._line(request, call, "utter_voice_leave_message")]
        return _twiml(record_message(texts, await self._persona(request, call), self._url("voicemail", reason=reason),
                                     VOICEMAIL_SECONDS))

    async def _offer_callback(self, request: Request, call: Call, reason: str, texts: List[str]) -> response.HTTPResponse:
        texts = texts + [await self._line(request, call, "utter_voice_no_answer")]
        persona = await self._persona(request, call)
        listening = Listening(self._url("callback", reason=reason), "", call.playbook.channels.silence_seconds)
        return _twiml(listen(texts, persona, listening))

    async def _summary(self, request: Request, call: Call) -> str:
        tracker = await self._conversation(request, call)
        if tracker is None:
            return ""
        form = tracker.active_loop_name or ""
        domain = request.app.ctx.agent.domain
        form_slots = domain.required_slots_for_form(form) if form in domain.form_names else []
        return conversation_summary(tracker.current_slot_values(), form_slots)

    def _text_staff(self, call: Call, reason: str, summary: str, what: str = "missed call put through") -> None:
        """In the background: the caller should not wait on Twilio's REST API to hear the callback offer."""
        body = f"{call.playbook.name}: {what} ({reason}) from {call.caller}. {summary or 'Nothing taken yet.'}"
        task = asyncio.create_task(text_staff(call.playbook, reason, body, call.business_number))
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    async def _record(self, call: Call, reason: str, summary: str, urgent: bool = False) -> None:
        await asyncio.to_thread(
            request_handoff, self.db, call.playbook.id, call.conversation_id, reason, urgent,
            f"{summary} · call back {call.caller}" if summary else f"call back {call.caller}",
        )

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("twilio_voice_webhook", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_request: Request) -> response.HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def incoming_call(request: Request) -> response.HTTPResponse:
            checked = self._call(request)
            if isinstance(checked, response.HTTPResponse):
                return checked
            _form, call = checked
            if call.playbook.blocked.phone(call.caller):
                logger.info("call from blocked %s to %s rejected", mask_phone(call.caller), call.playbook.id)
                return _twiml(refuse())
            if await asyncio.to_thread(rate_limited, self.db, call.playbook.id, call.caller):
                logger.info("call from %s to %s refused: declined twice today", mask_phone(call.caller), call.playbook.id)
                return _twiml(refuse())
            logger.info("call from %s for %s", mask_phone(call.caller), call.playbook.id)
            return await self._converse(request, call, "/greet", on_new_message)

        @webhook.route("/gather", methods=["POST"])
        async def caller_spoke(request: Request) -> response.HTTPResponse:
            checked = self._call(request)
            if isinstance(checked, response.HTTPResponse):
                return checked
            form, call = checked
            speech, digits = (form.get("SpeechResult") or "").strip(), (form.get("Digits") or "").strip()
            heard = request.args.get("heard")
            if digits == "0":
                await self._record(call, "asked", await self._summary(request, call))
                return await self._put_through(request, call, "asked", [await self._line(request, call, "utter_voice_putting_through")])
            if heard:
                answer = yes_or_no(speech, digits)
                if answer is True:
                    return await self._converse(request, call, heard, on_new_message)
                if answer is False:
                    return await self._listen(request, call, [await self._line(request, call, "utter_voice_say_again")])
            if not speech and not digits:
                silences = _count(request.args.get("silence")) + 1
                if silences >= SILENCES_BEFORE_GOODBYE:
                    persona = await self._persona(request, call)
                    return _twiml(goodbye([await self._line(request, call, "utter_voice_goodbye_silence")], persona))
                texts = [await self._line(request, call, "utter_voice_silence"), await self._last_question(request, call)]
                return await self._listen(request, call, texts, silence=silences)
            if speech and _confidence(form.get("Confidence")) < call.playbook.channels.confirm_below:
                logger.info("call for %s: low-confidence speech read back", call.playbook.id)
                return await self._listen(request, call, [await self._line(request, call, "utter_voice_did_you_say", heard=speech)], heard=speech)
            return await self._converse(request, call, readable(speech or digits), on_new_message)

        @webhook.route("/dial", methods=["POST"])
        async def transfer_ended(request: Request) -> response.HTTPResponse:
            checked = self._call(request)
            if isinstance(checked, response.HTTPResponse):
                return checked
            form, call = checked
            if form.get("DialCallStatus") in STAFF_ANSWERED:
                return _twiml(goodbye([], await self._persona(request, call)))
            reason = request.args.get("reason") or "asked"
            logger.info("transfer for %s not answered (%s)", call.playbook.id, form.get("DialCallStatus"))
            backup = call.playbook.transfer.backup if call.playbook.transfer else None
            if backup and request.args.get("to") != "backup":
                return self._dial(call, await self._persona(request, call), [], backup, reason, to="backup")
            self._text_staff(call, reason, await self._summary(request, call))
            return await self._nobody_answers(request, call, reason, [])

        @webhook.route("/voicemail", methods=["POST"])
        async def voicemail(request: Request) -> response.HTTPResponse:
            """Twilio posts the recording here; a caller who said nothing arrives by the redirect without one."""
            checked = self._call(request)
            if isinstance(checked, response.HTTPResponse):
                return checked
            form, call = checked
            summary = await self._summary(request, call)
            persona = await self._persona(request, call)
            recording = form.get("RecordingUrl")
            if not recording:
                await self._record(call, "callback", f"left no voicemail{f'. {summary}' if summary else ''}")
                return _twiml(goodbye([await self._line(request, call, "utter_voice_callback_booked")], persona))
            message = f"voicemail ({form.get('RecordingDuration') or '?'} s): {recording}"
            await self._record(call, "callback", f"{message}. {summary}" if summary else message)
            self._text_staff(call, request.args.get("reason") or "asked", f"Listen: {recording} {summary}", "voicemail left")
            return _twiml(goodbye([await self._line(request, call, "utter_voice_message_taken")], persona))

        @webhook.route("/callback", methods=["POST"])
        async def callback_answer(request: Request) -> response.HTTPResponse:
            checked = self._call(request)
            if isinstance(checked, response.HTTPResponse):
                return checked
            form, call = checked
            if yes_or_no(form.get("SpeechResult") or "", form.get("Digits") or "") is False:
                return await self._listen(request, call, [await self._line(request, call, "utter_voice_carry_on")])
            await self._record(call, "callback", await self._summary(request, call))
            persona = await self._persona(request, call)
            return _twiml(goodbye([await self._line(request, call, "utter_voice_callback_booked")], persona))

        @webhook.route("/whisper", methods=["POST"])
        async def whisper_to_staff(request: Request) -> response.HTTPResponse:
            """Twilio fetches this on the staff leg (its From and To are not the business's), so the business
            and the caller's call come in the signed URL."""
            form = self.webhook.form(request)
            if isinstance(form, response.HTTPResponse):
                return form
            playbook = default_registry().by_id(request.args.get("business", ""))
            if playbook is None or not request.args.get("call"):
                return response.json({"error": "the whisper URL names no known business and call"}, status=400)
            call = Call(request.args.get("call"), "", "", playbook)
            summary = await self._summary(request, call)
            reason = request.args.get("reason") or "asked"
            text = await self._line(request, call, "utter_voice_whisper", business_name=playbook.name,
                                    reason=reason.replace("_", " "), summary=summary or "nothing taken yet")
            return _twiml(whisper(text, persona_for(playbook, playbook.languages[0])))

        @webhook.route("/status", methods=["POST"])
        async def call_status(request: Request) -> response.HTTPResponse:
            checked = self._call(request)
            if isinstance(checked, response.HTTPResponse):
                return checked
            form, call = checked
            if form.get("CallStatus") in CALL_ENDED:
                await self._note_missed_order(request, call)
            return response.empty()

        return webhook

    async def _last_question(self, request: Request, call: Call) -> str:
        tracker = await self._conversation(request, call)
        if tracker is None:
            return ""
        return next((event.text for event in reversed(tracker.events) if getattr(event, "type_name", "") == "bot" and event.text), "")

    async def _note_missed_order(self, request: Request, call: Call) -> None:
        """A caller who hung up with a request half taken: staff get what was collected and the number, once.
        Nothing was stored as a ticket (that happens only on the caller's "yes"), so nothing reaches the POS."""
        tracker = await self._conversation(request, call)
        if tracker is None or not tracker.active_loop_name:
            return
        raised = await asyncio.to_thread(handoffs_for_conversation, self.db, call.conversation_id)
        if raised:
            return
        logger.info("call for %s ended mid-request; missed call noted", call.playbook.id)
        await self._record(call, "missed_call", await self._summary(request, call), urgent=True)
        await asyncio.to_thread(flag_caller, self.db, call.playbook.id, call.caller, call.conversation_id, ABANDONED)


def _twiml(document: str) -> response.HTTPResponse:
    return response.text(document, content_type="application/xml")


def _count(text: Optional[str]) -> int:
    return int(text) if text and text.isdigit() else 0


def _confidence(text: Optional[str]) -> float:
    """Twilio sends Confidence with every SpeechResult; a missing or odd one is treated as unsure."""
    try:
        return float(text)
    except (TypeError, ValueError):
        return 0.0
