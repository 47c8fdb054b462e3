"""Which salon services the caller wants, read against the business's catalog, with corrections.

A booking is a short list of catalog item ids, one per service, in the order said. "a cut and colour" adds
two; "no manicure" / "drop the blow-dry" removes; "make it highlights instead" or "actually a men's cut"
swaps the line of the same category (or the only line); "just the cut" keeps only what it names.
Staff names are taken out before matching, so "Maria" never fuzzy-matches a service.
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Dict, Iterable, List, Optional, Pattern, Sequence, Tuple

from catalog import Catalog, Item, closest_items
from catalog.matching import Mention, normalize, tag
from catalog.model import money
from trades.salon_staff import folded, whole_name

# What splits a message into clauses and what each clause does to the booking, per language. Spanish is
# matched without accents; Chinese has no spaces, so its words are matched anywhere. English words are
# understood in every language ("no manicure" in a Spanish sentence).
CLAUSE_BREAK = {
    "en": re.compile(r"[,.;!?]|\b(?:and|plus|also|but|then)\b", re.IGNORECASE),
    "es": re.compile(r"[,.;!?]|\b(?:y|e|tambien|pero|luego|despues|ademas)\b"),
    "zh": re.compile(r"[，。；！？、,.;!?]|和|跟|还有|另外|然后|以及|再加上|加上|再加|加"),
}
REMOVE = {
    "en": re.compile(
        r"\b(?:remove|drop|skip|cancel|forget|scratch|without|no|not|minus|don'?t (?:want|need)|take off|leave off|"
        r"get rid of|no longer)\b",
        re.IGNORECASE,
    ),
    "es": re.compile(
        r"\b(?:quit\w*|sac\w*|sin|no|ya no|cancel\w*|olvid\w*|elimin\w*|borr\w*|menos|no quiero|no necesito)\b"
    ),
    "zh": re.compile(r"不要|不做|不用|去掉|取消|删掉|拿掉|免了|算了|别做|不想做"),
}
SWAP = {
    "en": re.compile(
        r"^\s*(?:no|nope|nah)\b|\b(?:instead|rather|change|switch|swap|replace|make it|make that|actually|i meant|sorry)\b",
        re.IGNORECASE,
    ),
    "es": re.compile(
        r"^\s*(?:no|nop|nel)\b|\b(?:mejor|en vez|en lugar|cambi\w*|mas bien|perdon|quise decir|quiero decir|"
        r"en realidad|la verdad)\b"
    ),
    "zh": re.compile(r"^\s*不|改成|换成|改为|换为|还是|其实|我是说|应该是|换|改"),
}
ONLY = {
    "en": re.compile(r"\b(?:just|only)\b", re.IGNORECASE),
    "es": re.compile(r"\b(?:solo|solamente|nada mas|nomas|namas|unicamente|nada mas que)\b"),
    "zh": re.compile(r"只|仅|光|单做|就(?:做|要|修|剪|吹|染|来|弄)"),
}
ADD = {
    "en": re.compile(r"\b(?:add|too|as well|another)\b", re.IGNORECASE),
    "es": re.compile(r"\b(?:agreg\w*|anad\w*|sum\w*|tambien|ademas|otr[oa]s?)\b"),
    "zh": re.compile(r"再加|加个|加一个|加上|也要|也做|还要|另外|顺便|再做|再来"),
}
MAX_UNKNOWN_WORDS = 4


@dataclass(frozen=True)
class ServiceUpdate:
    """The services after one message; `unknown` holds words that looked like a service we do not offer."""

    services: Tuple[str, ...]
    changed: bool
    unknown: Optional[str] = None
    suggestions: Tuple[str, ...] = field(default_factory=tuple)


def _said(table: Dict[str, Pattern], text: str, language: str) -> bool:
    """The English words, and the language's own on the text folded (lower case, no accents)."""
    own = table.get(language) if language != "en" else None
    return bool(table["en"].search(text) or (own is not None and own.search(normalize(text))))


def _clauses(text: str, language: str) -> List[str]:
    parts = CLAUSE_BREAK["en"].split(text)
    own = CLAUSE_BREAK.get(language) if language != "en" else None
    if own is not None:
        parts = [piece for part in parts for piece in own.split(normalize(part))]
    return [part for part in parts if part and part.strip()]


def _without_names(text: str, names: Iterable[str]) -> str:
    """The text folded (lower case, no accents) with staff names taken out wherever said as a word, also
    run into Chinese ("找Maria剪头") or with an accent the playbook lacks ("María")."""
    text = folded(text)
    for name in sorted(names, key=len, reverse=True):
        text = re.sub(whole_name(name), " ", text)
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
    if _said(REMOVE, clause, language) and any(item.id in services for item in named):
        for item in named:
            if item.id in services:
                services.remove(item.id)
        return
    if _said(ONLY, clause, language) and services and all(item.id in services for item in named):
        services[:] = [item.id for item in named]
        return
    swapping = swapping and bool(services) and not _said(ADD, clause, language)
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
    swapping, alone = _said(SWAP, cleaned, language), len(_named(mentions)) == 1
    for clause in _clauses(cleaned, language):
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
