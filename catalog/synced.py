"""A catalog pulled from the POS, with the owner's words laid over it.

The POS decides what is sold, at what price, under which ids (so pushed ids match). The owner's playbook
adds what a POS does not know: the other ways callers say things (aliases), durations, descriptions.
An owner's entry attaches to the POS entry with the same id or, failing that, the same name.
"""

from typing import Any, Dict, List, Optional

OWNER_ITEM_FIELDS = ("aliases", "description", "duration_minutes", "turnaround_minutes", "inventory", "max_guests")


def _key(name: str) -> str:
    return " ".join(str(name).lower().split())


def _match(entry: Dict[str, Any], owner_entries: List[Dict[str, Any]]) -> Optional[Dict[str, Any]]:
    by_id = next((owned for owned in owner_entries if owned["id"] == entry["id"]), None)
    return by_id or next((owned for owned in owner_entries if _key(owned["name"]) == _key(entry["name"])), None)


def _with_aliases(entries: List[Dict[str, Any]], owner_entries: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    merged = []
    for entry in entries:
        owned = _match(entry, owner_entries)
        merged.append({**entry, "aliases": owned["aliases"]} if owned and owned.get("aliases") else dict(entry))
    return merged


def overlay(owner: Dict[str, Any], synced: Dict[str, Any]) -> Dict[str, Any]:
    """The synced catalog carrying the owner's aliases and service facts; owner items the POS lacks are dropped."""
    owner_lists = owner.get("modifier_lists") or []
    modifier_lists = []
    for synced_list in synced.get("modifier_lists") or []:
        owned = _match(synced_list, owner_lists)
        modifier_lists.append({**synced_list, "modifiers": _with_aliases(synced_list["modifiers"], (owned or {}).get("modifiers") or [])})
    items = []
    for synced_item in synced["items"]:
        owned = _match(synced_item, owner.get("items") or []) or {}
        item = dict(synced_item)
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
