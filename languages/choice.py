"""Keeps the conversation in one language and moves it only on real evidence or when the caller asks.

A name, a number, "ok" or a dish name says nothing about the caller's language; a sentence does. The
first thing a caller says counts for more (a plain "hola" should be answered in Spanish), and a caller
who asks ("¿habla español?", "说中文", "English please") gets the language at once, if the business
offers it. A language the business has not enabled is never switched to: the caller is told, once,
in a language the business has.
"""

import re
from dataclasses import dataclass
from typing import Iterable, Optional, Sequence

from languages.detection import read

# The caller's first words: one greeting is enough, if lingua is fairly sure.
FIRST_TURN_CONFIDENCE = 0.6

NAMES = {
    "en": (r"english|ingl[eé]s", r"英文|英语|英語"),
    "es": (r"espa[nñ]ol|castellano|spanish", r"西班牙语|西班牙文"),
    "zh": (r"chinese|mandarin|chino|mandar[ií]n", r"中文|普通话|普通話|国语|國語|华语|汉语"),
}


def _ask_pattern(latin: str, han: str) -> re.Pattern:
    """"Speak/in/habla/en <language>", "<language> please", the name alone, or a Chinese name at all."""
    return re.compile(
        rf"\b(?:speaks?|talk|in|habl\w*|en)\s+(?:in\s+|en\s+)?(?:{latin})\b"
        rf"|\b(?:{latin})\s*,?\s*(?:please|pls|por favor|porfa)\b"
        rf"|^\W*(?:{latin})\W*$|{han}",
        re.IGNORECASE)


ASKS = {language: _ask_pattern(*names) for language, names in NAMES.items()}
MAX_ASK_WORDS = 15
# Addresses, email addresses and links are written in whatever language the street or the mailbox is.
NOT_LANGUAGE = re.compile(
    r"\S+@\S+|https?://\S+|www\.\S+"
    r"|\b\d+[A-Za-z]?\s+(?:[NSEW]\.?\s+)?[A-Z][\w.]*(?:\s+(?:de|del|la|las|los|el|[A-Z][\w.]*))*(?:,\s*[A-Z][\w.]*)*")


@dataclass(frozen=True)
class Choice:
    """The conversation's language after this message, and the one the caller wanted if not offered."""

    language: str
    not_offered: Optional[str] = None

    @property
    def declined(self) -> bool:
        return self.not_offered is not None


def asked_for(text: str) -> Optional[str]:
    """The language a short message asks for ("¿Habla español?", "中文", "English please"), if any."""
    named = [language for language, pattern in ASKS.items() if pattern.search(text)]
    return named[0] if len(named) == 1 and len(text.split()) <= MAX_ASK_WORDS else None


def _without(text: str, names: Iterable[str]) -> str:
    text = NOT_LANGUAGE.sub(" ", text)
    for name in sorted((n for n in names if n), key=len, reverse=True):
        text = re.sub(re.escape(name), " ", text, flags=re.IGNORECASE)
    return text


def evidence(text: str, first_turn: bool, known_names: Iterable[str] = ()) -> Optional[str]:
    """The language this message clearly is in, ignoring addresses, emails and the business's item and staff names."""
    reading = read(_without(text, known_names))
    if reading.language is None:
        return None
    if reading.sentence or (first_turn and reading.confidence >= FIRST_TURN_CONFIDENCE):
        return reading.language
    return None


def choose(current: str, text: str, offered: Sequence[str], first_turn: bool = False,
           known_names: Iterable[str] = ()) -> Choice:
    """The language to answer this message in."""
    wanted = asked_for(text) or evidence(text, first_turn, known_names)
    if wanted is None or wanted == current:
        return Choice(current)
    if wanted in offered:
        return Choice(wanted)
    return Choice(current if current in offered else offered[0], not_offered=wanted)
