"""Business facts callers ask about, phrased from the playbook: opening hours and what is on the menu."""

from collections import OrderedDict
from typing import List

from catalog import Catalog
from ordering.phrasing import spoken_list
from playbooks.model import Playbook

DAY_NAMES = {"en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")}
CLOSED = {"en": "closed"}


def _clock(moment) -> str:
    return moment.strftime("%I:%M %p").lstrip("0").replace(":00", "")


def hours_text(playbook: Playbook, language: str = "en") -> str:
    """"Monday to Thursday 11 AM–10 PM, Friday and Saturday 11 AM–11 PM, Sunday 12 PM–9 PM"."""
    names = DAY_NAMES.get(language, DAY_NAMES["en"])
    groups: "OrderedDict[str, List[str]]" = OrderedDict()
    for day in range(7):
        spans = playbook.hours.get(day, [])
        text = ", ".join(f"{_clock(start)}–{_clock(end)}" for start, end in spans) or CLOSED.get(language, "closed")
        groups.setdefault(text, []).append(names[day])
    parts = []
    for text, days in groups.items():
        indexes = [names.index(day) for day in days]
        consecutive = indexes == list(range(indexes[0], indexes[0] + len(indexes)))
        label = f"{days[0]} to {days[-1]}" if consecutive and len(days) > 2 else spoken_list(days, "and", language)
        parts.append(f"{label} {text}")
    return "; ".join(parts)


def menu_text(menu: Catalog, language: str = "en") -> str:
    """Categories with their items, short enough to read out."""
    by_category: "OrderedDict[str, List[str]]" = OrderedDict()
    for item in menu.items:
        by_category.setdefault(item.category or "Other", []).append(item.name)
    return "; ".join(f"{category}: {spoken_list(names, 'and', language)}" for category, names in by_category.items())
