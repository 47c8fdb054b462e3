"""Finds what a caller named in one catalog: items, sizes, extras and counts.

Speech arrives as loose text ("two peperoni pies and a couple of cokes"), so matching forgives plurals,
misspellings and speech-to-text slips, but an exact name or alias always wins over a fuzzy one:
"diet coke" is the diet coke, never a coke.
"""

import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache

from rapidfuzz import fuzz, process

from catalog.model import Catalog, Item, Modifier, Variation

NUMBER_WORDS = {
    word: value
    for value, word in enumerate(
        "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen twenty".split(),
        start=1,
    )
}
ARTICLES = {"a": 1, "an": 1, "some": 1, "another": 1}
QUANTITY_PHRASES = {
    ("a", "couple", "of"): 2,
    ("a", "couple"): 2,
    ("couple", "of"): 2,
    ("a", "pair", "of"): 2,
    ("dozen",): 12,
}
PUNCTUATION = {",", ".", ";", "!", "?"}
MODALS = {"can", "could", "may", "would", "will"}
PRONOUNS = {"i", "you", "we", "u"}
BREAKS = PUNCTUATION | {"and", "plus", "also", "then", "but"}

# Words that carry no order content. Trigger words ("remove", "make", "no") are here too: the order
# parser reads them from filler mentions, and nothing here is ever reported as an unknown item.
FILLER = frozenset(
    """
    hi hello hey yo please thanks thank thx ok okay alright sure yes yeah yep yup no nope nah great good perfect
    fine cool awesome nice sorry excuse guys folks man buddy sir maam
    um uh er erm hmm oh ah so well just actually maybe like really too either now wait
    i id ill im ive me my mine we us our you your u he she it its they them their this that thats these those
    the any all each every everything anything something nothing other else same usual more
    is are was were be been am do does did dont doesnt didnt not have has had get got getting want wanna
    need would could should can will shall may might must let lets gonna going go take give gimme bring put add
    order ordering ordered place make change switch swap replace turn update instead remove cancel drop delete
    scratch forget skip without hold minus rid leave keep see say said think know look looking try
    with of for to on onto off from in into at by out up about as than over under
    pickup pick delivery deliver delivered carryout takeout togo today tonight tomorrow later soon asap
    minute hour morning afternoon evening noon
    name number phone address total price cost much many how what when where which who why
    sauce dressing side size thing stuff food meal people person table question moment second bit lot
    cold fresh whole full normal cut light easy
    """.split()
)
NAME_STOPWORDS = {"a", "an", "and", "of", "the", "with", "in", "on"}
KIND_RANK = {"item": 0, "modifier": 1, "variation": 2, "generic": 3}
FUZZY_KINDS = {"item", "generic", "unknown"}
FUZZY_CUTOFF = 82
FUZZY_MIN_CHARS = 4
FUZZY_MAX_WORDS = 4
SUGGESTION_CUTOFF = 57


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
    """Lower case without accents or apostrophes: "Jalapeños", "name's" -> "jalapenos", "names"."""
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(char for char in text if not unicodedata.combining(char))
    return text.replace("'", "").replace("\u2019", "").replace("&", " and ")


def tokenize(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+|[,.;!?]", normalize(text))


def singular(word: str) -> str:
    """Crude but symmetric: both what was said and the catalog go through it, so "pies" meets "pie"."""
    if len(word) <= 3 or word.isdigit() or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith(("ches", "shes", "xes", "zes", "sses")):
        return word[:-2]
    return word[:-1] if word.endswith("s") else word


def _key(phrase: str) -> tuple[str, ...]:
    return tuple(singular(token) for token in tokenize(phrase) if token not in PUNCTUATION)


def _is_filler(token: str) -> bool:
    return token in FILLER or singular(token) in FILLER


@lru_cache(maxsize=64)
def _index(catalog: Catalog) -> dict[tuple[str, ...], Mention]:
    """Every name and alias, singularised, to what it names; on a clash the higher KIND_RANK wins."""
    entries: dict[tuple[str, ...], tuple[str, list]] = {}

    def put(phrase: str, kind: str, payload) -> None:
        key = _key(phrase)
        if not key:
            return
        current = entries.get(key)
        if current is None or KIND_RANK[kind] < KIND_RANK[current[0]]:
            entries[key] = (kind, [payload])
        elif current[0] == kind and payload not in current[1]:
            current[1].append(payload)

    for item in catalog.items:
        for phrase in (item.name, *item.aliases):
            put(phrase, "item", item)
        for variation in item.variations:
            for phrase in (variation.name, *variation.aliases):
                put(phrase, "variation", (item, variation))
        for word in {*_key(item.name)} - NAME_STOPWORDS:
            if not word.isdigit() and not _is_filler(word):
                put(word, "generic", item)
        if item.category and not _is_filler(item.category.lower()):
            put(item.category, "generic", item)
    for modifier_list in catalog.modifier_lists:
        for modifier in modifier_list.modifiers:
            for phrase in (modifier.name, *modifier.aliases):
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


def _quantity_at(tokens: list[str], start: int) -> tuple[int | None, int]:
    for size in (3, 2, 1):
        phrase = tuple(tokens[start : start + size])
        if len(phrase) == size and phrase in QUANTITY_PHRASES:
            return QUANTITY_PHRASES[phrase], size
    token = tokens[start]
    if token in NUMBER_WORDS:
        return NUMBER_WORDS[token], 1
    if token in ARTICLES:
        return ARTICLES[token], 1
    if token.isdigit() and 0 < int(token) < 100:
        return int(token), 1
    return None, 0


def _mention_at(tokens: list[str], start: int, index: dict) -> tuple[Mention, int]:
    """The longest catalog phrase or count starting at this token, else the token as filler or unknown."""
    token = tokens[start]
    if token in PUNCTUATION:
        return Mention("break", token), 1
    if token in MODALS and tokens[start + 1 : start + 2] and tokens[start + 1] in PRONOUNS:
        return Mention("filler", token), 1  # "can I get", not a can of coke
    longest = max(map(len, index), default=1)
    for size in range(min(longest, len(tokens) - start), 0, -1):
        words = tokens[start : start + size]
        entry = None if PUNCTUATION & set(words) else index.get(tuple(map(singular, words)))
        if entry:
            quantity, quantity_size = _quantity_at(tokens, start)
            if quantity_size <= size:
                return replace(entry, text=" ".join(words), quantity=quantity if quantity_size == size else None), size
            break
    quantity, size = _quantity_at(tokens, start)
    if quantity is not None:
        return Mention("quantity", " ".join(tokens[start : start + size]), quantity=quantity), size
    if token in BREAKS:
        return Mention("break", token), 1
    if _is_filler(token) or token.isdigit():
        return Mention("filler", token), 1
    return Mention("unknown", token), 1


def _similarity(said: str, known: str, **_) -> float:
    """Levenshtein-based ratio, also with spaces removed so "pepper only" still meets "pepperoni"."""
    return max(fuzz.ratio(said, known), fuzz.ratio(said.replace(" ", ""), known.replace(" ", "")))


@lru_cache(maxsize=64)
def _fuzzy_choices(catalog: Catalog) -> dict[str, Mention]:
    """Names of items and modifiers long enough to fuzzy-match; sizes are too short and alike ("6", "can")."""
    return {
        " ".join(key): mention
        for key, mention in _index(catalog).items()
        if mention.kind != "variation" and len(" ".join(key)) >= FUZZY_MIN_CHARS
    }


def _fuzzy_match(text: str, catalog: Catalog) -> Mention | None:
    said = " ".join(map(singular, text.split()))
    if len(said) < FUZZY_MIN_CHARS:
        return None
    choices = _fuzzy_choices(catalog)
    best = process.extractOne(said, list(choices), scorer=_similarity, score_cutoff=FUZZY_CUTOFF)
    return replace(choices[best[0]], text=text) if best else None


def _resolve_fuzzy(run: list[Mention], catalog: Catalog) -> list[Mention]:
    """Within a run of unknown and item words, longest spans first, try the words that matched nothing."""
    resolved, start = [], 0
    while start < len(run):
        for size in range(min(FUZZY_MAX_WORDS, len(run) - start), 0, -1):
            span = run[start : start + size]
            found = None
            if any(m.kind == "unknown" for m in span):
                found = _fuzzy_match(" ".join(m.text for m in span), catalog)
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
    return [Mention("unknown", " ".join(m.text for m in run), items=items)]


def tag(text: str, catalog: Catalog) -> list[Mention]:
    """What each part of the text names, in order."""
    tokens, index, mentions, start = tokenize(text), _index(catalog), [], 0
    while start < len(tokens):
        mention, size = _mention_at(tokens, start, index)
        mentions.append(mention)
        start += size
    tagged: list[Mention] = []
    for run in _runs(mentions, FUZZY_KINDS):
        tagged += _merge_unknown(_resolve_fuzzy(run, catalog)) if run[0].kind in FUZZY_KINDS else run
    return tagged


def _only_mention(phrase: str, catalog: Catalog) -> Mention | None:
    found = [m for m in tag(phrase, catalog) if m.kind not in ("filler", "break", "quantity")]
    return found[0] if len(found) == 1 else None


def match_item(phrase: str, catalog: Catalog) -> Item | None:
    """The one item the phrase names ("cokes", "peperoni", "veggie"), or None if none or several."""
    found = _only_mention(phrase, catalog)
    return found.items[0] if found and found.kind in ("item", "generic") and len(found.items) == 1 else None


def match_modifier(phrase: str, catalog: Catalog, item: Item | None = None) -> Modifier | None:
    """The modifier the phrase names, among the item's own when an item is given."""
    found = _only_mention(phrase, catalog)
    allowed = catalog.modifiers_for(item) if item else None
    if found is None or found.kind != "modifier":
        return None
    return next((m for m in found.modifiers if allowed is None or m in allowed), None)


def match_variation(phrase: str, item: Item, catalog: Catalog) -> Variation | None:
    """The item's variation the phrase names: "large", "16 inch", "a dozen"."""
    found = _only_mention(phrase, catalog)
    if found is None or found.kind != "variation":
        return None
    return next((v for owner, v in found.variations if owner.id == item.id), None)


def parse_quantity(phrase: str) -> int | None:
    """"three" -> 3, "a couple of" -> 2, "12" -> 12; None if the phrase is not just a count."""
    tokens = tokenize(phrase)
    if not tokens:
        return None
    quantity, size = _quantity_at(tokens, 0)
    return quantity if size == len(tokens) else None


def closest_items(phrase: str, catalog: Catalog, limit: int = 3) -> list[Item]:
    """Items whose name or alias looks most like the phrase, best first, for "did you mean"."""
    choices = [(" ".join(_key(p)), item) for item in catalog.items for p in (item.name, *item.aliases)]
    said = " ".join(_key(phrase))
    scored = process.extract(said, [text for text, _ in choices], scorer=fuzz.token_set_ratio, limit=None, score_cutoff=SUGGESTION_CUTOFF)
    best: dict[str, tuple[float, Item]] = {}
    for _, score, position in scored:
        item = choices[position][1]
        if item.id not in best or score > best[item.id][0]:
            best[item.id] = (score, item)
    ranked = sorted(best.values(), key=lambda pair: -pair[0])
    return [item for _, item in ranked[:limit]]
