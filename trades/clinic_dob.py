"""Reads a date of birth as people say or type it: "March 3rd 1984", "3/3/84", "03-03-1984", "the third of
March nineteen eighty-four", "1984-03-03".

Duckling reads calendar dates but not spoken years ("nineteen eighty-four") and reads a bare "March 3rd" as
the next one; a birth date needs a year in the past, so it gets its own small parser. Numeric dates are
month first (US) unless the first number cannot be a month ("25/03/1984"). A two-digit year is the latest
century that does not put the birthday in the future. Impossible ages (over 120) and future dates are
refused so the assistant can ask again.
"""

import re
from dataclasses import dataclass
from datetime import date
from typing import List, Optional

from scheduling.formatting import month_name

MAX_AGE_YEARS = 120
SPOKEN_DATE = {"en": "{month} {day}, {year}", "es": "{day} de {month} de {year}", "zh": "{year}年{month}{day}日"}

MONTHS = {
    name: number
    for number, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
         ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"),
         ("november", "nov"), ("december", "dec")],
        start=1,
    )
    for name in names
}
UNITS = {word: value for value, word in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen".split())}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
    "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "thirtieth": 30,
}
FILLER = {"the", "of", "and", "on", "a"}

_MONTH = "(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"((?:19|20) \d{2}|\d{4}|\d{2})"
_PATTERNS = (
    ("ymd", re.compile(r"\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\b")),
    ("mdy", re.compile(r"\b(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})\b")),
    ("packed", re.compile(r"\b(\d{2})(\d{2})(\d{4})\b")),
    ("month_day", re.compile(r"\b" + _MONTH + r" (\d{1,2}) " + _YEAR + r"\b")),
    ("day_month", re.compile(r"\b(\d{1,2}) " + _MONTH + r" " + _YEAR + r"\b")),
)
_WITHOUT_YEAR = re.compile(r"\b" + _MONTH + r" \d{1,2}\b|\b\d{1,2} " + _MONTH + r"\b|\b\d{1,2}/\d{1,2}\b")


@dataclass(frozen=True)
class DobReading:
    """`value` when a plausible birth date was said; otherwise `problem`: not_found, no_year, invalid, future,
    too_old."""

    value: Optional[date] = None
    problem: Optional[str] = None


def _number_run(words: List[str], start: int) -> tuple:
    """Reads spoken numbers at `start`: "twenty first" -> "21", "oh five" -> "05", "two thousand and five" ->
    "2005", "eighty four" -> "84". Returns (digits or None, words used)."""
    word = words[start]
    following = words[start + 1] if start + 1 < len(words) else ""
    if word in ("oh", "o") and following in UNITS and UNITS[following] < 10:
        return f"0{UNITS[following]}", 2
    if word in UNITS and following == "thousand":
        used, value = 2, UNITS[word] * 1000
        rest = words[start + 2:start + 5]
        rest = rest[1:] if rest[:1] == ["and"] else rest
        skipped = 1 if words[start + 2:start + 3] == ["and"] else 0
        if rest:
            digits, size = _number_run(rest, 0)
            if digits is not None and int(digits) < 100:
                return str(value + int(digits)), used + skipped + size
        return str(value), used
    if word in TENS:
        if following in ORDINALS and ORDINALS[following] < 10:
            return str(TENS[word] + ORDINALS[following]), 2
        if following in UNITS and 0 < UNITS[following] < 10:
            return str(TENS[word] + UNITS[following]), 2
        return str(TENS[word]), 1
    if word in ORDINALS:
        return str(ORDINALS[word]), 1
    if word in UNITS:
        return str(UNITS[word]), 1
    return None, 1


def _normalised(text: str) -> str:
    """Lower case, spoken numbers as digits, ordinal suffixes and filler words gone: "march 3 19 84"."""
    text = text.lower()
    text = re.sub(r"(?<=[a-z])-(?=[a-z])", " ", text)
    text = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text)
    text = re.sub(r"[,;!?]|(?<![\d])\.|\.(?!\d)", " ", text)
    words = [word for word in text.split() if word not in FILLER - {"and"}]
    said: List[str] = []
    index = 0
    while index < len(words):
        digits, used = _number_run(words, index)
        if digits is None:
            if words[index] != "and":
                said.append(words[index])
            index += 1
            continue
        said.append(digits)
        index += used
    return " ".join(said)


def _year(text: str, day_and_month: tuple, today: date) -> Optional[int]:
    digits = text.replace(" ", "")
    if len(digits) == 4:
        return int(digits)
    two = int(digits)
    month, day = day_and_month
    for century in (today.year // 100 * 100, today.year // 100 * 100 - 100):
        try:
            if date(century + two, month, day) <= today:
                return century + two
        except ValueError:
            return century + two
    return today.year // 100 * 100 - 100 + two


def _parts(kind: str, groups: tuple, today: date) -> Optional[tuple]:
    """(year, month, day) from one pattern's groups, or None when they cannot be a month and day."""
    if kind == "ymd":
        return int(groups[0]), int(groups[1]), int(groups[2])
    if kind in ("mdy", "packed"):
        first, second = int(groups[0]), int(groups[1])
        month, day = (second, first) if first > 12 >= second else (first, second)
        return _year(groups[2], (month, min(day, 28)), today), month, day
    if kind == "month_day":
        month, day = MONTHS[groups[0]], int(groups[1])
        return _year(groups[2], (month, min(day, 28)), today), month, day
    day, month = int(groups[0]), MONTHS[groups[1]]
    return _year(groups[2], (month, min(day, 28)), today), month, day


def read_date_of_birth(text: str, today: date) -> DobReading:
    said = _normalised(text)
    for kind, pattern in _PATTERNS:
        found = pattern.search(said)
        if not found:
            continue
        year, month, day = _parts(kind, found.groups(), today)
        try:
            born = date(year, month, day)
        except ValueError:
            return DobReading(problem="invalid")
        if born > today:
            return DobReading(problem="future")
        if _age(born, today) > MAX_AGE_YEARS:
            return DobReading(problem="too_old")
        return DobReading(value=born)
    return DobReading(problem="no_year" if _WITHOUT_YEAR.search(said) else "not_found")


def _age(born: date, today: date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def spoken_date(day: date, language: str = "en") -> str:
    """"March 3, 1984", "3 de marzo de 1984", "1984年3月3日": short enough to read back on the phone."""
    template = SPOKEN_DATE.get(language, SPOKEN_DATE["en"])
    return template.format(month=month_name(day.month, language), day=day.day, year=day.year)


_BIRTH_WORDS = re.compile(r"\b(?:born|birth|dob|d\.o\.b|birthday|bday|b-day)\b", re.IGNORECASE)


def mentions_birth(text: str) -> bool:
    """A date said unprompted counts as a birth date only next to words like "born" or "date of birth"."""
    return bool(_BIRTH_WORDS.search(text))
