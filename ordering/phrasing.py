"""Joins a few things the way a person says them: "a, b or c", "a, b o c", "a、b或c"."""

import re
from decimal import Decimal
from typing import Sequence

WORDS = {
    "en": {"or": " or ", "and": " and ", "comma": ", ", "price": "{label} ${amount}", "spaced": True},
    "es": {"or": " o ", "and": " y ", "comma": ", ", "price": "{label}: ${amount}", "spaced": True,
           "or_before_o": " u ", "and_before_i": " e "},
    "zh": {"or": "或", "and": "和", "comma": "、", "price": "{label} ${amount}", "spaced": False},
}
# Spanish says "u" before an "o" sound and "e" before an "i" sound ("Olga u Omar", "Marta e Isabel"),
# but not before a diphthong ("agua y hielo").
_O_SOUND = re.compile(r"h?[oó]", re.IGNORECASE)
_I_SOUND = re.compile(r"h?[ií](?![aeiouáéó])", re.IGNORECASE)
_HAN = r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]"
_SPACE_BY_HAN = re.compile(rf"(?<={_HAN})\s+|\s+(?={_HAN})")


def _joiner(last: str, conjunction: str, words: dict) -> str:
    if conjunction == "or" and "or_before_o" in words and _O_SOUND.match(last):
        return words["or_before_o"]
    if conjunction == "and" and "and_before_i" in words and _I_SOUND.match(last):
        return words["and_before_i"]
    return words[conjunction]


def spoken_list(items: Sequence[str], conjunction: str = "or", language: str = "en") -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    words = WORDS.get(language, WORDS["en"])
    return words["comma"].join(items[:-1]) + _joiner(items[-1], conjunction, words) + items[-1]


def run_together(text: str, language: str = "en") -> str:
    """Chinese puts no space between words; a space stays only where two Latin words or numbers meet
    ("2 gallons白色内墙漆"), since catalog and staff names may be in either script."""
    return text if WORDS.get(language, WORDS["en"])["spaced"] else _SPACE_BY_HAN.sub("", text)


def spoken_price(label: str, amount: Decimal, language: str = "en") -> str:
    """"large pizza $12.50", "pizza grande: $12.50", "大披萨$12.50" (the domain says dollars with "$" too)."""
    words = WORDS.get(language, WORDS["en"])
    return run_together(words["price"].format(label=label, amount=f"{amount:.2f}"), language)
