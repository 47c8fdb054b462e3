"""Pickup or delivery, from the NLU entity or the plain words a caller uses."""

import re
from typing import Optional

PATTERNS = {
    "delivery": re.compile(r"\b(deliver(y|ed|ing)?|bring it|drop it off|send it)\b", re.IGNORECASE),
    "pickup": re.compile(r"\b(pick\s?-?\s?up|picking (it )?up|pick it up|collect(ion)?|come (get|grab|by)|carry\s?out|take\s?-?\s?out|to go)\b", re.IGNORECASE),
}


def detect(text: str, entity_value: Optional[str] = None) -> Optional[str]:
    if entity_value in PATTERNS:
        return entity_value
    found = [kind for kind, pattern in PATTERNS.items() if pattern.search(text or "")]
    return found[0] if len(found) == 1 else None


ASAP = re.compile(r"\b(asap|a\.s\.a\.p|as soon as (possible|you can)|right (now|away)|now|soonest|earliest)\b", re.IGNORECASE)


def wants_asap(text: str) -> bool:
    return bool(ASAP.search(text or ""))
