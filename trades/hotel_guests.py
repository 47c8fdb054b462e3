"""How many guests a caller says: "for 2", "2 adults and 2 kids", "party of five", "me and my wife", "just me".

Duckling reads the numbers; the words around a number say whether it counts people, nights or rooms, so
"king room Friday to Sunday for 2" is two guests and "Friday for 2 nights" is none.
"""

import re
from typing import Any, Dict, Optional, Sequence

WORDS = {
    "en": {
        "people_after": re.compile(
            r"^\s*(adults?|grown[\s-]?ups|people|peeps|ppl|persons?|guests?|pax|of us|kids?|children|child|"
            r"teens?|teenagers?|toddlers?|bab(y|ies)|infants?|boys?|girls?|sons?|daughters?)\b"
        ),
        "for_before": re.compile(r"\b(for|party of|group of|sleeps?|total of)\s*$"),
        "not_people_after": re.compile(r"^\s*(nights?|nites?|nts?|weeks?|days?|rooms?|beds?|am|pm|a\.m|p\.m|o'?clock|:)"),
        "alone": re.compile(r"\b(just|only) (me|myself|one|1)\b|\bby myself\b|\bsolo\b|\bon my own\b|\bjust one person\b"),
        "couple": re.compile(r"\b(a couple|my (wife|husband|partner|girlfriend|boyfriend|fianc[eé]e?|spouse) and (i|me)|"
                             r"(me|i) and my (wife|husband|partner|girlfriend|boyfriend|fianc[eé]e?|spouse|friend|mom|dad|"
                             r"mother|father|sister|brother|son|daughter|kid|colleague|coworker))\b"),
        "companion_kids": re.compile(r"\band (our|my|the) (kid|son|daughter|baby|child)\b"),
    },
}


def _inside(entity: Dict[str, Any], others: Sequence[Dict[str, Any]]) -> bool:
    return any(other.get("start", 0) <= entity.get("start", 0) < other.get("end", 0) for other in others)


def guests_said(
    entities: Sequence[Dict[str, Any]], text: str, asked: bool = False, language: str = "en"
) -> Optional[int]:
    """The number of guests the message gives, or None. `asked`: the assistant just asked how many, so a
    bare "3" or "three" is the answer."""
    words = WORDS.get(language, WORDS["en"])
    lowered = text.lower()
    dates = [entity for entity in entities if entity.get("dim") == "time"]
    numbers = [
        entity for entity in entities
        if entity.get("dim") == "number" and not _inside(entity, dates) and float(entity["value"]["value"]).is_integer()
    ]
    counted = [
        int(entity["value"]["value"]) for entity in numbers
        if words["people_after"].match(lowered[entity.get("end", 0):])
    ]
    base = 2 if words["couple"].search(lowered) else 0
    base += len(words["companion_kids"].findall(lowered)) if base else 0
    if counted or base:
        return base + sum(counted)
    for entity in numbers:
        after = lowered[entity.get("end", 0):]
        if words["for_before"].search(lowered[: entity.get("start", 0)]) and not words["not_people_after"].match(after):
            return int(entity["value"]["value"])
    if words["alone"].search(lowered):
        return 1
    if asked and len(numbers) == 1 and not words["not_people_after"].match(lowered[numbers[0].get("end", 0):]):
        return int(numbers[0]["value"]["value"])
    return None


ROOMS_AFTER = {"en": re.compile(r"^\s*(\w+\s+){0,3}?(rooms|suites)\b")}


def rooms_said(entities: Sequence[Dict[str, Any]], text: str, language: str = "en") -> Optional[int]:
    """"two king rooms", "3 rooms": more than one room in one booking is something the form declines."""
    pattern = ROOMS_AFTER.get(language, ROOMS_AFTER["en"])
    lowered = text.lower()
    dates = [entity for entity in entities if entity.get("dim") == "time"]
    for entity in entities:
        if entity.get("dim") == "number" and not _inside(entity, dates) and pattern.match(lowered[entity.get("end", 0):]):
            return int(entity["value"]["value"])
    return None
