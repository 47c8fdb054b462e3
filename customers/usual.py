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
from customers.history import UsualOrder

# How callers ask for their previous order (English; the catalog parser is English too). Only used to
# recognise the request and to keep these words from being read as items ("my regular" is not the
# "regular" size).
USUAL_PHRASES = re.compile(
    r"\b(?:"
    r"(?:my|our)\s+(?:usual|regular)(?:\s+order)?"
    r"|(?<!as\s)(?:the\s+)?usual(?:\s+order)?"
    r"|same\s+(?:thing\s+|order\s+|one\s+|stuff\s+)?(?:as\s+)?(?:last\s+time|before|always|usual|the\s+other\s+day|last\s+week)"
    r"|same\s+(?:thing\s+|order\s+)?again"
    r"|(?:what|wat)\s+(?:i|we)\s+(?:got|had|ordered|get|have)\s+(?:last\s+time|before|usually|always)"
    r"|(?:my|the|our)\s+last\s+order|repeat\s+(?:my|the|our)\s+(?:last\s+)?order|reorder|re-order"
    r")\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class RecreatedOrder:
    """The draft after loading the usual and applying the rest of the message."""

    update: OrderUpdate
    unavailable: List[str] = field(default_factory=list)

    @property
    def lines(self) -> List[Dict]:
        return self.update.lines


def asks_for_usual(text: str) -> bool:
    """"same as last time", "my usual", "repeat my last order"; for when the intent says place_order."""
    return USUAL_PHRASES.search(text or "") is not None


def without_usual_words(text: str) -> str:
    return USUAL_PHRASES.sub(" , ", text or "")


def current_lines(lines: List[Dict], menu: Catalog) -> tuple[List[Dict], List[str]]:
    """The previous lines whose items are still sold, and the names of those that are not."""
    kept = [line for line in lines if menu.item(line["item_id"]) is not None]
    gone = [line["name"] for line in lines if menu.item(line["item_id"]) is None]
    return kept, list(dict.fromkeys(gone))


def recreate(usual: UsualOrder, text: str, menu: Catalog) -> RecreatedOrder:
    """Today's version of the usual with the caller's changes; sizes or extras since dropped from the
    catalog fall away (a missing size is then asked for like any other), and every price is today's."""
    lines, unavailable = current_lines(usual.lines, menu)
    update = catalog.apply_utterance(without_usual_words(text), menu, lines)
    return RecreatedOrder(update=update, unavailable=unavailable)


def fulfillment_of(usual: Optional[UsualOrder]) -> Dict[str, Optional[str]]:
    """Pickup or delivery as last time, with the same address for a delivery."""
    if usual is None:
        return {}
    if usual.fulfillment == "delivery" and usual.address:
        return {"fulfillment": "delivery", "delivery_address": usual.address}
    return {"fulfillment": "pickup"}
