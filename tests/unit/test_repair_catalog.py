"""Matching the caller's symptom to the shop's repair types, priced for their kind of device."""

import pytest

from catalog import Catalog
from trades.repair_catalog import repair_lines, repair_types


@pytest.fixture
def repair_catalog(registry):
    return registry.by_id("fixit-repair").catalog


def names(found):
    return [(item.name, variation.name if variation else None) for item, variation in found]


@pytest.mark.parametrize("symptom, kind, expected", [
    ("my iphone 12 screen is cracked", "phone", [("screen replacement", "phone")]),
    ("the screen is cracekd", "tablet", [("screen replacement", "tablet")]),
    ("battery won't hold a charge", "phone", [("battery replacement", "phone")]),
    ("sticky keys on my laptop", "laptop", [("laptop keyboard replacement", "laptop")]),
    ("dropped it in the pool", "phone", [("water damage diagnostic", "standard")]),
    ("it won't turn on", "laptop", [("diagnostic fee", "standard")]),
    ("the back is cracked", "phone", [("back glass replacement", "phone")]),
    ("no picture, just a black screen", "console", [("console HDMI port repair", "console")]),
    ("my screen is black", "phone", [("screen replacement", "phone")]),
    ("my xbox controller is drifting", "console", [("controller stick drift repair", "controller")]),
])
def test_the_symptom_names_a_repair_type(repair_catalog, symptom, kind, expected):
    assert names(repair_types(symptom, repair_catalog, kind)) == expected


def test_two_problems_are_two_repairs(repair_catalog):
    found = repair_types("my iphone won't charge and the screen is cracked", repair_catalog, "phone")
    assert names(found) == [("screen replacement", "phone"), ("charging port repair", "phone")]


def test_a_repair_priced_for_other_devices_does_not_fit(repair_catalog):
    assert repair_types("the keyboard is broken", repair_catalog, "phone") == []
    assert repair_types("screen cracked", repair_catalog, "car") == []


def test_nothing_named_is_no_repair(repair_catalog):
    assert repair_types("it makes a weird noise", repair_catalog, "console") == []


def test_lines_carry_the_price_for_the_device(repair_catalog):
    assert repair_lines("screen is cracked", repair_catalog, "laptop") == [{
        "item_id": "screen-replacement", "name": "screen replacement", "quantity": 1, "unit_price": "219.00",
        "variation_id": "screen-laptop", "variation": "laptop",
    }]
    assert repair_lines("screen is cracked", repair_catalog, None) == []


def test_an_auto_shop_catalog_reads_the_same_way():
    garage = Catalog.from_dict({"items": [
        {"id": "brakes", "name": "brake pad replacement", "aliases": ["brakes squeal", "grinding when i brake"],
         "variations": [{"id": "brakes-car", "name": "car", "price": 180},
                        {"id": "brakes-truck", "name": "truck", "aliases": ["suv"], "price": 240}]},
    ]})
    assert names(repair_types("the brakes squeal on my 2015 civic", garage, "car")) == [("brake pad replacement", "car")]
    assert names(repair_types("my truck brakes squeal", garage, "car")) == [("brake pad replacement", "truck")]
