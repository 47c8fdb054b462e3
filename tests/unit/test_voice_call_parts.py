"""The parts a phone call is made of: speech hints, the voice per language, yes/no as callers say it, the TwiML
documents, and the one-line summary staff get."""

import dataclasses
from xml.etree import ElementTree

import pytest

from connectors.speech_hints import MAX_HINT_CHARS, speech_hints
from connectors.spoken_answers import yes_or_no
from connectors.voice_persona import persona_for
from connectors.voice_twiml import Listening, goodbye, listen, put_through, refuse
from handoff import conversation_summary
from playbooks.model import Channels


def test_hints_carry_the_catalog_and_staff_names_a_speech_model_would_miss(registry):
    noodle = speech_hints(registry.by_id("lucky-noodle")).split(", ")
    assert "pad see ew" in noodle and len(noodle) == len({hint.lower() for hint in noodle})
    salon = speech_hints(registry.by_id("bella-salon")).split(", ")
    assert {"Maria", "Derek", "Alisha", "Lena"} <= set(salon) and "haircut" in salon
    assert all(0 < len(hint) <= MAX_HINT_CHARS and "," not in hint for hint in noodle + salon)


def test_the_owners_extra_hints_come_first_and_overlong_ones_are_dropped(pizzeria):
    owned = dataclasses.replace(pizzeria, channels=Channels(extra_hints=("Tony's special, the big one", "x" * 101)))
    hints = speech_hints(owned).split(", ")
    assert hints[0] == "Tony's special the big one" and "x" * 101 not in hints


def test_the_voice_follows_the_conversation_language_when_the_business_speaks_it(pizzeria):
    assert persona_for(pizzeria, "en").voice == "Polly.Joanna-Neural"
    assert persona_for(dataclasses.replace(pizzeria, languages=("en",)), "zh").listen_language == "en-US"
    trilingual = dataclasses.replace(pizzeria, languages=("en", "es", "zh"), channels=Channels(voices={"es": "Polly.Mia-Neural"}))
    assert persona_for(trilingual, "es").voice == "Polly.Mia-Neural" and persona_for(trilingual, "es").listen_language == "es-US"
    assert persona_for(trilingual, "zh").listen_language == "cmn-Hans-CN"


@pytest.mark.parametrize("said, digits, answer", [
    ("Yes.", "", True), ("yeah", "", True), ("that's right", "", True), ("Sí", "", True), ("对的", "", True),
    ("需要", "", True), ("No thanks", "", False), ("nope", "", False), ("不用", "", False), ("no gracias", "", False),
    ("", "1", True), ("", "2", False), ("two pizzas", "", None), ("yes but make it three", "", None), ("", "", None),
])
def test_yes_and_no_as_callers_say_them(said, digits, answer):
    assert yes_or_no(said, digits) is answer


def test_listening_nests_what_is_said_in_a_gather_for_speech_and_one_key(pizzeria):
    persona = persona_for(pizzeria, "en")
    document = ElementTree.fromstring(listen(["Hi there & welcome.", " "], persona, Listening("https://a.test/g?heard=x", "cheese pizza", 5)))
    gather = document.find("Gather")
    assert gather.attrib == {
        "action": "https://a.test/g?heard=x", "method": "POST", "actionOnEmptyResult": "true", "language": "en-US",
        "speechTimeout": "auto", "timeout": "5", "numDigits": "1", "bargeIn": "true", "input": "speech dtmf",
        "hints": "cheese pizza",
    }
    assert [(say.text, say.get("voice")) for say in gather.findall("Say")] == [("Hi there & welcome.", "Polly.Joanna-Neural")]


def test_putting_through_shows_the_callers_number_and_reports_back(pizzeria):
    document = ElementTree.fromstring(
        put_through(["One moment."], persona_for(pizzeria, "en"), "+15005550189", "+14155550100", 20, "https://a.test/d",
                    "https://a.test/w?call=CA1"))
    dial = document.find("Dial")
    assert document.find("Say").text == "One moment."
    assert dial.get("callerId") == "+14155550100" and dial.get("timeout") == "20" and dial.get("action") == "https://a.test/d"
    assert dial.find("Number").text == "+15005550189" and dial.find("Number").get("url") == "https://a.test/w?call=CA1"


def test_goodbye_hangs_up_and_a_blocked_call_is_rejected_unanswered(pizzeria):
    assert [child.tag for child in ElementTree.fromstring(goodbye(["Bye!"], persona_for(pizzeria, "en")))] == ["Say", "Hangup"]
    assert ElementTree.fromstring(refuse()).find("Reject").get("reason") == "rejected"


def test_the_staff_summary_reads_the_request_in_its_own_order():
    slots = {
        "order_summary": "2 large pepperoni pizzas", "order_items": [{"id": "x"}], "fulfillment": "pickup",
        "pickup_time": "2026-11-29T19:00:00-05:00", "pickup_time_spoken": "today at 7:00 PM", "customer_name": None,
        "confirmed": False, "business_name": "Tony's",
    }
    form = ["order_items", "fulfillment", "pickup_time", "customer_name", "confirmed"]
    assert conversation_summary(slots, form) == "2 large pepperoni pizzas; fulfillment: pickup; pickup time: today at 7:00 PM"
    assert conversation_summary({}, form) == ""
