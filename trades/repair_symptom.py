"""The symptom in the caller's own words: the parts of a message that say what is wrong, copied verbatim.

"my iphone 12 screen is cracked, can I bring it in tomorrow around 10" -> "my iphone 12 screen is cracked".
A message is cut into clauses; a clause about a problem is kept exactly as written, one about booking,
prices, names or greetings is not. Kept clauses that were apart are joined with an ellipsis, so the
symptom never says anything the caller did not.

Spanish and Chinese are read with their own words; Chinese has no spaces, so its patterns never lean on word boundaries
("屏幕碎了，明天上午能送过来吗" keeps "屏幕碎了").
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
    "es": re.compile(
        r"\s*[.!?¡¿;,\n]+\s*|\s+(?:y|pero|entonces|tambi[ée]n|adem[áa]s|y tambi[ée]n|y luego|and|but|so)\s+"
        r"|\s+(?=(?:puedo|podr[íi]a|pueden|podemos|cu[áa]ndo|cu[áa]nto|qu[ée]|c[óo]mo|a qu[ée] hora)\b)",
        re.I,
    ),
    "zh": re.compile(r"\s*[。！？!?；;，,、\n]+\s*|还有|然后|另外|而且|(?=(?:能不能|可不可以|可以|能否|请问|什么时候))"),
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
    "es": re.compile(
        r"\b(rot[oa]s?|romp\w*|rompi[óo]|quebr\w*|estrell\w*|rajad[oa]s?|partid[oa]s?|da[ñn]ad[oa]s?|descompu\w*|"
        r"muert[oa]s?|no (?:prende|enciende|carga|funciona|sirve|jala|arranca|suena|se oye|se ve|da imagen|lava|seca|enfr[íi]a|"
        r"calienta|desagua|responde|reconoce)|se (?:apaga|calienta|traba|congela|reinicia|cay[óo]|me cay[óo]|moj[óo]|descarga)|"
        r"se le (?:cay[óo]|moj[óo])|apag\w*|calent\w*|sobrecalient\w*|trab\w*|congel\w*|lent[oa]s?|mojad[oa]s?|agua|derram\w*|"
        r"fuga|gote\w*|ruido\w*|rechin\w*|chill\w*|parpade\w*|pantalla negra|error|falla\w*|(?<!no hay )(?<!sin )problema\w*|hinchad[oa]s?|"
        r"infl\w*|pegad[oa]s?|atascad[oa]s?|floj[oa]s?|suelt[oa]s?|dobl\w*|huele|olor|humo|quemad[oa]s?|no dura|dura (?:muy )?poco|"
        r"se descarga|rayas|l[íi]neas|drift)\b",
        re.I,
    ),
    "zh": re.compile(
        r"坏|碎|裂|摔|断|开不了机|开不开机|不开机|打不开|充不(?:进|上|了)电|不能充电|不充电|没反应|没有?反应|黑屏|花屏|白屏|死机|卡|慢|"
        r"发热|发烫|烫|过热|进水|泡水|掉水里|湿了|漏|异响|噪音|响|不制冷|不冷|不热|不转|不排水|不脱水|打不着|启动不了|刹车|冒烟|"
        r"烧|闪|鼓包|重启|故障|(?<!没)问题|(?<!没)毛病|不能用|用不了|不工作|没声音|没有声音|没信号|没有信号|没画面|没有画面|失灵|不灵|松了|"
        r"掉了|漂移|耗电|掉电|不亮|划痕|不显示"
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
    "es": re.compile(
        r"\b(traer\w*|traigo|llevar\w*|llevo|dejar\w*|dejo|pasar\w*|paso|ir|voy|cita|reserv\w*|agend\w*|apart\w*|hoy|"
        r"ma[ñn]ana|pasado|lunes|martes|mi[ée]rcoles|jueves|viernes|s[áa]bado|domingo|tarde|noche|mediod[íi]a|"
        r"(?:a|como a|a eso de) las? \d{1,2}|\d{1,2}\s*(?:am|pm|a\.m\.|p\.m\.)|cu[áa]nto|cuesta|cobran|precio|presupuesto|"
        r"cotizaci[óo]n|me llamo|mi nombre|soy|n[úu]mero|tel[ée]fono)\b",
        re.I,
    ),
    "zh": re.compile(
        r"送过来|送来|送过去|拿过来|拿过去|过来|过去|预约|约|今天|明天|后天|周[一二三四五六日天末]|星期|礼拜|上午|下午|晚上|中午|"
        r"\d{1,2}\s*点|[一二两三四五六七八九十]+点|多少钱|价格|价钱|报价|估价|我叫|我姓|名字|电话|号码"
    ),
}

# Small talk at the start of a clause is not part of the symptom: "hey, so my phone..." -> "my phone...".
LEADING_TALK: Dict[str, Pattern] = {
    "en": re.compile(r"^(?:(?:hi|hey|hello|yo|so|um+|uh+|ok|okay|yeah|well|hi there|hey there)\b[\s,!.]*)+", re.I),
    "es": re.compile(
        r"^(?:(?:hola|buenas|buenos d[íi]as|buenas tardes|oiga|mire|pues|bueno|este|eh+|mm+|s[íi]|ok|okey|vale|entonces|"
        r"fíjese|fijese|qu[ée] tal)\b[\s,!.¡]*)+",
        re.I,
    ),
    "zh": re.compile(r"^(?:(?:你好|您好|喂|嗯+|呃+|那个|就是|是这样的|这样的|请问|哦|啊)[\s，,！!。]*)+"),
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
