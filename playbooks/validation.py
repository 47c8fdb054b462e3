"""Checks the schema cannot express: references between ids, real timezones, sane opening hours."""

from datetime import date
from difflib import get_close_matches
from typing import Any, Dict, Iterator, List, Tuple
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from playbooks.personas import catalog, greeting_problem
from pos.adapters import CUSTOMER_GROUPS, PROVIDERS, provider_capabilities

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

    problems += _backwards_spans(data["hours"], ("hours",))
    problems += _holiday_problems(data.get("holidays", []))
    booking = data.get("booking", {})
    problems += _backwards_spans({"arrival_windows": booking.get("arrival_windows", [])}, ("booking",))

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

    staff_ids: Dict[str, Tuple[Any, ...]] = {}
    problems += _duplicate_ids(booking.get("staff", []), ("booking", "staff"), staff_ids)
    for staff_index, person in enumerate(booking.get("staff", [])):
        staff_path = ("booking", "staff", staff_index)
        problems += _backwards_spans(person.get("hours", {}), staff_path + ("hours",))
        for ref_index, service_id in enumerate(person.get("services", [])):
            if service_id not in item_ids:
                problems.append((staff_path + ("services", ref_index), f"no catalog item with id '{service_id}'"))
    problems += _persona_problems(data)
    problems += _rule_problems(data, item_ids)
    problems += _vip_group_problems(data)
    return problems


def _vip_group_problems(data: Dict[str, Any]) -> List[Problem]:
    """VIPs from a POS customer group need a POS whose groups the assistant can read."""
    if "pos_group" not in data.get("rules", {}).get("vips", {}):
        return []
    provider = data["pos"]["provider"]
    if CUSTOMER_GROUPS in provider_capabilities(provider):
        return []
    readable = ", ".join(name for name in PROVIDERS if CUSTOMER_GROUPS in provider_capabilities(name))
    return [(("rules", "vips", "pos_group"), f"customer groups cannot be read from the {provider} POS (they can from "
                                             f"{readable}); list these VIPs under rules.vips.people instead")]


def _rule_problems(data: Dict[str, Any], item_ids: Dict[str, Tuple[Any, ...]]) -> List[Problem]:
    """Rules and deposits name catalog items that exist; a clinic line never sells (no upsells); the large
    line is below the absurd one."""
    problems: List[Problem] = []
    rules = data.get("rules", {})
    for index, rule in enumerate(rules.get("escalation", [])):
        for ref_index, item_id in enumerate(rule["when"].get("items", [])):
            if item_id not in item_ids:
                problems.append((("rules", "escalation", index, "when", "items", ref_index), f"no catalog item with id '{item_id}'"))
    for ref_index, item_id in enumerate(data.get("booking", {}).get("deposit", {}).get("items", [])):
        if item_id not in item_ids:
            problems.append((("booking", "deposit", "items", ref_index), f"no catalog item with id '{item_id}'"))
    if rules.get("upsells") and data["trade"] == "clinic":
        problems.append((("rules", "upsells"), "a clinic never suggests extra services to a patient"))
    for index, upsell in enumerate(rules.get("upsells", [])):
        for ref_index, item_id in enumerate(upsell["when_items"]):
            if item_id not in item_ids:
                problems.append((("rules", "upsells", index, "when_items", ref_index), f"no catalog item with id '{item_id}'"))
        if upsell["suggest"] not in item_ids:
            problems.append((("rules", "upsells", index, "suggest"), f"no catalog item with id '{upsell['suggest']}'"))
    screening = rules.get("screening", {})
    if screening.get("large_quantity", 0) > screening.get("absurd_quantity", float("inf")):
        problems.append((("rules", "screening", "large_quantity"),
                         f"{screening['large_quantity']} is above absurd_quantity {screening['absurd_quantity']}: a "
                         "count a person should check cannot be bigger than one that is declined"))
    return problems


def _persona_problems(data: Dict[str, Any]) -> List[Problem]:
    """A persona id must be in the catalog, speak its key's language and be for a language the business speaks."""
    problems: List[Problem] = []
    personas = catalog()
    for language, choice in data.get("persona", {}).items():
        path = ("persona", language)
        persona = personas.get(choice["voice"])
        if persona is None:
            close = get_close_matches(choice["voice"], [p.id for p in personas.values() if p.language == language], n=3)
            hint = f"; did you mean {', '.join(close)}?" if close else " (the README lists every persona)"
            problems.append((path + ("voice",), f"no persona '{choice['voice']}' in the catalog{hint}"))
        elif persona.language != language:
            problems.append((path + ("voice",), f"'{persona.id}' speaks {persona.language}, not {language}"))
        if language not in data.get("languages", [language]):
            problems.append((path, f"the business does not list '{language}' in languages"))
        if "greeting" in choice and greeting_problem(choice["greeting"]):
            problems.append((path + ("greeting",), greeting_problem(choice["greeting"])))
    return problems


def _holiday_problems(holidays: List[Dict[str, Any]]) -> List[Problem]:
    """Dates that exist (no 31 April; 29 February only in a leap year or yearly) and spans that open first."""
    problems: List[Problem] = []
    for index, holiday in enumerate(holidays):
        parts = [int(part) for part in holiday["date"].split("-")]
        try:
            date(parts[0] if len(parts) == 3 else 2028, parts[-2], parts[-1])
        except ValueError:
            problems.append((("holidays", index, "date"), f"'{holiday['date']}' is not a date on the calendar"))
        problems += _backwards_spans({"hours": holiday.get("hours", [])}, ("holidays", index))
    return problems


def _backwards_spans(week: Dict[Any, List[str]], path: Tuple[Any, ...]) -> List[Problem]:
    """Spans such as '18:00-09:00' that close before they open."""
    problems: List[Problem] = []
    for day, ranges in week.items():
        for index, span in enumerate(ranges):
            start, end = span.split("-")
            if _minutes(end) <= _minutes(start):
                problems.append((path + (day, index), f"'{span}' closes before it opens"))
    return problems
