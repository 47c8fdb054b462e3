"""Turns what a caller says, in English, Spanish or Chinese, into priced order lines against one business's
catalog, and reads them back in the caller's language."""

from catalog.matching import closest_items, match_item, match_modifier, match_variation, parse_quantity
from catalog.model import Catalog, Item, Modifier, ModifierList, Variation
from catalog.order_parser import OrderUpdate, apply_utterance
from catalog.pricing import line_total, order_total, price_of
from catalog.readback import missing_variation, read_back, variation_choices

__all__ = [
    "Catalog",
    "Item",
    "Modifier",
    "ModifierList",
    "OrderUpdate",
    "Variation",
    "apply_utterance",
    "closest_items",
    "line_total",
    "match_item",
    "match_modifier",
    "match_variation",
    "missing_variation",
    "order_total",
    "parse_quantity",
    "price_of",
    "read_back",
    "variation_choices",
]
