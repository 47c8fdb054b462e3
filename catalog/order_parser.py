"""Applies one utterance to the order draft: new lines, corrections, removals and answers to "which size?".

The draft travels between turns as plain dicts (a Rasa slot), one per line:
    {"item_id", "name", "variation_id", "variation", "quantity", "unit_price", "modifiers", "note"}
unit_price is the variation's price plus the modifiers' prices, as a string with two decimals; while a
line still lacks its variation (a size not yet chosen) it counts only the modifiers.

How an utterance is read:
* Times, names, phone numbers and delivery addresses are cut out first; greetings and other filler never
  count as unknown items.
* The text is cut into clauses at punctuation and "and"/"plus"/"also"/"then". A clause is a correction
  when it starts (after filler) with a trigger: remove/cancel/drop/take off/"don't want" remove lines,
  no/without/hold exclude (remove lines, or modifiers, or note "no X" on the line), make/change/switch/
  swap/replace/turn (or "instead" anywhere) change a line. Anything else adds to the order.
* Modifier lists carry no "pick one" rule, so modifiers accumulate ("make it beef" adds beef), except in
  a change said with switch/swap/replace/change/instead, where the new modifier replaces the others from
  its list ("switch it to mild" drops thai hot).
* "the X" in an added clause refers to a line already ordered; "remove the wings and the knots" carries
  the removal over the "and".
* Words that name nothing, next to an item ("lobster roll", "coke float") or after a count or "add/get/
  want" ("a calzone"), are reported as unknown with the closest items as suggestions.
* Special requests that are not modifiers become the line's note: "no ice", "cut in squares",
  "light on the sauce" (whatever follows cut/light/easy), and "no onions" when onions were not added.
* "no onions" with no line named takes onions off the line just talked about if it has them, else off
  every line that has them (a re-created usual order: "same as last time but no onions").
* "one more" / "another one" alone adds to the line just talked about.
* Spanish and Chinese read the same way with their own words (catalog/lexicon.py): "sin cebolla" and
  "不要洋葱" are "no onions", "quita"/"去掉" remove, "cambia"/"换成" change. Spanish may name the kind first
  ("pizzas grandes de pepperoni"); Chinese may put the verb last ("可乐去掉").
"""

from dataclasses import dataclass, field
from decimal import Decimal
from functools import partial

from catalog.lexicon import Lexicon, lexicon
from catalog.matching import Mention, closest_items, join_words, normalize, singular, tag
from catalog.model import Catalog, Item, Modifier, Variation


@dataclass
class OrderUpdate:
    lines: list[dict]
    changed: bool
    unknown: list[str] = field(default_factory=list)
    suggestions: dict[str, list[str]] = field(default_factory=dict)
    removed: list[str] = field(default_factory=list)


@dataclass(eq=False)
class OrderLine:
    """A line while it is being edited; eq=False so lines are told apart by identity, not content."""

    item: Item
    variation: Variation | None
    quantity: int
    modifiers: list[Modifier] = field(default_factory=list)
    note: str = ""

    @classmethod
    def from_dict(cls, data: dict, catalog: Catalog) -> "OrderLine":
        item = catalog.item(data["item_id"])
        modifiers = [catalog.modifier(m["id"], item) for m in data.get("modifiers") or ()]
        return cls(
            item=item,
            variation=item.variation(data.get("variation_id")),
            quantity=int(data["quantity"]),
            modifiers=[m for m in modifiers if m],
            note=data.get("note") or "",
        )

    @property
    def unit_price(self) -> Decimal:
        base = self.variation.price if self.variation else Decimal("0.00")
        return base + sum((m.price for m in self.modifiers), Decimal("0.00"))

    def same_as(self, other: "OrderLine") -> bool:
        return (self.item.id, self.variation, self.note, sorted(m.id for m in self.modifiers)) == (
            other.item.id,
            other.variation,
            other.note,
            sorted(m.id for m in other.modifiers),
        )

    def to_dict(self) -> dict:
        return {
            "item_id": self.item.id,
            "name": self.item.name,
            "variation_id": self.variation.id if self.variation else None,
            "variation": self.variation.name if self.variation else None,
            "quantity": self.quantity,
            "unit_price": str(self.unit_price),
            "modifiers": [{"id": m.id, "name": m.name, "price": str(m.price)} for m in self.modifiers],
            "note": self.note,
        }


@dataclass
class _Draft:
    """The order while one utterance is applied; focus is the line this utterance touched last."""

    catalog: Catalog
    lines: list[OrderLine]
    language: str = "en"
    focus: OrderLine | None = None
    unknown: list[str] = field(default_factory=list)
    suggestions: dict[str, list[str]] = field(default_factory=dict)
    removed: list[str] = field(default_factory=list)

    @property
    def words(self) -> Lexicon:
        return lexicon(self.language)

    @property
    def current(self) -> OrderLine | None:
        return self.focus or (self.lines[-1] if self.lines else None)

    def lines_for(self, mention: Mention) -> list[OrderLine]:
        ids = {item.id for item in mention.items}
        return [line for line in self.lines if line.item.id in ids]

    def modifier_for(self, line: OrderLine, mention: Mention) -> Modifier | None:
        allowed = self.catalog.modifiers_for(line.item)
        return next((m for m in mention.modifiers if m in allowed), None)

    def siblings(self, modifier: Modifier) -> set[Modifier]:
        """The modifiers sharing a list with this one: the other proteins, the other spice levels."""
        lists = [found.modifiers for found in self.catalog.modifier_lists if modifier in found.modifiers]
        return {m for modifiers in lists for m in modifiers}

    def add(self, line: OrderLine) -> None:
        self.lines.append(line)
        self.focus = line

    def remove(self, line: OrderLine) -> None:
        self.lines.remove(line)
        self.focus = None if self.focus is line else self.focus
        name = line.item.spoken_name(self.language)
        if name not in self.removed:
            self.removed.append(name)

    def report_unknown(self, phrase: str) -> None:
        if phrase in self.unknown:
            return
        self.unknown.append(phrase)
        suggestions = [item.spoken_name(self.language) for item in closest_items(phrase, self.catalog, language=self.language)]
        if suggestions:
            self.suggestions[phrase] = suggestions


@dataclass
class _Segment:
    """One item request inside a clause: the words before the item, the item, the words after it."""

    anchor: Mention | None
    before: list[Mention]
    after: list[Mention] = field(default_factory=list)

    @property
    def mentions(self) -> list[Mention]:
        return self.before + self.after


def apply_utterance(text: str, catalog: Catalog, lines: list[dict], language: str = "en") -> OrderUpdate:
    """The order after what the caller just said, in the conversation's language ("en", "es", "zh"); English
    words are understood in every language. Lines whose item left the catalog are kept untouched. Lines keep
    the catalog's English names (the kitchen's); unknown words, suggestions and removals come in the language."""
    stale = [line for line in lines if catalog.item(line["item_id"]) is None]
    draft = _Draft(catalog, [OrderLine.from_dict(line, catalog) for line in lines if line not in stale], language)
    action = None
    for clause in _clauses(tag(_without_chatter(text, draft.words), catalog, language)):
        action, body = _action(clause, action, draft.words)
        ACTIONS[action](body, draft)
    new_lines = stale + [line.to_dict() for line in _consolidated(draft.lines)]
    return OrderUpdate(new_lines, new_lines != lines, draft.unknown, draft.suggestions, draft.removed)


def _without_chatter(text: str, words: Lexicon) -> str:
    text = normalize(text)
    for pattern in words.chatter:
        text = pattern.sub(" , ", text)
    return text


def _clauses(mentions: list[Mention]) -> list[list[Mention]]:
    clauses: list[list[Mention]] = [[]]
    for mention in mentions:
        if mention.kind == "break":
            clauses.append([])
        else:
            clauses[-1].append(mention)
    return [clause for clause in clauses if clause]


def _action(clause: list[Mention], previous: str | None, words: Lexicon) -> tuple[str, list[Mention]]:
    """What the clause asks for, and the words it applies to: after the trigger, except that a change
    keeps its verb ("switch" swaps modifiers, "make" adds them). Chinese may say the verb last (可乐去掉)."""
    start = 0
    while start < len(clause) and clause[start].kind == "filler":
        said = [m.text for m in clause[start : start + 3]]
        for phrase, action in words.triggers:
            if said[: len(phrase)] != list(phrase):
                continue
            if phrase == ("take",) and not any(m.text in ("off", "out") for m in clause[start + 1 :]):
                continue
            return action, clause[start:] if action == "change" else clause[start + len(phrase) :]
        start += 1
    late = next((m for m in clause[start:] if m.kind == "filler" and m.text in words.late_triggers), None)
    if late:
        action = words.late_triggers[late.text]
        return action, clause if action == "change" else [m for m in clause if m is not late]
    if any(m.text in words.instead for m in clause):
        return "change", clause
    rest = clause[start:]
    continues = rest and (rest[0].text in words.definite or rest[0].kind in ("item", "generic", "modifier"))
    if previous in ("remove", "exclude") and continues:
        return previous, rest
    return "add", clause


# --- adding --------------------------------------------------------------------------------------


def _add(body: list[Mention], draft: _Draft) -> None:
    if _repeat(body, draft):
        return
    named = _named_target(body, draft)
    if named:
        position, lines = named
        for line in lines:
            _apply_modifiers(line, body[:position], draft)
            draft.focus = line
        return
    for segment in _segments(body, draft):
        if segment.anchor is None:
            _apply_loose(segment.mentions, draft, may_change=draft.focus is not None)
        else:
            _apply_item(segment, draft)


def _repeat(body: list[Mention], draft: _Draft) -> bool:
    """ "one more", "another one", "otra más", "再来一个": more of the line just talked about. Only when the
    clause says nothing else, so "one more thing" or "one more coke" are not repeats."""
    words = draft.words
    count = _count(body, None, words)
    if not count or draft.current is None or not any(singular(m.text) in words.repeat_words for m in body):
        return False
    if any(m.kind != "quantity" and m.text not in words.repeat_words | words.repeat_company for m in body):
        return False
    draft.current.quantity += count
    draft.focus = draft.current
    return True


def _named_target(body: list[Mention], draft: _Draft) -> tuple[int, list[OrderLine]] | None:
    """ "extra cheese ON THE PEPPERONI": an ordered item named after a preposition, with modifiers before it."""
    for position, mention in enumerate(body):
        if mention.kind not in ("item", "generic") or not any(m.kind == "modifier" for m in body[:position]):
            continue
        before = [m.text for m in body[max(0, position - 2) : position]]
        if before[-1:] and before[-1] in draft.words.definite:
            before = before[:-1]
        lines = draft.lines_for(mention)
        if before[-1:] and before[-1] in draft.words.target_prepositions and lines:
            return position, lines
    return None


def _segments(body: list[Mention], draft: _Draft) -> list[_Segment]:
    """Cuts a clause into item requests; a count after an item starts a new one: "pizzas, ONE with cheese"."""
    words = draft.words
    anchors = [k for k in range(len(body)) if _is_anchor(body, k, words)]
    if not anchors:
        return [_Segment(None, body)]
    starts, previous = [], -1
    for k in anchors:
        start = k
        while start - 1 > previous and _leads_into(body[start - 1], body[k], draft.catalog, words):
            start -= 1
        starts.append(start)
        previous = k
    segments = [_Segment(None, body[: starts[0]])] if starts[0] else []
    for n, k in enumerate(anchors):
        after = body[k + 1 : starts[n + 1] if n + 1 < len(anchors) else len(body)]
        split = next((j for j, m in enumerate(after) if m.kind == "quantity" and m.text not in words.articles), len(after))
        segments.append(_Segment(body[k], body[starts[n] : k], after[:split]))
        if after[split:]:
            segments.append(_Segment(None, after[split:]))
    return segments


def _is_anchor(body: list[Mention], k: int, words: Lexicon) -> bool:
    mention, previous = body[k], body[k - 1].text if k else ""
    if any(m.text in words.note_starters for m in body[:k]):
        return False  # "easy on the cheese" is a note, not a cheese pizza
    if mention.kind in ("item", "generic"):
        return previous not in words.with_words  # "a cheese pizza with pepperoni" does not order a pepperoni pizza
    if mention.kind == "unknown" and previous not in words.negations | words.note_starters:
        return bool(mention.items) or _has_intro(body, k, words)
    return False


def _has_intro(body: list[Mention], k: int, words: Lexicon) -> bool:
    """A count or an ordering verb before the words (sizes and extras may sit between): "a large calzone"."""
    j = k - 1
    while j >= 0 and body[j].kind in ("variation", "modifier") and body[j].quantity is None:
        j -= 1
    return j >= 0 and (body[j].quantity is not None or body[j].text in words.intro_words)


def _leads_into(mention: Mention, anchor: Mention, catalog: Catalog, words: Lexicon) -> bool:
    if mention.kind in ("quantity", "variation") or mention.text in words.leads_into_item:
        return True
    if mention.kind != "modifier":
        return False
    return anchor.kind == "unknown" or any(m in catalog.modifiers_for(i) for i in anchor.items for m in mention.modifiers)


def _apply_item(segment: _Segment, draft: _Draft) -> None:
    anchor = segment.anchor
    if anchor.kind == "unknown":
        draft.report_unknown(anchor.text)
        return
    existing = draft.lines_for(anchor)
    definite = any(m.text in draft.words.definite for m in segment.before)
    if existing and definite:
        for line in [draft.focus] if draft.focus in existing else existing:
            _refine(line, segment.mentions, draft)
        return
    if len(anchor.items) > 1:
        _generic_request(segment, existing, draft)
        return
    item = anchor.items[0]
    count = _count(segment.before, item, draft.words)
    line = OrderLine(item, _variation(item, segment.mentions) or item.default_variation, count or 1)
    _apply_modifiers(line, segment.mentions, draft)
    draft.add(line)


def _generic_request(segment: _Segment, existing: list[OrderLine], draft: _Draft) -> None:
    """ "pizza" names no one item: it can add to the pizza just ordered ("a pepperoni and mushroom pizza")
    or answer "which size?" ("a large pizza"), but never orders a new line by itself."""
    if _count(segment.before, None, draft.words) is None and draft.focus in existing:
        _refine(draft.focus, segment.mentions, draft)
    else:
        _answer_variation(segment.mentions, draft, may_change=False)


def _refine(line: OrderLine, mentions: list[Mention], draft: _Draft) -> None:
    line.variation = _variation(line.item, mentions) or line.variation
    _apply_modifiers(line, mentions, draft)
    draft.focus = line


def _apply_loose(mentions: list[Mention], draft: _Draft, may_change: bool) -> None:
    """Words with no item of their own: a size answer ("large"), extras for the line just ordered
    ("thai hot"), or a share of it ("one with extra cheese" splits one pizza off two)."""
    if any(m.kind == "variation" for m in mentions):
        _answer_variation(mentions, draft, may_change)
    words = draft.words
    if not any(m.kind == "modifier" or m.text in words.negations | words.note_starters for m in mentions):
        return
    target = _line_for_modifiers(mentions, draft)
    if target is None:
        return
    count = _count(mentions, None, words, articles=False)
    if count and count < target.quantity:
        share = OrderLine(target.item, target.variation, count, list(target.modifiers), target.note)
        target.quantity -= count
        draft.lines.insert(draft.lines.index(target), share)
        target = share
    _apply_modifiers(target, mentions, draft)
    draft.focus = target


def _answer_variation(mentions: list[Mention], draft: _Draft, may_change: bool) -> None:
    """Fills the first line still missing a variation; else, if allowed, changes the current line's, or
    the only line that comes in that size ("make it large" of a pizza and a coke is the pizza)."""
    for line in draft.lines:
        found = _variation(line.item, mentions)
        if line.variation is None and found:
            line.variation, draft.focus = found, line
            return
    if not may_change:
        return
    sized = [line for line in draft.lines if _variation(line.item, mentions)]
    line = draft.current if draft.current in sized else sized[0] if len(sized) == 1 else None
    if line:
        line.variation, draft.focus = _variation(line.item, mentions), line


def _line_for_modifiers(mentions: list[Mention], draft: _Draft) -> OrderLine | None:
    """The current line if it takes these modifiers, else the latest line that does."""
    modifiers = [m for m in mentions if m.kind == "modifier"]
    candidates = ([draft.focus] if draft.focus else []) + draft.lines[::-1]
    return next((line for line in candidates if not modifiers or any(draft.modifier_for(line, m) for m in modifiers)), None)


def _lines_with_modifiers(mentions: list[Mention], draft: _Draft) -> list[OrderLine]:
    """The lines "remove the extra cheese" or "no onions" is about when no line is named: the line being
    talked about if it has one of these modifiers, else every line that has one ("the usual but no
    onions" takes them off both pizzas)."""
    named = {modifier for m in mentions if m.kind == "modifier" for modifier in m.modifiers}
    holding = [line for line in draft.lines if named & set(line.modifiers)]
    return [draft.focus] if draft.focus in holding else holding


def _held_by(line: OrderLine, mentions: list[Mention]) -> list[Mention]:
    """Only the modifiers this line has: "no onions or olives" over several lines takes off what each has,
    without noting "no olives" on a line that never had them."""
    return [m for m in mentions if m.kind == "modifier" and set(m.modifiers) & set(line.modifiers)]


def _apply_modifiers(
    line: OrderLine, mentions: list[Mention], draft: _Draft, negated: bool = False, swap: bool = False
) -> None:
    """Adds modifiers; after no/without/hold removes them (or notes "no X"); cut/light/easy start a note.
    With swap, a new modifier replaces the line's others from the same list ("switch it to mild")."""
    words = draft.words
    for position, mention in enumerate(mentions):
        if mention.text in words.negations:
            negated = True
        elif mention.text in words.affirmations:
            negated = False
        elif mention.kind == "modifier":
            modifier = draft.modifier_for(line, mention)
            if modifier and negated:
                _exclude(line, modifier)
            elif modifier and modifier not in line.modifiers:
                if swap:
                    line.modifiers = [m for m in line.modifiers if m not in draft.siblings(modifier)]
                line.modifiers.append(modifier)
        elif mention.text in words.note_starters:
            said = [m.text for m in mentions[position:]]
            while said[-1] in words.note_trailers:
                said.pop()
            _add_note(line, join_words(said))
            return
        elif negated and mention.kind == "unknown":
            _add_note(line, f"no {mention.text}")


def _exclude(line: OrderLine, modifier: Modifier) -> None:
    if modifier in line.modifiers:
        line.modifiers.remove(modifier)
    else:
        _add_note(line, f"no {modifier.name}")


def _add_note(line: OrderLine, note: str) -> None:
    if note not in line.note.split(", "):
        line.note = ", ".join(part for part in (line.note, note) if part)


def _variation(item: Item | None, mentions: list[Mention]) -> Variation | None:
    """The last variation of this item the mentions name."""
    found = [v for m in mentions if m.kind == "variation" for owner, v in m.variations if item and owner.id == item.id]
    return found[-1] if found else None


def _count(mentions: list[Mention], item: Item | None, words: Lexicon, articles: bool = True) -> int | None:
    """The count the mentions give: "two" 2, "a dozen" 12, "dos docenas" 24; a number that is the item's
    variation ("a dozen wings", "12 wings") is not a count. articles=False ignores "a"/"an" ("make the pizza
    a large")."""
    count = None
    for mention in mentions:
        if mention.quantity is None or _variation(item, [mention]) or (mention.text in words.articles and not articles):
            continue
        count = (count or 1) * mention.quantity if singular(mention.text) in words.dozens else mention.quantity
    return count


# --- removing ------------------------------------------------------------------------------------


def _remove(body: list[Mention], draft: _Draft, notes: bool) -> None:
    """ "remove the wings", "no onions", "take the mushrooms off the veggie"; with notes, "no ice" becomes a note."""
    named = _named_target(body, draft)
    modifier_words = body[: named[0]] if named else body
    if not notes:
        modifier_words = [m for m in modifier_words if m.kind != "unknown"]
    if any(m.kind == "modifier" or m.kind == "unknown" for m in modifier_words):
        holders = [] if named else _lines_with_modifiers(modifier_words, draft)
        fallback = _line_for_modifiers(modifier_words, draft)
        targets = named[1] if named else holders or ([fallback] if fallback else [])
        for line in targets:
            words = _held_by(line, modifier_words) if len(holders) > 1 else modifier_words
            _apply_modifiers(line, words, draft, negated=True)
            draft.focus = line
    previous = -1
    for position, mention in enumerate(body):
        if mention.kind in ("item", "generic") and not (named and position == named[0]):
            _drop(mention, body[previous + 1 : position], draft, notes)
            previous = position


def _drop(mention: Mention, before: list[Mention], draft: _Draft, notes: bool) -> None:
    """Removes every matching line, or only a count from the latest: "remove one coke".
    "no cheese" with no cheese pizza ordered is about the current line: a note."""
    lines = draft.lines_for(mention)
    if not lines and notes and mention.kind == "generic" and draft.current:
        _add_note(draft.current, f"no {mention.text}")
        return
    count = _count(before, lines[-1].item, draft.words) if lines else None
    if count:
        lines[-1].quantity -= count
        lines = lines[-1:] if lines[-1].quantity <= 0 else []
    for line in lines:
        draft.remove(line)


# --- changing ------------------------------------------------------------------------------------


def _change(body: list[Mention], draft: _Draft) -> None:
    """ "make the coke a sprite", "make it three pizzas", "change the pepperoni to a medium", "make it a large"."""
    words = draft.words
    unknown = [m for k, m in enumerate(body) if m.kind == "unknown" and _is_anchor(body, k, words)]
    for mention in unknown:
        draft.report_unknown(mention.text)
    if unknown:
        return
    anchors = [k for k, m in enumerate(body) if m.kind in ("item", "generic")]
    if not anchors:
        count = _count(body, None, words, articles=False)
        if count and draft.current and not any(m.kind in ("modifier", "variation") for m in body):
            draft.current.quantity, draft.focus = count, draft.current
        else:
            _apply_loose(body, draft, may_change=True)
        return
    old, new = _roles(body, anchors, draft)
    new_item = body[new].items[0] if new is not None and len(body[new].items) == 1 else None
    lines = draft.lines_for(body[old]) if old is not None else _pronoun_lines(new_item, draft)
    if not lines:
        if old is None and new_item:
            _add(body, draft)
        return
    for line in lines:
        if new_item:
            _replace_item(line, new_item, body, draft)
        line.variation = _variation(line.item, body) or line.variation
        _apply_modifiers(line, body, draft, swap=any(m.text in words.swap_words for m in body))
    count = _count(body, lines[-1].item, words, articles=False)
    if count:
        others = sum(line.quantity for line in lines[:-1])
        lines[-1].quantity = max(1, count - others) if old is not None else count
    draft.focus = lines[-1]


def _roles(body: list[Mention], anchors: list[int], draft: _Draft) -> tuple[int | None, int | None]:
    """Positions of the mention naming the line to change (old) and of its replacement (new)."""
    instead = next((k for k, m in enumerate(body) if m.text in draft.words.instead), None)
    after_instead = [k for k in anchors if instead is not None and k > instead]
    if after_instead and len(anchors) > 1:
        old = after_instead[0]
        return old, next(k for k in anchors if k != old)
    if len(anchors) > 1:
        return anchors[0], anchors[-1]
    if draft.lines_for(body[anchors[0]]):
        return anchors[0], None
    return None, anchors[0]


def _pronoun_lines(new_item: Item | None, draft: _Draft) -> list[OrderLine]:
    """What "it"/"that" means: for a replacement, the latest line of the same category (a drink for a drink)."""
    if new_item is None:
        return [draft.current] if draft.current else []
    same = [line for line in draft.lines if line.item.category == new_item.category]
    line = draft.focus if draft.focus in same else same[-1] if same else draft.current
    return [line] if line else []


def _replace_item(line: OrderLine, item: Item, body: list[Mention], draft: _Draft) -> None:
    """Same quantity, same size when the new item has it, and the modifiers the new item takes."""
    same_size = next((v for v in item.variations if line.variation and v.name == line.variation.name), None)
    allowed = draft.catalog.modifiers_for(item)
    line.item = item
    line.variation = _variation(item, body) or same_size or item.default_variation
    line.modifiers = [m for m in line.modifiers if m in allowed]


def _consolidated(lines: list[OrderLine]) -> list[OrderLine]:
    """Merges lines that are the same item, variation, modifiers and note."""
    merged: list[OrderLine] = []
    for line in lines:
        twin = next((kept for kept in merged if kept.same_as(line)), None)
        if twin:
            twin.quantity += line.quantity
        elif line.quantity > 0:
            merged.append(line)
    return merged


ACTIONS = {
    "add": _add,
    "remove": partial(_remove, notes=False),
    "exclude": partial(_remove, notes=True),
    "change": _change,
}
