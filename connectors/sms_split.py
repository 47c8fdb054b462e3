"""Cuts a long reply into several texts at the most natural place, so a menu arrives as readable messages.

A phone reassembles the segments of one text in order, but separate texts can arrive out of order and every
text costs at least one segment; so each text is kept to MAX_SEGMENTS segments (612 GSM-7 characters, or
268 when one character needs UCS-2, such as an em dash, an emoji or Chinese), well under Twilio's hard 1600.
Cuts go at paragraphs, then lines, sentences (。！？ too), semicolons, commas and spaces, never inside a word;
only what has none of these (a Chinese sentence too long for one text, a giant link) is cut between characters.
"""

import re
from typing import List

MAX_SEGMENTS = 4

# GSM 03.38: the basic set costs one septet per character; the extension set two (an escape and the character).
GSM7_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿"
    "abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENDED = frozenset("\f^{}\\[~]|€")

# From the most natural cut to the least; each match is where one piece ends (the separator stays with it).
BOUNDARIES = (
    re.compile(r"\n[ \t]*\n\s*"),  # paragraphs
    re.compile(r"\n\s*"),  # lines
    re.compile(r"(?<=[.!?…])\s+|(?<=[。！？])\s*"),  # sentences
    re.compile(r"(?<=;)\s+|(?<=；)\s*"),  # clauses
    re.compile(r"(?<=,)\s+|(?<=[，、])\s*"),  # commas
    re.compile(r"\s+"),  # words
)


def segments(text: str) -> int:
    """How many SMS segments carriers send (and bill) for the text."""
    if all(ch in GSM7_BASIC or ch in GSM7_EXTENDED for ch in text):
        units, single, concatenated = len(text) + sum(ch in GSM7_EXTENDED for ch in text), 160, 153
    else:
        units, single, concatenated = len(text.encode("utf-16-le")) // 2, 70, 67
    return 1 if units <= single else -(-units // concatenated)


def split_reply(text: str, max_segments: int = MAX_SEGMENTS) -> List[str]:
    """The texts to send, in order: the reply itself when it fits, else its pieces; none for blank text."""
    text = (text or "").strip()
    return _split(text, 0, max_segments) if text else []


def _fits(text: str, max_segments: int) -> bool:
    return segments(text) <= max_segments


def _split(text: str, level: int, max_segments: int) -> List[str]:
    if _fits(text, max_segments):
        return [text]
    if level == len(BOUNDARIES):
        return _between_characters(text, max_segments)
    pieces = _pieces(text, BOUNDARIES[level])
    if len(pieces) == 1:
        return _split(text, level + 1, max_segments)
    parts: List[str] = []
    current = ""
    for piece in pieces:
        if _fits((current + piece).strip(), max_segments):
            current += piece
            continue
        if current.strip():
            parts.append(current.strip())
        current = ""
        if _fits(piece.strip(), max_segments):
            current = piece
        else:
            parts += _split(piece.strip(), level + 1, max_segments)
    if current.strip():
        parts.append(current.strip())
    return parts


def _pieces(text: str, boundary: re.Pattern) -> List[str]:
    """The text cut after every match of the boundary; joined back together they are the text again."""
    pieces, start = [], 0
    for match in boundary.finditer(text):
        pieces.append(text[start:match.end()])
        start = match.end()
    pieces.append(text[start:])
    return [piece for piece in pieces if piece.strip()]


def _between_characters(text: str, max_segments: int) -> List[str]:
    """The longest prefixes that fit, for text with no boundary left (more segments never fit fewer characters)."""
    parts = []
    while text:
        low, high = 1, len(text)
        while low < high:
            middle = (low + high + 1) // 2
            if _fits(text[:middle], max_segments):
                low = middle
            else:
                high = middle - 1
        parts.append(text[:low].strip())
        text = text[low:].strip()
    return [part for part in parts if part]
