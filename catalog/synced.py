"""A catalog pulled from the POS, with the owner's words laid over it.

The POS decides what is sold, at what price, under which ids (so pushed ids match). The owner's playbook
adds what a POS does not know: the other ways callers say things (aliases, names in other languages),
durations, descriptions.
An owner's entry attaches to the POS entry with the same id or, failing that, the same name; a matched item
keeps the owner's id, so the rest of the playbook (staff services, rooms) still points at it, while its
variations and modifiers carry the POS's ids, which are what every adapter pushes.

POS systems whose products are single-priced (Epos Now, Revel, some Clover menus) sell each size as its own
product, "pepperoni pizza (large)". Where the owner's playbook lists that item with those sizes, the products
are put back together as one item whose variations are the products, so "two large pepperoni" still reads.
"""

from typing import Any, Dict, List, Optional

OWNER_WORDS = ("aliases", "names")
OWNER_ITEM_FIELDS = ("aliases", "names", "description", "duration_minutes", "turnaround_minutes", "inventory", "max_guests")


def _key(name: str) -> str:
    return " ".join(str(name).lower().split())


def _match(entry: Dict[str, Any], owner_entries: List[Dict[str, Any]]) -> Optional[Dict[str, Any]]:
    by_id = next((owned for owned in owner_entries if owned["id"] == entry["id"]), None)
    return by_id or next((owned for owned in owner_entries if _key(owned["name"]) == _key(entry["name"])), None)


def _with_aliases(entries: List[Dict[str, Any]], owner_entries: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """The POS's entries carrying the owner's aliases and names in other languages."""
    merged = []
    for entry in entries:
        owned = _match(entry, owner_entries) or {}
        merged.append({**entry, **{words: owned[words] for words in OWNER_WORDS if owned.get(words)}})
    return merged


def _regrouped(owner_items: List[Dict[str, Any]], synced_items: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """Single-variation products named "<owner item> (<owner size>)" become one item with a variation per size."""
    single = {_key(item["name"]): item for item in synced_items if len(item["variations"]) == 1}
    grouped, taken = [], set()
    for owned in owner_items:
        sizes = [(variation, single.get(_key(f"{owned['name']} ({variation['name']})"))) for variation in owned.get("variations") or []]
        found = [(variation, product) for variation, product in sizes if product is not None]
        if len(found) < 2:
            continue
        first = found[0][1]
        grouped.append({
            **{name: value for name, value in first.items() if name not in ("id", "name", "variations", "stock")},
            "id": first["id"], "name": owned["name"],
            "variations": [{**product["variations"][0], "name": variation["name"]} for variation, product in found],
        })
        taken.update(product["id"] for _variation, product in found)
    return [item for item in synced_items if item["id"] not in taken] + grouped


def overlay(owner: Dict[str, Any], synced: Dict[str, Any]) -> Dict[str, Any]:
    """The synced catalog carrying the owner's aliases, names and service facts; owner items the POS lacks are dropped."""
    owner_lists = owner.get("modifier_lists") or []
    modifier_lists = []
    for synced_list in synced.get("modifier_lists") or []:
        owned = _match(synced_list, owner_lists)
        modifier_lists.append({**synced_list, "modifiers": _with_aliases(synced_list["modifiers"], (owned or {}).get("modifiers") or [])})
    items = []
    for synced_item in _regrouped(owner.get("items") or [], synced["items"]):
        owned = _match(synced_item, owner.get("items") or []) or {}
        item = {**synced_item, "id": owned.get("id", synced_item["id"])}
        for name in OWNER_ITEM_FIELDS:
            if name in owned and name not in item:
                item[name] = owned[name]
        if not item.get("category") and owned.get("category"):
            item["category"] = owned["category"]
        item["variations"] = _with_aliases(synced_item["variations"], owned.get("variations") or [])
        default = next((v for v in owned.get("variations") or [] if v["id"] == owned.get("default_variation")), None)
        chosen = _match(default, item["variations"]) if default else None
        if chosen:
            item["default_variation"] = chosen["id"]
        items.append(item)
    return {"items": items, "modifier_lists": modifier_lists}
