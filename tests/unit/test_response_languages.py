"""Every response speaks English, Spanish and Chinese, and each language keeps its own fallbacks."""

import re
from pathlib import Path

import pytest
from rasa.shared.core.domain import Domain

from languages import SUPPORTED
from languages.responses import LanguageResponses, variation_language, without_language

DOMAIN = Path(__file__).resolve().parents[2] / "domain"
PLACEHOLDER = re.compile(r"{(\w+)}")


def _key(variation):
    plain = without_language(variation)
    conditions = tuple(sorted((c["name"], str(c["value"])) for c in plain.get("condition") or []))
    return plain.get("channel"), conditions


def _placeholders(variation):
    return set(PLACEHOLDER.findall(variation.get("text") or ""))


RESPONSES = Domain.load(str(DOMAIN)).responses
# Said to staff, in the business's own language, never to the caller.
STAFF_FACING = {"utter_voice_whisper"}


@pytest.mark.parametrize("name", sorted(set(RESPONSES) - STAFF_FACING))
def test_each_response_has_every_language_for_each_case(name):
    cases = {}
    for variation in RESPONSES[name]:
        cases.setdefault(_key(variation), {}).setdefault(variation_language(variation), []).append(variation)
    for (channel, conditions), languages in cases.items():
        missing = [language for language in SUPPORTED if language not in languages]
        assert not missing, f"{name} (channel={channel}, conditions={conditions}) has no {missing} variation"
        english = set().union(*(_placeholders(v) for v in languages["en"]))
        for language in SUPPORTED:
            for variation in languages[language]:
                extra = _placeholders(variation) - english
                assert not extra, f"{name} [{language}] uses {extra}, which the English variation does not fill"
                assert variation.get("custom") == languages["en"][0].get("custom"), f"{name} [{language}] payload differs"


def _generator():
    responses = {
        "utter_ask_time": [
            {"condition": [{"type": "slot", "name": "note", "value": "taken"}], "text": "That time is taken."},
            {"text": "When would you like to come?"},
            {"condition": [{"type": "slot", "name": "note", "value": "taken"},
                           {"type": "slot", "name": "language", "value": "es"}], "text": "Esa hora está ocupada."},
            {"condition": [{"type": "slot", "name": "language", "value": "es"}], "text": "¿Cuándo le gustaría venir?"},
            {"condition": [{"type": "slot", "name": "language", "value": "es"}], "channel": "twilio_voice",
             "text": "¿A qué hora?", "custom": {"transfer": "asked"}},
        ],
        "utter_only_english": [{"text": "Hello."}],
    }
    return LanguageResponses(responses=responses)


@pytest.mark.parametrize("slots, channel, expected", [
    ({"language": "en", "note": None}, "rest", "When would you like to come?"),
    ({"language": "en", "note": "taken"}, "rest", "That time is taken."),
    ({"language": "es", "note": None}, "rest", "¿Cuándo le gustaría venir?"),
    ({"language": "es", "note": "taken"}, "rest", "Esa hora está ocupada."),
    ({"language": "es", "note": None}, "twilio_voice", "¿A qué hora?"),
    ({"language": None, "note": None}, "rest", "When would you like to come?"),
])
def test_the_conversation_language_is_chosen_before_rasas_own_rules(slots, channel, expected):
    for _ in range(20):
        assert _generator()._random_response_for("utter_ask_time", channel, slots)["text"] == expected


def test_a_language_condition_is_not_left_for_rasa_to_check():
    chosen = _generator()._random_response_for("utter_ask_time", "twilio_voice", {"language": "es", "note": None})
    assert chosen.get("condition") is None and chosen["custom"] == {"transfer": "asked"}


def test_a_response_missing_in_a_language_falls_back_to_english_rather_than_silence():
    assert _generator()._random_response_for("utter_only_english", "rest", {"language": "zh"})["text"] == "Hello."


def test_responses_set_after_creation_are_split_too():
    generator = LanguageResponses(responses={})
    generator.responses = {"utter_hi": [{"text": "Hi"}, {"condition": [{"type": "slot", "name": "language", "value": "es"}],
                                          "text": "Hola"}]}
    assert generator._random_response_for("utter_hi", "rest", {"language": "es"})["text"] == "Hola"
