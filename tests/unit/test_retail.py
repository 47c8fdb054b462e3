"""Shop orders against the shelf: reading items in shop talk, stock checks, read-backs and stock answers."""

import pytest

from trades.retail import (asks_for_quote, check_stock, follow_up, names_something, quote_lines, read_back, read_items,
                           said, stock_answer)


@pytest.fixture
def shop(registry):
    return registry.by_id("corner-hardware")


def lines_of(text, shop, lines=None):
    return [(line["item_id"], line["variation"], line["quantity"]) for line in read_items(text, shop.catalog, lines or []).lines]


@pytest.mark.parametrize("text, expected", [
    ("can I get 3 boxes of 3 inch deck screws", [("deck-screws", "3 inch box", 3)]),
    ("a box of 2 and a half inch deck screws", [("deck-screws", "2-1/2 inch box", 1)]),
    ("two gallons of white paint and a roller kit", [("white-interior-paint", "gallon", 2), ("paint-roller-kit", "9 inch", 1)]),
    ("4 16 by 25 by 1 filters", [("furnace-filter", "16x25x1", 4)]),
    ("a 16 by 25 furnace filter", [("furnace-filter", "16x25x1", 1)]),
    ("ten two by fours", [("stud-2x4", "8 foot", 10)]),
    ("hold a dewalt drill for me", [("cordless-drill", "20 volt kit", 1)]),
    ("2 rolls of duct tape and a can of wd 40", [("duct-tape", "roll", 2), ("wd-40", "12 oz can", 1)]),
    ("two 25 ft extension cords", [("extension-cord", "25 foot", 2)]),
    ("I wanna swap my propane tank", [("propane-exchange", "20 lb", 1)]),
])
def test_shop_talk_reads_as_catalog_lines(shop, text, expected):
    assert lines_of(text, shop) == expected


def test_a_size_left_out_is_asked_later_and_a_change_applies_to_the_draft(shop):
    draft = read_items("some white paint", shop.catalog, []).lines
    assert [(line["item_id"], line["variation"]) for line in draft] == [("white-interior-paint", None)]
    draft = read_items("gallon", shop.catalog, draft).lines
    assert lines_of("actually make it three", shop, draft) == [("white-interior-paint", "gallon", 3)]


def test_dimensions_and_hold_words_are_evened_out():
    assert said("a 16 by 25 filter") == "a 16x25 filter"
    assert said("a two by four") == "a 2x4"
    assert said("hold 2 boxes of screws").split() == ["get", "2", "screws"]


def test_read_back_counts_measured_sizes_as_units(shop):
    lines = read_items("2 gallons of white paint, 3 bags of concrete, 2 boxes of 3 inch deck screws, a 50 foot cord",
                       shop.catalog, []).lines
    assert read_back(lines, shop.catalog) == (
        "2 gallons of white interior paint, 3 bags of concrete mix, two 3 inch boxes of deck screws, "
        "one 50 foot extension cord")


def test_items_we_are_out_of_come_off_with_alternatives_of_the_same_kind(shop):
    stocked = check_stock(read_items("a gallon of navy paint and a tape measure", shop.catalog, []).lines, shop.catalog)
    assert [line["item_id"] for line in stocked.lines] == ["tape-measure"]
    (out,) = stocked.out
    assert (out.item_id, out.in_stock) == ("navy-interior-paint", 0)
    assert out.alternatives == ("gray interior paint", "white interior paint")
    assert stocked.short == []


def test_more_than_we_have_is_cut_to_the_count_on_the_shelf(shop):
    stocked = check_stock(read_items("3 cordless drills and 2 rolls of duct tape", shop.catalog, []).lines, shop.catalog)
    assert [(line["item_id"], line["quantity"]) for line in stocked.lines] == [("cordless-drill", 2), ("duct-tape", 2)]
    (short,) = stocked.short
    assert (short.item_id, short.wanted, short.in_stock) == ("cordless-drill", 3, 2)


def test_every_size_of_an_item_shares_its_stock(shop):
    lines = read_items("2 gallons of gray paint and 2 quarts of gray paint", shop.catalog, []).lines
    stocked = check_stock(lines, shop.catalog)
    assert [(line["variation"], line["quantity"]) for line in stocked.lines] == [("gallon", 2), ("quart", 1)]
    assert stocked.short[0].in_stock == 3


def test_an_item_with_no_stock_count_is_not_limited(shop):
    from catalog import Catalog
    menu = Catalog.from_dict({"items": [{"id": "bag", "name": "tote bag", "variations": [{"id": "bag-1", "name": "one", "price": 5}]}]})
    stocked = check_stock([{"item_id": "bag", "name": "tote bag", "quantity": 50, "variation_id": "bag-1",
                            "variation": "one", "unit_price": "5.00", "modifiers": [], "note": ""}], menu)
    assert stocked.lines[0]["quantity"] == 50 and not stocked.short and not stocked.out


@pytest.mark.parametrize("text, response, values", [
    ("do you have 16x25 furnace filters", "utter_retail_stock_in", {"stock_in": "five 16x25x1 furnace filters"}),
    ("got any cordless drills?", "utter_retail_stock_in", {"stock_in": "2 cordless drills"}),
    ("do you have 10 furnace filters", "utter_retail_stock_short", {"stock_in": "5 furnace filters"}),
    ("is the navy blue paint in stock", "utter_retail_stock_out_alternatives",
     {"stock_out": "navy blue interior paint", "stock_alternatives": "gray interior paint or white interior paint"}),
    ("is the utility knife in stock", "utter_retail_stock_out", {"stock_out": "utility knife"}),
    ("do you carry rock salt and duct tape", "utter_retail_stock_mixed",
     {"stock_in": "30 rolls of duct tape", "stock_out": "ice melt"}),
    ("do you have any rebar", "utter_availability_which_item", {}),
])
def test_stock_answer_says_what_is_on_the_shelf(shop, text, response, values):
    answer = stock_answer(shop, text)
    assert (answer.response, answer.values) == (response, values)


def test_a_yes_after_a_stock_question_orders_what_was_asked_in_the_count_said(shop):
    update = follow_up("do you have 50 foot extension cords?", "great, I'll take two", shop.catalog)
    assert [(line["variation"], line["quantity"]) for line in update.lines] == [("50 foot", 2)]
    update = follow_up("do you have 50 foot extension cords?", "yes please", shop.catalog)
    assert [line["quantity"] for line in update.lines] == [1]


def test_quote_words_and_whether_a_message_says_what_to_quote(shop):
    assert asks_for_quote("can you quote me 40 bags of concrete")
    assert asks_for_quote("do you do contractor pricing")
    assert not asks_for_quote("how much is a gallon of paint")
    assert names_something(read_items("40 bags of concrete and rebar for a patio", shop.catalog, []))
    assert not names_something(read_items("I need a quote for a bulk order", shop.catalog, []))


def test_quote_lines_keep_sized_items_we_can_get(shop):
    lines = read_items("40 bags of concrete, some white paint, a gallon of navy paint", shop.catalog, []).lines
    assert [(line["item_id"], line["quantity"]) for line in quote_lines(lines, shop.catalog)] == [("concrete-mix", 40)]
