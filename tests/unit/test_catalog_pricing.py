from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from catalog import Catalog, apply_utterance, line_total, order_total, price_of

PLAYBOOKS = Path(__file__).parents[2] / "playbooks"


def load_catalog(business_id: str) -> Catalog:
    return Catalog.from_dict(yaml.safe_load((PLAYBOOKS / f"{business_id}.yml").read_text())["catalog"])


PIZZA = load_catalog("tonys-pizzeria")
NOODLE = load_catalog("lucky-noodle")
WHOLE_ORDER = apply_utterance("two large pepperoni pizzas, one with extra cheese, and a coke", PIZZA, []).lines


def test_line_total_is_unit_price_times_quantity():
    line = apply_utterance("three 12 piece wings with bbq", PIZZA, []).lines[0]
    assert line_total(line) == Decimal("43.50")
    assert str(line_total(line)) == "43.50"


def test_order_total_adds_modifiers_and_variations():
    assert order_total(WHOLE_ORDER) == Decimal("37.50")
    assert [line_total(line) for line in WHOLE_ORDER] == [Decimal("18.50"), Decimal("17.00"), Decimal("2.00")]


def test_order_total_of_nothing_is_zero_with_cents():
    assert str(order_total([])) == "0.00"


def test_noodle_order_total():
    lines = apply_utterance("pad see ew with shrimp, thai hot and a drunken noodles with beef", NOODLE, []).lines
    assert order_total(lines) == Decimal("34.00")


def test_price_of_the_large_of_the_item_most_recently_ordered():
    lines = apply_utterance("a medium veggie and a small cheese pizza", PIZZA, []).lines
    assert price_of("how much is the large?", PIZZA, lines) == [("large cheese pizza", Decimal("15.00"))]


def test_price_of_a_size_with_nothing_ordered_lists_every_item_in_that_size():
    assert price_of("how much is a large?", PIZZA, []) == [
        ("large cheese pizza", Decimal("15.00")),
        ("large pepperoni pizza", Decimal("17.00")),
        ("large veggie pizza", Decimal("18.00")),
    ]


@pytest.mark.parametrize(
    "question, answer",
    [
        ("how much are wings?", [("6 piece chicken wings", Decimal("8.00")), ("12 piece chicken wings", Decimal("14.50"))]),
        (
            "what does a pepperoni pizza cost",
            [
                ("small pepperoni pizza", Decimal("11.50")),
                ("medium pepperoni pizza", Decimal("14.00")),
                ("large pepperoni pizza", Decimal("17.00")),
            ],
        ),
        ("how much is a large pepperoni with extra cheese", [("large pepperoni pizza with extra cheese", Decimal("18.50"))]),
        ("how much for a dozen wings", [("12 piece chicken wings", Decimal("14.50"))]),
        ("how much are the garlic knots", [("garlic knots", Decimal("5.00"))]),
        ("how much is extra cheese", [("extra cheese", Decimal("1.50"))]),
        ("what's my total", []),
        ("how much is a lobster roll", []),
    ],
)
def test_price_of(question, answer):
    assert price_of(question, PIZZA, WHOLE_ORDER) == answer


def test_price_of_with_a_protein_that_costs_extra():
    assert price_of("how much is pad thai with shrimp", NOODLE, []) == [("pad thai with shrimp", Decimal("17.00"))]
