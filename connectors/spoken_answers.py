"""Yes or no, as a caller says it in English, Spanish or Chinese, for the channel's own questions
("Did you say ...?", "Shall we call you back?") that are answered before the assistant sees anything."""

import re
from typing import Optional

YES = {
    "yes", "yeah", "yep", "yup", "sure", "correct", "right", "that's right", "that is right", "exactly",
    "uh huh", "please", "yes please", "ok", "okay", "absolutely", "that's it", "you got it",
    "sí", "si", "claro", "correcto", "eso es", "así es", "exacto", "vale", "sí por favor",
    "是", "是的", "对", "对的", "对啊", "好", "好的", "没错", "可以", "行", "要", "需要",
}
NO = {
    "no", "nope", "nah", "not really", "wrong", "that's wrong", "no thanks", "no thank you", "incorrect",
    "that's not right", "no es", "no gracias", "incorrecto", "para nada",
    "不", "不是", "不对", "错了", "不用", "不要", "没有", "不需要",
}
DIGITS = {"1": True, "2": False}
_PUNCTUATION = re.compile(r"[.,!?¡¿。，！？、]+")


def yes_or_no(speech: str, digits: str = "") -> Optional[bool]:
    """True for yes, False for no, None when the answer is neither (the caller said something else)."""
    if digits in DIGITS:
        return DIGITS[digits]
    said = " ".join(_PUNCTUATION.sub(" ", speech.lower()).split())
    if said in YES:
        return True
    if said in NO:
        return False
    return None
