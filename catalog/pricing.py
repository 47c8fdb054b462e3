"""What order lines cost, and answers to "how much is ...?" straight from the catalog."""

from decimal import Decimal

from catalog.matching import Mention, tag
from catalog.model import CENTS, Catalog, Item
from catalog.readback import describe


def line_total(line: dict) -> Decimal:
    return (Decimal(line["unit_price"]) * int(line["quantity"])).quantize(CENTS)


def order_total(lines: list[dict]) -> Decimal:
    return sum((line_total(line) for line in lines), Decimal("0.00"))


def price_of(text: str, catalog: Catalog, lines: list[dict], language: str = "en") -> list[tuple[str, Decimal]]:
    """Prices the question names, as (label, price) pairs:
    "how much are wings?" -> each variation; "what does a large pepperoni with extra cheese cost" -> that one;
    "how much is the large?" -> the large of the latest ordered item that has one; "how much is extra cheese".
    Empty when nothing in the catalog is named (the caller may mean the order total). Labels are in the language;
    amounts are left to the caller to format."""
    mentions = tag(text, catalog, language)
    sizes = [m for m in mentions if m.kind == "variation"]
    extras = [m for m in mentions if m.kind == "modifier"]
    items = list({item.id: item for m in mentions if m.kind in ("item", "generic") for item in m.items}.values())
    if not items and sizes:
        items = _items_in_size(sizes, catalog, lines)
    if not items:
        return [(m.modifiers[0].spoken_name(language), m.modifiers[0].price) for m in extras]
    quotes = []
    for item in items:
        allowed = catalog.modifiers_for(item)
        chosen = [found for m in extras if (found := next((x for x in m.modifiers if x in allowed), None))]
        for variation in [v for m in sizes for owner, v in m.variations if owner.id == item.id] or item.variations:
            said = variation.spoken_name(language) if len(item.variations) > 1 else None
            label = describe(item.spoken_name(language), said, [m.spoken_name(language) for m in chosen], language)
            quotes.append((label, variation.price + sum((m.price for m in chosen), Decimal("0.00"))))
    return quotes


def _items_in_size(sizes: list[Mention], catalog: Catalog, lines: list[dict]) -> list[Item]:
    """ "the large": of the latest ordered item that comes in that size, else of every item that does."""

    def comes_in(item: Item) -> bool:
        return any(owner.id == item.id for m in sizes for owner, _ in m.variations)

    for line in reversed(lines):
        item = catalog.item(line["item_id"])
        if item and comes_in(item):
            return [item]
    return [item for item in catalog.items if comes_in(item)]
