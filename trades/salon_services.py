"""Which salon services the caller wants, read against the business's catalog, with corrections.

A booking is a short list of catalog item ids, one per service, in the order said. "a cut and colour" adds
two; "no manicure" / "drop the blow-dry" removes; "make it highlights instead" or "actually a men's cut"
swaps the line of the same category (or the only line); "just the cut" keeps only what it names.
Staff names are taken out before matching, so "Maria" never fuzzy-matches a service.
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Iterable, List, Optional, Sequence, Tuple

from catalog import Catalog, Item, closest_items
from catalog.matching import Mention, tag
from catalog.model import money

CLAUSE_BREAK = re.compile(r"[,.;!?]|\b(?:and|plus|also|but|then)\b", re.IGNORECASE)
REMOVE = re.compile(
    r"\b(?:remove|drop|skip|cancel|forget|scratch|without|no|not|minus|don'?t (?:want|need)|take off|leave off|"
    r"get rid of|no longer)\b",
    re.IGNORECASE,
)
SWAP = re.compile(
    r"^\s*(?:no|nope|nah)\b|\b(?:instead|rather|change|switch|swap|replace|make it|make that|actually|i meant|sorry)\b",
    re.IGNORECASE,
)
ONLY = re.compile(r"\b(?:just|only)\b", re.IGNORECASE)
ADD = re.compile(r"\b(?:add|too|as well|another)\b", re.IGNORECASE)
MAX_UNKNOWN_WORDS = 4


@dataclass(frozen=True)
class ServiceUpdate:
    """The services after one message; `unknown` holds words that looked like a service we do not offer."""

    services: Tuple[str, ...]
    changed: bool
    unknown: Optional[str] = None
    suggestions: Tuple[str, ...] = field(default_factory=tuple)


def _without_names(text: str, names: Iterable[str]) -> str:
    for name in sorted(names, key=len, reverse=True):
        text = re.sub(rf"\b{re.escape(name)}\b", " ", text, flags=re.IGNORECASE)
    return text


def _named(mentions: Sequence[Mention]) -> List[Item]:
    """Items the mentions name; known names run together with other words count too ("roots done", "mani pedi
    saturday"), since on a booking line the other words are days and filler, not dishes we lack."""
    items: List[Item] = []
    for mention in mentions:
        named = mention.items if mention.kind == "unknown" or len(mention.items) == 1 else ()
        items += [item for item in named if item not in items]
    return items


def _unknown_phrase(mentions: Sequence[Mention]) -> Optional[str]:
    words = [m.text for m in mentions if m.kind == "unknown" and not m.items]
    phrase = " ".join(words)
    return phrase if words and len(phrase.split()) <= MAX_UNKNOWN_WORDS else None


def _swap_in(services: List[str], new: Item, catalog: Catalog, alone: bool) -> None:
    """The new service replaces the line of its own category; else, when it is all the message names, the
    only line ("actually make it a facial"); else it joins the booking."""
    same = [sid for sid in services if (catalog.item(sid) or new).category == new.category]
    if same:
        services[services.index(same[0])] = new.id
        for sid in same[1:]:
            services.remove(sid)
    elif alone and len(services) == 1:
        services[0] = new.id
    else:
        services.append(new.id)


def _apply_clause(clause: str, swapping: bool, alone: bool, catalog: Catalog, services: List[str], language: str = "en") -> None:
    named = _named(tag(clause, catalog, language))
    if not named:
        return
    if REMOVE.search(clause) and any(item.id in services for item in named):
        for item in named:
            if item.id in services:
                services.remove(item.id)
        return
    if ONLY.search(clause) and services and all(item.id in services for item in named):
        services[:] = [item.id for item in named]
        return
    swapping = swapping and bool(services) and not ADD.search(clause)
    for item in named:
        if item.id in services:
            continue
        if swapping:
            _swap_in(services, item, catalog, alone)
        else:
            services.append(item.id)


def read_services(
    text: str, catalog: Catalog, current: Sequence[str], staff_names: Iterable[str] = (), language: str = "en"
) -> ServiceUpdate:
    """The booking's services after `text`; unknown words are reported only when nothing known was named."""
    cleaned = _without_names(text, staff_names)
    services = [sid for sid in current if catalog.item(sid) is not None]
    mentions = tag(cleaned, catalog, language)
    swapping, alone = bool(SWAP.search(cleaned)), len(_named(mentions)) == 1
    for clause in CLAUSE_BREAK.split(cleaned):
        if clause and clause.strip():
            _apply_clause(clause, swapping, alone, catalog, services, language)
    result = tuple(services)
    unknown = None if _named(mentions) else _unknown_phrase(mentions)
    suggestions = tuple(item.spoken_name(language) for item in closest_items(unknown, catalog, language=language)) if unknown else ()
    return ServiceUpdate(result, result != tuple(current), unknown, suggestions)


def items_of(services: Sequence[str], catalog: Catalog) -> List[Item]:
    return [item for item in (catalog.item(sid) for sid in services) if item is not None]


def duration_minutes(services: Sequence[str], catalog: Catalog) -> int:
    """Services follow one another, so their durations add up."""
    return sum(item.duration_minutes or 0 for item in items_of(services, catalog))


def price(item: Item) -> Decimal:
    chosen = item.default_variation or item.variations[0]
    return chosen.price


def total(services: Sequence[str], catalog: Catalog) -> Decimal:
    return sum((price(item) for item in items_of(services, catalog)), Decimal("0.00"))


def deposit(amount: Decimal, percent: Optional[float], fixed: Optional[float]) -> Optional[Decimal]:
    """What the playbook asks up front: a percentage of the total, or a fixed amount (never more than the total)."""
    if percent:
        return money(amount * Decimal(str(percent)) / 100)
    if fixed:
        return min(money(fixed), amount)
    return None
