"""The emergency word check that runs beside the NLU model."""

import pytest

from safety import is_medical_emergency


@pytest.mark.parametrize("text", [
    "I've had chest pain since this morning",
    "my dad can't breathe properly",
    "she's having trouble breathing",
    "he collapsed in the kitchen",
    "I think I'm having a stroke",
    "the cut is bleeding a lot and won't stop",
    "my son swallowed pills",
    "I want to kill myself",
    "her throat is closing up after a bee sting",
])
def test_emergencies_are_caught(text):
    assert is_medical_emergency(text)


@pytest.mark.parametrize("text", [
    "I need my annual physical",
    "follow-up on my blood pressure please",
    "can I book a flu shot for Friday",
    "my back hurts when I sit too long",
    "",
])
def test_routine_visits_are_not(text):
    assert not is_medical_emergency(text)
