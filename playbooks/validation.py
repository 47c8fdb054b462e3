"""Checks the schema cannot express: references between ids, real timezones, sane opening hours."""

from typing import Any, Dict, Iterator, List, Tuple
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

Problem = Tuple[Tuple[Any, ...], str]


def _minutes(clock: str) -> int:
    hours, minutes = clock.split(":")
    return int(hours) * 60 + int(minutes)


def _duplicate_ids(entries: List[Dict[str, Any]], path: Tuple[Any, ...], seen: Dict[str, Tuple[Any, ...]]) -> Iterator[Problem]:
    for index, entry in enumerate(entries):
        entry_path = path + (index, "id")
        if entry["id"] in seen:
            yield entry_path, f"id '{entry['id']}' is used twice (also at {'.'.join(map(str, seen[entry['id']]))})"
        seen[entry["id"]] = entry_path


def cross_reference_problems(data: Dict[str, Any]) -> List[Problem]:
    problems: List[Problem] = []
    try:
        ZoneInfo(data["timezone"])
    except (ZoneInfoNotFoundError, ValueError):
        problems.append((("timezone",), f"unknown timezone '{data['timezone']}' (use an IANA name like America/New_York)"))

    for day, ranges in data["hours"].items():
        for index, span in enumerate(ranges):
            start, end = span.split("-")
            if _minutes(end) <= _minutes(start):
                problems.append((("hours", day, index), f"'{span}' closes before it opens"))

    catalog = data["catalog"]
    list_ids: Dict[str, Tuple[Any, ...]] = {}
    modifier_lists = catalog.get("modifier_lists", [])
    problems += _duplicate_ids(modifier_lists, ("catalog", "modifier_lists"), list_ids)
    for list_index, modifier_list in enumerate(modifier_lists):
        problems += _duplicate_ids(modifier_list["modifiers"], ("catalog", "modifier_lists", list_index, "modifiers"), {})

    item_ids: Dict[str, Tuple[Any, ...]] = {}
    problems += _duplicate_ids(catalog["items"], ("catalog", "items"), item_ids)
    for item_index, item in enumerate(catalog["items"]):
        item_path = ("catalog", "items", item_index)
        variation_ids: Dict[str, Tuple[Any, ...]] = {}
        problems += _duplicate_ids(item["variations"], item_path + ("variations",), variation_ids)
        default = item.get("default_variation")
        if default is not None and default not in variation_ids:
            problems.append((item_path + ("default_variation",), f"'{default}' is not one of this item's variation ids"))
        for ref_index, list_id in enumerate(item.get("modifier_lists", [])):
            if list_id not in list_ids:
                problems.append((item_path + ("modifier_lists", ref_index), f"no modifier list with id '{list_id}'"))
    return problems
