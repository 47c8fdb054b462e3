"""Reads a home-services caller's words: the problem, the service it needs, how urgent it is, where the job is
and how to get in. Staff want the problem and the access notes verbatim, so those stay in the caller's words.

One message often carries several of these ("my kitchen sink is backed up, can someone come tomorrow
morning? 14 Elm St"), so the text is cut into clauses and each clause is read for what it holds.
"""

import re
from dataclasses import dataclass
from typing import List, Optional, Tuple

from catalog import Catalog, Item
from catalog.matching import singular, tokenize

EMERGENCY, SOON, FLEXIBLE = "emergency", "soon", "flexible"
NO_ACCESS_NOTES = "none"

# Items the assistant adds by itself, found by one of their aliases: the visit fee when no other service matches
# what the caller describes, and the surcharge for an emergency call-out.
VISIT_FEE_ALIAS = "service call"
EMERGENCY_FEE_ALIAS = "emergency surcharge"

GAS = re.compile(
    r"\bsmell(?:s|ing|ed)?\b[^.?!]{0,25}\bgas\b|\bgas\b[^.?!]{0,15}\b(?:smell|leak|leaking|odou?r)|rotten eggs?"
    r"|carbon monoxide|\bco (?:alarm|detector)|\bgas (?:alarm|detector)",
    re.IGNORECASE,
)
URGENT = re.compile(
    r"\bflood(?:s|ed|ing)?\b|water (?:is |has been )?(?:pouring|gushing|spraying|everywhere|coming in)"
    r"|(?:pouring|gushing|spraying|coming|dripping) (?:in )?(?:through|out of|from) (?:the |my |our )?(?:ceiling|wall|light)"
    r"|\bburst\b|pipe (?:has |just )?(?:burst|exploded|split|broke)|\bbusted pipe|sewage|sewer (?:is )?(?:coming|backing) up"
    r"|can'?t (?:shut|turn) (?:off )?the water|won'?t stop (?:running|leaking|pouring|spraying)"
    r"|\bsparks?\b|\bsparking\b|\bsmoking\b|smoke (?:coming|from)|burning smell|smells? like (?:burning|smoke)"
    r"|\bemergency\b|\bright now\b",
    re.IGNORECASE,
)
NOT_URGENT = re.compile(r"\b(?:not|isn'?t|no|nothing)\s+(?:an?\s+)?(?:emergency|urgent)", re.IGNORECASE)
NO_HEAT = re.compile(
    r"\bno heat\b|\bheat(?:ing|er)? (?:is |has |went |just )?(?:out|off|dead|gone|died|quit|stopped|not working|isn'?t working)"
    r"|furnace (?:is |has |just )?(?:out|dead|died|quit|stopped|not working|isn'?t working|won'?t (?:turn|come) on)",
    re.IGNORECASE,
)
COLD = re.compile(r"\b(?:freezing|frozen|below (?:zero|freezing)|degrees|cold|ice|icy|baby|newborn|elderly)\b", re.IGNORECASE)
FLEXIBLE_WORDS = re.compile(
    r"\bno (?:rush|hurry)\b|\bnot (?:urgent|in a hurry|a rush)\b|\bisn'?t urgent\b|\bit can wait\b|\bwhenever\b"
    r"|\bsometime\b|\bany ?time\b|\bflexible\b|\bnext week\b|\bin a (?:week|couple (?:of )?weeks)\b|\bno big deal\b",
    re.IGNORECASE,
)

STREET_TYPES = (
    "street|st|avenue|ave|av|road|rd|boulevard|blvd|drive|dr|lane|ln|court|ct|way|place|pl|terrace|ter|parkway|pkwy"
    "|highway|hwy|circle|cir|square|sq|trail|trl|crescent|cres|alley|row|loop|plaza|pike|crossing|xing|walk"
)
UNIT = r"(?:\s*,?\s*(?:apt\.?|apartment|unit|suite|ste\.?|#|flat|fl\.?|floor|bldg\.?|building)\s*#?\s*[\w-]+)"
ADDRESS = re.compile(
    rf"\b\d{{1,6}}[a-z]?(?:(?:\s+[a-z0-9.'-]+){{1,4}}?\s+(?:{STREET_TYPES})\b\.?|\s+broadway\b)"
    rf"(?:\s+(?:n|s|e|w|ne|nw|se|sw)\b\.?)?{UNIT}*"
    r"(?:\s*,\s*[a-z .'-]+,?\s+(?-i:[A-Z]{2})(?:\s+\d{5})?\b|\s+\d{5}\b)?",
    re.IGNORECASE,
)
ADDRESS_LEAD_INS = re.compile(
    r"^(?:(?:yeah|yes|ok|okay|sure|um+|uh+|so)[,\s]+)*(?:the address is|address is|address's|the address's|it's|it is|"
    r"we're at|we are at|i'm at|i am at|i live at|we live at|at|the house is at|the job is at|come to)\s+",
    re.IGNORECASE,
)
PHONE_LIKE = re.compile(r"\+?\d[\d\s().-]{8,}\d")

CLAUSE_BREAKS = re.compile(
    r"[.;!?\n]+|,\s*|\s+-+\s+|\s+(?=(?:and |so )?(?:can|could|would|will|is there any way|any chance)\s+"
    r"(?:some(?:one|body)|you|u|ya|y'?all|a tech|a plumber|your guys|one of your)\b)",
    re.IGNORECASE,
)
LEADING_FILLER = re.compile(r"^(?:(?:hi|hey|hello|yeah|yes|yep|ok|okay|so|um+|uh+|well|oh|hi there|and|but|also)\b[,\s]*)+", re.IGNORECASE)
PROBLEM_WORDS = re.compile(
    r"\b(?:leak\w*|drip\w*|clog\w*|back(?:ed|ing|s)? up|block\w*|overflow\w*|burst|broke\w*|busted|not working|"
    r"isn'?t working|won'?t|doesn'?t|does not|stopped|no (?:hot )?water|no heat|no ac|no air|not cooling|not heating|"
    r"running|flood\w*|pouring|gushing|spraying|smell\w*|nois\w*|bang\w*|rattl\w*|hiss\w*|gurgl\w*|trip\w*|spark\w*|"
    r"slow|stuck|frozen|crack\w*|rust\w*|tune[- ]?up|install\w*|replac\w*|repair\w*|fix\w*|quote|estimate|"
    r"maintenance|servic\w*|check(?:ed)? out|look at|water heater|furnace|toilet|sink|drain|faucet|pipe|ac|a/c|"
    r"heater|boiler|shower|tub|disposal|sewer|thermostat|emergency|gas)\b",
    re.IGNORECASE,
)
ACCESS_WORDS = re.compile(
    r"\bgate\b|\bcode\b|\bdogs?\b|\bpets?\b|\bcats?\b|\bkeys?\b|lock ?box|\bmat\b|\bparking\b|\bpark (?:in|on|at|out)"
    r"|driveway|\bbuzz(?:er)?\b|intercom|doorbell|door bell|ring the bell|\bknock\b|side door|back door|side gate|back gate"
    r"|front desk|concierge|doorman|super(?:intendent)?\b|call (?:me )?(?:when|before)|text (?:me )?(?:when|before)"
    r"|\bstairs\b|elevator|garage|alley|\bbasement door\b|\blandlord\b",
    re.IGNORECASE,
)
NO_NOTE_PHRASES = (
    r"no|nope|nah|none|nothing|n/?a|na|not really|no notes|nothing special|nothing really|no thanks|all good|"
    r"it'?s fine|that'?s fine|we'?re good|no that'?s it|not that i can think of|thanks|thank you|"
    r"(?:we'?ll|i'?ll|someone will|somebody will) be (?:home|there)"
)
NO_NOTES = re.compile(rf"^(?:{NO_NOTE_PHRASES})(?:[,.!\s]+(?:{NO_NOTE_PHRASES}))*[.!\s]*$", re.IGNORECASE)
DETERMINERS = {"my", "the", "a", "an", "our", "his", "her", "their", "your", "is", "are", "was", "its", "it", "s", "got"}


@dataclass(frozen=True)
class CallerWords:
    """What one message says about the job, each part in the caller's own words; None when not said."""

    problem: Optional[str] = None
    address: Optional[str] = None
    access_notes: Optional[str] = None


def _clean(clause: str) -> str:
    return LEADING_FILLER.sub("", clause.strip()).strip(" ,.-")


def find_address(text: str) -> Optional[str]:
    """A street address said anywhere in the text ("14 Elm St", "1420 Broadway, apt 3B"), tidied."""
    match = ADDRESS.search(text or "")
    return re.sub(r"\s+", " ", match.group(0)).strip(" ,.") if match else None


def address_answer(text: str) -> Optional[str]:
    """The reply to "what's the address?": a recognised street address, else a reply with a house number in it.

    "Same as last time" and other replies without a number are not an address.
    """
    found = find_address(text)
    if found:
        return found
    reply = ADDRESS_LEAD_INS.sub("", (text or "").strip()).strip(" .!")
    if re.search(r"\d", reply) and len(reply.split()) >= 2 and not PHONE_LIKE.fullmatch(reply):
        return reply
    return None


def without_address_and_phone(text: str) -> str:
    """The text with street addresses and phone numbers taken out, so their digits are not read as times."""
    return PHONE_LIKE.sub(" ", ADDRESS.sub(" ", text or ""))


def _clauses(text: str) -> List[str]:
    return [clause for clause in (_clean(part) for part in CLAUSE_BREAKS.split(text or "") if part) if clause]


def read_message(text: str) -> CallerWords:
    """The problem, address and access notes one message volunteers, clause by clause."""
    address = find_address(text)
    problems, notes = [], []
    for clause in _clauses(text):
        if find_address(clause):
            continue
        if ACCESS_WORDS.search(clause) and not PROBLEM_WORDS.search(clause):
            notes.append(clause)
        elif PROBLEM_WORDS.search(clause):
            problems.append(clause)
    return CallerWords(
        problem=", ".join(problems) or None,
        address=address,
        access_notes=", ".join(notes) or None,
    )


def problem_answer(text: str) -> Optional[str]:
    """The reply to "what's the problem?": the problem clauses if any were found, else the whole reply."""
    found = read_message(text).problem
    if found:
        return found
    reply = _clean(without_address_and_phone(text))
    return reply if len(reply) >= 3 else None


def access_notes_answer(text: str) -> Optional[str]:
    """The reply to "anything the technician should know to get in?": "none" for a no, else the caller's words."""
    reply = _clean(text or "")
    if not reply:
        return None
    if NO_NOTES.match(reply) and not ACCESS_WORDS.search(reply):
        return NO_ACCESS_NOTES
    return reply


def urgency_in(text: str) -> Optional[str]:
    """"emergency" or "flexible" when the words say so; None leaves the default, "soon"."""
    text = text or ""
    if is_gas_danger(text):
        return EMERGENCY
    if NOT_URGENT.search(text):
        return FLEXIBLE
    if URGENT.search(text) or (NO_HEAT.search(text) and COLD.search(text)):
        return EMERGENCY
    if FLEXIBLE_WORDS.search(text):
        return FLEXIBLE
    return None


def is_gas_danger(text: str) -> bool:
    """A gas smell or a carbon monoxide alarm: the caller must leave the house before anything else."""
    return bool(GAS.search(text or ""))


def _phrase_key(phrase: str) -> str:
    return " ".join(singular(token) for token in tokenize(phrase) if token not in DETERMINERS and token not in ",.;!?")


def _said_phrases(item: Item) -> List[str]:
    return [key for key in (_phrase_key(phrase) for phrase in (item.name, *item.aliases)) if key]


def item_for_alias(alias: str, menu: Catalog) -> Optional[Item]:
    wanted = _phrase_key(alias)
    return next((item for item in menu.items if wanted in _said_phrases(item)), None)


def fee_items(menu: Catalog) -> Tuple[Optional[Item], Optional[Item]]:
    """The visit fee and the emergency surcharge this business charges, if its catalog has them."""
    return item_for_alias(VISIT_FEE_ALIAS, menu), item_for_alias(EMERGENCY_FEE_ALIAS, menu)


def match_service(text: str, menu: Catalog) -> Optional[Item]:
    """The service the caller's words describe: the item whose name or alias is said at the greatest length.

    "my water heater is leaking" is water heater repair (not leak repair), "replace my water heater" the
    installation estimate. Fees are never matched; they are added by the ticket.
    """
    said = f" {_phrase_key(text)} "
    fees = {item.id for item in fee_items(menu) if item}
    best: Optional[Tuple[int, Item]] = None
    for item in menu.items:
        if item.id in fees:
            continue
        for phrase in _said_phrases(item):
            if f" {phrase} " in said and (best is None or len(phrase) > best[0]):
                best = (len(phrase), item)
    return best[1] if best else None
