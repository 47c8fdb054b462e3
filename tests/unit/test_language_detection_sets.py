"""Floors on the held-out language sets (tests/language/); benchmarks/language_detection.py prints the figures."""

from benchmarks.language_detection import conversation_figures, conversations, phrase_accuracy, phrases
from languages.detection import read

PHRASE_FLOOR = 0.90
TURN_FLOOR = 0.92


def test_short_phrases_are_read_as_their_language():
    items = phrases()
    assert len(items) >= 150 and all(1 <= len(item["text"].split()) <= 6 for item in items)
    accuracy, per_language, misses = phrase_accuracy(lambda text: read(text).language, items)
    assert accuracy >= PHRASE_FLOOR, misses
    assert min(per_language.values()) >= PHRASE_FLOOR - 0.05, per_language


def test_conversations_switch_on_the_turn_they_should_and_rarely_otherwise():
    figures = conversation_figures(conversations())
    assert figures["turn accuracy"] >= TURN_FLOOR
    assert figures["missed switches"] == 0 and set(figures["switch delays"]) <= {0, 1}
