"""Reads a date of birth as people say or type it: "March 3rd 1984", "3/3/84", "03-03-1984", "the third of
March nineteen eighty-four", "1984-03-03".

Duckling reads calendar dates but not spoken years ("nineteen eighty-four") and reads a bare "March 3rd" as
the next one; a birth date needs a year in the past, so it gets its own small parser. Numeric dates are
month first (US) unless the first number cannot be a month ("25/03/1984"). A two-digit year is the latest
century that does not put the birthday in the future. Impossible ages (over 120) and future dates are
refused so the assistant can ask again.

Spanish callers say "3 de marzo de 1984" (or spell the year out) and write numeric dates day first
("03/02/1968" is 3 February); Chinese callers say "1984年3月3日", in digits or Chinese numerals. English is
understood in every language, since callers mix.
"""

import re
import unicodedata
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

# Spanish: "el 3 de marzo de 1984", "nací el primero de mayo del 84", "03/02/1968" (day first, as written in
# Mexico and Spain), "tres de marzo de mil novecientos ochenta y cuatro". Read without accents.
ES_MONTHS = {
    name: number
    for number, names in enumerate(
        [("enero", "ene"), ("febrero", "feb"), ("marzo", "mar"), ("abril", "abr"), ("mayo", "may"), ("junio", "jun"),
         ("julio", "jul"), ("agosto", "ago"), ("septiembre", "setiembre", "sep", "sept", "set"), ("octubre", "oct"),
         ("noviembre", "nov"), ("diciembre", "dic")],
        start=1,
    )
    for name in names
}
ES_UNITS = {
    **{word: value for value, word in enumerate(
        "cero uno dos tres cuatro cinco seis siete ocho nueve diez once doce trece catorce quince dieciseis diecisiete "
        "dieciocho diecinueve veinte veintiuno veintidos veintitres veinticuatro veinticinco veintiseis veintisiete "
        "veintiocho veintinueve".split())},
    "un": 1, "una": 1, "primero": 1, "primer": 1, "veintiun": 21,
}
ES_TENS = {"treinta": 30, "cuarenta": 40, "cincuenta": 50, "sesenta": 60, "setenta": 70, "ochenta": 80, "noventa": 90}
ES_HUNDREDS = {
    "cien": 100, "ciento": 100, "doscientos": 200, "trescientos": 300, "cuatrocientos": 400, "quinientos": 500,
    "seiscientos": 600, "setecientos": 700, "ochocientos": 800, "novecientos": 900,
}
ES_FILLER = {"el", "de", "del", "la", "en", "y"}
# Chinese: "1984年3月3日", "84年3月3号", "一九八四年三月三日". Years in Chinese numerals are said digit by digit,
# days and months with 十 ("二十五号").
ZH_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_ZH_NUMBER = re.compile("[零〇○一二两三四五六七八九十]+")
_ZH_DATE = re.compile(r"(\d{4}|\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})")
_ZH_WITHOUT_YEAR = re.compile(r"(\d{1,2})\s*月\s*(\d{1,2})\s*[日号號]")

_YEAR = r"((?:19|20) \d{2}|\d{4}|\d{2})"


def _month_pattern(months: dict) -> str:
    return "(" + "|".join(sorted(months, key=len, reverse=True)) + r")\.?"


def _patterns(months: dict) -> tuple:
    month = _month_pattern(months)
    return (
        ("ymd", re.compile(r"\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\b")),
        ("mdy", re.compile(r"\b(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})\b")),
        ("packed", re.compile(r"\b(\d{2})(\d{2})(\d{4})\b")),
        ("month_day", re.compile(r"\b" + month + r" (\d{1,2}) " + _YEAR + r"\b")),
        ("day_month", re.compile(r"\b(\d{1,2}) " + month + r" " + _YEAR + r"\b")),
    )


def _without_year(months: dict):
    month = _month_pattern(months)
    return re.compile(r"\b" + month + r" \d{1,2}\b|\b\d{1,2} " + month + r"\b|\b\d{1,2}/\d{1,2}\b")


# Per language: the month names, the patterns, a date without its year, and whether 03/02 is 3 February.
MONTHS_IN = {"en": MONTHS, "es": {**MONTHS, **ES_MONTHS}, "zh": MONTHS}
_PATTERNS = {language: _patterns(months) for language, months in MONTHS_IN.items()}
_WITHOUT_YEAR = {language: _without_year(months) for language, months in MONTHS_IN.items()}
DAY_FIRST = {"es"}


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


def _digits_for_numbers(words: List[str], number_at, dropped) -> str:
    """The words joined again, each spoken number (read by `number_at`) as digits; `dropped` words are left out
    only outside a number, where "and" no longer joins "two thousand and five"."""
    said: List[str] = []
    index = 0
    while index < len(words):
        digits, used = number_at(words, index)
        if digits is None:
            if words[index] not in dropped:
                said.append(words[index])
            index += 1
            continue
        said.append(digits)
        index += used
    return " ".join(said)


def _normalised(text: str) -> str:
    """Lower case, spoken numbers as digits, ordinal suffixes and filler words gone: "march 3 19 84"."""
    text = text.lower()
    text = re.sub(r"(?<=[a-z])-(?=[a-z])", " ", text)
    text = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text)
    text = re.sub(r"[,;!?]|(?<![\d])\.|\.(?!\d)", " ", text)
    words = [word for word in text.split() if word not in FILLER - {"and"}]
    return _digits_for_numbers(words, _number_run, dropped={"and"})


def _spanish_number(words: List[str], start: int) -> tuple:
    """Reads a spoken Spanish number at `start`: "mil novecientos ochenta y cuatro" -> "1984", "dos mil cinco"
    -> "2005", "treinta y uno" -> "31", "primero" -> "1". Returns (digits or None, words used)."""
    total, current, index = 0, 0, start
    while index < len(words):
        word = words[index]
        if word in ES_HUNDREDS:
            current += ES_HUNDREDS[word]
        elif word in ES_TENS:
            current += ES_TENS[word]
            if words[index + 1:index + 2] == ["y"] and index + 2 < len(words) and words[index + 2] in ES_UNITS:
                current += ES_UNITS[words[index + 2]]
                index += 2
        elif word in ES_UNITS:
            current += ES_UNITS[word]
        elif word == "mil":
            total += (current or 1) * 1000
            current = 0
        else:
            break
        index += 1
    if index == start:
        return None, 1
    return str(total + current), index - start


def _spanish(text: str) -> str:
    """Lower case without accents, spoken numbers as digits, filler words gone: "3 marzo 1984"."""
    text = "".join(char for char in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(char))
    text = re.sub(r"(\d)(?:ro|ero|do|to|vo|no|mo|o|a|st|nd|rd|th)\b", r"\1", text)
    text = re.sub(r"[,;!?¿¡]|(?<![\d])\.|\.(?!\d)", " ", text)
    return _digits_for_numbers(text.split(), _spanish_number, dropped=ES_FILLER)


def _zh_number(run: str) -> str:
    """"一九八四" -> "1984" (digit by digit), "二十五" -> "25", "十" -> "10"."""
    if "十" not in run:
        return "".join(str(ZH_DIGITS[char]) for char in run)
    tens, _, units = run.partition("十")
    return str((ZH_DIGITS.get(tens[-1:], 1) if tens else 1) * 10 + (ZH_DIGITS.get(units[:1], 0) if units else 0))


def _chinese(text: str) -> str:
    """Full-width digits as ASCII and Chinese numerals as digits: "一九八四年三月三日" -> "1984年3月3日"."""
    return _ZH_NUMBER.sub(lambda found: _zh_number(found.group()), unicodedata.normalize("NFKC", text))


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


def _parts(kind: str, groups: tuple, today: date, language: str = "en") -> Optional[tuple]:
    """(year, month, day) from one pattern's groups, or None when they cannot be a month and day."""
    months = MONTHS_IN.get(language, MONTHS)
    if kind == "ymd":
        return int(groups[0]), int(groups[1]), int(groups[2])
    if kind == "ymd_zh":
        month, day = int(groups[1]), int(groups[2])
        return _year(groups[0], (month, min(day, 28)), today), month, day
    if kind in ("mdy", "packed"):
        first, second = int(groups[0]), int(groups[1])
        if language in DAY_FIRST:
            day, month = (second, first) if second > 12 >= first else (first, second)
        else:
            month, day = (second, first) if first > 12 >= second else (first, second)
        return _year(groups[2], (month, min(day, 28)), today), month, day
    if kind == "month_day":
        month, day = months[groups[0]], int(groups[1])
        return _year(groups[2], (month, min(day, 28)), today), month, day
    day, month = int(groups[0]), months[groups[1]]
    return _year(groups[2], (month, min(day, 28)), today), month, day


def _readings(text: str, language: str) -> list:
    """The text as each language's patterns read it, with those patterns: the caller's language first, then
    English, since callers mix ("nací March 3rd 1984")."""
    english = ("en", _normalised(text), _PATTERNS["en"])
    if language == "es":
        return [("es", _spanish(text), _PATTERNS["es"]), english]
    if language == "zh":
        return [("zh", _chinese(text).lower(), (("ymd_zh", _ZH_DATE), *_PATTERNS["zh"])), english]
    return [english]


def _first_match(readings: list) -> Optional[tuple]:
    """(language, pattern kind, match) of the first pattern that finds a date, in the readings' order."""
    for code, said, patterns in readings:
        for kind, pattern in patterns:
            found = pattern.search(said)
            if found:
                return code, kind, found
    return None


def read_date_of_birth(text: str, today: date, language: str = "en") -> DobReading:
    """A birth date in the caller's words: "March 3rd 1984", "3 de marzo de 1984", "1984年3月3日"."""
    readings = _readings(text, language)
    first = _first_match(readings)
    if first is None:
        without_year = any(_WITHOUT_YEAR[code].search(said) for code, said, _ in readings) or (
            language == "zh" and _ZH_WITHOUT_YEAR.search(readings[0][1]))
        return DobReading(problem="no_year" if without_year else "not_found")
    code, kind, found = first
    year, month, day = _parts(kind, found.groups(), today, code)
    try:
        born = date(year, month, day)
    except ValueError:
        return DobReading(problem="invalid")
    if born > today:
        return DobReading(problem="future")
    if _age(born, today) > MAX_AGE_YEARS:
        return DobReading(problem="too_old")
    return DobReading(value=born)


def _age(born: date, today: date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def spoken_date(day: date, language: str = "en") -> str:
    """"March 3, 1984", "3 de marzo de 1984", "1984年3月3日": short enough to read back on the phone."""
    template = SPOKEN_DATE.get(language, SPOKEN_DATE["en"])
    return template.format(month=month_name(day.month, language), day=day.day, year=day.year)


_BIRTH_WORDS = {
    "en": re.compile(r"\b(?:born|birth|dob|d\.o\.b|birthday|bday|b-day)\b", re.IGNORECASE),
    "es": re.compile(r"\b(?:naci\w*|nacimiento|cumpleanos|cumple|f\.? ?de nac\.?)\b"),
    "zh": re.compile(r"出生|生日|生于|出世"),
}


def mentions_birth(text: str, language: str = "en") -> bool:
    """A date said unprompted counts as a birth date only next to words like "born", "nací" or "出生"."""
    own = _BIRTH_WORDS.get(language) if language != "en" else None
    folded = "".join(char for char in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(char))
    return bool(_BIRTH_WORDS["en"].search(text) or (own is not None and own.search(folded)))
