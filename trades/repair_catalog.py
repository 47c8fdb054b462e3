"""Which of the shop's repair types the caller's symptom names, priced for their kind of device.

A repair type's aliases are what callers say is wrong ("cracked screen", "won't charge"); they match in
any order and with the words apart ("the screen is cracked"). Its variations are the device classes it is
priced for, named the way callers name devices, so a phone gets the phone price and a console never gets
a laptop keyboard.

Names in the caller's language count like aliases (`phrases(language)`): "pantalla rota", "屏幕碎了". Chinese
words are runs of characters, so a Chinese name is said when its characters are ("屏幕摔碎了" says 屏幕碎了).
"""

from typing import Any, Dict, FrozenSet, List, Optional, Sequence, Tuple

from rapidfuzz import fuzz

from catalog import Catalog, Item, Variation
from catalog.matching import singular
from trades.repair import kinds_named, tokens_of

# Words that carry nothing in an alias: "dropped it in the pool" is {dropped, pool}.
ALIAS_FILLER: Dict[str, FrozenSet[str]] = {
    "en": frozenset("a an the of my it its is on in to at by with".split()),
    "es": frozenset("a an the of my it its is on in to at by with el la los las un una unos unas de del al mi mis su sus "
                    "se me le lo que es esta y en con por para".split()),
    "zh": frozenset("的 了 我 你 他 它 是 把 被 都 也 很 就 在 个 这 那 啦 呢 吧 啊".split()),
}
FUZZY_MIN_CHARS = 5
FUZZY_CUTOFF = 86


def _words(text: str, language: str) -> Tuple[str, ...]:
    filler = ALIAS_FILLER.get(language, ALIAS_FILLER["en"])
    return tuple(singular(token.word) for token in tokens_of(text) if token.word not in filler)


def _said(word: str, said: FrozenSet[str]) -> bool:
    """Word for word, or a slip of a long word ("cracekd", "keybaord")."""
    if word in said:
        return True
    return len(word) >= FUZZY_MIN_CHARS and any(
        len(other) >= FUZZY_MIN_CHARS and fuzz.ratio(word, other) >= FUZZY_CUTOFF for other in said
    )


def _best_phrase(item: Item, said: FrozenSet[str], language: str) -> Tuple[str, ...]:
    """The item's longest name or alias whose words were all said, or () if none was."""
    found = [words for phrase in item.phrases(language) for words in [_words(phrase, language)]
             if words and all(_said(word, said) for word in words)]
    return max(found, key=len, default=())


def variation_for(item: Item, kind: Optional[str], text: str = "", language: str = "en") -> Optional[Variation]:
    """The item's variation for this kind of device; a variation that names no device fits every device.

    Several variations for one kind (an auto shop's "car" and "SUV or truck"): the one the caller named.
    """
    if kind is None:
        return item.default_variation
    fitting = [v for v in item.variations if kind in _variation_kinds(v, language) or not _variation_kinds(v, language)]
    said = set(_words(text, language))
    named = [v for v in fitting if any(set(_words(p, language)) <= said for p in v.phrases(language))]
    return (named or fitting or [None])[0]


def _variation_kinds(variation: Variation, language: str) -> FrozenSet[str]:
    return frozenset(kind for phrase in variation.phrases(language) for kind in kinds_named(phrase, language))


def repair_types(text: str, catalog: Catalog, kind: Optional[str] = None, language: str = "en") -> List[Tuple[Item, Variation]]:
    """Every repair type the text names that fits the device, longest match first, in catalog order on ties.

    A type whose words were all part of a longer match is left out: "won't hold a charge" is a battery,
    not also a charging port.
    """
    said = frozenset(_words(text, language))
    matches = []
    for position, item in enumerate(catalog.items):
        phrase = _best_phrase(item, said, language)
        variation = variation_for(item, kind, text, language) if phrase else None
        if phrase and (variation is not None or kind is None):
            matches.append((len(phrase), position, item, variation, phrase))
    matches.sort(key=lambda match: (-match[0], match[1]))
    covered: set = set()
    chosen = []
    for _, _, item, variation, phrase in matches:
        if set(phrase) <= covered:
            continue
        covered |= set(phrase)
        chosen.append((item, variation))
    return chosen


def repair_lines(text: str, catalog: Catalog, kind: Optional[str], language: str = "en") -> List[Dict[str, Any]]:
    """Ticket lines for the repair types named, one each, priced for the device; unpriced types are left out."""
    return [
        {"item_id": item.id, "name": item.name, "quantity": 1, "unit_price": str(variation.price),
         "variation_id": variation.id, "variation": variation.name}
        for item, variation in repair_types(text, catalog, kind, language)
        if variation is not None
    ]


def line_names(lines: Sequence[Dict[str, Any]]) -> List[str]:
    return [line["name"] for line in lines]
