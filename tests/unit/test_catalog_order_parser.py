from pathlib import Path

import pytest
import yaml

from catalog import Catalog, OrderUpdate, apply_utterance

PLAYBOOKS = Path(__file__).parents[2] / "playbooks"


def load_catalog(business_id: str) -> Catalog:
    return Catalog.from_dict(yaml.safe_load((PLAYBOOKS / f"{business_id}.yml").read_text())["catalog"])


PIZZA = load_catalog("tonys-pizzeria")
NOODLE = load_catalog("lucky-noodle")


def say(*turns: str, catalog: Catalog = PIZZA, lines: list | None = None) -> OrderUpdate:
    """The update after the last turn, each turn applied to the lines the previous one left."""
    update = OrderUpdate(lines=lines or [], changed=False)
    for turn in turns:
        update = apply_utterance(turn, catalog, update.lines)
    return update


def brief(lines: list[dict]) -> list[tuple]:
    """(quantity, item, variation, modifiers, note) per line: enough to tell any two orders apart."""
    return [(l["quantity"], l["item_id"], l["variation_id"], [m["id"] for m in l["modifiers"]], l["note"]) for l in lines]


# --- whole orders --------------------------------------------------------------------------------


def test_whole_order_in_one_breath():
    update = say("two large pepperoni pizzas, one with extra cheese, and a coke, pickup at 6:30, name's Dana")
    assert update.lines == [
        {
            "item_id": "pepperoni-pizza",
            "name": "pepperoni pizza",
            "variation_id": "pepperoni-pizza-large",
            "variation": "large",
            "quantity": 1,
            "unit_price": "18.50",
            "modifiers": [{"id": "extra-cheese", "name": "extra cheese", "price": "1.50"}],
            "note": "",
        },
        {
            "item_id": "pepperoni-pizza",
            "name": "pepperoni pizza",
            "variation_id": "pepperoni-pizza-large",
            "variation": "large",
            "quantity": 1,
            "unit_price": "17.00",
            "modifiers": [],
            "note": "",
        },
        {
            "item_id": "coke",
            "name": "coke",
            "variation_id": "coke-can",
            "variation": "can",
            "quantity": 1,
            "unit_price": "2.00",
            "modifiers": [],
            "note": "",
        },
    ]
    assert update.changed is True
    assert (update.unknown, update.suggestions, update.removed) == ([], {}, [])


def test_wings_with_sauce_and_counted_cokes():
    update = say("a 12 piece wings with bbq sauce and 3 cokes")
    assert brief(update.lines) == [
        (1, "buffalo-wings", "wings-12", ["bbq"], ""),
        (3, "coke", "coke-can", [], ""),
    ]
    assert [l["unit_price"] for l in update.lines] == ["14.50", "2.00"]


def test_noodles_with_protein_and_spice_after_a_comma():
    update = say("pad see ew with shrimp, thai hot", catalog=NOODLE)
    assert brief(update.lines) == [(1, "pad-see-ew", "pad-see-ew-regular", ["shrimp", "thai-hot"], "")]
    assert update.lines[0]["unit_price"] == "17.00"


def test_single_variation_item_needs_no_size():
    assert brief(say("garlic knots").lines) == [(1, "garlic-knots", "garlic-knots-6", [], "")]


def test_size_before_a_short_name_and_a_dressing():
    update = say("one medium veggie and a caesar salad with ranch")
    assert brief(update.lines) == [
        (1, "veggie-pizza", "veggie-pizza-medium", [], ""),
        (1, "caesar-salad", "caesar-salad-regular", ["ranch"], ""),
    ]


def test_item_without_size_waits_for_one_and_prices_only_its_extras():
    update = say("a cheese pizza with mushrooms")
    assert brief(update.lines) == [(1, "cheese-pizza", None, ["mushrooms"], "")]
    assert (update.lines[0]["variation"], update.lines[0]["unit_price"]) == (None, "1.25")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("a couple of cokes", [(2, "coke", "coke-can", [], "")]),
        ("a dozen wings", [(1, "buffalo-wings", "wings-12", [], "")]),
        ("twelve wings", [(1, "buffalo-wings", "wings-12", [], "")]),
        ("a dozen cokes", [(12, "coke", "coke-can", [], "")]),
        ("six cokes", [(6, "coke", "coke-can", [], "")]),
        ("a 2 liter coke", [(1, "coke", "coke-2l", [], "")]),
        ("a coke bottle", [(1, "coke", "coke-2l", [], "")]),
        ("a 16 inch pepperoni", [(1, "pepperoni-pizza", "pepperoni-pizza-large", [], "")]),
        ("a diet coke and a coke", [(1, "diet-coke", "diet-coke-can", [], ""), (1, "coke", "coke-can", [], "")]),
        ("two cokes and a diet", [(2, "coke", "coke-can", [], ""), (1, "diet-coke", "diet-coke-can", [], "")]),
        ("two peperoni pies", [(2, "pepperoni-pizza", None, [], "")]),
        ("a large pepper only pizza", [(1, "pepperoni-pizza", "pepperoni-pizza-large", [], "")]),
        ("a dite coke", [(1, "diet-coke", "diet-coke-can", [], "")]),
        ("can I get two canolis", [(2, "cannoli", "cannoli-each", [], "")]),
        ("a large cheese pizza, well done", [(1, "cheese-pizza", "cheese-pizza-large", ["well-done"], "")]),
        ("a large veggie with mushrooms and onions",
         [(1, "veggie-pizza", "veggie-pizza-large", ["mushrooms", "onions"], "")]),
    ],
)
def test_counts_sizes_plurals_and_slips(text, expected):
    assert brief(say(text).lines) == expected


def test_chicken_pad_thai_extra_spicy():
    update = say("chicken pad thai extra spicy and 2 thai teas", catalog=NOODLE)
    assert brief(update.lines) == [
        (1, "pad-thai", "pad-thai-regular", ["chicken", "thai-hot"], ""),
        (2, "thai-iced-tea", "thai-iced-tea-regular", [], ""),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "hi",
        "hello, I'd like to place an order for pickup",
        "can I get a pickup order",
        "hi there, this is Dana, I'd like to order for delivery to 412 Main Street",
        "pickup at 6:30, name's Dana",
        "my number is 555 123 4567",
        "yes that's right thank you",
        "no, that's it thanks",
        "what time do you close",
        "I have a question",
        "I want it delivered in 20 minutes",
        "is this Tony's?",
        "lemonade",
    ],
)
def test_filler_changes_nothing_and_is_not_unknown(text):
    update = say(text)
    assert (update.lines, update.changed, update.unknown, update.suggestions) == ([], False, [], {})


# --- corrections ---------------------------------------------------------------------------------


def test_replace_item_keeps_quantity():
    update = say("a large pepperoni and 2 cokes", "make the coke a sprite")
    assert brief(update.lines) == [
        (1, "pepperoni-pizza", "pepperoni-pizza-large", [], ""),
        (2, "sprite", "sprite-can", [], ""),
    ]


@pytest.mark.parametrize(
    "correction",
    ["make it a sprite", "a sprite instead of the coke", "replace the coke with a sprite", "switch the coke to sprite"],
)
def test_replace_item_phrasings(correction):
    update = say("a large pepperoni and 2 cokes", correction)
    assert brief(update.lines)[1] == (2, "sprite", "sprite-can", [], "")


def test_replace_keeps_size_and_the_modifiers_the_new_item_takes():
    update = say("a large pepperoni with mushrooms", "make the pepperoni a veggie")
    assert brief(update.lines) == [(1, "veggie-pizza", "veggie-pizza-large", ["mushrooms"], "")]
    assert update.lines[0]["unit_price"] == "19.25"


@pytest.mark.parametrize(
    "correction, removed",
    [
        ("remove the wings", ["chicken wings"]),
        ("no wings", ["chicken wings"]),
        ("take the wings off", ["chicken wings"]),
        ("I don't want the wings", ["chicken wings"]),
        ("take off the garlic knots", ["garlic knots"]),
        ("cancel the salad", ["caesar salad"]),
        ("remove the wings and the knots", ["chicken wings", "garlic knots"]),
    ],
)
def test_remove_items(correction, removed):
    before = say("a 12 piece wings, garlic knots and a caesar salad")
    update = say(correction, lines=before.lines)
    names = {"buffalo-wings": "chicken wings", "garlic-knots": "garlic knots", "caesar-salad": "caesar salad"}
    assert [names[l["item_id"]] for l in update.lines] == [n for n in names.values() if n not in removed]
    assert update.removed == removed
    assert update.changed is True


def test_remove_one_of_several():
    update = say("three cokes", "remove one coke")
    assert brief(update.lines) == [(2, "coke", "coke-can", [], "")]
    assert update.removed == []


def test_removing_what_was_not_ordered_changes_nothing():
    update = say("a coke", "no wings")
    assert (brief(update.lines), update.changed, update.removed) == ([(1, "coke", "coke-can", [], "")], False, [])


def test_quantity_change_sets_the_total_of_that_item():
    update = say("two large pepperoni pizzas, one with extra cheese, and a coke", "make it three pizzas")
    assert brief(update.lines) == [
        (1, "pepperoni-pizza", "pepperoni-pizza-large", ["extra-cheese"], ""),
        (2, "pepperoni-pizza", "pepperoni-pizza-large", [], ""),
        (1, "coke", "coke-can", [], ""),
    ]


@pytest.mark.parametrize("correction", ["actually make that 2 cokes", "make it two cokes", "make it two"])
def test_quantity_change_phrasings(correction):
    update = say("a large pepperoni and a coke", correction)
    assert brief(update.lines) == [
        (1, "pepperoni-pizza", "pepperoni-pizza-large", [], ""),
        (2, "coke", "coke-can", [], ""),
    ]


def test_variation_change_by_name():
    update = say("two large pepperoni pizzas, one with extra cheese", "change the pepperoni to a medium")
    assert brief(update.lines) == [
        (1, "pepperoni-pizza", "pepperoni-pizza-medium", ["extra-cheese"], ""),
        (1, "pepperoni-pizza", "pepperoni-pizza-medium", [], ""),
    ]
    assert [l["unit_price"] for l in update.lines] == ["15.50", "14.00"]


def test_variation_change_by_category_word():
    update = say("a small cheese pizza and a coke", "make the pizza large")
    assert brief(update.lines) == [(1, "cheese-pizza", "cheese-pizza-large", [], ""), (1, "coke", "coke-can", [], "")]


def test_adding_a_modifier_to_a_named_line_merges_identical_lines():
    update = say("two large pepperoni pizzas, one with extra cheese", "add extra cheese to the pepperoni")
    assert brief(update.lines) == [(2, "pepperoni-pizza", "pepperoni-pizza-large", ["extra-cheese"], "")]


def test_removing_an_added_modifier_from_a_named_line():
    update = say("a large veggie with mushrooms and a coke", "no mushrooms on the veggie")
    assert brief(update.lines) == [(1, "veggie-pizza", "veggie-pizza-large", [], ""), (1, "coke", "coke-can", [], "")]


def test_excluding_a_modifier_that_was_not_added_notes_it():
    update = say("a medium veggie and a coke", "no mushrooms on the veggie")
    assert brief(update.lines)[0] == (1, "veggie-pizza", "veggie-pizza-medium", [], "no mushrooms")


@pytest.mark.parametrize("correction", ["no onions", "hold the onions", "without onions please"])
def test_no_onions_removes_them_if_added(correction):
    update = say("a large veggie with onions and a coke", correction)
    assert brief(update.lines)[0] == (1, "veggie-pizza", "veggie-pizza-large", [], "")


def test_no_onions_is_a_note_on_the_line_that_takes_onions():
    update = say("a large veggie and a coke", "no onions")
    assert brief(update.lines) == [
        (1, "veggie-pizza", "veggie-pizza-large", [], "no onions"),
        (1, "coke", "coke-can", [], ""),
    ]


def test_exclusion_carries_over_and():
    update = say("a large veggie", "no onions and mushrooms")
    assert brief(update.lines) == [(1, "veggie-pizza", "veggie-pizza-large", [], "no onions, no mushrooms")]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("a large cheese pizza cut in squares please", (1, "cheese-pizza", "cheese-pizza-large", [], "cut in squares")),
        ("a coke no ice", (1, "coke", "coke-can", [], "no ice")),
        ("a large pepperoni, no onions", (1, "pepperoni-pizza", "pepperoni-pizza-large", [], "no onions")),
    ],
)
def test_special_requests_become_notes(text, expected):
    assert brief(say(text).lines) == [expected]


def test_note_words_do_not_order_items():
    update = say("a large pepperoni", "easy on the cheese", "no garlic")
    assert brief(update.lines) == [
        (1, "pepperoni-pizza", "pepperoni-pizza-large", [], "easy on the cheese"),
    ]


def test_no_cheese_is_a_note_when_no_cheese_pizza_was_ordered():
    update = say("a large pepperoni", "no cheese")
    assert brief(update.lines) == [(1, "pepperoni-pizza", "pepperoni-pizza-large", [], "no cheese")]


def test_removing_a_modifier_finds_the_line_that_has_it():
    update = say("a medium cheese pizza with extra cheese and a large veggie", "remove the extra cheese")
    assert brief(update.lines) == [
        (1, "cheese-pizza", "cheese-pizza-medium", [], ""),
        (1, "veggie-pizza", "veggie-pizza-large", [], ""),
    ]


def test_make_adds_a_modifier_but_switch_and_instead_replace_within_its_list():
    update = say("pad thai with chicken, thai hot and a green curry", "make it beef", catalog=NOODLE)
    assert brief(update.lines)[1] == (1, "green-curry", "green-curry-regular", ["beef"], "")
    update = say("switch the pad thai to mild", "make the curry with tofu instead", catalog=NOODLE, lines=update.lines)
    assert brief(update.lines) == [
        (1, "pad-thai", "pad-thai-regular", ["chicken", "mild"], ""),
        (1, "green-curry", "green-curry-regular", ["tofu"], ""),
    ]
    assert update.lines[1]["unit_price"] == "15.50"


def test_split_off_part_of_a_line_in_a_later_turn():
    update = say("two large pepperoni pizzas", "one of them with extra cheese")
    assert brief(update.lines) == [
        (1, "pepperoni-pizza", "pepperoni-pizza-large", ["extra-cheese"], ""),
        (1, "pepperoni-pizza", "pepperoni-pizza-large", [], ""),
    ]


@pytest.mark.parametrize("addition", ["add a sprite", "and also a sprite", "one more sprite", "another sprite"])
def test_append_merges_same_item_variation_and_modifiers(addition):
    update = say("a large pepperoni and a sprite", addition)
    assert brief(update.lines) == [
        (1, "pepperoni-pizza", "pepperoni-pizza-large", [], ""),
        (2, "sprite", "sprite-can", [], ""),
    ]


def test_append_new_item_and_different_modifiers_stay_apart():
    update = say("a 12 piece wings with bbq", "and also a cannoli", "and a 12 piece wings with buffalo")
    assert brief(update.lines) == [
        (1, "buffalo-wings", "wings-12", ["bbq"], ""),
        (1, "cannoli", "cannoli-each", [], ""),
        (1, "buffalo-wings", "wings-12", ["buffalo"], ""),
    ]


# --- variation answers ---------------------------------------------------------------------------


@pytest.mark.parametrize("answer", ["large", "make it a large", "a large please", "16 inch", "the big one"])
def test_variation_answer_fills_the_line_missing_one(answer):
    update = say("a cheese pizza and a coke", answer)
    assert brief(update.lines) == [(1, "cheese-pizza", "cheese-pizza-large", [], ""), (1, "coke", "coke-can", [], "")]
    assert update.lines[0]["unit_price"] == "15.00"


def test_variation_answer_fills_the_first_missing_line_only():
    update = say("a cheese pizza and a veggie pizza", "medium")
    assert brief(update.lines) == [
        (1, "cheese-pizza", "cheese-pizza-medium", [], ""),
        (1, "veggie-pizza", None, [], ""),
    ]


def test_bare_size_with_nothing_missing_changes_nothing():
    update = say("a small cheese pizza", "large")
    assert (brief(update.lines), update.changed) == ([(1, "cheese-pizza", "cheese-pizza-small", [], "")], False)


# --- unknown items -------------------------------------------------------------------------------


def test_unknown_item_is_reported_with_suggestions_and_not_added():
    update = say("pad thai", "and a lobster roll", catalog=NOODLE)
    assert brief(update.lines) == [(1, "pad-thai", "pad-thai-regular", [], "")]
    assert (update.unknown, update.suggestions, update.changed) == (["lobster roll"], {"lobster roll": ["spring rolls"]}, False)


def test_unknown_item_without_close_match_has_no_suggestions():
    update = say("and a lobster roll")
    assert (update.lines, update.unknown, update.suggestions) == ([], ["lobster roll"], {})


def test_unknown_next_to_known_items_in_one_utterance():
    update = say("a large ham pizza, a calzone and a coke")
    assert brief(update.lines) == [(1, "coke", "coke-can", [], "")]
    assert update.unknown == ["ham pizza", "calzone"]
    assert set(update.suggestions["ham pizza"]) == {"cheese pizza", "pepperoni pizza", "veggie pizza"}


def test_known_word_glued_to_an_unknown_one_is_unknown():
    update = say("a coke float")
    assert (update.lines, update.unknown) == ([], ["coke float"])


def test_generic_word_alone_orders_nothing():
    update = say("a large pizza")
    assert (update.lines, update.unknown, update.changed) == ([], [], False)


# --- robustness ----------------------------------------------------------------------------------


def test_no_change_reports_unchanged():
    update = say("a coke", "thanks")
    assert update.changed is False


def test_lines_for_items_no_longer_in_the_catalog_are_kept():
    gone = {"item_id": "calzone", "name": "calzone", "variation_id": None, "variation": None,
            "quantity": 1, "unit_price": "9.00", "modifiers": [], "note": ""}
    update = say("and a coke", lines=[gone])
    assert update.lines[0] == gone
    assert brief(update.lines[1:]) == [(1, "coke", "coke-can", [], "")]
