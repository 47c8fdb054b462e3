"""Which language a short phrase is in, and how sure we can be.

Measured on short phrases (../shared/RASA-ON-PY311.md and benchmarks/language_detection.py): langdetect
guesses Korean for Chinese and Welsh for "hola"; lingua restricted to English and Spanish, with any Han
character deciding Chinese, is right far more often. The reading also says how much language the phrase
carries, because "ok", a name or a number should not move a conversation.
"""

from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

import regex
from lingua import Language, LanguageDetectorBuilder

HAN = regex.compile(r"\p{Han}")
LATIN_WORD = regex.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
CODES = {Language.ENGLISH: "en", Language.SPANISH: "es"}


@dataclass(frozen=True)
class Reading:
    """The likeliest language, lingua's confidence in it, and how many of its words the phrase has."""

    language: Optional[str]
    confidence: float
    words: int


@lru_cache(maxsize=1)
def _detector():
    return LanguageDetectorBuilder.from_languages(*CODES).with_preloaded_language_models().build()


def read(text: str) -> Reading:
    """Han characters mean Chinese (two of them count as a word); Latin words go to lingua."""
    han = len(HAN.findall(text))
    latin = LATIN_WORD.findall(text)
    if han and han >= len(latin):
        return Reading("zh", 1.0, max(1, han // 2))
    if not latin:
        return Reading(None, 0.0, 0)
    best = _detector().compute_language_confidence_values(" ".join(latin))[0]
    return Reading(CODES[best.language], best.value, len(latin))
