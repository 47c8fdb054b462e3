"""What reaches the model from any channel: a message it cannot read at all (empty, over a text's length,
or only emoji and punctuation) goes in as the unclear-input intent, so the caller hears a rephrase
prompt instead of whatever the classifier guesses for "🍕🍕🍕"."""

import re

MAX_TEXT_CHARS = 1600
UNREADABLE = "/nlu_fallback"
LETTER_OR_DIGIT = re.compile(r"[^\W_]")


def readable(text: str) -> str:
    text = (text or "").strip()
    if not text or len(text) > MAX_TEXT_CHARS or not LETTER_OR_DIGIT.search(text):
        return UNREADABLE
    return text
