"""How the assistant sounds and listens on a call, per language: the <Say> voice and language and the <Gather>
recognition language, from the persona the playbook picked (`persona:`) or the default persona. A raw Twilio
voice name in `channels.voice.voices`, from before personas, still wins for its language, keeping the persona's
languages."""

from dataclasses import dataclass

from playbooks import Playbook
from playbooks.personas import catalog


@dataclass(frozen=True)
class VoicePersona:
    voice: str
    say_language: str
    listen_language: str


DEFAULT_PERSONAS = {"en": "joanna-warm", "es": "lupe-warm", "zh": "zhiyu-calm"}


def persona_for(playbook: Playbook, language: str) -> VoicePersona:
    """The conversation's language if the business speaks it, else the business's first language."""
    if language not in playbook.languages:
        language = playbook.languages[0]
    choice = playbook.persona.get(language)
    persona = choice.persona if choice else catalog()[DEFAULT_PERSONAS.get(language, DEFAULT_PERSONAS["en"])]
    voice = playbook.channels.voices.get(language) or persona.voice
    return VoicePersona(voice, persona.say_language, persona.listen_language)
