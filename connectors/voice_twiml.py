"""What a call can do next, as TwiML: listen for the caller, put them through to staff, take a voicemail, or end.

Listening is a <Gather> for speech and the keypad (one key, so 0 always reaches a person) with what the
assistant says nested inside it, so the caller can talk over it (barge-in). With actionOnEmptyResult Twilio
posts to the action even after silence, and the channel decides whether to reprompt or say goodbye.
"""

from dataclasses import dataclass
from typing import Iterable

from twilio.twiml.voice_response import Gather, VoiceResponse

from connectors.voice_persona import VoicePersona


@dataclass(frozen=True)
class Listening:
    action_url: str
    hints: str
    silence_seconds: int


def _say(verb, texts: Iterable[str], persona: VoicePersona) -> None:
    for text in texts:
        if text.strip():
            verb.say(text, voice=persona.voice, language=persona.say_language)


def listen(texts: Iterable[str], persona: VoicePersona, listening: Listening) -> str:
    response = VoiceResponse()
    gather = Gather(
        input="speech dtmf",
        action=listening.action_url,
        method="POST",
        action_on_empty_result=True,
        language=persona.listen_language,
        speech_timeout="auto",
        timeout=listening.silence_seconds,
        num_digits=1,
        barge_in=True,
        **({"hints": listening.hints} if listening.hints else {}),
    )
    _say(gather, texts, persona)
    response.append(gather)
    return str(response)


def put_through(texts: Iterable[str], persona: VoicePersona, number: str, caller_id: str, ring_seconds: int,
                action_url: str, whisper_url: str) -> str:
    """Dials staff showing the caller's own number. Staff hear the whisper (what the caller wants) before
    the caller is connected; Twilio posts DialCallStatus to the action when the dial ends."""
    response = VoiceResponse()
    _say(response, texts, persona)
    dial = response.dial(caller_id=caller_id, timeout=ring_seconds, action=action_url, method="POST", answer_on_bridge=True)
    dial.number(number, url=whisper_url, method="POST")
    return str(response)


def record_message(texts: Iterable[str], persona: VoicePersona, action_url: str, max_seconds: int) -> str:
    """A voicemail after a beep, ended by silence, # or the time limit; Twilio posts the recording to the action.
    When nothing was said Twilio skips the action and goes on to the redirect, so the call still ends there."""
    response = VoiceResponse()
    _say(response, texts, persona)
    response.record(action=action_url, method="POST", max_length=max_seconds, timeout=5, finish_on_key="#", play_beep=True)
    response.redirect(action_url, method="POST")
    return str(response)


def whisper(text: str, persona: VoicePersona) -> str:
    response = VoiceResponse()
    _say(response, [text], persona)
    return str(response)


def goodbye(texts: Iterable[str], persona: VoicePersona) -> str:
    response = VoiceResponse()
    _say(response, texts, persona)
    response.hangup()
    return str(response)


def refuse() -> str:
    """A blocked number: the call is rejected before it is answered, so nothing is said or stored."""
    response = VoiceResponse()
    response.reject(reason="rejected")
    return str(response)
