"""Which messages reach the model as they are, and which as unclear input."""

import pytest

from connectors.readable import MAX_TEXT_CHARS, UNREADABLE, readable


@pytest.mark.parametrize("text", ["", "   ", "🍕🍕🍕", "?!", "...", "👍", "x" * (MAX_TEXT_CHARS + 1), None])
def test_what_the_model_cannot_read_is_unclear_input(text):
    assert readable(text) == UNREADABLE


@pytest.mark.parametrize("text", ["yes", " 2 ", "ok 👍", "两个", "¿sí?", "a large 🍕 please"])
def test_anything_with_a_letter_or_digit_goes_in_as_said(text):
    assert readable(text) == text.strip()
