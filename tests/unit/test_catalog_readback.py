from pathlib import Path

import pytest
import yaml

from catalog import Catalog, apply_utterance, missing_variation, read_back, variation_choices

PLAYBOOKS = Path(__file__).parents[2] / "playbooks"


def load_catalog(business_id: str) -> Catalog:
    return Catalog.from_dict(yaml.safe_load((PLAYBOOKS / f"{business_id}.yml").read_text())["catalog"])


PIZZA = load_catalog("tonys-pizzeria")
NOODLE = load_catalog("lucky-noodle")


def order(text: str, catalog: Catalog = PIZZA) -> list[dict]:
    return apply_utterance(text, catalog, []).lines


def test_read_back_groups_lines_of_one_item_and_size():
    lines = order("two large pepperoni pizzas, one with extra cheese, and a coke")
    assert read_back(lines, catalog=PIZZA) == "2 large pepperoni pizzas (1 with extra cheese), 1 coke"


def test_read_back_without_the_catalog_says_every_variation():
    lines = order("two large pepperoni pizzas, one with extra cheese, and a coke")
    assert read_back(lines) == "2 large pepperoni pizzas (1 with extra cheese), 1 can coke"


@pytest.mark.parametrize(
    "text, spoken",
    [
        ("3 cokes", "3 cokes"),
        ("a 12 piece wings with bbq", "one 12 piece chicken wings with bbq"),
        ("two 2 liter sprites", "two 2 liter sprites"),
        ("a large veggie with mushrooms and onions, no olives",
         "1 large veggie pizza with mushrooms and onions (no black olives)"),
        ("a cheese pizza", "1 cheese pizza"),
        ("garlic knots, a caesar salad with ranch and two cannolis",
         "1 garlic knots, 1 caesar salad with ranch, 2 cannolis"),
    ],
)
def test_read_back_phrasing(text, spoken):
    assert read_back(order(text), catalog=PIZZA) == spoken


def test_read_back_group_with_notes_and_modifiers():
    lines = order("three large veggie pizzas")
    lines = apply_utterance("one with mushrooms", PIZZA, lines).lines
    lines = apply_utterance("and a large veggie cut in squares", PIZZA, lines).lines
    assert read_back(lines, catalog=PIZZA) == "4 large veggie pizzas (1 with mushrooms; 1 cut in squares)"


def test_read_back_of_noodles_and_empty_order():
    lines = order("pad see ew with shrimp, thai hot and 2 thai teas", NOODLE)
    assert read_back(lines, catalog=NOODLE) == "1 pad see ew with shrimp and thai hot, 2 thai iced teas"
    assert read_back([]) == ""


def test_unknown_language_falls_back_to_english():
    lines = order("3 cokes")
    assert read_back(lines, language="xx", catalog=PIZZA) == read_back(lines, catalog=PIZZA)


def test_missing_variation_finds_the_first_line_without_a_size():
    lines = order("a coke, a cheese pizza and a veggie pizza")
    position, item = missing_variation(lines, PIZZA)
    assert (position, item.id) == (1, "cheese-pizza")
    assert missing_variation(order("a coke and a large cheese pizza"), PIZZA) is None
    assert missing_variation([], PIZZA) is None


def test_variation_choices():
    assert variation_choices(PIZZA.item("cheese-pizza")) == "small, medium or large"
    assert variation_choices(PIZZA.item("buffalo-wings")) == "6 piece or 12 piece"
    assert variation_choices(PIZZA.item("garlic-knots")) == "regular"
