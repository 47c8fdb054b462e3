"""The history's "what changed" lines, from two parsed playbooks."""

import yaml

from editor.changes import MAX_LINES, changed_fields
from tests.unit.conftest import PLAYBOOKS


def test_a_price_is_named_by_item_and_variation_id_with_both_values():
    before = yaml.safe_load((PLAYBOOKS / "tonys-pizzeria.yml").read_text())
    after = yaml.safe_load((PLAYBOOKS / "tonys-pizzeria.yml").read_text())
    item = next(item for item in after["catalog"]["items"] if item["id"] == "pepperoni-pizza")
    large = next(variation for variation in item["variations"] if variation["name"] == "large")
    old_price = large["price"]
    large["price"] = old_price + 1
    assert changed_fields(before, after) == [
        f"catalog.items[pepperoni-pizza].variations[{large['id']}].price: {old_price} → {old_price + 1}"]


def test_added_removed_and_changed_fields_each_get_a_line():
    before = {"name": "Tony's", "transfer": {"default": "+15550001"}, "address": "1 Main St"}
    after = {"name": "Tony's", "transfer": {"default": "+15550002", "notify": "+15550003"}}
    assert changed_fields(before, after) == [
        "transfer.default: +15550001 → +15550002",
        "transfer.notify: added +15550003",
        "address: removed",
    ]


def test_entries_with_ids_are_matched_by_id_so_an_insert_is_one_line():
    before = {"items": [{"id": "a", "price": 1}, {"id": "b", "price": 2}]}
    after = {"items": [{"id": "new", "price": 5}, {"id": "a", "price": 1}, {"id": "b", "price": 3}]}
    assert changed_fields(before, after) == ["items[b].price: 2 → 3", "items[new]: added"]


def test_lists_without_ids_are_compared_whole_and_reordering_is_said():
    assert changed_fields({"hours": {"mon": ["09:00-17:00"]}}, {"hours": {"mon": ["10:00-17:00"]}}) == [
        'hours.mon: ["09:00-17:00"] → ["10:00-17:00"]']
    assert changed_fields({"x": [{"id": "a"}, {"id": "b"}]}, {"x": [{"id": "b"}, {"id": "a"}]}) == ["x: reordered"]


def test_equal_documents_have_no_changes_and_long_lists_are_cut():
    assert changed_fields({"a": 1}, {"a": 1}) == []
    lines = changed_fields({f"k{i}": i for i in range(50)}, {f"k{i}": i + 1 for i in range(50)})
    assert len(lines) == MAX_LINES and lines[-1] == f"… and {50 - MAX_LINES + 1} more changes"
