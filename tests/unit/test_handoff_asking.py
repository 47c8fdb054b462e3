"""Asking for a person must never be missed: every phrasing in tests/handoff/person_requests.yml (written
apart from the patterns, in English, Spanish and Chinese) is a request, and none of its near-misses is."""

from pathlib import Path

import pytest
import yaml
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from handoff.asking import asks_for_person, mentions_person
from handoff.person_request import PersonRequestClassifier

PHRASINGS = yaml.safe_load((Path(__file__).parents[1] / "handoff" / "person_requests.yml").read_text(encoding="utf-8"))


def _cases(section):
    return [pytest.param(text, id=f"{language}-{number}")
            for language, texts in PHRASINGS[section].items() for number, text in enumerate(texts)]


@pytest.mark.parametrize("text", _cases("asks"))
def test_every_way_of_asking_for_a_person_is_heard(text):
    assert asks_for_person(text)


@pytest.mark.parametrize("text", _cases("not_asks"))
def test_near_misses_are_not_taken_for_a_request(text):
    assert not asks_for_person(text)


def test_the_set_is_large_enough_in_every_language():
    for section, least in (("asks", 60), ("not_asks", 30)):
        assert {language: len(texts) >= least for language, texts in PHRASINGS[section].items()} == {
            "en": True, "es": True, "zh": True}


@pytest.mark.parametrize("text", [
    "no, I want a real person", "are you a bot? get me a human", "不要机器人，转人工", "no gracias, mejor páseme con alguien",
])
def test_a_request_after_another_clause_still_counts(text):
    assert asks_for_person(text)


@pytest.mark.parametrize("text", [
    "I don't need to talk to anyone, just the pizza", "no necesito hablar con una persona", "不用转人工，我自己来",
    "am I talking to a human?", "¿eres humano?", "你是真人吗", "can I get someone who speaks Spanish", "",
])
def test_refusals_questions_about_the_assistant_and_language_requests_are_not(text):
    assert not asks_for_person(text)


def _message(text, intent):
    message = Message(data={TEXT: text})
    message.set(INTENT, {"name": intent, "confidence": 0.62})
    message.set(INTENT_RANKING_KEY, [{"name": intent, "confidence": 0.62}, {"name": "request_human", "confidence": 0.2}])
    return message


def test_the_component_makes_a_request_the_intent_whatever_the_model_said():
    asked, ordered = _message("ok forget it, pásame con el encargado", "place_order"), _message("two tacos", "place_order")
    PersonRequestClassifier().process([asked, ordered])
    assert asked.get(INTENT) == {"name": "request_human", "confidence": 1.0}
    assert [entry["name"] for entry in asked.get(INTENT_RANKING_KEY)] == ["request_human", "place_order"]
    assert ordered.get(INTENT)["name"] == "place_order"


@pytest.mark.parametrize("text", ["whos there? a human??", "bot no", "no quiero maquinas", "alguien??", "不要机器", "找个人"])
def test_a_message_about_a_person_or_the_machine_is_noticed(text):
    assert mentions_person(text)


@pytest.mark.parametrize("text", ["large pepperoni", "el martes a las 3", "三点半", "my screen is cracked"])
def test_a_message_about_the_order_is_not(text):
    assert not mentions_person(text)
