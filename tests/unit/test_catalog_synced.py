"""A business on an outside POS sells what the POS sells, under the owner's aliases; a bad sync changes nothing."""

import shutil
from pathlib import Path

import yaml

from catalog.synced import overlay
from playbooks import PlaybookRegistry

PLAYBOOKS = Path(__file__).resolve().parents[2] / "playbooks"

OWNER = {
    "modifier_lists": [{"id": "pizza-extras", "name": "Pizza extras", "modifiers": [
        {"id": "extra-cheese", "name": "extra cheese", "price": 1.5, "aliases": ["more cheese"]}]}],
    "items": [
        {"id": "cheese-pizza", "name": "cheese pizza", "category": "Pizza", "aliases": ["plain pizza"],
         "default_variation": "cheese-pizza-large", "modifier_lists": ["pizza-extras"],
         "variations": [{"id": "cheese-pizza-large", "name": "large", "price": 15, "aliases": ["16 inch"]},
                        {"id": "cheese-pizza-small", "name": "small", "price": 10}]},
        {"id": "calzone", "name": "calzone", "variations": [{"id": "calzone-one", "name": "regular", "price": 9}]},
    ],
}

SYNCED = {
    "modifier_lists": [{"id": "MLX1", "name": "Pizza extras", "modifiers": [{"id": "MOD1", "name": "Extra Cheese", "price": 1.75}]}],
    "items": [
        {"id": "ITEM1", "name": "Cheese Pizza", "category": "", "modifier_lists": ["MLX1"],
         "variations": [{"id": "VAR1", "name": "Small", "price": 10.5}, {"id": "VAR2", "name": "Large", "price": 15.5}]},
        {"id": "ITEM2", "name": "Garlic Knots", "category": "Sides", "variations": [{"id": "VAR3", "name": "6 pieces", "price": 5}]},
    ],
}


def test_the_pos_decides_prices_and_pushed_ids_and_the_owner_adds_words():
    merged = overlay(OWNER, SYNCED)
    pizza, knots = merged["items"]
    assert (pizza["id"], pizza["category"], pizza["aliases"]) == ("cheese-pizza", "Pizza", ["plain pizza"])
    assert [(v["id"], v["price"], v.get("aliases")) for v in pizza["variations"]] == [("VAR1", 10.5, None), ("VAR2", 15.5, ["16 inch"])]
    assert pizza["default_variation"] == "VAR2" and pizza["modifier_lists"] == ["MLX1"]
    assert merged["modifier_lists"][0]["modifiers"] == [{"id": "MOD1", "name": "Extra Cheese", "price": 1.75, "aliases": ["more cheese"]}]
    assert knots == SYNCED["items"][1]
    assert "calzone" not in [item["name"] for item in merged["items"]]


def _business_on_square(tmp_path):
    directory = tmp_path / "playbooks"
    directory.mkdir()
    data = yaml.safe_load((PLAYBOOKS / "tonys-pizzeria.yml").read_text())
    data["pos"] = {"provider": "square", "credentials": {"access_token": "TONYS_SQUARE_TOKEN"}, "account": {"location_id": "L1"}}
    (directory / "tonys-pizzeria.yml").write_text(yaml.safe_dump(data))
    shutil.copy(PLAYBOOKS / "schema.yml", directory / "schema.yml")
    synced = tmp_path / "catalogs"
    synced.mkdir()
    return PlaybookRegistry(directory, synced), synced / "tonys-pizzeria.yml"


def test_the_registry_picks_up_a_new_sync_without_a_restart(tmp_path):
    registry, synced = _business_on_square(tmp_path)
    assert registry.by_id("tonys-pizzeria").catalog.item("pepperoni-pizza") is not None
    synced.write_text(yaml.safe_dump({"catalog": SYNCED}))
    catalog = registry.by_id("tonys-pizzeria").catalog
    assert [item.id for item in catalog.items] == ["cheese-pizza", "garlic-knots"]
    assert [v.id for v in catalog.item("cheese-pizza").variations] == ["VAR1", "VAR2"]
    assert "plain pizza" in catalog.item("cheese-pizza").aliases


def test_a_broken_sync_keeps_the_owners_catalog(tmp_path):
    registry, synced = _business_on_square(tmp_path)
    broken = {"items": [{"id": "ITEM1", "name": "x", "modifier_lists": ["NOPE"], "variations": [{"id": "V", "name": "v", "price": 1}]}]}
    synced.write_text(yaml.safe_dump({"catalog": broken}))
    assert registry.by_id("tonys-pizzeria").catalog.item("pepperoni-pizza") is not None


def test_the_house_pos_ignores_synced_files(tmp_path):
    registry = PlaybookRegistry(PLAYBOOKS, tmp_path)
    (tmp_path / "tonys-pizzeria.yml").write_text(yaml.safe_dump({"catalog": SYNCED}))
    assert registry.by_id("tonys-pizzeria").catalog.item("pepperoni-pizza") is not None


def test_sizes_sold_as_separate_products_are_one_item_again():
    synced = {"items": [
        {"id": "501", "name": "cheese pizza (small)", "category": "Pizza", "modifier_lists": ["MLX1"],
         "variations": [{"id": "501", "name": "regular", "price": 10}]},
        {"id": "502", "name": "cheese pizza (large)", "category": "Pizza", "modifier_lists": ["MLX1"],
         "variations": [{"id": "502", "name": "regular", "price": 15}]},
        {"id": "503", "name": "calzone", "variations": [{"id": "503", "name": "regular", "price": 9}]},
    ], "modifier_lists": [{"id": "MLX1", "name": "Pizza extras", "modifiers": [{"id": "601", "name": "extra cheese", "price": 1.5}]}]}
    merged = overlay(OWNER, synced)
    calzone, pizza = merged["items"]
    assert (pizza["id"], pizza["name"], pizza["modifier_lists"], pizza["aliases"]) == ("cheese-pizza", "cheese pizza", ["MLX1"], ["plain pizza"])
    assert [(v["id"], v["name"], v["price"], v.get("aliases")) for v in pizza["variations"]] == [
        ("502", "large", 15, ["16 inch"]), ("501", "small", 10, None)]
    assert pizza["default_variation"] == "502"
    assert calzone["id"] == "calzone" and calzone["variations"][0]["id"] == "503"
