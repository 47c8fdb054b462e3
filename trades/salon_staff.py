"""Who the caller wants to see: a stylist by name, "anyone", or a name the salon does not know.

Staff names come from the playbook, so any salon's team is understood without retraining; the NLU's
`salon_stylist` entity only says where a name was said ("with Maria").
"""

import re
import unicodedata
from dataclasses import dataclass
from typing import Iterable, List, Optional, Sequence

from rapidfuzz import fuzz

from playbooks.model import Staff

ANYONE = "anyone"
# "No preference", said anywhere in a message. Spanish is matched without accents; Chinese has no spaces,
# so its phrases are matched anywhere. English is understood in every language.
ANYONE_WORDS = {
    "en": re.compile(
        r"\b(?:any\s?one|any\s?body|who\s?ever|no preference|don'?t (?:mind|care)|doesn'?t matter|does not matter|"
        r"not fussed|any stylist|first available|no one in particular|nobody in particular|either (?:one|is fine)|"
        r"whoevers?|any of them|don'?t have a preference|no pref)\b",
        re.IGNORECASE,
    ),
    "es": re.compile(
        r"\b(?:(?:con )?(?:quien|quienquiera|cualquiera|el que|la que) sea|cualquiera|con cualquier[oa]?|"
        r"cualquier (?:estilista|persona|peluquer[oa]|chica|chico|muchach[oa]|de (?:ellos|ellas|los|las))|"
        r"(?:quien|el que|la que|cualquiera que) (?:este|tenga|quede|se desocupe)(?: (?:libre|disponible|tiempo|espacio))?|"
        r"(?:me|nos) da (?:igual|lo mismo) (?:con )?quien|no (?:me )?importa (?:con )?quien|"
        r"(?:no tengo|sin|ninguna) preferencia|(?:nadie|ninguno|ninguna) en (?:particular|especial)|"
        r"(?:el|la) primer[oa]? (?:que (?:este|se desocupe|tenga)|disponible|libre)|lo que (?:tengan|haya) disponible)\b"
    ),
    "zh": re.compile(
        r"谁都|哪(?:个|位)(?:师傅|老师|发型师|技师|美甲师|人)?都|随便(?:哪|谁)|谁(?:先)?有空|哪(?:个|位)有空|"
        r"第一个有空|有空的(?:就|都)|不(?:用|必|需要)?指定|不挑人|没有?(?:指定|特别想找|特定)的?(?:人|师傅|发型师)"
    ),
}
# A bare "no" or "I don't mind" is "anyone" only as the answer to "do you have a stylist in mind?".
NO_ONE_IN_MIND = {
    "en": re.compile(r"^\W*(?:no|nope|nah|not really|no one|none|not particularly)\W*(?:thanks?|thank you)?\W*$", re.IGNORECASE),
    "es": re.compile(
        r"^\W*(?:no|nop|nel|nadie|ninguno|ninguna|la verdad no|no realmente|no en realidad|no tengo|no,? (?:a )?nadie|"
        r"a nadie)\W*(?:gracias)?\W*$|"
        r"\b(?:(?:me|nos) (?:da|es) (?:igual|lo mismo|indiferente)|da igual|no importa|como sea|lo que sea|"
        r"no tengo a nadie|a nadie en)\b"
    ),
    "zh": re.compile(
        r"^\W*(?:没有|没|不用|不用了|没有了|都不用)\W*(?:谢谢)?\W*$|"
        r"都可以|都行|都好|都没问题|都一样|随便|无所谓|没(?:有)?(?:什么)?(?:要求|偏好|特别|想法)|不挑|没关系"
    ),
}
# Words before a name that say it is the stylist asked for: "with Maria", "con Maria", "找Maria".
BEFORE_STYLIST = {
    "en": re.compile(r"\b(?:with|see|by|from|prefer|want|book)\s+$", re.IGNORECASE),
    "es": re.compile(r"\b(?:con|ver|a|por|prefiero|quiero|atienda|atiende)(?:\s+(?:la|el))?\s+$"),
    "zh": re.compile(r"(?:找|约|跟|和|要|换成|换)\s*$"),
}
NAME_MATCH = 85


@dataclass(frozen=True)
class StylistChoice:
    """What the caller asked for: a staff member, anyone, or a name we have no one called."""

    staff: Optional[Staff] = None
    anyone: bool = False
    unknown_name: Optional[str] = None


def _words(text: str) -> List[str]:
    return re.findall(r"[\w'-]+", folded(text))


def folded(text: str) -> str:
    """Lower case without accents, one character for one ("María" -> "maria"), so positions stay put."""
    return "".join(unicodedata.normalize("NFD", char)[0] for char in text.lower())


def _in_language(table: dict, language: str) -> Sequence:
    """The language's pattern on the folded text, then the English one on the text as said."""
    own = table.get(language) if language != "en" else None
    return ((own, folded),) * (own is not None) + ((table["en"], str),)


def _said(table: dict, text: str, language: str) -> bool:
    return any(pattern.search(prepared(text)) for pattern, prepared in _in_language(table, language))


def _names(person: Staff) -> List[str]:
    return [person.name, *person.aliases]


def staff_matching(name: str, staff: Sequence[Staff]) -> Optional[Staff]:
    """The staff member a said name means, forgiving spelling ("Alicia" is Alisha when the playbook says so)."""
    said = folded(name).strip()
    for person in staff:
        if any(said == folded(known) or said in _words(known) for known in _names(person)):
            return person
    scored = [(max(fuzz.ratio(said, folded(known)) for known in _names(person)), person) for person in staff]
    best = max(scored, key=lambda pair: pair[0], default=(0, None))
    return best[1] if best[0] >= NAME_MATCH else None


def whole_name(name: str) -> str:
    """A pattern for a name said as a whole word. Chinese runs words together ("找Maria剪头"), so a Latin
    name only needs no Latin letter or digit beside it, and a Chinese name none at all."""
    return rf"(?<![a-z0-9]){re.escape(folded(name))}(?![a-z0-9])"


def _named_in(text: str, staff: Sequence[Staff], not_names: Iterable[str], language: str = "en") -> Optional[Staff]:
    """A staff name said as a whole word, unless it is the caller's own name and not said as "with Maria"."""
    lowered = folded(text)
    excluded = {word for name in not_names for word in _words(name)}
    cues = _in_language(BEFORE_STYLIST, language)
    for person in staff:
        for known in _names(person):
            for match in re.finditer(whole_name(known), lowered):
                before = lowered[: match.start()]
                said_as_stylist = any(pattern.search(before) for pattern, _ in cues)
                if said_as_stylist or not set(_words(known)) & excluded:
                    return person
    return None


def read_stylist(
    text: str, staff: Sequence[Staff], entity: Optional[str] = None, answering: bool = False,
    customer_names: Iterable[str] = (), language: str = "en",
) -> Optional[StylistChoice]:
    """The caller's stylist preference in this message, or None when they said nothing about it.

    A bare "no" ("no, nadie", "没有", "随便") counts as "anyone" only as the answer to "do you have a
    stylist in mind?".
    """
    if entity:
        person = staff_matching(entity, staff)
        if person is None and entity.lower() not in {name.lower() for name in customer_names}:
            return StylistChoice(unknown_name=entity.strip().title())
        if person is not None:
            return StylistChoice(staff=person)
    person = _named_in(text, staff, customer_names, language)
    if person is not None:
        return StylistChoice(staff=person)
    if _said(ANYONE_WORDS, text, language) or (answering and _said(NO_ONE_IN_MIND, text, language)):
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
