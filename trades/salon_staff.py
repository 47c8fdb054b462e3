"""Who the caller wants to see: a stylist by name, "anyone", or a name the salon does not know.

Staff names come from the playbook, so any salon's team is understood without retraining; the NLU's
`salon_stylist` entity only says where a name was said ("with Maria").
"""

import re
from dataclasses import dataclass
from typing import Iterable, List, Optional, Sequence

from rapidfuzz import fuzz

from playbooks.model import Staff

ANYONE = "anyone"
ANYONE_WORDS = re.compile(
    r"\b(?:any\s?one|any\s?body|who\s?ever|no preference|don'?t (?:mind|care)|doesn'?t matter|does not matter|"
    r"not fussed|any stylist|first available|no one in particular|nobody in particular|either (?:one|is fine)|"
    r"whoevers?|any of them|don'?t have a preference|no pref)\b",
    re.IGNORECASE,
)
NO_ONE_IN_MIND = re.compile(r"^\W*(?:no|nope|nah|not really|no one|none|not particularly)\W*(?:thanks?|thank you)?\W*$", re.IGNORECASE)
BEFORE_STYLIST = re.compile(r"\b(?:with|see|by|from|prefer|want|book)\s+$", re.IGNORECASE)
NAME_MATCH = 85


@dataclass(frozen=True)
class StylistChoice:
    """What the caller asked for: a staff member, anyone, or a name we have no one called."""

    staff: Optional[Staff] = None
    anyone: bool = False
    unknown_name: Optional[str] = None


def _words(text: str) -> List[str]:
    return re.findall(r"[\w'-]+", text.lower())


def _names(person: Staff) -> List[str]:
    return [person.name, *person.aliases]


def staff_matching(name: str, staff: Sequence[Staff]) -> Optional[Staff]:
    """The staff member a said name means, forgiving spelling ("Alicia" is Alisha when the playbook says so)."""
    said = name.lower().strip()
    for person in staff:
        if any(said == known.lower() or said in _words(known) for known in _names(person)):
            return person
    scored = [(max(fuzz.ratio(said, known.lower()) for known in _names(person)), person) for person in staff]
    best = max(scored, key=lambda pair: pair[0], default=(0, None))
    return best[1] if best[0] >= NAME_MATCH else None


def _named_in(text: str, staff: Sequence[Staff], not_names: Iterable[str]) -> Optional[Staff]:
    """A staff name said as a whole word, unless it is the caller's own name and not said as "with Maria"."""
    lowered = text.lower()
    excluded = {word for name in not_names for word in _words(name)}
    for person in staff:
        for known in _names(person):
            for match in re.finditer(rf"\b{re.escape(known.lower())}\b", lowered):
                said_as_stylist = BEFORE_STYLIST.search(lowered[: match.start()])
                if said_as_stylist or not set(_words(known)) & excluded:
                    return person
    return None


def read_stylist(
    text: str, staff: Sequence[Staff], entity: Optional[str] = None, answering: bool = False,
    customer_names: Iterable[str] = (),
) -> Optional[StylistChoice]:
    """The caller's stylist preference in this message, or None when they said nothing about it.

    A bare "no" counts as "anyone" only as the answer to "do you have a stylist in mind?".
    """
    if entity:
        person = staff_matching(entity, staff)
        if person is None and entity.lower() not in {name.lower() for name in customer_names}:
            return StylistChoice(unknown_name=entity.strip().title())
        if person is not None:
            return StylistChoice(staff=person)
    person = _named_in(text, staff, customer_names)
    if person is not None:
        return StylistChoice(staff=person)
    if ANYONE_WORDS.search(text) or (answering and NO_ONE_IN_MIND.match(text)):
        return StylistChoice(anyone=True)
    return None


def who_does(services: Sequence[str], staff: Sequence[Staff]) -> List[Staff]:
    """Everyone who does every one of the services, in playbook order."""
    return [person for person in staff if all(person.does(service) for service in services)]


def first_not_done(person: Staff, services: Sequence[str]) -> Optional[str]:
    return next((service for service in services if not person.does(service)), None)


def doable_together(services: Sequence[str], staff: Sequence[Staff]) -> tuple:
    """The services one person can do in one visit, in the order said, and the ones left over."""
    if not staff or who_does(services, staff):
        return list(services), []
    kept: List[str] = []
    for service in services:
        if who_does([*kept, service], staff):
            kept.append(service)
    return kept, [service for service in services if service not in kept]
