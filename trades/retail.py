"""Shop orders against the shelf: items read from the caller's words, checked against stock, read back, and
"do you have X?" answered from the stock counts.

Callers talk about shop goods in containers and dimensions ("3 boxes of 3 inch deck screws", "a 16 by 25
filter", "hold a drill for me"); those words are evened out before the catalog parser reads the order, so the
restaurant's parser serves the shop unchanged. Stock is per catalog item (every size shares it); an item
with no `stock` is not counted. Wording stays in the domain: what Python builds are the spoken names and
counts that go into responses, per language.

Spanish and Chinese callers hold, count and ask for quotes in their own words ("apárteme 3 cajas de tornillos",
"帮我留两加仑白漆", "necesito una cotización"); Spanish is read with the English words too, since shop talk mixes.
Units are said in the caller's language but sizes are named in the catalog's ("galón" is the gallon size).
"""

import re
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple

import catalog
from catalog import Catalog, Item
from catalog.lexicon import ARTICLES
from catalog.matching import tokenize
from catalog.readback import formatter
from ordering.phrasing import run_together, spoken_list
from playbooks.facts import items_named
from scheduling.availability import Answer

# Units a variation can end in: such a line is said "2 gallons of white interior paint".
MEASURES = {"en": {"quart", "gallon", "bucket", "box", "bag", "roll", "can", "pack", "4-pack", "tube", "tank"}}
WORDS = {"en": {"measured": "{count} {measure} of {name}"}, "es": {"measured": "{count} {measure} de {name}"},
         "zh": {"measured": "{count} {measure} {name}"}}

# "3 boxes of screws" is 3 of the screws; a bucket or tank is the size itself, so those stay. Chinese counts
# in measure words ("3盒螺丝"), which the order parser reads already.
CONTAINERS = {
    "en": re.compile(r"\b(?:box(?:es)?|bags?|packs?|rolls?|cans?|tubes?|sheets?|pieces?)\s+of\b", re.IGNORECASE),
    "es": re.compile(r"\b(?:cajas?|cajitas?|bolsas?|costales?|sacos?|paquetes?|rollos?|latas?|botes?|tubos?|hojas?|"
                     r"piezas?|pliegos?)\s+de\b", re.IGNORECASE),
}
# "hold a drill for me" reserves the drill; the order parser reads "hold" as "hold the onions". The word put in its
# place is spaced, since Chinese puts no space before the count ("预留3盒" is "get 3盒", not "get3盒").
RESERVE_WORDS = {
    "en": re.compile(r"\b(?:hold|reserve|set aside|put aside|put away|keep)\b", re.IGNORECASE),
    "es": re.compile(r"\b(?:ap[áa]rt\w*|reserv\w*|gu[áa]rd\w*|separ\w*)\b", re.IGNORECASE),
    "zh": re.compile(r"预留|保留|留着|留一下|(?:帮|给|替)我留|先留|预订|(?:留|订)(?=\s*[0-9一二两三四五六七八九十几])"),
}
# Units in the caller's words -> the catalog's ("dos galones" is 2 gallons); the longer one first.
UNITS = {
    "es": (
        (re.compile(r"\bcuartos? de gal[óo]n\b", re.IGNORECASE), "quart"),
        (re.compile(r"\bgal[óo]n(?:es)?\b", re.IGNORECASE), "gallon"),
        (re.compile(r"\bcuartos?\b(?! de pulgada)", re.IGNORECASE), "quart"),
        (re.compile(r"\b(?:cubetas?|baldes?)\b", re.IGNORECASE), "bucket"),
        (re.compile(r"\bpulgadas?\b", re.IGNORECASE), "inch"),
        (re.compile(r"\bpies\b", re.IGNORECASE), "foot"),
        (re.compile(r"\blibras?\b", re.IGNORECASE), "lb"),
        (re.compile(r"\bvatios?\b", re.IGNORECASE), "watt"),
    ),
    # A lone 寸, 尺 or 瓦 is a unit only after a number: 尺寸 is "size".
    "zh": (
        (re.compile(r"加仑"), " gallon "),
        (re.compile(r"夸脱"), " quart "),
        (re.compile(r"英寸|(?<=[0-9一二两三四五六七八九十])\s*寸"), " inch "),
        (re.compile(r"英尺|(?<=[0-9一二两三四五六七八九十])\s*尺"), " foot "),
        (re.compile(r"磅"), " lb "),
        (re.compile(r"(?<=[0-9一二两三四五六七八九十])\s*瓦"), " watt "),
    ),
}
SIZE_NUMBERS = {"two": "2", "four": "4", "six": "6", "eight": "8", "ten": "10", "twelve": "12"}
# "16 by 25 by 1", "two by four": the parser would take "by 25" for a time.
DIMENSIONS = re.compile(
    r"\b(\d{1,2}|two|four|six|eight)\s*(?:by|x)\s*(\d{1,2}|two|four|six|eight|ten|twelve)(?:s\b)?(?:\s*(?:by|x)\s*(\d))?\b",
    re.IGNORECASE,
)
QUOTE_WORDS = {
    "en": re.compile(r"\b(?:quotes?|quoted?|estimates?|bulk|contractor pric\w*|ballpark|price (?:it|this|that|them) out)\b", re.IGNORECASE),
    "es": re.compile(r"\b(?:cotiz\w*|presupuestos?|estimados?|al por mayor|mayoreo|a granel|precio de contratista|"
                     r"precio por volumen)\b", re.IGNORECASE),
    "zh": re.compile(r"报价|报个价|估价|估个价|询价|批发|批量|大量采购|团购价|承包商价"),
}
# Words of a quote request that name nothing to quote: "I need a quote for a bulk order" is not yet the request.
QUOTE_FILLER = {
    "en": {"bulk", "quote", "quotes", "estimate", "order", "orders", "pricing", "price", "prices", "job",
           "project", "stuff", "materials", "supplies", "contractor"},
    "es": {"cotizacion", "cotizaciones", "cotizar", "cotizarme", "presupuesto", "presupuestos", "estimado", "pedido",
           "pedidos", "mayoreo", "mayor", "granel", "volumen", "precio", "precios", "proyecto", "obra", "material",
           "materiales", "cosas", "contratista", "grande", "necesito", "ocupo"},
    "zh": {"报价", "报个价", "估价", "询价", "批发", "批发价", "批量", "大量", "大批", "团购", "价格", "价钱", "订单", "工程",
           "项目", "材料", "东西", "一批", "一些"},
}


def _number(word: str) -> str:
    return SIZE_NUMBERS.get(word.lower(), word)


def _dimension(match: re.Match) -> str:
    parts = [_number(part) for part in match.groups() if part]
    return "x".join(parts)


def _tables(table: dict, language: str) -> list:
    """The language's entry; Spanish shop talk mixes in English, so the English one too."""
    return [table.get(language, table["en"])] + ([table["en"]] if language == "es" else [])


def said(text: str, language: str = "en") -> str:
    """The caller's words with shop talk evened out for the catalog parser."""
    text = DIMENSIONS.sub(_dimension, text or "")
    for pattern, unit in UNITS.get(language, ()):
        text = pattern.sub(unit, text)
    for pattern in _tables(CONTAINERS, language):
        text = pattern.sub(" ", text)
    for pattern in _tables(RESERVE_WORDS, language):
        text = pattern.sub(" get ", text)
    return text


def read_items(text: str, menu: Catalog, lines: List[dict], language: str = "en") -> catalog.OrderUpdate:
    return catalog.apply_utterance(said(text, language), menu, lines, language)


def count_in(text: str, language: str = "en") -> Optional[int]:
    """The first count the caller says ("I'll take two", "3 please"), articles aside."""
    for token in tokenize(text or ""):
        if token not in ARTICLES and (count := catalog.parse_quantity(token, language)):
            return count
    return None


def follow_up(question: str, answer: str, menu: Catalog, language: str = "en") -> catalog.OrderUpdate:
    """ "Do you have 50 foot extension cords?" ... "great, I'll take two": the items asked about, in the count
    now said (one when none is)."""
    update = read_items(question, menu, [], language)
    count = count_in(answer, language)
    if count and len(update.lines) == 1:
        update.lines = [{**update.lines[0], "quantity": count}]
    return update


def asks_for_quote(text: str, language: str = "en") -> bool:
    return any(pattern.search(text or "") for pattern in _tables(QUOTE_WORDS, language))


def names_something(update: catalog.OrderUpdate, language: str = "en") -> bool:
    """The message said what is wanted: catalog items, or things we don't carry (beyond "a bulk order")."""
    filler = QUOTE_FILLER["en"] | QUOTE_FILLER.get(language, set())
    unknown = [phrase for phrase in update.unknown if set(phrase.split()) - filler]
    return bool(update.changed or unknown)


# --- saying lines -------------------------------------------------------------------------------


def _measure(line: dict, item: Optional[Item], language: str) -> Optional[str]:
    """The unit the line is counted in ("gallon", "3 inch box", "bag"), or None when it is counted as itself."""
    variation = line.get("variation")
    if not variation or item is None:
        return None
    if variation.split()[-1].lower() not in MEASURES.get(language, MEASURES["en"]):
        return None
    return variation.split()[-1] if len(item.variations) == 1 else variation


def spoken_line(line: dict, menu: Catalog, language: str = "en") -> str:
    """ "2 gallons of white interior paint", "two 3 inch boxes of deck screws", "one 50 foot extension cord"."""
    words = formatter(language)
    item = menu.item(line["item_id"])
    measure = _measure(line, item, language)
    if measure is None:
        return catalog.read_back([line], language, menu)
    count = int(line["quantity"])
    said_count = words.numbers.get(count, count) if measure[0].isdigit() else count
    template = WORDS.get(language, WORDS["en"])["measured"]
    return run_together(template.format(count=said_count, measure=words.plural(measure, count), name=line["name"]), language)


def read_back(lines: List[dict], menu: Catalog, language: str = "en") -> str:
    """The order in one sentence, one part per line."""
    return formatter(language).order([spoken_line(line, menu, language) for line in lines])


# --- stock --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StockIssue:
    """An item the caller wants more of than we have: `in_stock` 0 means none at all."""

    item_id: str
    name: str
    wanted: int
    in_stock: int
    alternatives: Tuple[str, ...] = ()


@dataclass
class Stocked:
    """The lines that fit the shelf, and what did not: items we are out of (taken off), items cut to the count."""

    lines: List[dict]
    out: List[StockIssue] = field(default_factory=list)
    short: List[StockIssue] = field(default_factory=list)


def alternatives(item: Item, menu: Catalog, limit: int = 2) -> Tuple[str, ...]:
    """In-stock items of the same kind that look most like this one: other paint colours for a paint."""
    close = catalog.closest_items(item.name, menu, limit=len(menu.items))
    same_kind = [other for other in close if other.id != item.id and other.category == item.category]
    return tuple(other.name for other in same_kind if other.stock is None or other.stock > 0)[:limit]


def check_stock(lines: List[dict], menu: Catalog) -> Stocked:
    """Takes items we are out of off the order and cuts the rest to what is on the shelf, latest lines first.

    Every size of an item shares its count, so 2 gallons and 2 quarts of a paint with 3 in stock is short.
    """
    wanted: Dict[str, int] = {}
    for line in lines:
        wanted[line["item_id"]] = wanted.get(line["item_id"], 0) + int(line["quantity"])
    result = Stocked(lines=[])
    over: Dict[str, int] = {}
    for item_id, count in wanted.items():
        item = menu.item(item_id)
        if item is None or item.stock is None or count <= item.stock:
            continue
        issue = StockIssue(item.id, item.name, count, item.stock, alternatives(item, menu))
        (result.out if item.stock == 0 else result.short).append(issue)
        over[item_id] = count - item.stock
    for line in reversed(lines):
        cut = min(over.get(line["item_id"], 0), int(line["quantity"]))
        over[line["item_id"]] = over.get(line["item_id"], 0) - cut
        if int(line["quantity"]) > cut:
            result.lines.insert(0, {**line, "quantity": int(line["quantity"]) - cut})
    return result


def without_item(lines: List[dict], item_id: str) -> List[dict]:
    return [line for line in lines if line["item_id"] != item_id]


def lines_of(lines: List[dict], item_id: str) -> List[dict]:
    return [line for line in lines if line["item_id"] == item_id]


def quote_lines(lines: List[dict], menu: Catalog) -> List[dict]:
    """What a quote can list as catalog lines: sized, and not an item we have none of (the words keep the rest)."""
    def listable(line: dict) -> bool:
        item = menu.item(line["item_id"])
        return item is not None and line.get("variation_id") is not None and item.stock != 0

    return [line for line in lines if listable(line)]


# --- "do you have X in stock?" ------------------------------------------------------------------


def _asked(text: str, menu: Catalog, language: str) -> List[Tuple[Item, dict]]:
    """The items the question names, each with the line the caller would order (count and size, if said)."""
    lines = read_items(text, menu, [], language).lines
    asked: Dict[str, Tuple[Item, dict]] = {}
    for line in lines:
        item = menu.item(line["item_id"])
        if item and item.id not in asked:
            asked[item.id] = (item, line)
    for item in items_named(said(text, language), menu, language):
        if item.id not in asked:
            variation = item.default_variation
            asked[item.id] = (item, {"item_id": item.id, "name": item.name, "quantity": 1,
                                     "variation_id": variation.id if variation else None,
                                     "variation": variation.name if variation else None})
    return list(asked.values())


def _on_shelf(item: Item, line: dict, menu: Catalog, language: str) -> str:
    """ "6 extension cords", "3 gallons of gray interior paint": the count we have, in the size asked about."""
    return spoken_line({**line, "quantity": item.stock}, menu, language)


def stock_answer(playbook, text: str, language: str = "en") -> Answer:
    """What is in stock of the items the caller names, as a response and its values.

    In stock (and enough of it) -> utter_retail_stock_in; fewer than asked -> utter_retail_stock_short; none
    left -> utter_retail_stock_out, with in-stock alternatives when there are some; some of each ->
    utter_retail_stock_mixed; nothing named -> utter_availability_which_item. Items without a stock count
    are taken as in stock and said without a number.
    """
    menu = playbook.catalog
    asked = _asked(text, menu, language)
    if not asked:
        return Answer("utter_availability_which_item")
    have, short, out = [], [], []
    for item, line in asked:
        if item.stock == 0:
            out.append(item)
        elif item.stock is None:
            have.append(item.name)
        else:
            (short if int(line["quantity"]) > item.stock else have).append(_on_shelf(item, line, menu, language))
    if out and (have or short):
        return Answer("utter_retail_stock_mixed", {"stock_in": spoken_list(have + short, "and", language),
                                                    "stock_out": spoken_list([i.name for i in out], "or", language)})
    if out:
        spares = [name for item in out for name in alternatives(item, menu) if name not in {i.name for i in out}]
        values = {"stock_out": spoken_list([item.name for item in out], "or", language)}
        if spares:
            return Answer("utter_retail_stock_out_alternatives",
                          {**values, "stock_alternatives": spoken_list(list(dict.fromkeys(spares))[:2], "or", language)})
        return Answer("utter_retail_stock_out", values)
    if short:
        return Answer("utter_retail_stock_short", {"stock_in": spoken_list(short + have, "and", language)})
    return Answer("utter_retail_stock_in", {"stock_in": spoken_list(have, "and", language)})
