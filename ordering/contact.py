"""Turns what a caller says into a clean name and an E.164 phone number."""

import re
from typing import Optional

import phonenumbers

NAME_LEAD_INS = re.compile(
    r"^(?:(?:yeah|yes|ok|okay|sure|um+|uh+)[,\s]+)*"
    r"(?:my name is|my name's|name is|name's|the name is|it's under|it is under|put it under|under the name|under|"
    r"this is|it's|it is|i'm|i am|call me|for)\s+",
    re.IGNORECASE,
)
NAME_CHARS = re.compile(r"[^\w\s'\-.]", re.UNICODE)
MAX_NAME_WORDS = 4


def clean_name(text: str) -> Optional[str]:
    """"it's dana" -> "Dana"; None when what is left does not look like a name."""
    name = NAME_LEAD_INS.sub("", text.strip())
    name = NAME_CHARS.sub(" ", name)
    name = re.sub(r"\s+(please|thanks|thank you)$", "", name.strip(), flags=re.IGNORECASE).strip(" .")
    words = name.split()
    if not words or len(words) > MAX_NAME_WORDS or any(ch.isdigit() for ch in name):
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
