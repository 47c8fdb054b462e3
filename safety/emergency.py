"""Spots medical emergencies in what a caller says, independently of the NLU model.

A word list is deliberately blunt: a false alarm costs one "call 911 if this is an emergency" line and a
staff flag, a miss could cost far more. Negations ("no chest pain") are not trusted either. The one thing
set aside is an event the caller plainly puts in the past or in rehab ("I had a stroke last year",
"stroke rehab"), because that caller is booking the follow-up, not reporting an emergency.
"""

import re

EMERGENCY_PATTERNS = (
    r"chest (pain|pains|hurts|tightness|pressure|is tight)",
    r"(pain|tightness|pressure) in (my|his|her|their|the) chest",
    r"(heart attack|cardiac arrest)",
    r"(can'?t|cannot|can not|trouble|difficulty|hard to|hard time|struggling to) (breathe|breathing|catch (my|his|her|their) breath)",
    r"breathing (trouble|problems?|difficulty)",
    r"(not|isn'?t|stopped|no longer) breathing",
    r"short(ness)? of breath",
    r"(lips|face|skin) (is |are )?(turning )?blue",
    r"chok(ing|ed)",
    r"(bleeding|blood) (heavily|a lot|won'?t stop|that won'?t stop|everywhere|badly)",
    r"(won'?t|can'?t|doesn'?t|does not|will not) stop( the)? bleeding",
    r"(heavy|severe|uncontrolled|lots of) bleeding",
    r"(coughing|vomiting|throwing) (up )?blood",
    r"\bstroke\b",
    r"(face|arm|smile) (is )?(drooping|droops|numb)",
    r"(speech|talking) (is )?slurred|slurred speech|slurring",
    r"(sudden|suddenly) (numb|weak)",
    r"numb(ness)? on one side",
    r"can'?t (lift|move) (my|his|her|their) (arm|leg)",
    r"(unconscious|passed out|pass out|unresponsive|won'?t wake up|collapsed|fainted|fainting|blacked out)",
    r"(seizure|seizing|convulsing)",
    r"(overdose|overdosed|poisoned|swallowed (bleach|poison|pills))",
    r"(suicid|kill myself|end my life|ending it all|take my (own )?life|want to die|hurt myself|self[- ]harm"
    r"|(don'?t|do not) want to (live|be alive))",
    r"(anaphyla|epi ?pen|throat (is )?(closing|swelling)|can'?t swallow)",
    r"(tongue|lips|throat) (is |are )?(swelling|swollen)",
    r"(severe|worst) (headache|head injury|burn|burns|allergic reaction)",
    r"(broken|snapped) (bone|neck|back)",
)

PAST_OR_REHAB = (
    r"\b(had|history of|recovering from|recovered from) (a |my |his |her )?stroke",
    r"\bstroke (rehab|recovery|follow[- ]?up|survivor)",
    r"\b(last (week|month|year)|(days|weeks|months|years) ago)\b",
)

_EMERGENCY = re.compile("|".join(f"(?:{pattern})" for pattern in EMERGENCY_PATTERNS), re.IGNORECASE)
_PAST_OR_REHAB = re.compile("|".join(f"(?:{pattern})" for pattern in PAST_OR_REHAB), re.IGNORECASE)
_TENSE_AMBIGUOUS = re.compile(r"^(stroke|fainted|passed out|blacked out|collapsed|seizure)$", re.IGNORECASE)


def is_medical_emergency(text: str) -> bool:
    """True when anything said reads as an emergency now; words that only name a past event or rehab
    ("stroke", "fainted") do not count when the caller puts them in the past."""
    matches = [match.group(0) for match in _EMERGENCY.finditer(text or "")]
    if not matches:
        return False
    if not _PAST_OR_REHAB.search(text):
        return True
    return any(not _TENSE_AMBIGUOUS.match(found) for found in matches)
