"""The conversation's language: tokens for one model, readings of short phrases, sticky choices, asking for one."""

import asyncio
from dataclasses import replace

import pytest
from rasa.shared.nlu.training_data.message import Message
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import language as language_action
from actions.session import opening_language
from languages.choice import asked_for, choose
from languages.detection import read
from languages.duckling_extractor import LanguageAwareDucklingExtractor
from languages.tokenizer import MixedScriptTokenizer

ALL = ("en", "es", "zh")


def tokens(text):
    tokenizer = MixedScriptTokenizer(MixedScriptTokenizer.get_default_config())
    return [(token.text, token.start, token.end) for token in tokenizer.tokenize(Message({"text": text}), "text")]


def test_chinese_runs_are_segmented_and_latin_words_kept_with_their_offsets():
    assert tokens("我要两个大披萨, pickup at 6:30") == [
        ("我要", 0, 2), ("两个", 2, 4), ("大", 4, 5), ("披萨", 5, 7), ("pickup", 9, 15), ("at", 16, 18), ("6:30", 19, 23)]


def test_latin_text_is_split_as_the_whitespace_tokenizer_does():
    assert [t for t, _, _ in tokens("quiero two tacos, porfa!")] == ["quiero", "two", "tacos", "porfa"]


def test_chinese_punctuation_makes_no_token():
    assert [t for t, _, _ in tokens("我叫王芳，明天三点。")] == ["我", "叫", "王芳", "明天", "三点"]


@pytest.mark.parametrize("text, language", [
    ("我要一个 large pizza", "zh"), ("明天下午两点", "zh"), ("quiero dos tacos al pastor", "es"),
    ("I need a haircut tomorrow", "en"), ("¿a qué hora cierran?", "es"),
])
def test_readings(text, language):
    assert read(text).language == language


def test_numbers_and_punctuation_carry_no_language():
    assert read("555-0199, 6:30!").language is None


@pytest.mark.parametrize("text, language", [
    ("¿habla español?", "es"), ("en español por favor", "es"), ("Spanish please", "es"), ("do you speak spanish", "es"),
    ("说中文", "zh"), ("中文", "zh"), ("can someone speak Mandarin", "zh"), ("你会说英文吗", "en"), ("English please", "en"),
    ("I like Chinese food", None), ("a spanish omelette", None), ("I'm in the mood for chinese", None),
])
def test_asking_for_a_language(text, language):
    assert asked_for(text) == language


@pytest.mark.parametrize("current, text, expected", [
    ("en", "ok", "en"), ("es", "ok", "es"), ("es", "Maria Gonzalez", "es"), ("zh", "555 0199", "zh"),
    ("en", "gracias", "en"), ("es", "yes", "es"),
    ("en", "Me gustaría hacer una cita para mañana", "es"), ("es", "can I get two large pizzas", "en"),
    ("en", "我想订明天的位子", "zh"), ("zh", "quiero dos tacos al pastor", "es"),
])
def test_only_a_sentence_moves_the_conversation(current, text, expected):
    assert choose(current, text, ALL).language == expected


def test_the_first_message_needs_less_evidence():
    assert choose("en", "hola", ALL, first_turn=True).language == "es"
    assert choose("en", "hola", ALL, first_turn=False).language == "en"


def test_the_business_item_names_are_no_evidence():
    said = "one burrito and a horchata"
    assert choose("en", said, ALL, known_names=["burrito", "horchata"]).language == "en"


def test_a_language_the_business_does_not_offer_is_declined_and_the_conversation_stays():
    choice = choose("en", "我想订明天的位子", ("en", "es"))
    assert choice.language == "en" and choice.not_offered == "zh" and choice.declined
    assert not choose("es", "hola, quería una cita", ("en", "es")).declined


def test_the_session_opens_in_the_channels_hint_only_if_offered(pizzeria):
    spanish_first = replace(pizzeria, languages=("es", "en"))
    assert opening_language("zh", replace(pizzeria, languages=("en", "zh"))) == "zh"
    assert opening_language("zh", spanish_first) == "es"
    assert opening_language(None, spanish_first) == "es"
    assert opening_language(None, None) == "en"


def detect(playbook, monkeypatch, text, slots=None, earlier_turns=1, intent="place_order"):
    monkeypatch.setattr(language_action, "playbook_for", lambda tracker: playbook)
    values = {"business_id": playbook.id, "language": "en", **(slots or {})}
    message = {"text": text, "intent": {"name": intent}, "entities": []}
    events = [{"event": "user", "text": "earlier"}] * earlier_turns
    tracker = Tracker("conv-1", values, message, events, False, None, {}, "action_listen")
    dispatcher = CollectingDispatcher()
    set_slots = asyncio.run(language_action.ActionDetectLanguage().run(dispatcher, tracker, {}))
    return {e["name"]: e["value"] for e in set_slots}, dispatcher.messages


def test_the_action_switches_on_a_spanish_sentence(pizzeria, monkeypatch):
    slots, said = detect(replace(pizzeria, languages=ALL), monkeypatch, "quiero pedir dos pizzas grandes")
    assert slots == {"language": "es"} and said == []


def test_the_action_keeps_the_language_on_a_dish_name(pizzeria, monkeypatch):
    slots, _ = detect(replace(pizzeria, languages=ALL), monkeypatch, "pepperoni pizza", slots={"language": "es"})
    assert slots == {}


def test_the_action_tells_the_caller_once_when_their_language_is_not_offered(pizzeria, monkeypatch):
    english_only = replace(pizzeria, languages=("en",))
    slots, said = detect(english_only, monkeypatch, "我想点两个披萨")
    assert slots == {"language_not_offered": "zh"}
    assert [m["response"] for m in said] == ["utter_language_not_offered"] and said[0]["offered_languages"] == "English"
    _, again = detect(english_only, monkeypatch, "我想点两个披萨", slots={"language_not_offered": "zh"})
    assert again == []


def test_the_action_leaves_an_explicit_ask_to_the_dialogue(pizzeria, monkeypatch):
    slots, said = detect(replace(pizzeria, languages=("en",)), monkeypatch, "¿habla español?", intent="ask_language")
    assert slots == {"language_not_offered": "es"} and said == []


def test_duckling_is_asked_in_the_language_the_message_is_written_in():
    extractor = LanguageAwareDucklingExtractor({**LanguageAwareDucklingExtractor.get_default_config(), "url": "http://x"})
    assert extractor._payload("明天下午两点", 0)["locale"] == "zh_CN"
    assert extractor._payload("el jueves a las dos de la tarde", 0)["locale"] == "es_ES"
    assert extractor._payload("Thursday at 2", 0)["locale"] == "en_US"


def test_full_width_punctuation_separates_words_even_between_digits():
    assert [t for t, _, _ in tokens("Burger King，12号")] == ["Burger", "King", "12", "号"]
    assert [t for t, _, _ in tokens("我叫Mateo，想11号入住")][:4] == ["我", "叫", "Mateo", "想"]
