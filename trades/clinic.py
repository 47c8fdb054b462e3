"""A clinic booking from the caller's words: the visit type, new or returning, who it is for, the practitioner.

Visit types and practitioners come from the playbook (catalog items with a duration, booking staff), so a
clinic changes what callers can ask for by editing its playbook. Matching is by whole phrase: a bare
"patient" or "appointment" names no visit, and a practitioner's bare name only counts after a cue word
("with Patel", "see Jordan") or when the assistant has just asked who the caller would like to see.
"""

import re
from dataclasses import dataclass
from typing import List, Optional, Sequence, Tuple

from catalog import Catalog, Item
from catalog.matching import singular, tokenize
from playbooks.model import Playbook, Staff

NEW, RETURNING = "new", "returning"
ANYONE = "any"
FIRST_VISIT_PREFIX = ("new", "patient")

_NOT_NEW = re.compile(r"\bnot (?:a )?new(?: patient)?\b|\bnot my first (?:time|visit)\b", re.IGNORECASE)
_NEW = re.compile(
    r"\bnew patient\b|\bfirst (?:time|visit|appointment)\b|\bnever (?:been|seen|visited)\b|"
    r"\bhaven'?t been (?:there|here|in|to (?:you|the clinic))? ?before\b|\bnot (?:a|an existing|a current) patient\b|"
    r"\bnot registered\b|\bnew to (?:the (?:clinic|practice|area)|you|your clinic)\b|\bnever been seen\b",
    re.IGNORECASE,
)
_RETURNING = re.compile(
    r"\b(?:returning|existing|current|established|regular) patient\b|\balready (?:a )?patient\b|"
    r"\bbeen (?:there|here|in|to you|to the clinic|coming)(?: \w+)? before\b|\bbeen coming\b|"
    r"\bi'?m (?:a|already a) patient (?:of|with|there|here|at)\b|\bi (?:usually |normally |always )?see (?:dr|doctor)\b|"
    r"\bmy (?:usual |regular )?doctor is\b|\bseen (?:you|dr|doctor|by)\b|\blast time i (?:was|came)\b|"
    r"\bpatient (?:there|here) already\b|\bi'?ve been (?:a patient|seeing)\b|"
    r"(?:\bis|'s|\bam|'m|\bare|'re) (?:already )?(?:a|an existing|a current|a regular) patient\b(?! yet)",
    re.IGNORECASE,
)
_ANYONE = re.compile(
    r"\b(?:any ?one|any ?body|whoever|who ever|either|no preference|don'?t (?:mind|care)|doesn'?t matter|"
    r"not fussy|first available|soonest available|whichever|any (?:doctor|provider|of them))\b",
    re.IGNORECASE,
)
_EXPLICIT_ANYONE = re.compile(
    r"\bwith (?:any ?one|any ?body|whoever|either)\b|\bany (?:doctor|provider|practitioner)\b|\bno preference\b|"
    r"\bfirst available (?:doctor|provider|practitioner|person)\b|\bdon'?t mind who\b|\bdoesn'?t matter who\b",
    re.IGNORECASE,
)
_PRACTITIONER_CUES = {"with", "see", "dr", "doctor", "nurse", "np", "physio", "to", "by", "prefer"}

RELATIONS = (
    "son", "daughter", "kid", "child", "baby", "boy", "girl", "toddler", "mom", "mother", "mum", "dad", "father",
    "husband", "wife", "partner", "grandma", "grandmother", "grandpa", "grandfather", "brother", "sister",
    "grandson", "granddaughter", "nephew", "niece", "aunt", "uncle", "fiance", "fiancee",
)
_RELATION = re.compile(
    r"\b(?:for|booking|book|it'?s for|appointment for|is for) (?:my|our) (" + "|".join(RELATIONS) + r")\b"
    r"|\b(?:my|our) (" + "|".join(RELATIONS) + r")(?:,)? (?:[A-Z][\w'-]+(?: [A-Z][\w'-]+)?,? )?"
    r"(?:needs|has|is|was|got|will|wants|should|'s)\b",
    re.IGNORECASE,
)
_RELATION_NAME = re.compile(r"\b(?i:my|our) (?i:" + "|".join(RELATIONS) + r"),? ([A-Z][\w'-]+(?: [A-Z][\w'-]+)?)")
_NOT_A_NAME = {"He", "She", "Has", "Needs", "Is", "Was", "Who", "Tomorrow", "Today", "Please", "And", "At", "On", "In"}


def _phrase(text: str) -> Tuple[str, ...]:
    return tuple(singular(token) for token in tokenize(text) if token.isalnum())


def _spans(said: Tuple[str, ...], phrase: Tuple[str, ...]) -> List[int]:
    width = len(phrase)
    return [start for start in range(len(said) - width + 1) if phrase and said[start:start + width] == phrase]


def visit_types(menu: Catalog) -> List[Item]:
    """The bookable visit types: catalog items with a duration."""
    return [item for item in menu.items if item.duration_minutes]


def visit_named(text: str, menu: Catalog) -> Optional[Item]:
    """The visit type the caller names first; at the same place the longer phrase wins ("flu shot" over "flu")."""
    said = _phrase(text)
    found: List[Tuple[int, int, Item]] = []
    for item in visit_types(menu):
        for name in (item.name, *item.aliases):
            phrase = _phrase(name)
            found += [(start, -len(phrase), item) for start in _spans(said, phrase)]
    if not found:
        return None
    return min(found, key=lambda match: (match[0], match[1]))[2]


def first_visit(item: Item, menu: Catalog) -> Optional[Item]:
    """The category's first visit for new patients: the item whose name or an alias starts with "new patient"."""
    for candidate in visit_types(menu):
        if candidate.category != item.category:
            continue
        if any(_phrase(name)[:2] == FIRST_VISIT_PREFIX for name in (candidate.name, *candidate.aliases)):
            return candidate
    return None


def booked_visit(asked: Optional[Item], status: Optional[str], menu: Catalog) -> Optional[Item]:
    """What is actually booked: a new patient gets their category's first visit; everyone else what they asked."""
    if asked is None or status != NEW:
        return asked
    return first_visit(asked, menu) or asked


def patient_status_in(text: str) -> Optional[str]:
    if _NOT_NEW.search(text):
        return RETURNING
    if _NEW.search(text):
        return NEW
    if _RETURNING.search(text):
        return RETURNING
    return None


def practitioners_for(playbook: Playbook, visit: Optional[Item]) -> List[Staff]:
    return [person for person in playbook.booking.staff if person.does(visit.id if visit else None)]


def _name_words(person: Staff) -> set:
    return {word for word in _phrase(person.name) if word not in {"dr", "doctor", "nurse", "practitioner"}}


def practitioner_named(text: str, playbook: Playbook, asked: bool = False) -> Optional[Staff]:
    """The practitioner the caller names: a full name or alias anywhere, a bare first or last name after a cue
    word ("with Patel", "see Jordan"), or any of those when the caller was just asked who they want."""
    said = _phrase(text)
    for person in playbook.booking.staff:
        if any(_spans(said, _phrase(name)) for name in (person.name, *person.aliases)):
            return person
    for person in playbook.booking.staff:
        words = _name_words(person)
        for position, word in enumerate(said):
            if word in words and (asked or (position > 0 and said[position - 1] in _PRACTITIONER_CUES)):
                return person
    return None


def wants_anyone(text: str) -> bool:
    """"Anyone", "no preference", "whoever's free": said when asked who they would like to see."""
    return bool(_ANYONE.search(text))


def explicitly_anyone(text: str) -> bool:
    """"With anyone", "any doctor": clear enough to count even when nobody asked."""
    return bool(_EXPLICIT_ANYONE.search(text))


@dataclass(frozen=True)
class BookingFor:
    """Someone booking for a relative: "for my son", "my daughter Emma has a fever"."""

    relation: str
    patient_name: Optional[str] = None


def booking_for(text: str) -> Optional[BookingFor]:
    found = _RELATION.search(text)
    if not found:
        return None
    relation = (found.group(1) or found.group(2)).lower()
    named = _RELATION_NAME.search(text)
    name = named.group(1) if named else None
    if name and name.split()[0] in _NOT_A_NAME:
        name = None
    return BookingFor(relation, name)


def spoken_names(people: Sequence[Staff]) -> List[str]:
    return [person.name for person in people]
