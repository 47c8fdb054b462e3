"""Finds what a caller named in one catalog: items, sizes, extras and counts.

Speech arrives as loose text ("two peperoni pies and a couple of cokes"), so matching forgives plurals,
misspellings and speech-to-text slips, but an exact name or alias always wins over a fuzzy one:
"diet coke" is the diet coke, never a coke.

Spanish and Chinese callers are read with their language's words added to the English ones (catalog/lexicon.py)
and with the catalog's names in their language added to the English names and aliases. Chinese has no spaces,
so every Han character is a token, and a Chinese name is a run of them like an English name is a run of words.
"""

import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache

from rapidfuzz import fuzz, process

from catalog.lexicon import NAME_STOPWORDS, PUNCTUATION, Lexicon, lexicon
from catalog.model import Catalog, Item, Modifier, Variation

MODALS = {"can", "could", "may", "would", "will"}
PRONOUNS = {"i", "you", "we", "u"}
KIND_RANK = {"item": 0, "modifier": 1, "variation": 2, "generic": 3}
FUZZY_KINDS = {"item", "generic", "unknown"}
FUZZY_CUTOFF = 82
FUZZY_MIN_CHARS = 4
FUZZY_MAX_WORDS = 4
SUGGESTION_CUTOFF = 57
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_PUNCTUATION = str.maketrans({"。": ".", "、": ",", "｡": ".", "､": ","})
CJK_SIGNS = "（）、，。；：！？"
HAN_TEXT = re.compile(rf"[{HAN}]+")


@dataclass(frozen=True)
class Mention:
    """A run of the caller's words and what it names.

    kind is one of: item (one item by name or alias), generic (a word shared by several items or a
    category, like "pizza"; also a lone name word like "veggie", with one candidate), variation,
    modifier, quantity, unknown (words that name nothing), filler or break (punctuation, "and").
    A number that is also a variation alias ("12" for 12-piece wings) is a variation with a quantity.
    """

    kind: str
    text: str
    items: tuple[Item, ...] = ()
    variations: tuple[tuple[Item, Variation], ...] = ()
    modifiers: tuple[Modifier, ...] = ()
    quantity: int | None = None


def normalize(text: str) -> str:
    """Lower case without accents or apostrophes: "Jalapeños", "name's" -> "jalapenos", "names".
    Full-width punctuation and digits become ASCII ("，" ","), so Chinese text breaks into clauses too."""
    text = unicodedata.normalize("NFKD", text.lower().translate(CJK_PUNCTUATION))
    text = "".join(char for char in text if not unicodedata.combining(char))
    return text.replace("'", "").replace("\u2019", "").replace("&", " and ")


def tokenize(text: str) -> list[str]:
    """Words, numbers and punctuation; each Han character is a token of its own."""
    return re.findall(rf"[a-z0-9]+|[{HAN}]|[,.;!?]", normalize(text))


def _tight(left: str, right: str) -> bool:
    """No space between Han characters or Chinese punctuation, nor between them and digits ("12只")."""
    chinese = [is_han(char) or char in CJK_SIGNS for char in (left, right)]
    return all(chinese) or (any(chinese) and any(char.isdigit() for char in (left, right)))


def is_han(text: str) -> bool:
    return bool(HAN_TEXT.fullmatch(text))


def join_words(words) -> str:
    """Tokens back into text: spaces between words, none between Han characters or Chinese punctuation
    ("我要 large 披萨", "芝士披萨（不要洋葱）")."""
    text = ""
    for word in words:
        if text and not _tight(text[-1], word[:1]):
            text += " "
        text += word
    return text


def singular(word: str) -> str:
    """Crude but symmetric: both what was said and the catalog go through it, so "pies" meets "pie"."""
    if len(word) <= 3 or word.isdigit() or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith(("ches", "shes", "xes", "zes", "sses")):
        return word[:-2]
    return word[:-1] if word.endswith("s") else word


def stem(word: str, words: Lexicon) -> str:
    """singular, and in Spanish also the -es plural and its lone -e: "limones"/"limón", "grandes"/"grande"."""
    word = singular(word)
    if words.spanish_stems and len(word) > 3 and word[-1] == "e" and word[-2] in "lnrdzj":
        return word[:-1]
    return word


def _key(phrase: str, words: Lexicon = lexicon()) -> tuple[str, ...]:
    return tuple(stem(token, words) for token in tokenize(phrase) if token not in PUNCTUATION)


def _is_filler(token: str, words: Lexicon = lexicon()) -> bool:
    return token in words.filler or singular(token) in words.filler or stem(token, words) in words.filler


def _generic_names(item: Item, language: str, words: Lexicon) -> set[str]:
    """Single words that name the item loosely: each word of its name ("veggie"), and of its name in the
    language; Chinese names are read from the end, where the kind sits: 意大利辣香肠披萨 is a 披萨."""
    names = {*_key(item.name)} - NAME_STOPWORDS
    spoken = item.names_in(language)[:1]
    for name in spoken:
        if is_han(name.replace(" ", "")):
            han = name.replace(" ", "")
            names |= {han[start:] for start in range(1, len(han) - 1)}
        else:
            names |= {*_key(name, words)} - words.name_stopwords
    return {
        name
        for name in names
        if not name.isdigit() and not _is_filler(name, words) and tuple(name) not in words.phrases and not (is_han(name) and len(name) < 2)
    }


@lru_cache(maxsize=64)
def _index(catalog: Catalog, language: str = "en") -> dict[tuple[str, ...], Mention]:
    """Every name and alias (English, and the language's), stemmed, to what it names; on a clash the higher
    KIND_RANK wins."""
    words = lexicon(language)
    entries: dict[tuple[str, ...], tuple[str, list]] = {}

    def put(phrase: str, kind: str, payload) -> None:
        key = _key(phrase, words)
        if not key:
            return
        current = entries.get(key)
        if current is None or KIND_RANK[kind] < KIND_RANK[current[0]]:
            entries[key] = (kind, [payload])
        elif current[0] == kind and payload not in current[1]:
            current[1].append(payload)

    for item in catalog.items:
        for phrase in item.phrases(language):
            put(phrase, "item", item)
        for variation in item.variations:
            for phrase in variation.phrases(language):
                put(phrase, "variation", (item, variation))
        for word in _generic_names(item, language, words):
            put(word, "generic", item)
        if item.category and not _is_filler(item.category.lower(), words):
            put(item.category, "generic", item)
    for modifier_list in catalog.modifier_lists:
        for modifier in modifier_list.modifiers:
            for phrase in modifier.phrases(language):
                put(phrase, "modifier", modifier)

    index = {}
    for key, (kind, payloads) in entries.items():
        if kind == "variation":
            index[key] = Mention("variation", "", variations=tuple(payloads))
        elif kind == "modifier":
            index[key] = Mention("modifier", "", modifiers=tuple(payloads))
        else:
            index[key] = Mention("item" if kind == "item" and len(payloads) == 1 else "generic", "", items=tuple(payloads))
    return index


def _chinese_number(tokens: list[str], start: int, words: Lexicon) -> tuple[int | None, int]:
    """十二, 二十, 两: the longest run of numerals that reads as a number under 100."""
    run = ""
    while start + len(run) < len(tokens) and len(run) < 3 and tokens[start + len(run)] in words.numerals:
        run += tokens[start + len(run)]
    for size in range(len(run), 0, -1):
        chars = run[:size]
        tens, ten, ones = chars.partition("十")
        if not ten:
            value = words.numerals[chars] if size == 1 else None
        elif len(tens) > 1 or len(ones) > 1 or "十" in ones:
            value = None
        else:
            value = (words.numerals[tens] if tens else 1) * 10 + (words.numerals[ones] if ones else 0)
        if value:
            return value, size
    return None, 0


def _quantity_at(tokens: list[str], start: int, words: Lexicon = lexicon()) -> tuple[int | None, int]:
    for size in (3, 2, 1):
        phrase = tuple(tokens[start : start + size])
        if len(phrase) == size and phrase in words.quantity_phrases:
            return words.quantity_phrases[phrase], size
    token = tokens[start]
    if token in words.number_words:
        return words.number_words[token], 1
    if token in words.articles:
        return words.articles[token], 1
    if token.isdigit() and 0 < int(token) < 100:
        quantity, size = int(token), 1
    else:
        quantity, size = _chinese_number(tokens, start, words)
        if quantity is None:
            return None, 0
    measure = tokens[start + size] if start + size < len(tokens) else None
    if measure in words.measure_words:
        return quantity * words.measure_words[measure], size + 1
    return quantity, size


def _phrase_at(tokens: list[str], start: int, words: Lexicon) -> tuple[str | None, int]:
    """A function word of several tokens ("en vez de", "不要"), as (kind, size)."""
    for size in range(min(4, len(tokens) - start), 0, -1):
        kind = words.phrases.get(tuple(tokens[start : start + size]))
        if kind:
            return kind, size
    return None, 0


def _mention_at(tokens: list[str], start: int, index: dict, words: Lexicon = lexicon()) -> tuple[Mention, int]:
    """The longest catalog phrase, count or function word starting at this token, else the token as
    filler or unknown. A count or function word longer than the catalog phrase wins."""
    token = tokens[start]
    if token in PUNCTUATION:
        return Mention("break", token), 1
    if token in MODALS and tokens[start + 1 : start + 2] and tokens[start + 1] in PRONOUNS:
        return Mention("filler", token), 1  # "can I get", not a can of coke
    quantity, quantity_size = _quantity_at(tokens, start, words)
    phrase_kind, phrase_size = _phrase_at(tokens, start, words)
    longest = max(map(len, index), default=1)
    for size in range(min(longest, len(tokens) - start), 0, -1):
        said = tokens[start : start + size]
        entry = None if PUNCTUATION & set(said) else index.get(tuple(stem(word, words) for word in said))
        if entry:
            if max(quantity_size, phrase_size) <= size:
                return replace(entry, text=join_words(said), quantity=quantity if quantity_size == size else None), size
            break
    if phrase_size > quantity_size:
        return Mention(phrase_kind, join_words(tokens[start : start + phrase_size])), phrase_size
    if quantity is not None:
        return Mention("quantity", join_words(tokens[start : start + quantity_size]), quantity=quantity), quantity_size
    if token in words.breaks:
        return Mention("break", token), 1
    if _is_filler(token, words) or token.isdigit():
        return Mention("filler", token), 1
    return Mention("unknown", token), 1


def _similarity(said: str, known: str, **_) -> float:
    """Levenshtein-based ratio, also with spaces removed so "pepper only" still meets "pepperoni"."""
    return max(fuzz.ratio(said, known), fuzz.ratio(said.replace(" ", ""), known.replace(" ", "")))


@lru_cache(maxsize=64)
def _fuzzy_choices(catalog: Catalog, language: str = "en") -> dict[str, Mention]:
    """Names of items and modifiers long enough to fuzzy-match; sizes are too short and alike ("6", "can")."""
    return {
        " ".join(key): mention
        for key, mention in _index(catalog, language).items()
        if mention.kind != "variation" and len(" ".join(key)) >= FUZZY_MIN_CHARS
    }


def _fuzzy_match(text: str, catalog: Catalog, language: str = "en") -> Mention | None:
    """Not for Chinese: one character off is another dish (鸡肉炒饭, 牛肉炒饭), and speech slips there are homophones."""
    if re.search(rf"[{HAN}]", text):
        return None
    words = lexicon(language)
    said = " ".join(stem(word, words) for word in tokenize(text))
    if len(said) < FUZZY_MIN_CHARS:
        return None
    choices = _fuzzy_choices(catalog, language)
    best = process.extractOne(said, list(choices), scorer=_similarity, score_cutoff=FUZZY_CUTOFF)
    return replace(choices[best[0]], text=text) if best else None


def _resolve_fuzzy(run: list[Mention], catalog: Catalog, language: str = "en") -> list[Mention]:
    """Within a run of unknown and item words, longest spans first, try the words that matched nothing."""
    resolved, start = [], 0
    while start < len(run):
        for size in range(min(FUZZY_MAX_WORDS, len(run) - start), 0, -1):
            span = run[start : start + size]
            found = None
            if any(m.kind == "unknown" for m in span):
                found = _fuzzy_match(join_words(m.text for m in span), catalog, language)
            if found or size == 1:
                resolved.append(found or span[0])
                start += size
                break
    return resolved


def _runs(mentions: list[Mention], kinds: set[str]) -> list[list[Mention]]:
    """Consecutive mentions grouped by whether their kind is in kinds."""
    runs: list[list[Mention]] = []
    for mention in mentions:
        if runs and (runs[-1][0].kind in kinds) == (mention.kind in kinds):
            runs[-1].append(mention)
        else:
            runs.append([mention])
    return runs


def _merge_unknown(run: list[Mention]) -> list[Mention]:
    """"lobster roll", "coke float": a known word stuck to an unknown one names something we don't have."""
    if not any(m.kind == "unknown" for m in run):
        return run
    items = tuple(item for m in run for item in m.items)
    return [Mention("unknown", join_words(m.text for m in run), items=items)]


def _kind_first(mentions: list[Mention], words: Lexicon) -> list[Mention]:
    """Spanish names the kind before the item: in "dos pizzas grandes de pepperoni" the pizza word gives way
    to the pepperoni pizza it narrows to, so the count and the size go with the pepperoni pizza."""
    if not words.head_links:
        return mentions
    kept = []
    for k, mention in enumerate(mentions):
        j = k + 1
        while j < len(mentions) and (mentions[j].kind == "variation" or mentions[j].text in words.head_links):
            j += 1
        narrows = j < len(mentions) and mentions[j].kind in ("item", "generic") and set(mentions[j].items) < set(mention.items)
        if not (mention.kind == "generic" and narrows):
            kept.append(mention)
    return kept


def tag(text: str, catalog: Catalog, language: str = "en") -> list[Mention]:
    """What each part of the text names, in order."""
    words = lexicon(language)
    tokens, index, mentions, start = tokenize(text), _index(catalog, language), [], 0
    while start < len(tokens):
        mention, size = _mention_at(tokens, start, index, words)
        mentions.append(mention)
        start += size
    tagged: list[Mention] = []
    for run in _runs(mentions, FUZZY_KINDS):
        tagged += _merge_unknown(_resolve_fuzzy(run, catalog, language)) if run[0].kind in FUZZY_KINDS else run
    return _kind_first(tagged, words)


def _only_mention(phrase: str, catalog: Catalog, language: str = "en") -> Mention | None:
    found = [m for m in tag(phrase, catalog, language) if m.kind not in ("filler", "break", "quantity")]
    return found[0] if len(found) == 1 else None


def match_item(phrase: str, catalog: Catalog, language: str = "en") -> Item | None:
    """The one item the phrase names ("cokes", "peperoni", "veggie", "可乐"), or None if none or several."""
    found = _only_mention(phrase, catalog, language)
    return found.items[0] if found and found.kind in ("item", "generic") and len(found.items) == 1 else None


def match_modifier(phrase: str, catalog: Catalog, item: Item | None = None, language: str = "en") -> Modifier | None:
    """The modifier the phrase names, among the item's own when an item is given."""
    found = _only_mention(phrase, catalog, language)
    allowed = catalog.modifiers_for(item) if item else None
    if found is None or found.kind != "modifier":
        return None
    return next((m for m in found.modifiers if allowed is None or m in allowed), None)


def match_variation(phrase: str, item: Item, catalog: Catalog, language: str = "en") -> Variation | None:
    """The item's variation the phrase names: "large", "16 inch", "a dozen", "grande", "大号"."""
    found = _only_mention(phrase, catalog, language)
    if found is None or found.kind != "variation":
        return None
    return next((v for owner, v in found.variations if owner.id == item.id), None)


def parse_quantity(phrase: str, language: str = "en") -> int | None:
    """"three" -> 3, "a couple of" -> 2, "12" -> 12, "media docena" -> 6, "两个" -> 2; None if the phrase is
    not just a count."""
    tokens = tokenize(phrase)
    if not tokens:
        return None
    quantity, size = _quantity_at(tokens, 0, lexicon(language))
    return quantity if size == len(tokens) else None


def closest_items(phrase: str, catalog: Catalog, limit: int = 3, language: str = "en") -> list[Item]:
    """Items whose name or alias looks most like the phrase, best first, for "did you mean"."""
    words = lexicon(language)
    choices = [(" ".join(_key(p, words)), item) for item in catalog.items for p in item.phrases(language)]
    said = " ".join(_key(phrase, words))
    scored = process.extract(said, [text for text, _ in choices], scorer=fuzz.token_set_ratio, limit=None, score_cutoff=SUGGESTION_CUTOFF)
    best: dict[str, tuple[float, Item]] = {}
    for _, score, position in scored:
        item = choices[position][1]
        if item.id not in best or score > best[item.id][0]:
            best[item.id] = (score, item)
    ranked = sorted(best.values(), key=lambda pair: -pair[0])
    return [item for _, item in ranked[:limit]]
