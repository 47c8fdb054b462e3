"""Business facts callers ask about, phrased from the playbook: hours, the menu, what we offer, how long it takes."""

from collections import OrderedDict
from typing import List, Optional, Tuple

from catalog import Catalog, Item
from catalog.matching import singular, tag, tokenize
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


def items_named(text: str, menu: Catalog) -> List[Item]:
    """Catalog items the text names, in the order said: "do you do keratin or a blow-dry?".

    The tagger reads order phrases; a question can run a name into other words ("a king room friday"),
    so a name or alias said word for word also counts.
    """
    named = {item.id: item for mention in tag(text, menu) if mention.kind in ("item", "generic") for item in mention.items}
    said = " ".join(singular(token) for token in tokenize(text))
    for item in menu.items:
        phrases = (" ".join(singular(token) for token in tokenize(phrase)) for phrase in (item.name, *item.aliases))
        if item.id not in named and any(phrase and f" {phrase} " in f" {said} " for phrase in phrases):
            named[item.id] = item
    return sorted(named.values(), key=lambda item: _first_position(said, item))


def _first_position(said: str, item: Item) -> int:
    positions = [said.find(" ".join(singular(t) for t in tokenize(phrase))) for phrase in (item.name, *item.aliases)]
    found = [position for position in positions if position >= 0]
    return min(found) if found else len(said)


def turnaround_minutes(text: str, playbook: Playbook) -> Optional[Tuple[Optional[Item], int]]:
    """How long the thing asked about takes: the named item's turnaround or duration, else the business's promise.

    Restaurants promise their prep time; bookable trades their `booking.turnaround_minutes`. None if the
    playbook makes no promise at all.
    """
    for item in items_named(text, playbook.catalog):
        minutes = item.turnaround_minutes or item.duration_minutes
        if minutes:
            return item, minutes
    if playbook.booking.turnaround_minutes:
        return None, playbook.booking.turnaround_minutes
    if playbook.trade in ("restaurant", "retail"):
        return None, playbook.ordering.prep_minutes
    return None
