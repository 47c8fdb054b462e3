"""How many guests a caller says: "for 2", "2 adults and 2 kids", "party of five", "me and my wife", "just me".

Duckling reads the numbers; the words around a number say whether it counts people, nights or rooms, so
"king room Friday to Sunday for 2" is two guests and "Friday for 2 nights" is none.
"""

import re
from typing import Any, Dict, Optional, Sequence

WORDS = {
    "en": {
        "people_after": re.compile(
            r"^\s*(adults?|grown[\s-]?ups|people|peeps|ppl|persons?|guests?|pax|of us|kids?|children|child|"
            r"teens?|teenagers?|toddlers?|bab(y|ies)|infants?|boys?|girls?|sons?|daughters?)\b"
        ),
        "for_before": re.compile(r"\b(for|party of|group of|sleeps?|total of)\s*$"),
        "not_people_after": re.compile(r"^\s*(nights?|nites?|nts?|weeks?|days?|rooms?|beds?|am|pm|a\.m|p\.m|o'?clock|:)"),
        "alone": re.compile(r"\b(just|only) (me|myself|one|1)\b|\bby myself\b|\bsolo\b|\bon my own\b|\bjust one person\b"),
        "couple": re.compile(r"\b(a couple|my (wife|husband|partner|girlfriend|boyfriend|fianc[eé]e?|spouse) and (i|me)|"
                             r"(me|i) and my (wife|husband|partner|girlfriend|boyfriend|fianc[eé]e?|spouse|friend|mom|dad|"
                             r"mother|father|sister|brother|son|daughter|kid|colleague|coworker))\b"),
        "companion_kids": re.compile(r"\band (our|my|the) (kid|son|daughter|baby|child)\b"),
    },
    "es": {
        "people_after": re.compile(
            r"^\s*(adultos?|mayores|personas?|gente|hu[eé]sped(es)?|ni[ñn][oa]s?|chic[oa]s?|menores|beb[eé]s?|"
            r"hij[oa]s?|adolescentes?|de nosotros)\b"
        ),
        "for_before": re.compile(r"\b(para|somos|seremos|grupo de|un total de|en total)\s*$"),
        "not_people_after": re.compile(r"^\s*(noches?|semanas?|d[ií]as?|habitaci[oó]n|habitaciones|cuartos?|camas?|horas?|"
                                       r"de la (mañana|tarde|noche)|a\.?\s?m|p\.?\s?m|:)"),
        "alone": re.compile(r"\b(s[oó]lo|solamente|nada m[aá]s) (yo|una persona|uno|una|1)\b|\byo sol[oa]\b|"
                            r"\bpara m[ií] sol[oa]\b|\buna sola persona\b"),
        "couple": re.compile(r"\b(una pareja|mi (esposa|esposo|mujer|marido|pareja|novia|novio|prometid[oa]) y yo|"
                             r"yo y mi (esposa|esposo|mujer|marido|pareja|novia|novio|prometid[oa]|amig[oa]|mam[aá]|"
                             r"madre|pap[aá]|padre|herman[oa]|hij[oa]|colega|compañer[oa]))\b"),
        "companion_kids": re.compile(r"\by (nuestr[oa]|mi|el|la) (hij[oa]|ni[ñn][oa]|beb[eé]|nen[ea])\b"),
    },
    # Chinese has no spaces: Duckling's number often takes the measure word ("两个"), and the words around it
    # are read right up against it.
    "zh": {
        # "两大一小" is two adults and a child.
        "people_after": re.compile(r"^\s*([位名口]|个?\s*(大人|成人|成年人|人|小孩|孩子|儿童|小朋友|婴儿|宝宝|客人|老人)|"
                                   r"大(?=\s*[0-9一二两三四五六七八九十])|小(?![\u4e00-\u9fff]))"),
        "for_before": re.compile(r"(一共|总共|共|一行|我们)\s*$"),
        "not_people_after": re.compile(r"^\s*个?\s*(晚|夜|星期|礼拜|周|天|间|房|床|点|号|月|小时)"),
        "alone": re.compile(r"(就|只有|只)我(?!们)|我一个人|一个人住"),
        "couple": re.compile(r"我(和|跟)我?的?(太太|老婆|妻子|丈夫|老公|先生|爱人|女朋友|男朋友|未婚妻|未婚夫|朋友|"
                             r"妈妈|爸爸|母亲|父亲|姐姐|妹妹|哥哥|弟弟|儿子|女儿|孩子|同事)|"
                             r"(太太|老婆|妻子|老公|丈夫|先生|爱人|女朋友|男朋友)(和|跟)我|两口子|夫妻俩|一对夫妻"),
        "companion_kids": re.compile(r"(还有|带着|加上)(我们的?|我的?)?(孩子|儿子|女儿|宝宝|小孩)"),
    },
}


def _inside(entity: Dict[str, Any], others: Sequence[Dict[str, Any]]) -> bool:
    return any(other.get("start", 0) <= entity.get("start", 0) < other.get("end", 0) for other in others)


def guests_said(
    entities: Sequence[Dict[str, Any]], text: str, asked: bool = False, language: str = "en"
) -> Optional[int]:
    """The number of guests the message gives, or None. `asked`: the assistant just asked how many, so a
    bare "3" or "three" is the answer."""
    words = WORDS.get(language, WORDS["en"])
    lowered = text.lower()
    dates = [entity for entity in entities if entity.get("dim") == "time"]
    numbers = [
        entity for entity in entities
        if entity.get("dim") == "number" and not _inside(entity, dates) and float(entity["value"]["value"]).is_integer()
    ]
    counted = [
        int(entity["value"]["value"]) for entity in numbers
        if words["people_after"].match(lowered[entity.get("end", 0):])
    ]
    base = 2 if words["couple"].search(lowered) else 0
    base += len(words["companion_kids"].findall(lowered)) if base else 0
    if counted or base:
        return base + sum(counted)
    for entity in numbers:
        after = lowered[entity.get("end", 0):]
        if words["for_before"].search(lowered[: entity.get("start", 0)]) and not words["not_people_after"].match(after):
            return int(entity["value"]["value"])
    if words["alone"].search(lowered):
        return 1
    if asked and len(numbers) == 1 and not words["not_people_after"].match(lowered[numbers[0].get("end", 0):]):
        return int(numbers[0]["value"]["value"])
    return None


ROOMS_AFTER = {
    "en": re.compile(r"^\s*(\w+\s+){0,3}?(rooms|suites)\b"),
    "es": re.compile(r"^\s*(habitaciones|cuartos|suites)\b"),
    "zh": re.compile(r"^\s*个?\s*(间|房间)"),
}


def rooms_said(entities: Sequence[Dict[str, Any]], text: str, language: str = "en") -> Optional[int]:
    """"two king rooms", "3 rooms": more than one room in one booking is something the form declines."""
    pattern = ROOMS_AFTER.get(language, ROOMS_AFTER["en"])
    lowered = text.lower()
    dates = [entity for entity in entities if entity.get("dim") == "time"]
    for entity in entities:
        if entity.get("dim") == "number" and not _inside(entity, dates) and pattern.match(lowered[entity.get("end", 0):]):
            return int(entity["value"]["value"])
    return None
