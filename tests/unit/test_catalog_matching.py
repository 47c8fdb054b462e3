from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from catalog import Catalog, closest_items, match_item, match_modifier, match_variation, parse_quantity
from catalog.matching import tag

PLAYBOOKS = Path(__file__).parents[2] / "playbooks"


def load_catalog(business_id: str) -> Catalog:
    return Catalog.from_dict(yaml.safe_load((PLAYBOOKS / f"{business_id}.yml").read_text())["catalog"])


PIZZA = load_catalog("tonys-pizzeria")
NOODLE = load_catalog("lucky-noodle")


def test_catalog_reads_prices_as_two_place_decimals():
    pepperoni = PIZZA.item("pepperoni-pizza")
    assert [v.price for v in pepperoni.variations] == [Decimal("11.50"), Decimal("14.00"), Decimal("17.00")]
    assert str(PIZZA.modifier("well-done").price) == "0.00"
    assert PIZZA.item("buffalo-wings").default_variation.id == "wings-6"
    assert PIZZA.item("garlic-knots").default_variation.id == "garlic-knots-6"
    assert PIZZA.item("cheese-pizza").default_variation is None
    assert [m.id for m in PIZZA.modifiers_for(PIZZA.item("caesar-salad"))] == ["ranch", "caesar-dressing", "no-croutons"]
    assert PIZZA.modifier("ranch", PIZZA.item("coke")) is None
    assert PIZZA.item("lobster-roll") is None


@pytest.mark.parametrize(
    "phrase, item_id",
    [
        ("coke", "coke"),
        ("Coke", "coke"),
        ("cokes", "coke"),
        ("coca-cola", "coke"),
        ("diet coke", "diet-coke"),
        ("diet cokes", "diet-coke"),
        ("coke zero", "diet-coke"),
        ("a diet", "diet-coke"),
        ("pepperoni", "pepperoni-pizza"),
        ("pepperoni pizzas", "pepperoni-pizza"),
        ("pepperoni pie", "pepperoni-pizza"),
        ("pepperoni pies", "pepperoni-pizza"),
        ("peperoni", "pepperoni-pizza"),
        ("pepperonni pizza", "pepperoni-pizza"),
        ("pepper only pizza", "pepperoni-pizza"),
        ("veggie", "veggie-pizza"),
        ("vegetarian pizza", "veggie-pizza"),
        ("wings", "buffalo-wings"),
        ("hot wings", "buffalo-wings"),
        ("garlic knots", "garlic-knots"),
        ("ceasar salad", "caesar-salad"),
        ("salad", "caesar-salad"),
        ("cannoli's", "cannoli"),
        ("canolli", "cannoli"),
        ("sprit", "sprite"),
        ("7up", "sprite"),
        ("bottle of water", "water"),
    ],
)
def test_match_item_forgives_plurals_misspellings_and_slips(phrase, item_id):
    assert match_item(phrase, PIZZA).id == item_id


@pytest.mark.parametrize(
    "phrase, item_id",
    [
        ("phad thai", "pad-thai"),
        ("pad thia", "pad-thai"),
        ("pad see you", "pad-see-ew"),
        ("drunk noodles", "drunken-noodles"),
        ("spring roll", "spring-rolls"),
        ("thai tea", "thai-iced-tea"),
    ],
)
def test_match_item_in_the_noodle_bar(phrase, item_id):
    assert match_item(phrase, NOODLE).id == item_id


@pytest.mark.parametrize("phrase", ["pizza", "lobster roll", "pepsi", "hello", "", "coke float", "large"])
def test_match_item_returns_none_for_unknown_or_ambiguous(phrase):
    assert match_item(phrase, PIZZA) is None


def test_exact_name_beats_fuzzy_match():
    mentions = [m for m in tag("a diet coke and a coke", PIZZA) if m.kind == "item"]
    assert [(m.text, m.items[0].id) for m in mentions] == [("diet coke", "diet-coke"), ("coke", "coke")]


def test_can_i_is_not_a_can_of_coke():
    kinds = [m.kind for m in tag("can I get a coke", PIZZA)]
    assert kinds == ["filler", "filler", "filler", "quantity", "item"]


@pytest.mark.parametrize(
    "phrase, modifier_id",
    [
        ("extra cheese", "extra-cheese"),
        ("double cheese", "extra-cheese"),
        ("jalapeños", "jalapenos"),
        ("jalapenos", "jalapenos"),
        ("shrooms", "mushrooms"),
        ("onions", "onions"),
        ("barbecue", "bbq"),
        ("garlic parm", "garlic-parm"),
        ("no croutons", "no-croutons"),
    ],
)
def test_match_modifier(phrase, modifier_id):
    assert match_modifier(phrase, PIZZA).id == modifier_id


def test_match_modifier_only_among_the_items_own():
    assert match_modifier("bbq", PIZZA, PIZZA.item("buffalo-wings")).id == "bbq"
    assert match_modifier("extra cheese", PIZZA, PIZZA.item("buffalo-wings")) is None
    assert match_modifier("prawns", NOODLE, NOODLE.item("pad-thai")).id == "shrimp"
    assert match_modifier("extra spicy", NOODLE).id == "thai-hot"
    assert match_modifier("medium spicy", NOODLE).id == "medium-spicy"


@pytest.mark.parametrize(
    "phrase, item_id, variation_id",
    [
        ("large", "pepperoni-pizza", "pepperoni-pizza-large"),
        ("16 inch", "cheese-pizza", "cheese-pizza-large"),
        ("twelve inch", "veggie-pizza", "veggie-pizza-medium"),
        ("12 piece", "buffalo-wings", "wings-12"),
        ("dozen", "buffalo-wings", "wings-12"),
        ("six", "buffalo-wings", "wings-6"),
        ("2 litre", "coke", "coke-2l"),
        ("bottle", "sprite", "sprite-2l"),
        ("large", "coke", None),
    ],
)
def test_match_variation(phrase, item_id, variation_id):
    found = match_variation(phrase, PIZZA.item(item_id), PIZZA)
    assert (found.id if found else None) == variation_id


@pytest.mark.parametrize(
    "phrase, quantity",
    [("a", 1), ("an", 1), ("one", 1), ("three", 3), ("twelve", 12), ("twenty", 20), ("7", 7),
     ("a couple of", 2), ("couple of", 2), ("dozen", 12), ("lots", None), ("large", None), ("", None)],
)
def test_parse_quantity(phrase, quantity):
    assert parse_quantity(phrase) == quantity


def test_number_words_one_to_twenty():
    words = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen " \
            "sixteen seventeen eighteen nineteen twenty"
    assert [parse_quantity(word) for word in words.split()] == list(range(1, 21))


def test_closest_items_suggests_look_alikes():
    assert [i.name for i in closest_items("lobster roll", NOODLE)] == ["spring rolls"]
    assert {i.id for i in closest_items("ham pizza", PIZZA)} == {"cheese-pizza", "pepperoni-pizza", "veggie-pizza"}
    assert len(closest_items("ham pizza", PIZZA, limit=1)) == 1
    assert closest_items("xyzzy", PIZZA) == []
