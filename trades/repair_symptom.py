"""The symptom in the caller's own words: the parts of a message that say what is wrong, copied verbatim.

"my iphone 12 screen is cracked, can I bring it in tomorrow around 10" -> "my iphone 12 screen is cracked".
A message is cut into clauses; a clause about a problem is kept exactly as written, one about booking,
prices, names or greetings is not. Kept clauses that were apart are joined with an ellipsis, so the
symptom never says anything the caller did not.
"""

import re
from typing import Dict, List, Optional, Pattern, Tuple

from catalog import Catalog
from trades.repair_catalog import repair_types

CLAUSE_BREAK: Dict[str, Pattern] = {
    "en": re.compile(
        r"\s*[.!?;,\n]+\s*|\s+(?:and|but|so|also|plus|and also|and then)\s+|\s+(?=(?:can|could|would|when|what|how)\b)",
        re.I,
    ),
}

PROBLEM_WORDS: Dict[str, Pattern] = {
    "en": re.compile(
        r"\b(broke|broken|break|breaking|crack|cracked|cracks|shattered|smashed|dead|died|dies|dying|won'?t|"
        r"doesn'?t|isn'?t|aren'?t|can'?t|cannot|not working|stopped|stops|stuck|frozen|freezes|freezing|keeps|"
        r"dropped|wet|water|spilled|spill|leak|leaking|leaks|noise|noisy|grinding|squeak\w*|"
        r"squeal\w*|rattl\w*|slow|hot|overheat\w*|flicker\w*|black|blank|loose|bent|missing|error|beep\w*|"
        r"click\w*|drain\w*|swollen|glitch\w*|lag\w*|crash\w*|restart\w*|reboot\w*|fell|sticky|drift\w*|"
        r"burn\w*|smell\w*|smok\w*|problem|issue|trouble|lines|dim|cuts? out|shuts? (?:off|down)|"
        r"turns? off|won'?t turn on|no (?:sound|picture|signal|power|video|display)|faulty|damaged?)\b",
        re.I,
    ),
}

NOT_SYMPTOM: Dict[str, Pattern] = {
    "en": re.compile(
        r"\b(bring|drop (?:it )?off|drop it in|come in|come by|stop by|swing by|appointment|book|slot|"
        r"today|tomorrow|tonight|monday|tuesday|wednesday|thursday|friday|saturday|sunday|morning|afternoon|"
        r"evening|noon|\d{1,2}\s*(?:am|pm|a\.m\.|p\.m\.)|o'?clock|(?:at|around|by|about) \d|how much|quote|"
        r"estimate|price|cost|my name|name'?s|this is|call me|number)\b",
        re.I,
    ),
}

# Small talk at the start of a clause is not part of the symptom: "hey, so my phone..." -> "my phone...".
LEADING_TALK: Dict[str, Pattern] = {
    "en": re.compile(r"^(?:(?:hi|hey|hello|yo|so|um+|uh+|ok|okay|yeah|well|hi there|hey there)\b[\s,!.]*)+", re.I),
}


def _clauses(text: str, language: str) -> List[Tuple[int, int]]:
    """Where each clause starts and ends, trimmed of spaces."""
    spans, start = [], 0
    for cut in CLAUSE_BREAK.get(language, CLAUSE_BREAK["en"]).finditer(text):
        spans.append((start, cut.start()))
        start = cut.end()
    spans.append((start, len(text)))
    talk = LEADING_TALK.get(language, LEADING_TALK["en"])
    trimmed = []
    for begin, end in spans:
        piece = text[begin:end]
        lead = len(piece) - len(piece.lstrip())
        lead += talk.match(piece[lead:]).end() if talk.match(piece[lead:]) else 0
        rest = text[begin + lead:end].rstrip()
        if rest:
            trimmed.append((begin + lead, begin + lead + len(rest)))
    return trimmed


def _is_symptom(clause: str, catalog: Optional[Catalog], language: str) -> bool:
    problem = PROBLEM_WORDS.get(language, PROBLEM_WORDS["en"]).search(clause)
    named = catalog is not None and bool(repair_types(clause, catalog, None, language))
    booking = NOT_SYMPTOM.get(language, NOT_SYMPTOM["en"]).search(clause)
    return bool(problem or named) and not (booking and not problem)


def symptom_in(text: str, catalog: Optional[Catalog] = None, language: str = "en") -> Optional[str]:
    """The caller's words about what is wrong, or None if the message says nothing about it.

    Kept clauses next to each other stay one stretch of the text, words between them included.
    """
    runs: List[Tuple[int, int]] = []
    previous_kept = False
    for begin, end in _clauses(text, language):
        kept = _is_symptom(text[begin:end], catalog, language)
        if kept and previous_kept:
            runs[-1] = (runs[-1][0], end)
        elif kept:
            runs.append((begin, end))
        previous_kept = kept
    return " ... ".join(text[begin:end] for begin, end in runs) or None


def added_symptom(current: Optional[str], said: Optional[str]) -> Optional[str]:
    """A second problem adds to the first ("also the battery dies fast"); the same words twice do not."""
    if not current or not said:
        return current or said
    return current if said in current else f"{current} ... {said}"
