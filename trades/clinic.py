"""A clinic booking from the caller's words: the visit type, new or returning, who it is for, the practitioner.

Visit types and practitioners come from the playbook (catalog items with a duration, booking staff), so a
clinic changes what callers can ask for by editing its playbook. Matching is by whole phrase: a bare
"patient" or "appointment" names no visit, and a practitioner's bare name only counts after a cue word
("with Patel", "see Jordan") or when the assistant has just asked who the caller would like to see.
"""

import re
import unicodedata
from dataclasses import dataclass
from typing import List, Optional, Sequence, Tuple

from catalog import Catalog, Item
from catalog.matching import singular, tokenize
from playbooks.model import Playbook, Staff

NEW, RETURNING = "new", "returning"
ANYONE = "any"
FIRST_VISIT_PREFIX = ("new", "patient")

_NOT_NEW = re.compile(r"\bnot (?:a )?new(?: patient)?\b|\bnot my first (?:time|visit)\b", re.IGNORECASE)
_NEW = re.compile(
    r"\bnew patient\b|\bfirst (?:time|visit|appointment)\b|\bnever (?:been|seen|visited)\b|"
    r"\bhaven'?t been (?:there|here|in|to (?:you|the clinic))? ?before\b|\bnot (?:a|an existing|a current) patient\b|"
    r"\bnot registered\b|\bnew to (?:the (?:clinic|practice|area)|you|your clinic)\b|\bnever been seen\b",
    re.IGNORECASE,
)
_RETURNING = re.compile(
    r"\b(?:returning|existing|current|established|regular) patient\b|\balready (?:a )?patient\b|"
    r"\bbeen (?:there|here|in|to you|to the clinic|coming)(?: \w+)? before\b|\bbeen coming\b|"
    r"\bi'?m (?:a|already a) patient (?:of|with|there|here|at)\b|\bi (?:usually |normally |always )?see (?:dr|doctor)\b|"
    r"\bmy (?:usual |regular )?doctor is\b|\bseen (?:you|dr|doctor|by)\b|\blast time i (?:was|came)\b|"
    r"\bpatient (?:there|here) already\b|\bi'?ve been (?:a patient|seeing)\b|"
    r"(?:\bis|'s|\bam|'m|\bare|'re) (?:already )?(?:a|an existing|a current|a regular) patient\b(?! yet)",
    re.IGNORECASE,
)
# New or returning, per language, checked in this order: "not new", "new", "returning". Spanish is matched
# on the text folded (lower case, no accents); Chinese has no spaces, so its phrases are matched anywhere
# ("没来过" is new before "来过" is returning).
PATIENT_STATUS = {
    "en": ((_NOT_NEW, RETURNING), (_NEW, NEW), (_RETURNING, RETURNING)),
    "es": (
        (re.compile(r"\bno (?:soy|es|somos) (?:(?:un|una) )?(?:paciente )?nuev[oa]s?\b|\bno es (?:mi|la|su) primera vez\b"),
         RETURNING),
        (re.compile(
            r"\bpaciente nuev[oa]\b|\bnuev[oa] paciente\b|\bsoy nuev[oa]\b|\b(?:es )?(?:la|mi|su) primera vez\b|"
            r"\bprimera (?:cita|consulta|visita)\b|\bnunca (?:he|ha|hemos|habia|había) (?:ido|venido|estado|sido)\b|"
            r"\bno (?:he|ha|hemos) (?:ido|venido|estado) (?:antes|nunca)\b|\bnunca (?:he|ha) sido paciente\b|"
            r"\bno (?:soy|es|somos) paciente\b|\bno estoy registrad[oa]\b|\bnuev[oa] en (?:la clinica|el consultorio|la zona)\b|"
            r"\bno,? (?:nunca|es la primera)\b"),
         NEW),
        (re.compile(
            r"\bpaciente (?:de regreso|existente|regular|habitual|frecuente|de (?:ahi|aqui|ustedes|la clinica|la doctora|"
            r"el doctor|del doctor))\b|\b(?:ya|si) soy paciente\b|\bsoy paciente (?:de|del|con)\b|"
            r"\bya (?:he|ha|habia|había|hemos) (?:ido|venido|estado)\b|\b(?:he|ha|hemos) (?:ido|venido|estado) antes\b|"
            r"\bya (?:fui|vine|estuve|me (?:han )?(?:atendieron|atendido|vieron|visto))\b|\bmi (?:doctor|doctora|medico|medica) es\b|"
            r"\bsiempre (?:voy|vengo) (?:con|a)\b"),
         RETURNING),
    ),
    "zh": (
        (re.compile(r"不是(?:新病人|新患者|新的病人|第一次)"), RETURNING),
        (re.compile(r"新病人|新患者|新的病人|第一次|头一次|初诊|没(?:有)?(?:来|去|看)过|从来没|从没|还没在|新来的|没在(?:你们|这|那)"), NEW),
        (re.compile(r"老病人|老患者|来过|去过(?:你们|那|贵)|在(?:你们|贵诊所)?(?:这|那)?(?:里|儿|边)?看过|一直(?:看|找|在(?:你们|这|那))|"
                    r"以前(?:来|去)|之前(?:来|去)|是(?:你们|这里|这儿|那里)的病人|已经是病人"),
         RETURNING),
    ),
}
_ANYONE = re.compile(
    r"\b(?:any ?one|any ?body|whoever|who ever|either|no preference|don'?t (?:mind|care)|doesn'?t matter|"
    r"not fussy|first available|soonest available|whichever|any (?:doctor|provider|of them))\b",
    re.IGNORECASE,
)
_EXPLICIT_ANYONE = re.compile(
    r"\bwith (?:any ?one|any ?body|whoever|either)\b|\bany (?:doctor|provider|practitioner)\b|\bno preference\b|"
    r"\bfirst available (?:doctor|provider|practitioner|person)\b|\bdon'?t mind who\b|\bdoesn'?t matter who\b",
    re.IGNORECASE,
)
# "Anyone" said when asked who they would like to see, and (EXPLICIT) clear enough to count unasked.
ANYONE_WORDS = {
    "en": _ANYONE,
    "es": re.compile(
        r"\b(?:quien|cualquiera|el que|la que) sea\b|\bcualquiera\b|\bcualquier (?:doctor|doctora|medico|medica|"
        r"profesional|persona|proveedor)\b|\b(?:a )?(?:quien|el que|la que) (?:este|tenga|quede) (?:libre|disponible|tiempo)\b|"
        r"\b(?:me|nos) da (?:igual|lo mismo)\b|\bda igual\b|\bno (?:me )?importa\b|\b(?:no tengo|sin|ninguna) preferencia\b|"
        r"\b(?:el|la) primer[oa]? (?:(?:doctor|doctora|medico|medica|profesional) )?(?:que (?:este|tenga)|disponible|libre)\b|"
        r"\blo (?:mas pronto|antes)\b|"
        r"\b(?:nadie|ninguno|ninguna) en particular\b|\b(?:quien|el que|la que) (?:me )?pueda (?:verme|atenderme)\b"
    ),
    "zh": re.compile(
        r"谁都|哪(?:个|位)(?:医生|大夫|都)?.{0,4}都(?:可以|行|好)|随便|无所谓|谁(?:先)?有空|哪(?:个|位)(?:先)?有空|"
        r"都可以|都行|没(?:有)?(?:要求|偏好)|不(?:用)?指定|第一个有空|最早有空"
    ),
}
EXPLICIT_ANYONE_WORDS = {
    "en": _EXPLICIT_ANYONE,
    "es": re.compile(
        r"\bcon (?:quien sea|cualquiera|el que sea|la que sea)\b|\bcualquier (?:doctor|doctora|medico|medica|profesional)\b|"
        r"\b(?:me|nos) da (?:igual|lo mismo) (?:con )?quien\b|\bno (?:me )?importa (?:con )?quien\b|\bsin preferencia\b|"
        r"\bcon (?:quien|el que|la que) (?:este|tenga) (?:libre|disponible|tiempo)\b|"
        r"\bcon (?:quien|el que|la que) (?:me )?pueda (?:verme|atenderme)\b|"
        r"\b(?:el|la) primer[oa]? (?:doctor|doctora|medico|medica|profesional) (?:disponible|libre)\b"
    ),
    "zh": re.compile(r"谁都|哪(?:个|位)(?:医生|大夫).{0,4}都|随便哪(?:个|位)|谁(?:先)?有空就|不(?:用)?指定(?:医生|大夫)|(?:医生|大夫)都(?:可以|行)"),
}
_PRACTITIONER_CUES = {"with", "see", "dr", "doctor", "nurse", "np", "physio", "to", "by", "prefer"}
# Words right before a bare practitioner name in each language ("con Patel", "找Patel"), and in Chinese
# right after it ("Patel医生", "Reyes护士").
PRACTITIONER_CUES = {
    "en": _PRACTITIONER_CUES,
    "es": _PRACTITIONER_CUES | {"con", "ver", "a", "al", "doctora", "dra", "doc", "medico", "medica", "enfermera",
                                "enfermero", "fisio", "fisioterapeuta", "prefiero", "por"},
    "zh": _PRACTITIONER_CUES | {"约", "找", "看", "挂", "跟", "和"},
}
CUES_AFTER = {"zh": {"医", "大", "护", "理", "老"}}
# Role words in Spanish and Chinese put into the English that practitioners' aliases use ("la doctora"
# is "the doctor", "理疗师" is "the physiotherapist"), so any clinic's English aliases are understood.
ROLE_WORDS = {
    "es": (
        ("medico de cabecera", "family doctor"), ("medico familiar", "family doctor"), ("medico de familia", "family doctor"),
        ("doctor de cabecera", "family doctor"), ("doctora de cabecera", "family doctor"),
        ("enfermera practicante", "nurse practitioner"), ("enfermero practicante", "nurse practitioner"),
        ("la enfermera", "the nurse practitioner"), ("el enfermero", "the nurse practitioner"),
        ("el fisioterapeuta", "the physiotherapist"), ("la fisioterapeuta", "the physiotherapist"),
        ("el terapeuta fisico", "physical therapist"), ("la terapeuta fisica", "physical therapist"),
        ("el fisio", "the physio"), ("la fisio", "the physio"),
        ("el doctor", "the doctor"), ("la doctora", "the doctor"), ("el medico", "the doctor"), ("la medica", "the doctor"),
    ),
    "zh": (
        ("家庭医生", "family doctor"), ("物理治疗师", "physical therapist"), ("理疗师", "the physiotherapist"),
        ("执业护士", "nurse practitioner"), ("护士", "nurse practitioner"),
    ),
}

RELATIONS = (
    "son", "daughter", "kid", "child", "baby", "boy", "girl", "toddler", "mom", "mother", "mum", "dad", "father",
    "husband", "wife", "partner", "grandma", "grandmother", "grandpa", "grandfather", "brother", "sister",
    "grandson", "granddaughter", "nephew", "niece", "aunt", "uncle", "fiance", "fiancee",
)
_RELATION = re.compile(
    r"\b(?:for|booking|book|it'?s for|appointment for|is for) (?:my|our) (" + "|".join(RELATIONS) + r")\b"
    r"|\b(?:my|our) (" + "|".join(RELATIONS) + r")(?:,)? (?:[A-Z][\w'-]+(?: [A-Z][\w'-]+)?,? )?"
    r"(?:needs|has|is|was|got|will|wants|should|'s)\b",
    re.IGNORECASE,
)
_RELATION_NAME = re.compile(r"\b(?i:my|our) (?i:" + "|".join(RELATIONS) + r"),? ([A-Z][\w'-]+(?: [A-Z][\w'-]+)?)")
_NOT_A_NAME = {"He", "She", "Has", "Needs", "Is", "Was", "Who", "Tomorrow", "Today", "Please", "And", "At", "On", "In"}

# Relatives in Spanish (matched without accents, said back with them: "su mamá") and Chinese.
RELATIVES = {
    "es": {
        "hijo": "hijo", "hija": "hija", "hijito": "hijo", "hijita": "hija", "nino": "niño", "nina": "niña",
        "bebe": "bebé", "nene": "nene", "nena": "nena", "mama": "mamá", "madre": "madre", "mami": "mamá",
        "papa": "papá", "padre": "padre", "papi": "papá", "esposo": "esposo", "esposa": "esposa", "marido": "marido",
        "mujer": "esposa", "pareja": "pareja", "abuela": "abuela", "abuelita": "abuela", "abuelo": "abuelo",
        "abuelito": "abuelo", "hermano": "hermano", "hermana": "hermana", "nieto": "nieto", "nieta": "nieta",
        "sobrino": "sobrino", "sobrina": "sobrina", "tia": "tía", "tio": "tío", "novio": "novio", "novia": "novia",
        "prometido": "prometido", "prometida": "prometida", "suegra": "suegra", "suegro": "suegro",
    },
    "zh": {"妈": "妈妈", "老妈": "妈妈", "爸": "爸爸", "老爸": "爸爸", **{word: word for word in (
        "儿子", "女儿", "孩子", "小孩", "宝宝", "宝贝", "妈妈", "母亲", "爸爸", "父亲",
        "老公", "丈夫", "爱人", "老婆", "妻子", "太太", "爷爷", "奶奶", "外公", "外婆", "姥姥", "姥爷", "哥哥", "弟弟",
        "姐姐", "妹妹", "孙子", "孙女", "外孙女", "外孙", "侄子", "侄女", "外甥女", "外甥", "叔叔", "舅舅", "姑姑", "阿姨",
        "未婚夫", "未婚妻", "男朋友", "女朋友", "婆婆", "公公", "岳母", "岳父", "小儿子", "小女儿", "大儿子", "大女儿",
    )}},
}
_ES_RELATIVE = "|".join(sorted(RELATIVES["es"], key=len, reverse=True))
_ZH_RELATIVE = "|".join(sorted(RELATIVES["zh"], key=len, reverse=True))
_NAME_WORD = r"[A-ZÁÉÍÓÚÑ][\w'-]+"
RELATION_PATTERNS = {
    "es": re.compile(
        r"\b(?:para|a|de|por) (?:mi|mis|nuestr[oa]) (" + _ES_RELATIVE + r")\b"
        r"|\b(?:mi|nuestr[oa]) (" + _ES_RELATIVE + r"),? (?:[A-Za-z][\w'-]+(?: [A-Za-z][\w'-]+)?,? )?"
        r"(?:tiene|necesita|esta|anda|se|le|va|quiere|debe|trae|amanecio|tuvo|ha)\b"
        r"|\bpaciente es .{0,40}?\bmi (" + _ES_RELATIVE + r")\b",
        re.IGNORECASE,
    ),
    "zh": re.compile(
        r"(?:给|帮|替|为|带)(?:我|我们|我家|咱)?的?(" + _ZH_RELATIVE + r")"
        r"|(?:我|我家|我们家)的?(" + _ZH_RELATIVE + r")(?=要|需要|有|得|身上|最近|发|咳|生病|病|想|该|今年|叫|嗓子|喉咙|肚子|"
        r"头|耳朵|眼睛|摔|扭|起|不舒服|的预约|的号|\d|[一二三四五六七八九十]+岁|，|,)"
        r"|(?:病人|患者|就诊人|看病的)是.{0,12}?我的?(" + _ZH_RELATIVE + r")"
    ),
}
RELATION_NAMES = {
    "es": (
        re.compile(r"\b(?i:mi|nuestr[oa]) (?i:" + _ES_RELATIVE + r"),? (" + _NAME_WORD + r"(?: " + _NAME_WORD + r")?)"),
        re.compile(r"\b(?i:se llama|su nombre es|(?:el|la) paciente es) (" + _NAME_WORD + r"(?: " + _NAME_WORD + r")?)"),
    ),
    "zh": (
        re.compile(r"(?:(?:他|她|孩子|病人|患者|就诊人)是|(?:他|她|孩子)?(?:叫|名字是|名字叫))\s*"
                   r"([\u4e00-\u9fff]{2,4}|[A-Za-z][\w'-]+(?: [A-Za-z][\w'-]+)?)(?=$|[，,。.！!？?\s]|我)"),
    ),
}
NOT_A_NAME = {
    "es": {"Tiene", "Necesita", "Le", "Se", "Está", "Esta", "Es", "Que", "Mañana", "Hoy", "Por", "Y", "En", "A", "Para",
           "Con", "De", "Va", "Quiere", "Anda", "Ya"},
    "zh": {"我的", "我儿子", "我女儿", "病人", "新病人", "老病人"},
}


def _unaccented(text: str) -> str:
    """The text without accents, one character for one, so a match's place is its place in the text."""
    return "".join(unicodedata.normalize("NFD", char)[0] for char in text)


def _said(table: dict, text: str, language: str) -> bool:
    """The English words on the text as said, and the language's own on it folded (lower case, no accents)."""
    own = table.get(language) if language != "en" else None
    return bool(table["en"].search(text) or (own is not None and own.search(_unaccented(text).lower())))


def _phrase(text: str) -> Tuple[str, ...]:
    return tuple(singular(token) for token in tokenize(text) if token.isalnum())


def _spans(said: Tuple[str, ...], phrase: Tuple[str, ...]) -> List[int]:
    width = len(phrase)
    return [start for start in range(len(said) - width + 1) if phrase and said[start:start + width] == phrase]


def visit_types(menu: Catalog) -> List[Item]:
    """The bookable visit types: catalog items with a duration."""
    return [item for item in menu.items if item.duration_minutes]


def visit_named(text: str, menu: Catalog, language: str = "en") -> Optional[Item]:
    """The visit type the caller names first, by its name, an alias or its name in the caller's language
    ("primera consulta", "体检"); at the same place the longer phrase wins ("flu shot" over "flu")."""
    said = _phrase(text)
    found: List[Tuple[int, int, Item]] = []
    for item in visit_types(menu):
        for name in item.phrases(language):
            phrase = _phrase(name)
            found += [(start, -len(phrase), item) for start in _spans(said, phrase)]
    if not found:
        return None
    return min(found, key=lambda match: (match[0], match[1]))[2]


def first_visit(item: Item, menu: Catalog) -> Optional[Item]:
    """The category's first visit for new patients: the item whose name or an alias starts with "new patient"."""
    for candidate in visit_types(menu):
        if candidate.category != item.category:
            continue
        if any(_phrase(name)[:2] == FIRST_VISIT_PREFIX for name in (candidate.name, *candidate.aliases)):
            return candidate
    return None


def booked_visit(asked: Optional[Item], status: Optional[str], menu: Catalog) -> Optional[Item]:
    """What is actually booked: a new patient gets their category's first visit; everyone else what they asked."""
    if asked is None or status != NEW:
        return asked
    return first_visit(asked, menu) or asked


def patient_status_in(text: str, language: str = "en") -> Optional[str]:
    """New or returning, from "I'm a new patient", "ya he ido antes", "我是老病人"; the caller's language
    first, then English."""
    own = PATIENT_STATUS.get(language, ()) if language != "en" else ()
    folded = _unaccented(text).lower()
    checks = [(pattern, status, folded) for pattern, status in own]
    checks += [(pattern, status, text) for pattern, status in PATIENT_STATUS["en"]]
    return next((status for pattern, status, said in checks if pattern.search(said)), None)


def practitioners_for(playbook: Playbook, visit: Optional[Item]) -> List[Staff]:
    return [person for person in playbook.booking.staff if person.does(visit.id if visit else None)]


def _name_words(person: Staff) -> set:
    return {word for word in _phrase(person.name) if word not in {"dr", "doctor", "nurse", "practitioner"}}


def _in_english_roles(said: Tuple[str, ...], language: str, names: set) -> Tuple[str, ...]:
    """The caller's words with Spanish or Chinese role words put as English aliases say them ("la doctora" is
    "the doctor"); a role before a practitioner's name ("la doctora Kim") only says whose name follows."""
    for words, english in ROLE_WORDS.get(language, ()):
        phrase = _phrase(words)
        for start in reversed(_spans(said, phrase)):
            end = start + len(phrase)
            role = ("with",) if end < len(said) and said[end] in names else _phrase(english)
            said = said[:start] + role + said[end:]
    return said


def _cued(said: Tuple[str, ...], position: int, language: str) -> bool:
    before = PRACTITIONER_CUES.get(language, _PRACTITIONER_CUES)
    after = CUES_AFTER.get(language, set())
    return (position > 0 and said[position - 1] in before) or (position + 1 < len(said) and said[position + 1] in after)


def practitioner_named(text: str, playbook: Playbook, asked: bool = False, language: str = "en") -> Optional[Staff]:
    """The practitioner the caller names: a full name or alias anywhere ("la doctora" is "the doctor"), a bare
    first or last name after a cue word ("with Patel", "con Jordan", "找Reyes") or before one ("Patel医生"),
    or any of those when the caller was just asked who they want."""
    names = {word for person in playbook.booking.staff for word in _name_words(person)}
    said = _in_english_roles(_phrase(text), language, names)
    for person in playbook.booking.staff:
        if any(_spans(said, _phrase(name)) for name in (person.name, *person.aliases)):
            return person
    for person in playbook.booking.staff:
        words = _name_words(person)
        for position, word in enumerate(said):
            if word in words and (asked or _cued(said, position, language)):
                return person
    return None


def wants_anyone(text: str, language: str = "en") -> bool:
    """"Anyone", "no preference", "quien esté libre", "谁先有空就约谁": said when asked who they would like to see."""
    return _said(ANYONE_WORDS, text, language)


def explicitly_anyone(text: str, language: str = "en") -> bool:
    """"With anyone", "any doctor", "con quien sea", "哪个医生都行": clear enough to count even when nobody asked."""
    return _said(EXPLICIT_ANYONE_WORDS, text, language)


@dataclass(frozen=True)
class BookingFor:
    """Someone booking for a relative: "for my son", "my daughter Emma has a fever"."""

    relation: str
    patient_name: Optional[str] = None


def booking_for(text: str, language: str = "en") -> Optional[BookingFor]:
    """Who the booking is for when it is not the caller: "for my son", "para mi hija Camila", "给我儿子约";
    the relation is the caller's own word ("hijo", "儿子"), as the question about their name says it back."""
    if language in RELATION_PATTERNS:
        found = _relative_in(text, language)
        if found is not None:
            return found
    found = _RELATION.search(text)
    if not found:
        return None
    relation = (found.group(1) or found.group(2)).lower()
    named = _RELATION_NAME.search(text)
    name = named.group(1) if named else None
    if name and name.split()[0] in _NOT_A_NAME:
        name = None
    return BookingFor(relation, name)


def _relative_in(text: str, language: str) -> Optional[BookingFor]:
    plain = _unaccented(text)
    found = RELATION_PATTERNS[language].search(plain)
    if not found:
        return None
    said = next(group for group in found.groups() if group)
    relation = RELATIVES[language][said.lower()]
    for pattern in RELATION_NAMES[language]:
        named = pattern.search(plain)
        name = text[named.start(1):named.end(1)] if named else None
        if name and name.split()[0] not in NOT_A_NAME[language]:
            return BookingFor(relation, name)
    return BookingFor(relation)


def spoken_names(people: Sequence[Staff]) -> List[str]:
    return [person.name for person in people]
