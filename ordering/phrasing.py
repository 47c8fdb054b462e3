"""Joins a few things the way a person says them: "a, b or c"."""

from typing import Sequence

JOINERS = {"en": {"or": " or ", "and": " and "}}


def spoken_list(items: Sequence[str], conjunction: str = "or", language: str = "en") -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    joiner = JOINERS.get(language, JOINERS["en"])[conjunction]
    return ", ".join(items[:-1]) + joiner + items[-1]
