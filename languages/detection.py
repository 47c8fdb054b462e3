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

from languages.chinese import HAN, reads_as_sentence

LATIN_WORD = regex.compile(r"[^\W\d_\p{Han}]+(?:['’][^\W\d_\p{Han}]+)?")
CODES = {Language.ENGLISH: "en", Language.SPANISH: "es"}
# A sentence in Latin script: at least this many words, and lingua at least this sure of their language.
SENTENCE_WORDS = 3
SENTENCE_CONFIDENCE = 0.8


@dataclass(frozen=True)
class Reading:
    """The likeliest language, lingua's confidence in it, and whether the phrase is a sentence in it."""

    language: Optional[str]
    confidence: float
    sentence: bool


@lru_cache(maxsize=1)
def _detector():
    return LanguageDetectorBuilder.from_languages(*CODES).with_preloaded_language_models().build()


def read(text: str) -> Reading:
    """Han characters mean Chinese (as many as the Latin words or more); Latin words go to lingua."""
    han = len(HAN.findall(text))
    latin = LATIN_WORD.findall(text)
    if han and han >= len(latin):
        return Reading("zh", 1.0, reads_as_sentence(text))
    if not latin:
        return Reading(None, 0.0, False)
    best = _detector().compute_language_confidence_values(" ".join(latin))[0]
    sentence = len(latin) >= SENTENCE_WORDS and best.value >= SENTENCE_CONFIDENCE
    return Reading(CODES[best.language], best.value, sentence)
