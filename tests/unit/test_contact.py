import pytest

from ordering.contact import clean_name, normalise_phone, region_of
from ordering.fulfillment import detect, wants_asap


@pytest.mark.parametrize("said, name", [
    ("it's dana", "Dana"),
    ("Miguel Hernandez", "Miguel Hernandez"),
    ("name's Jo", "Jo"),
    ("my name is Priya Patel please", "Priya Patel"),
    ("under Chen", "Chen"),
    ("O'Brien", "O'Brien"),
])
def test_names(said, name):
    assert clean_name(said) == name


@pytest.mark.parametrize("said", ["", "it's 555 1234", "I want two large pizzas with extra cheese please thanks"])
def test_not_names(said):
    assert clean_name(said) is None


@pytest.mark.parametrize("said, phone", [
    ("555 201 3344", "+15552013344"),
    ("it's 415-555-0199", "+14155550199"),
    ("call me at (415) 555 0199", "+14155550199"),
    ("+44 20 7183 8750", "+442071838750"),
])
def test_phones(said, phone):
    assert normalise_phone(said) == phone


def test_not_a_phone():
    assert normalise_phone("12") is None
    assert normalise_phone("two large pizzas") is None


def test_region_comes_from_the_business_number():
    assert region_of(["+442071838750"]) == "GB"
    assert region_of([]) == "US"


@pytest.mark.parametrize("said, kind", [
    ("for pickup", "pickup"), ("I'll pick it up", "pickup"), ("delivery please", "delivery"),
    ("can you deliver", "delivery"), ("carryout", "pickup"), ("two pizzas", None),
])
def test_fulfillment_words(said, kind):
    assert detect(said) == kind


def test_entity_wins_and_asap():
    assert detect("whatever", "delivery") == "delivery"
    assert wants_asap("as soon as possible please") and wants_asap("ASAP") and not wants_asap("at 6")
