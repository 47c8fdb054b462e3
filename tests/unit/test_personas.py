"""The persona catalog, a playbook's `persona:` block, the voice a call uses and the greeting a new customer gets."""

import dataclasses
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml
from rasa.shared.core.domain import Domain

from connectors.voice_persona import DEFAULT_PERSONAS, persona_for
from languages import SUPPORTED
from languages.responses import LanguageResponses
from playbooks import PlaybookError, PlaybookRegistry, load_playbook
from playbooks.model import Channels
from playbooks.personas import CATALOG_PATH, PersonaChoice, catalog, greeting_problem

ROOT = Path(__file__).resolve().parents[2]
PLAYBOOKS = ROOT / "playbooks"
DOMAIN = Domain.load(str(ROOT / "domain"))
# The voices the catalog may use, with locale and gender as Twilio's text-to-speech voice list gives them.
TWILIO_VOICES = {
    "Polly.Joanna-Neural": ("en-US", "female"), "Polly.Matthew-Neural": ("en-US", "male"),
    "Polly.Ruth-Neural": ("en-US", "female"), "Polly.Stephen-Neural": ("en-US", "male"),
    "Polly.Kendra-Neural": ("en-US", "female"), "Polly.Gregory-Neural": ("en-US", "male"),
    "Polly.Danielle-Neural": ("en-US", "female"), "Polly.Joey-Neural": ("en-US", "male"),
    "Polly.Amy-Neural": ("en-GB", "female"), "Polly.Brian-Neural": ("en-GB", "male"),
    "Google.en-US-Neural2-F": ("en-US", "female"), "Google.en-US-Neural2-J": ("en-US", "male"),
    "Polly.Lupe-Neural": ("es-US", "female"), "Polly.Pedro-Neural": ("es-US", "male"),
    "Polly.Mia-Neural": ("es-MX", "female"), "Polly.Andres-Neural": ("es-MX", "male"),
    "Polly.Lucia-Neural": ("es-ES", "female"), "Polly.Sergio-Neural": ("es-ES", "male"),
    "Google.es-US-Neural2-A": ("es-US", "female"), "Google.es-US-Neural2-B": ("es-US", "male"),
    "Google.es-US-Neural2-C": ("es-US", "male"),
    "Polly.Zhiyu-Neural": ("cmn-CN", "female"), "Google.cmn-CN-Wavenet-A": ("cmn-CN", "female"),
    "Google.cmn-CN-Wavenet-B": ("cmn-CN", "male"), "Google.cmn-CN-Wavenet-C": ("cmn-CN", "male"),
    "Google.cmn-CN-Wavenet-D": ("cmn-CN", "female"),
}
TWILIO_NAME = re.compile(r"^(Polly\.[A-Z][a-z]+-Neural|Google\.(?P<locale>[a-z]{2,3}-[A-Z]{2})-(Neural2|Wavenet)-[A-Z])$")
LOCALE_LANGUAGE = {"en": "en", "es": "es", "cmn": "zh"}
TONES = {"warm", "upbeat", "calm", "formal", "brisk"}
CJK = re.compile(r"[\u4e00-\u9fff]")


def test_the_catalog_has_at_least_twenty_personas_and_four_in_each_language():
    entries = yaml.safe_load(CATALOG_PATH.read_text(encoding="utf-8"))["personas"]
    assert len(entries) == len(catalog()) >= 20, "persona ids must be unique"
    per_language = Counter(persona.language for persona in catalog().values())
    assert set(per_language) == set(SUPPORTED) and min(per_language.values()) >= 4, per_language


@pytest.mark.parametrize("persona", catalog().values(), ids=lambda persona: persona.id)
def test_each_persona_is_a_documented_twilio_voice_in_its_own_locale(persona):
    name = TWILIO_NAME.match(persona.voice)
    assert name and persona.voice in TWILIO_VOICES, f"{persona.voice} is not a Twilio-documented voice"
    assert TWILIO_VOICES[persona.voice] == (persona.locale, persona.gender)
    assert name.group("locale") in (None, persona.locale)
    assert LOCALE_LANGUAGE[persona.locale.split("-")[0]] == persona.language
    assert persona.say_language == persona.locale
    assert persona.listen_language == ("cmn-Hans-CN" if persona.locale == "cmn-CN" else persona.locale)
    assert persona.tone in TONES and persona.description


@pytest.mark.parametrize("persona", catalog().values(), ids=lambda persona: persona.id)
def test_each_greeting_names_the_business_in_its_own_language(persona):
    assert "{business_name}" in persona.greeting and greeting_problem(persona.greeting) is None
    assert bool(CJK.search(persona.greeting)) == (persona.language == "zh")
    assert "calling" not in persona.greeting.lower(), "greetings are used on text channels too"


def test_the_default_personas_are_in_the_catalog_in_their_language():
    assert {language: catalog()[persona_id].language for language, persona_id in DEFAULT_PERSONAS.items()} == {
        language: language for language in SUPPORTED}


@pytest.mark.parametrize("text, problem", [
    ("Hi, {business_name} here!", None),
    ("Welcome to Tony's!", None),
    ("Hi {customer_name}, welcome to {business_name}", "{customer_name}"),
    ("Hi {business_name", "{"),
    ("Hi } there", "}"),
])
def test_a_greeting_may_only_use_the_business_name_placeholder(text, problem):
    found = greeting_problem(text)
    assert found is None if problem is None else problem in found


def _pizzeria_with(tmp_path, persona_block, extra=""):
    """Tony's playbook with another persona block (and anything else before the catalog)."""
    original = (PLAYBOOKS / "tonys-pizzeria.yml").read_text(encoding="utf-8")
    start, end = original.index("\npersona:\n"), original.index("\ncatalog:")
    path = tmp_path / "tonys-pizzeria.yml"
    path.write_text(original[:start] + "\n" + persona_block + extra + original[end:], encoding="utf-8")
    return path


def _problems(path):
    with pytest.raises(PlaybookError) as raised:
        load_playbook(path)
    return {problem.field: problem for problem in raised.value.problems}


def _line_of(path, text):
    return next(number for number, line in enumerate(path.read_text().splitlines(), 1) if text in line)


def test_persona_mistakes_are_reported_with_file_line_and_field(tmp_path):
    path = _pizzeria_with(tmp_path, "persona:\n"
                                    "  en: {voice: joana-warm}\n"
                                    "  es: {voice: joanna-warm}\n"
                                    "  zh: {voice: zhiyu-calm, greeting: \"您好{name}\"}")
    problems = _problems(path)
    assert set(problems) == {"persona.en.voice", "persona.es.voice", "persona.zh.greeting"}
    assert "joanna-warm" in problems["persona.en.voice"].message
    assert "speaks en, not es" in problems["persona.es.voice"].message
    assert "{name}" in problems["persona.zh.greeting"].message
    assert all(problem.file == str(path) for problem in problems.values())
    assert problems["persona.en.voice"].line == _line_of(path, "joana-warm")
    assert problems["persona.zh.greeting"].line == _line_of(path, "您好{name}")


def test_the_schema_refuses_unknown_languages_and_a_persona_without_a_voice(tmp_path):
    path = _pizzeria_with(tmp_path, "persona:\n  fr: {voice: joanna-warm}\n  en: {greeting: \"Hi!\"}")
    problems = _problems(path)
    assert "persona" in problems and "persona.en" in problems
    assert "voice" in problems["persona.en"].message and problems["persona.en"].line == _line_of(path, '{greeting: "Hi!"}')


def test_a_persona_for_a_language_the_business_does_not_speak_is_refused(tmp_path):
    path = _pizzeria_with(tmp_path, "persona:\n  zh: {voice: zhiyu-calm}")
    path.write_text(path.read_text().replace("languages: [en, es, zh]", "languages: [en, es]"))
    problem = _problems(path)["persona.zh"]
    assert "languages" in problem.message and problem.line == _line_of(path, "zhiyu-calm")


def test_a_call_uses_the_chosen_personas_voice_and_languages(registry):
    inn = registry.by_id("harbor-inn")
    assert dataclasses.astuple(persona_for(inn, "en")) == ("Polly.Amy-Neural", "en-GB", "en-GB")
    assert dataclasses.astuple(persona_for(inn, "es")) == ("Google.es-US-Neural2-B", "es-US", "es-US")
    assert dataclasses.astuple(persona_for(inn, "zh")) == ("Google.cmn-CN-Wavenet-B", "cmn-CN", "cmn-Hans-CN")
    plain = dataclasses.replace(inn, persona={})
    assert dataclasses.astuple(persona_for(plain, "zh")) == ("Polly.Zhiyu-Neural", "cmn-CN", "cmn-Hans-CN")
    legacy = dataclasses.replace(inn, channels=Channels(voices={"en": "Polly.Brian-Neural"}))
    assert dataclasses.astuple(persona_for(legacy, "en")) == ("Polly.Brian-Neural", "en-GB", "en-GB")


def test_the_demo_businesses_each_pick_a_persona_in_every_language_they_speak(registry):
    playbooks = registry.load_all()
    assert all(set(playbook.persona) == set(playbook.languages) for playbook in playbooks)
    english = {playbook.persona["en"].persona.voice for playbook in playbooks}
    assert len(english) == len(playbooks), "each demo business sounds different in English"


GREETINGS = ("persona:\n"
             "  en: {voice: joanna-upbeat, greeting: \"Ciao! {business_name} here, what are we baking for you?\"}\n"
             "  es: {voice: lupe-upbeat}")


@pytest.fixture
def greeter(tmp_path):
    """The NLG endpoint over the real domain, with Tony's picking an English greeting and a Spanish persona only."""
    _pizzeria_with(tmp_path, GREETINGS)
    return LanguageResponses(domain=DOMAIN, registry=PlaybookRegistry(tmp_path))


def _greeting(greeter, language, **slots):
    filled = {"language": language, "business_id": "tonys-pizzeria", "business_name": "Tony's Pizzeria",
              "business_known": True, "known_caller": None, "returning_customer": None, **slots}
    return greeter.generate_from_slots("utter_greet", filled, "twilio_voice")["text"]


def test_a_new_customer_is_greeted_with_the_owners_greeting_or_the_personas_in_each_language(greeter):
    assert _greeting(greeter, "en") == "Ciao! Tony's Pizzeria here, what are we baking for you?"
    assert _greeting(greeter, "es") == catalog()["lupe-upbeat"].greeting.format(business_name="Tony's Pizzeria")
    assert _greeting(greeter, "zh") == "您好，感谢您联系Tony's Pizzeria！今天有什么可以帮您？"


def test_returning_customers_and_unknown_businesses_keep_the_domains_greeting(greeter):
    assert _greeting(greeter, "en", known_caller=True, returning_customer="Sam").startswith("Hi Sam, welcome back")
    assert _greeting(greeter, "es", known_caller=True, returning_customer="Ana").startswith("¡Hola, Ana!")
    assert _greeting(greeter, "en", business_known=False, business_id="nobody").startswith("Hi! I'm not sure which business")
    choice = PersonaChoice("joanna-upbeat")
    assert choice.new_customer_greeting == catalog()["joanna-upbeat"].greeting
