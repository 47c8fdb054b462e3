"""Says the order back in few enough words to take in over the phone.

Lines of the same item and size are grouped: "2 large pepperoni pizzas (1 with extra cheese), 1 coke".
All wording sits in one formatter per language; English is the only one so far, and a language without a
formatter falls back to English. To add Spanish, write a class with the same methods and register it.
"""

from catalog.matching import NUMBER_WORDS
from catalog.model import Catalog, Item


class EnglishFormatter:
    numbers = {value: word for word, value in NUMBER_WORDS.items()}

    def join(self, parts: list[str], conjunction: str = "and") -> str:
        """ "a, b and c"."""
        if len(parts) <= 1:
            return "".join(parts)
        return f"{', '.join(parts[:-1])} {conjunction} {parts[-1]}"

    def plural(self, noun: str, count: int) -> str:
        if count == 1 or noun.endswith("s"):
            return noun
        if noun.endswith(("ch", "sh", "x", "z")):
            return noun + "es"
        if noun.endswith("y") and noun[-2:-1] not in "aeiou":
            return noun[:-1] + "ies"
        return noun + "s"

    def counted(self, quantity: int, name: str, variation: str | None) -> str:
        """ "2 large pepperoni pizzas"; "one 12 piece chicken wings" (a word, so the two numbers don't run together)."""
        noun = self.plural(name, quantity)
        if not variation:
            return f"{quantity} {noun}"
        if variation[0].isdigit():
            return f"{self.numbers.get(quantity, quantity)} {variation} {noun}"
        return f"{quantity} {variation} {noun}"

    def extras(self, modifiers: list[str], note: str, nested: bool = False) -> str:
        """ "with extra cheese and mushrooms (no onions)"; inside a group's parentheses the note goes bare."""
        parts = [f"with {self.join(modifiers)}"] if modifiers else []
        if note:
            parts.append(note if nested else f"({note})")
        return (", " if nested else " ").join(parts)

    def order(self, lines: list[str]) -> str:
        """Lines are joined by commas only, so "and" inside a line ("with shrimp and thai hot") stays unambiguous."""
        return ", ".join(lines)

    def line(self, counted: str, extras: str) -> str:
        return f"{counted} {extras}".strip()

    def group(self, counted: str, shares: list[tuple[int, str]]) -> str:
        """ "2 large pepperoni pizzas (1 with extra cheese)": only the shares that differ are spelled out."""
        if not shares:
            return counted
        return f"{counted} ({'; '.join(f'{quantity} {extras}' for quantity, extras in shares)})"

    def described(self, name: str, variation: str | None, modifiers: list[str]) -> str:
        """One of something, for a price: "large pepperoni pizza with extra cheese"."""
        text = f"{variation} {name}" if variation else name
        return f"{text} with {self.join(modifiers)}" if modifiers else text


FORMATTERS = {"en": EnglishFormatter()}


def formatter(language: str = "en") -> EnglishFormatter:
    return FORMATTERS.get(language, FORMATTERS["en"])


def _spoken_variation(line: dict, catalog: Catalog | None) -> str | None:
    """The variation name, unless the catalog shows it goes without saying (the only one, or the default)."""
    item = catalog.item(line["item_id"]) if catalog else None
    if item and (len(item.variations) == 1 or item.default_variation_id == line.get("variation_id")):
        return None
    return line.get("variation")


def read_back(lines: list[dict], language: str = "en", catalog: Catalog | None = None) -> str:
    """The whole order in one sentence. Without the catalog every variation is said ("1 can coke")."""
    words = formatter(language)
    groups: dict[tuple[str, str | None], list[dict]] = {}
    for line in lines:
        groups.setdefault((line["item_id"], line.get("variation_id")), []).append(line)
    parts = []
    for group in groups.values():
        quantity = sum(int(line["quantity"]) for line in group)
        counted = words.counted(quantity, group[0]["name"], _spoken_variation(group[0], catalog))
        if len(group) == 1:
            line = group[0]
            parts.append(words.line(counted, words.extras([m["name"] for m in line["modifiers"]], line.get("note", ""))))
            continue
        shares = [
            (int(line["quantity"]), words.extras([m["name"] for m in line["modifiers"]], line.get("note", ""), nested=True))
            for line in group
            if line["modifiers"] or line.get("note")
        ]
        parts.append(words.group(counted, shares))
    return words.order(parts)


def missing_variation(lines: list[dict], catalog: Catalog) -> tuple[int, Item] | None:
    """The first line still waiting for a variation (a pizza with no size yet), with its item."""
    for position, line in enumerate(lines):
        item = catalog.item(line["item_id"])
        if item and line.get("variation_id") is None:
            return position, item
    return None


def variation_choices(item: Item, language: str = "en") -> str:
    """ "small, medium or large"."""
    return formatter(language).join([v.name for v in item.variations], "or")


def describe(name: str, variation: str | None, modifiers: list[str], language: str = "en") -> str:
    return formatter(language).described(name, variation, modifiers)
