"""How the assistant sounds and listens on a call, per language: the <Say> voice and language and the <Gather>
recognition language. The playbook may pick another voice per language (`channels.voice.voices`)."""

from dataclasses import dataclass, replace

from playbooks import Playbook


@dataclass(frozen=True)
class VoicePersona:
    voice: str
    say_language: str
    listen_language: str


DEFAULT_PERSONAS = {
    "en": VoicePersona("Polly.Joanna-Neural", "en-US", "en-US"),
    "es": VoicePersona("Polly.Lupe-Neural", "es-US", "es-US"),
    "zh": VoicePersona("Polly.Zhiyu-Neural", "cmn-CN", "cmn-Hans-CN"),
}


def persona_for(playbook: Playbook, language: str) -> VoicePersona:
    """The conversation's language if the business speaks it, else the business's first language."""
    if language not in playbook.languages:
        language = playbook.languages[0]
    persona = DEFAULT_PERSONAS.get(language, DEFAULT_PERSONAS["en"])
    chosen = playbook.channels.voices.get(language)
    return replace(persona, voice=chosen) if chosen else persona
