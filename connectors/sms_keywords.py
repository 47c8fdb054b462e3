"""The carrier keywords a text line must honour: STOP (and its aliases), START, HELP, in English and Spanish.

A keyword counts only as the whole message (any case, surrounding punctuation ignored), as carriers and
Twilio treat it, so "stop the order" or "no onions please stop" stay ordinary sentences. "YES" re-subscribes
only a number that has opted out; for everyone else it is the answer to the question just asked.
"""

import re
from dataclasses import dataclass
from typing import Optional

OPT_OUT = {"stop", "stopall", "unsubscribe", "cancel", "end", "quit", "revoke", "optout", "opt out", "opt-out",
           "parar", "detener", "alto", "baja", "cancelar"}
OPT_IN = {"start", "unstop", "comenzar", "iniciar", "alta"}
OPT_IN_WHEN_OPTED_OUT = {"yes", "si", "sí"}
HELP = {"help", "info", "ayuda"}
SPANISH = {"parar", "detener", "alto", "baja", "cancelar", "comenzar", "iniciar", "alta", "si", "sí", "ayuda"}


@dataclass(frozen=True)
class Keyword:
    action: str
    language: str


def keyword(body: Optional[str], opted_out: bool) -> Optional[Keyword]:
    """The keyword the whole message is, or None for an ordinary message."""
    word = re.sub(r"[\s.!¡?¿]+", " ", (body or "").strip().lower()).strip()
    language = "es" if word in SPANISH else "en"
    if word in OPT_OUT:
        return Keyword("stop", language)
    if word in OPT_IN or (opted_out and word in OPT_IN_WHEN_OPTED_OUT):
        return Keyword("start", language)
    if word in HELP:
        return Keyword("help", language)
    return None


REPLIES = {
    ("stop", "en"): "{business}: you're unsubscribed and won't get any more texts from us. Reply START to resubscribe.",
    ("stop", "es"): "{business}: te has dado de baja y no recibirás más mensajes. Responde COMENZAR para volver a suscribirte.",
    ("start", "en"): "{business}: you're resubscribed. Text us any time to order or book. Reply STOP to unsubscribe.",
    ("start", "es"): "{business}: te has vuelto a suscribir. Escríbenos cuando quieras. Responde PARAR para darte de baja.",
    ("help", "en"): "{business}: text us to order or book. For a person call {phone}. Msg&data rates may apply. Reply STOP to unsubscribe.",
    ("help", "es"): "{business}: escríbenos para pedir o reservar. Para hablar con una persona llama al {phone}. Pueden aplicarse tarifas. Responde PARAR para darte de baja.",
}


def reply(found: Keyword, business: str, phone: str) -> str:
    return REPLIES[(found.action, found.language)].format(business=business, phone=phone)
