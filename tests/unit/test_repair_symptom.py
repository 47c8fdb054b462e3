"""The symptom kept in the caller's own words, and a quote wanted or not when they say so."""

import pytest

from trades.repair_quote import quote_wanted
from trades.repair_symptom import added_symptom, symptom_in


@pytest.fixture
def repair_catalog(registry):
    return registry.by_id("fixit-repair").catalog


@pytest.mark.parametrize("said, symptom", [
    ("my iphone 12 screen is cracked, can I bring it in tomorrow around 10", "my iphone 12 screen is cracked"),
    ("hi, my laptop won't turn on and I'd like to drop it off friday", "my laptop won't turn on"),
    ("the screen is cracked and also the battery dies really fast",
     "the screen is cracked and also the battery dies really fast"),
    ("my screen is cracked. can I come at 3? also it won't charge", "my screen is cracked ... also it won't charge"),
    ("Hey this is Dana, my macbook keyboard has sticky keys", "my macbook keyboard has sticky keys"),
    ("I dropped my phone in the toilet", "I dropped my phone in the toilet"),
])
def test_the_symptom_is_the_callers_words_about_the_problem(repair_catalog, said, symptom):
    assert symptom_in(said, repair_catalog) == symptom


@pytest.mark.parametrize("said", [
    "I need to book a drop off for my ps5",
    "can you tell me how much first?",
    "how much is a screen replacement",
    "tomorrow at 10",
])
def test_no_symptom_in_booking_or_price_talk(repair_catalog, said):
    assert symptom_in(said, repair_catalog) is None


def test_a_second_problem_adds_to_the_first():
    assert added_symptom("screen is cracked", "also the battery dies fast") == "screen is cracked ... also the battery dies fast"
    assert added_symptom("screen is cracked", "screen is cracked") == "screen is cracked"
    assert added_symptom(None, "it won't charge") == "it won't charge"
    assert added_symptom("it won't charge", None) == "it won't charge"


@pytest.mark.parametrize("said, wanted", [
    ("can you tell me how much first?", "yes"),
    ("yeah give me an estimate first", "yes"),
    ("call me with the price before you start", "yes"),
    ("just fix it", "no"),
    ("no need for a quote, go ahead", "no"),
    ("whatever it costs", "no"),
    ("how much is it", None),
    ("my screen is cracked", None),
])
def test_quote_wanted_when_said(said, wanted):
    assert quote_wanted(said) == wanted


def test_small_talk_before_the_problem_is_left_out(repair_catalog):
    assert symptom_in("hey my ps5 has no picture on the tv, can i drop it off monday at 2pm", repair_catalog) == \
        "my ps5 has no picture on the tv"
    assert symptom_in("hi so uh my laptop won't charge", repair_catalog) == "my laptop won't charge"
