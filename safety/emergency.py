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
    # Spanish and Chinese, checked in every conversation whatever its language (a caller may switch to panic).
    r"dolor (fuerte )?(en el|de|del) pecho|(infarto|ataque (al|de) coraz[oó]n|paro card[ií]aco)",
    r"no (puede|puedo|podemos|pueden) respirar|(le|me|les) cuesta respirar|(dificultad|problemas?) para respirar"
    r"|(ya )?no respira|falta de aire|se (est[aá] )?ahogando|atragant",
    r"(sangra|sangrando) (mucho|much[ií]simo|sin parar)|no (para|deja) de sangrar|hemorragia",
    r"derrame cerebral|\bembolia\b|(cara|boca) (torcida|chueca)",
    r"inconsciente|se desmay[oó]|desmayad[oa]|no despierta|no reacciona|perdi[oó] el conocimiento",
    r"convulsi[oó]n|convulsiones|convulsionando|sobredosis|envenenad|se tom[oó] (todas )?las pastillas",
    r"suicid|matarme|quitarme la vida|no quiero vivir|se le cierra la garganta|reacci[oó]n al[eé]rgica (fuerte|grave)",
    r"胸(口)?(痛|疼|闷)|心脏病(发作|犯了)|喘不过气|呼吸困难|不能呼吸|没(有)?呼吸了|透不过气|噎(住|着)了",
    r"大出血|血流不止|止不住血|一直(在)?流血|中风|脑梗|昏迷|晕倒|昏过去|叫不醒|失去知觉|不省人事",
    r"抽搐|癫痫发作|服药过量|吃了(很多|一整瓶|一瓶)药|中毒|自杀|不想活|想死|轻生|喉咙(肿|发紧)|严重过敏",
)

PAST_OR_REHAB = (
    r"\b(had|history of|recovering from|recovered from) (a |my |his |her )?stroke",
    r"\bstroke (rehab|recovery|follow[- ]?up|survivor)",
    r"\b(last (week|month|year)|(days|weeks|months|years) ago)\b",
    r"\b(tuvo|tuve) (un )?derrame|\bhace (unos |varios )?(d[ií]as|semanas|meses|años|un mes|un año)\b",
    r"(去年|上个月|以前|几年前)(得过|中过|有过)?(中风|脑梗)",
)

_EMERGENCY = re.compile("|".join(f"(?:{pattern})" for pattern in EMERGENCY_PATTERNS), re.IGNORECASE)
_PAST_OR_REHAB = re.compile("|".join(f"(?:{pattern})" for pattern in PAST_OR_REHAB), re.IGNORECASE)
_TENSE_AMBIGUOUS = re.compile(
    r"^(stroke|fainted|passed out|blacked out|collapsed|seizure|derrame cerebral|embolia|se desmay[oó]|convulsi[oó]n"
    r"|中风|脑梗|晕倒|昏过去|抽搐)$", re.IGNORECASE)


def is_medical_emergency(text: str) -> bool:
    """True when anything said reads as an emergency now; words that only name a past event or rehab
    ("stroke", "fainted") do not count when the caller puts them in the past."""
    matches = [match.group(0) for match in _EMERGENCY.finditer(text or "")]
    if not matches:
        return False
    if not _PAST_OR_REHAB.search(text):
        return True
    return any(not _TENSE_AMBIGUOUS.match(found) for found in matches)
