"""Re-creates a caller's usual order against today's catalog, then applies what else they said.

"The usual but no onions, pickup at noon": the previous order's lines are loaded, items the business
no longer sells are left out (and named, so the caller hears it), prices are today's, and the rest of
the message goes through `catalog.apply_utterance` as a change to that draft.
"""

import re
from dataclasses import dataclass, field
from typing import Dict, List, Optional

import catalog
from catalog import Catalog, OrderUpdate
from catalog.matching import normalize
from customers.history import UsualOrder

# How callers ask for their previous order. Only used to recognise the request and to keep these words from
# being read as items ("my regular" is not the "regular" size, "lo de siempre" names no dish). Spanish is
# matched without accents; Chinese has no spaces, so its phrases are matched anywhere. English phrases are
# understood in every language ("the usual porfa").
USUAL_PHRASES = {
    "en": re.compile(
        r"\b(?:"
        r"(?:my|our)\s+(?:usual|regular)(?:\s+order)?"
        r"|(?<!as\s)(?:the\s+)?usual(?:\s+order)?"
        r"|same\s+(?:thing\s+|order\s+|one\s+|stuff\s+)?(?:as\s+)?(?:last\s+time|before|always|usual|the\s+other\s+day|last\s+week)"
        r"|same\s+(?:thing\s+|order\s+)?again"
        r"|(?:what|wat)\s+(?:i|we)\s+(?:got|had|ordered|get|have)\s+(?:last\s+time|before|usually|always)"
        r"|(?:my|the|our)\s+last\s+order|repeat\s+(?:my|the|our)\s+(?:last\s+)?order|reorder|re-order"
        r")\b",
        re.IGNORECASE,
    ),
    "es": re.compile(
        r"\b(?:"
        r"(?:lo|la|el|los|las)\s+(?:mism[oa]s?\s+)?(?:de|d)\s+siempre"
        r"|(?:mi|nuestro|nuestra|el|la)\s+(?:pedido|orden)\s+(?:de\s+siempre|habitual|de\s+costumbre|usual)"
        r"|(?:lo|el|la)\s+(?:mism[oa]|igual)\s+(?:pedido\s+|orden\s+)?(?:que|de|como)\s+(?:la|el)\s+"
        r"(?:ultima\s+vez|vez\s+pasada|otra\s+vez|semana\s+pasada|mes\s+pasado)"
        r"|(?:lo\s+mismo|igual)\s+que\s+(?:siempre|la\s+ultima\s+vez|la\s+vez\s+pasada|la\s+otra\s+vez|antes)"
        r"|(?:el|la)\s+mism[oa]\s+(?:pedido|orden)\s+(?:de|que)\s+(?:la|el)\s+(?:semana|vez|mes)\s+pasad[oa]"
        r"|(?:mi|el|la)\s+ultim[oa]\s+(?:pedido|orden)"
        r"|rep[ie]t\w*\s+(?:mi|el|la|nuestro)\s+(?:ultim[oa]\s+)?(?:pedido|orden)(?:\s+de\s+siempre|\s+habitual)?"
        r"|(?:lo\s+)?que\s+ped[ií]\w*\s+(?:la\s+ultima\s+vez|la\s+vez\s+pasada|la\s+otra\s+vez|siempre)"
        r"|lo\s+usual|lo\s+de\s+costumbre|(?:igual|lo\s+mismo)\s+que\s+siempre|de\s+siempre"
        r")\b"
    ),
    "zh": re.compile(
        r"老样子|老规矩|照旧|照上次|按上次|跟上次一样|和上次一样|同上次|跟上回一样|和上回一样|上次那样|上次的|上次那个|"
        r"上次点的|上回点的|跟以前一样|和以前一样|跟平时一样|和平时一样|跟平常一样|和平常一样|跟往常一样|"
        r"(?:跟|和|按)上(?:个|一)?(?:礼拜|星期|周|月)\w{0,2}(?:一样|的单)|常点的|再来一份上次"
    ),
}
@dataclass(frozen=True)
class RecreatedOrder:
    """The draft after loading the usual and applying the rest of the message."""

    update: OrderUpdate
    unavailable: List[str] = field(default_factory=list)

    @property
    def lines(self) -> List[Dict]:
        return self.update.lines


def _patterns(language: str) -> tuple:
    """The language's phrases, matched on the folded text, then the English ones on the text as said."""
    own = USUAL_PHRASES.get(language) if language != "en" else None
    return ((own, normalize),) * (own is not None) + ((USUAL_PHRASES["en"], str),)


def asks_for_usual(text: str, language: str = "en") -> bool:
    """"same as last time", "lo de siempre", "老样子"; for when the intent says place_order."""
    return any(pattern.search(prepared(text or "")) for pattern, prepared in _patterns(language))


def without_usual_words(text: str, language: str = "en") -> str:
    text = text or ""
    for pattern, prepared in _patterns(language):
        text = pattern.sub(" , ", prepared(text))
    return text


def current_lines(lines: List[Dict], menu: Catalog) -> tuple[List[Dict], List[str]]:
    """The previous lines whose items are still sold, and the names of those that are not."""
    kept = [line for line in lines if menu.item(line["item_id"]) is not None]
    gone = [line["name"] for line in lines if menu.item(line["item_id"]) is None]
    return kept, list(dict.fromkeys(gone))


def recreate(usual: UsualOrder, text: str, menu: Catalog, language: str = "en") -> RecreatedOrder:
    """Today's version of the usual with the caller's changes; sizes or extras since dropped from the
    catalog fall away (a missing size is then asked for like any other), and every price is today's."""
    lines, unavailable = current_lines(usual.lines, menu)
    update = catalog.apply_utterance(without_usual_words(text, language), menu, lines, language)
    return RecreatedOrder(update=update, unavailable=unavailable)


def fulfillment_of(usual: Optional[UsualOrder]) -> Dict[str, Optional[str]]:
    """Pickup or delivery as last time, with the same address for a delivery."""
    if usual is None:
        return {}
    if usual.fulfillment == "delivery" and usual.address:
        return {"fulfillment": "delivery", "delivery_address": usual.address}
    return {"fulfillment": "pickup"}
