"""Pickup or delivery, from the NLU entity or the plain words a caller uses, in English, Spanish or Chinese.

Spanish is matched without accents ("envíenmelo" as "envienmelo"); Chinese has no spaces, so its words are
matched anywhere. English words are understood in every language, since callers mix them in.
"""

import re
from typing import Dict, Optional, Pattern, Sequence

from catalog.matching import normalize
from ordering.phrasing import spoken_list

PATTERNS: Dict[str, Dict[str, Pattern]] = {
    "en": {
        "delivery": re.compile(r"\b(deliver(y|ed|ing)?|bring it|drop it off|send it)\b", re.IGNORECASE),
        "pickup": re.compile(r"\b(pick\s?-?\s?up|picking (it )?up|pick it up|collect(ion)?|come (get|grab|by)|carry\s?out|take\s?-?\s?out|to go)\b", re.IGNORECASE),
    },
    "es": {
        "delivery": re.compile(
            r"\b(?:a domicilio|entrega|entregar|entreguen|envio|enviar|envien\w*|mand(?:en|a|ar|alo|enlo|enmelo)|"
            r"(?:me|nos) (?:lo|la|los|las) (?:pueden |podrian |puede |puedes )?(?:traen|traigan|traer|llevan|lleven|"
            r"llevar|mandan|manden|mandar|envian|envien|enviar)|"
            r"llev(?:en|e|a)(?:me|nos)(?:lo|la|los|las)|traig(?:an|a)(?:me|nos)(?:lo|la|los|las)|"
            r"tr(?:aigan|aiga|ae)(?:lo|la|los|las)|a mi casa|a la casa|delivery)\b"
        ),
        "pickup": re.compile(
            r"\b(?:recog\w*|recoj\w*|pas(?:o|ar|amos|are|aremos) (?:a|por)|(?:voy|vamos|va) por (?:el|ella|ellas|ellos|la|las|los|mi)|"
            r"(?:para|pa) llevar|paso yo|yo paso|lo busco|la busco|en (?:el )?(?:local|restaurante|tienda)|"
            r"pick\s?-?\s?up)\b"
        ),
    },
    "zh": {
        "delivery": re.compile(
            r"(?<!不用)(?<!不要)(?<!别)(?<!不需要)(?:外送|送餐|送过来|送到|送货|配送|外卖|送上门|送来|送去|送家|送一下|送吧|"
            r"(?:帮|给)我送)"
        ),
        "pickup": re.compile(r"自取|自提|来取|来拿|过来拿|过来取|去拿|去取|到店|打包|带走|外带|取餐|自己取|自己拿|自己来|不用送|不要送|别送|不需要送"),
    },
}

ASAP: Dict[str, Pattern] = {
    "en": re.compile(r"\b(asap|a\.s\.a\.p|as soon as (possible|you can)|right (now|away)|now|soonest|earliest)\b", re.IGNORECASE),
    "es": re.compile(
        r"\b(?:lo (?:antes|mas pronto|mas rapido)|cuanto antes|en cuanto (?:se )?pued\w*|ahora mismo|ahorita|ya mismo|"
        r"de inmediato|inmediatamente|al tiro)\b|^\W*(?:ya|ahora)\W*$"
    ),
    "zh": re.compile(r"尽快|尽早|越快越好|越早越好|马上|立刻|立即|现在就|最快|赶紧|^\W*现在\W*$"),
}

NAMES = {
    "en": {"pickup": "pickup", "delivery": "delivery"},
    "es": {"pickup": "pedidos para recoger", "delivery": "entrega a domicilio"},
    "zh": {"pickup": "自取", "delivery": "外送"},
}


def _said(patterns: Dict[str, Pattern], text: str, language: str) -> bool:
    """The English words on the text as said; the language's own on it folded (lower case, no accents)."""
    own = patterns.get(language) if language != "en" else None
    return bool(patterns["en"].search(text) or (own is not None and own.search(normalize(text))))


def detect(text: str, entity_value: Optional[str] = None, language: str = "en") -> Optional[str]:
    if entity_value in PATTERNS["en"]:
        return entity_value
    found = [kind for kind in PATTERNS["en"]
             if _said({code: table[kind] for code, table in PATTERNS.items()}, text or "", language)]
    return found[0] if len(found) == 1 else None


def wants_asap(text: str, language: str = "en") -> bool:
    return _said(ASAP, text or "", language)


def spoken_options(offered: Sequence[str], language: str = "en") -> str:
    """"pickup or delivery", "pedidos para recoger o entrega a domicilio", "自取或外送"."""
    names = NAMES.get(language, NAMES["en"])
    return spoken_list([names.get(kind, kind) for kind in offered], "or", language)
