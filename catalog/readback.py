"""Says the order back in few enough words to take in over the phone.

Lines of the same item and size are grouped: "2 large pepperoni pizzas (1 with extra cheese), 1 coke",
"2 pizzas grandes de pepperoni (1 con extra queso) y 1 coca", "两个大号意大利辣香肠披萨（其中一个加芝士）和一罐可乐".
All wording sits in one formatter per language; a language without a formatter falls back to English. With
the catalog, names are said in the language (the first of the item's names in it, else the English name);
without it, the English names the lines carry. Notes the parser wrote ("no onions") are said in the
language too; other notes are the caller's own words and stay as said.
"""

import re

from catalog.lexicon import NUMBER_WORDS
from catalog.matching import join_words
from catalog.model import Catalog, Item


class Borrowed(str):
    """A name the catalog has only in English, said in another language as it is: no Spanish plural is put
    on "pepperoni pizza"."""


class EnglishFormatter:
    numbers = {value: word for word, value in NUMBER_WORDS.items()}
    note_separator = ", "

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

    def measure(self, variation: str | None, category: str) -> str:
        """The word things are counted in; only Chinese has one."""
        return ""

    def counted(self, quantity: int, name: str, variation: str | None, measure: str = "") -> str:
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

    def without(self, thing: str) -> str:
        return f"no {thing}"

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


class SpanishFormatter(EnglishFormatter):
    """Counts in digits, so "un"/"una" never has to agree with the noun's gender."""

    numbers = {
        value: word
        for value, word in enumerate(
            "dos tres cuatro cinco seis siete ocho nueve diez once doce trece catorce quince dieciséis diecisiete "
            "dieciocho diecinueve veinte".split(),
            start=2,
        )
    }
    conjunctions = {"and": "y", "or": "o"}
    prepositions = ("de", "del", "con", "sin", "al", "a", "en", "para")
    unaccented = str.maketrans("áéíóú", "aeiou")

    def join(self, parts: list[str], conjunction: str = "and") -> str:
        """ "a, b y c"; "y" is "e" before an i sound and "o" is "u" before an o sound ("queso e hinojo")."""
        if len(parts) <= 1:
            return "".join(parts)
        word = self.conjunctions.get(conjunction, conjunction)
        last = parts[-1]
        if word == "y" and re.match(r"h?[ií](?![aeiouáéó])", last.lower()):
            word = "e"
        elif word == "o" and re.match(r"h?[oó]", last.lower()):
            word = "u"
        return f"{', '.join(parts[:-1])} {word} {last}"

    def _plural_word(self, word: str) -> str:
        """Vowels take -s, -z is -ces, a stressed -ón/-és takes -es (limones, tailandeses); other endings are
        kept, which is right for borrowed names ("pad thai") and for words already plural."""
        if re.search(r"[áéíóú][ns]$", word):
            return word[:-2] + word[-2:].translate(self.unaccented) + "es"
        if re.search(r"[aeiouáéó]$", word):
            return word + "s"
        return word[:-1] + "ces" if word.endswith("z") else word

    def _head(self, name: str) -> tuple[str, str]:
        """ "pizza de pepperoni" -> ("pizza", " de pepperoni"): the words that agree in number, and the rest."""
        words = name.split(" ")
        cut = next((k for k, word in enumerate(words) if k and word in self.prepositions), len(words))
        rest = " ".join(words[cut:])
        return " ".join(words[:cut]), f" {rest}" if rest else ""

    def plural(self, noun: str, count: int) -> str:
        """Every word before "de"/"con" agrees ("pizzas vegetarianas"), unless the first does not take a
        plural: then the name is borrowed and said as it is ("3 pad thai")."""
        head, rest = self._head(noun)
        words = head.split(" ")
        if count == 1 or isinstance(noun, Borrowed) or self._plural_word(words[0]) == words[0]:
            return noun
        return " ".join(self._plural_word(word) for word in words) + rest

    def _named(self, quantity: int, name: str, variation: str | None) -> str:
        """Sizes follow the noun and agree with it ("pizzas grandes de pepperoni"); measures go after "de"."""
        head, rest = (name, "") if isinstance(name, Borrowed) else self._head(name)
        noun = self.plural(head, quantity)
        if not variation:
            return f"{noun}{rest}"
        if variation[0].isdigit():
            return f"{noun}{rest} de {variation}"
        if variation.split(" ")[0] in self.prepositions:
            return f"{noun}{rest} {variation}"
        return f"{noun} {self.plural(variation, quantity)}{rest}"

    def counted(self, quantity: int, name: str, variation: str | None, measure: str = "") -> str:
        """ "2 pizzas grandes de pepperoni", "1 coca de 2 litros"."""
        return f"{quantity} {self._named(quantity, name, variation)}"

    def extras(self, modifiers: list[str], note: str, nested: bool = False) -> str:
        """ "con extra queso y champiñones (sin cebolla)"; a modifier that already says "sin" goes without "con"."""
        added = [m for m in modifiers if m.split(" ")[0] not in ("sin", "no")]
        parts = [f"con {self.join(added)}"] if added else []
        parts += [m for m in modifiers if m not in added]
        if note:
            parts.append(note if nested else f"({note})")
        return (", " if nested else " ").join(parts)

    def without(self, thing: str) -> str:
        return f"sin {thing}"

    def order(self, lines: list[str]) -> str:
        return self.join(lines)

    def described(self, name: str, variation: str | None, modifiers: list[str]) -> str:
        """ "pizza grande de pepperoni con extra queso"."""
        text = self._named(1, name, variation)
        return f"{text} {self.extras(modifiers, '')}" if modifiers else text


class ChineseFormatter(EnglishFormatter):
    """两 for two, 个 as the measure word unless the drink's container says otherwise, 、 and 和 in lists,
    full-width parentheses. Names are said as they are: Chinese has no plural. English names left untranslated
    keep a space from the Chinese around them ("一个 large pizza")."""

    conjunctions = {"and": "和", "or": "或"}
    note_separator = "，"
    digits = "零一二三四五六七八九"
    # The modifier's own name already says what to do ("加芝士", "不要花生", "微辣"), so no 加 before it.
    self_said = ("加", "多", "少", "不", "去", "免", "无", "走", "微", "中", "特", "双", "要", "配")
    containers = (("can", "罐"), ("bottle", "瓶"), ("liter", "瓶"), ("litre", "瓶"), ("cup", "杯"))

    def number(self, value: int) -> str:
        if value == 2:
            return "两"
        if not 0 < value < 100:
            return str(value)
        tens, ones = divmod(value, 10)
        if not tens:
            return self.digits[ones]
        return f"{self.digits[tens] if tens > 1 else ''}十{self.digits[ones] if ones else ''}"

    @property
    def numbers(self) -> dict[int, str]:
        return {value: self.number(value) for value in range(1, 100)}

    def join(self, parts: list[str], conjunction: str = "and") -> str:
        """ "a、b和c"."""
        if len(parts) <= 1:
            return "".join(parts)
        return f"{'、'.join(parts[:-1])}{self.conjunctions.get(conjunction, conjunction)}{parts[-1]}"

    def plural(self, noun: str, count: int) -> str:
        return noun

    def measure(self, variation: str | None, category: str) -> str:
        """By the English variation ("can" 罐, "2 liter" 瓶), 份 when the variation is itself a count
        ("12 piece": 一份12只鸡翅), a drink's 杯; else 个."""
        words = (variation or "").lower().split()
        found = next((word for english, word in self.containers if english in words), None)
        if found or (variation or " ")[0].isdigit():
            return found or "份"
        return "杯" if category.lower() in ("drinks", "drink", "beverages") else "个"

    def counted(self, quantity: int, name: str, variation: str | None, measure: str = "") -> str:
        """ "两个大号意大利辣香肠披萨"."""
        return join_words([f"{self.number(quantity)}{measure or '个'}", *filter(None, [variation, name])])

    def extras(self, modifiers: list[str], note: str, nested: bool = False) -> str:
        """ "加蘑菇和洋葱（不要黑橄榄）"; inside a group's parentheses the note goes after a comma."""
        added = [m for m in modifiers if not m.startswith(self.self_said)]
        parts = [join_words(["加", self.join(added)])] if added else []
        parts += [m for m in modifiers if m not in added]
        text = "，".join(parts)
        if note:
            text = f"{text}，{note}" if nested and text else note if nested else f"{text}（{note}）"
        return text

    def without(self, thing: str) -> str:
        return f"不要{thing}"

    def order(self, lines: list[str]) -> str:
        return self.join(lines)

    def line(self, counted: str, extras: str) -> str:
        return join_words(filter(None, [counted, extras]))

    def group(self, counted: str, shares: list[tuple[int, str]]) -> str:
        """ "两个大号意大利辣香肠披萨（其中一个加芝士）"."""
        if not shares:
            return counted
        return f"{counted}（其中{'；'.join(f'{self.number(quantity)}个{extras}' for quantity, extras in shares)}）"

    def described(self, name: str, variation: str | None, modifiers: list[str]) -> str:
        """ "大号意大利辣香肠披萨加芝士"."""
        return join_words(filter(None, [variation, name, self.extras(modifiers, "")]))


FORMATTERS = {"en": EnglishFormatter(), "es": SpanishFormatter(), "zh": ChineseFormatter()}


def formatter(language: str = "en") -> EnglishFormatter:
    return FORMATTERS.get(language, FORMATTERS["en"])


def _item(line: dict, catalog: Catalog | None) -> Item | None:
    return catalog.item(line["item_id"]) if catalog else None


def _spoken_name(named, fallback: str | None, language: str) -> str | None:
    """The name in the language, else the English one, borrowed."""
    if named is not None and named.names_in(language):
        return named.spoken_name(language)
    return Borrowed(named.name if named is not None else fallback) if (named is not None or fallback) else None


def _spoken_variation(line: dict, item: Item | None, language: str) -> str | None:
    """The variation name, unless the catalog shows it goes without saying (the only one, or the default)."""
    if item and (len(item.variations) == 1 or item.default_variation_id == line.get("variation_id")):
        return None
    return _spoken_name(item.variation(line.get("variation_id")) if item else None, line.get("variation"), language)


def _spoken_modifiers(line: dict, item: Item | None, catalog: Catalog | None, language: str) -> list[str]:
    return [_spoken_name(catalog.modifier(m["id"], item) if item else None, m["name"], language) for m in line["modifiers"]]


def _spoken_note(line: dict, item: Item | None, catalog: Catalog | None, language: str) -> str:
    """ "no onions" (the parser's words for a modifier taken off) as "sin cebolla", "不要洋葱"."""
    words = formatter(language)
    parts = []
    for part in (line.get("note") or "").split(", "):
        if not part.startswith("no "):
            parts.append(part)
            continue
        thing = part[len("no ") :]
        modifier = next((m for m in catalog.modifiers_for(item) if m.name == thing), None) if item else None
        parts.append(words.without(modifier.spoken_name(language) if modifier else thing))
    return words.note_separator.join(part for part in parts if part)


def read_back(lines: list[dict], language: str = "en", catalog: Catalog | None = None) -> str:
    """The whole order in one sentence. Without the catalog every variation is said ("1 can coke")."""
    words = formatter(language)
    groups: dict[tuple[str, str | None], list[dict]] = {}
    for line in lines:
        groups.setdefault((line["item_id"], line.get("variation_id")), []).append(line)
    parts = []
    for group in groups.values():
        first, item = group[0], _item(group[0], catalog)
        quantity = sum(int(line["quantity"]) for line in group)
        name = _spoken_name(item, first["name"], language)
        measure = words.measure(first.get("variation"), item.category if item else "")
        counted = words.counted(quantity, name, _spoken_variation(first, item, language), measure)
        if len(group) == 1:
            extras = words.extras(_spoken_modifiers(first, item, catalog, language), _spoken_note(first, item, catalog, language))
            parts.append(words.line(counted, extras))
            continue
        shares = [
            (
                int(line["quantity"]),
                words.extras(_spoken_modifiers(line, item, catalog, language), _spoken_note(line, item, catalog, language), nested=True),
            )
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
    """ "small, medium or large", "chica, mediana o grande", "小号、中号或大号"."""
    return formatter(language).join([v.spoken_name(language) for v in item.variations], "or")


def describe(name: str, variation: str | None, modifiers: list[str], language: str = "en") -> str:
    return formatter(language).described(name, variation, modifiers)
