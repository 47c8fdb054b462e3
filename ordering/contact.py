"""Turns what a caller says into a clean name and an E.164 phone number."""

import re
from typing import Optional

import phonenumbers

NAME_LEAD_INS = {
    "en": re.compile(
        r"^(?:(?:yeah|yes|ok|okay|sure|um+|uh+)[,\s]+)*"
        r"(?:my name is|my name's|name is|name's|the name is|it's under|it is under|put it under|under the name|under|"
        r"this is|it's|it is|i'm|i am|call me|for)\s+",
        re.IGNORECASE,
    ),
    "es": re.compile(
        r"^(?:(?:s[ií]|claro|bueno|ok|okey|vale|este|eh+|mm+|pues)[,\s]+)*"
        r"(?:(?:me llamo|mi nombre es|el nombre es|se llama|le habla|habla|soy|es|"
        r"(?:p[oó]n(?:galo|gala|lo|la|ganlo)|d[eé]jelo|d[eé]jalo)?\s*(?:a|al) nombre de|"
        r"de parte de|para|de(?!\s+(?:la|las|los|el)\b))\s+)?",
        re.IGNORECASE,
    ),
    # Chinese writes no space after the lead-in: "我叫王芳", "名字写李丹".
    "zh": re.compile(
        r"^(?:(?:好的?|嗯|对|是的|可以)[，,、\s]*)*"
        r"(?:我的名字是|我的名字叫|名字是|名字叫|名字写|就写|写|留|我叫|我姓|叫我|我是|姓名是|全名是|姓|用|是)?\s*"
    ),
}
NAME_TRAILERS = {
    "en": re.compile(r"\s+(please|thanks|thank you)$", re.IGNORECASE),
    "es": re.compile(r"\s+(por favor|porfa|gracias|muchas gracias)$", re.IGNORECASE),
    "zh": re.compile(r"\s*(的名字|的名|谢谢|谢了|吧|就行|就好|就可以|即可|哈|啊|呀)$"),
}
NAME_CHARS = re.compile(r"[^\w\s'\-.·]", re.UNICODE)
MAX_NAME_WORDS = 4
# A Chinese name is two to four characters (a one-character surname alone passes too); a longer run of
# Han characters is a sentence, not a name.
LONG_HAN_RUN = re.compile(r"[\u3400-\u9fff]{5,}")


def _with_english(table: dict, language: str) -> tuple:
    """The language's patterns, then the English ones."""
    return tuple(dict.fromkeys((table.get(language, table["en"]), table["en"])))


def clean_name(text: str, language: str = "en") -> Optional[str]:
    """"it's dana" -> "Dana", "me llamo Ana" -> "Ana", "我叫王芳" -> "王芳"; None when what is left does not look
    like a name. English lead-ins are understood in every language, since callers mix them."""
    name = text.strip()
    for words in _with_english(NAME_LEAD_INS, language):
        name = words.sub("", name)
    name = NAME_CHARS.sub(" ", name)
    for trailer in _with_english(NAME_TRAILERS, language):
        name = trailer.sub("", name.strip())
    name = name.strip(" .")
    words = name.split()
    if not words or len(words) > MAX_NAME_WORDS or any(ch.isdigit() for ch in name) or LONG_HAN_RUN.search(name):
        return None
    if name.islower() or name.isupper():
        name = " ".join(word.capitalize() for word in words)
    return name


def normalise_phone(text: str, region: str = "US") -> Optional[str]:
    """Finds a valid phone number in the text and returns it as E.164, e.g. +14155550199."""
    for match in phonenumbers.PhoneNumberMatcher(text, region, leniency=phonenumbers.Leniency.POSSIBLE):
        if phonenumbers.is_possible_number(match.number):
            return phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164)
    digits = re.sub(r"\D", "", text)
    if 7 <= len(digits) <= 15:
        try:
            number = phonenumbers.parse(digits if not text.strip().startswith("+") else "+" + digits, region)
        except phonenumbers.NumberParseException:
            return None
        if phonenumbers.is_possible_number(number):
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return None


def region_of(business_numbers) -> str:
    """The dialling region for numbers given without a country code: the business's own number's region."""
    for number in business_numbers:
        try:
            region = phonenumbers.region_code_for_number(phonenumbers.parse(number, None))
        except phonenumbers.NumberParseException:
            continue
        if region:
            return region
    return "US"
