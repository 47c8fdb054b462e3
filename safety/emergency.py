"""Spots medical emergencies in what a caller says, independently of the NLU model.

A word list is deliberately blunt: a false alarm costs one "call 911 if this is an emergency" line and a
staff flag, a miss could cost far more. Negations ("no chest pain") are not trusted either.
"""

import re

EMERGENCY_PATTERNS = (
    r"chest (pain|pains|hurts|tightness|pressure)",
    r"(heart attack|cardiac arrest)",
    r"(can'?t|cannot|can not|trouble|difficulty|hard to|struggling to) (breathe|breathing|catch (my|his|her|their) breath)",
    r"(not|isn'?t|stopped|no longer) breathing",
    r"short(ness)? of breath",
    r"(bleeding|blood) (heavily|a lot|won'?t stop|that won'?t stop|everywhere|badly)",
    r"(heavy|severe|uncontrolled|lots of) bleeding",
    r"(coughing|vomiting|throwing up) blood",
    r"\bstroke\b",
    r"(face|arm|smile) (is )?(drooping|droops|numb)",
    r"(unconscious|passed out|unresponsive|won'?t wake up|collapsed|fainted)",
    r"(seizure|seizing|convulsing)",
    r"(overdose|overdosed|poisoned|swallowed (bleach|poison|pills))",
    r"(suicid|kill myself|end my life|want to die|hurt myself)",
    r"(anaphyla|throat (is )?(closing|swelling)|can'?t swallow)",
    r"(severe|worst) (headache|head injury|burn|burns|allergic reaction)",
    r"(broken|snapped) (bone|neck|back)",
)

_EMERGENCY = re.compile("|".join(f"(?:{pattern})" for pattern in EMERGENCY_PATTERNS), re.IGNORECASE)


def is_medical_emergency(text: str) -> bool:
    return bool(_EMERGENCY.search(text or ""))
