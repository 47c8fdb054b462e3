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


@pytest.mark.parametrize("text", [
    "mi esposo tiene un dolor fuerte en el pecho", "mi mamá no puede respirar", "se desmayó y no despierta",
    "está sangrando mucho", "creo que le dio un derrame cerebral", "el niño se está ahogando",
    "我爸胸口疼得厉害", "我妈喘不过气来", "他晕倒了，叫不醒", "血流不止", "好像中风了",
])
def test_spanish_and_chinese_emergencies_are_caught(text):
    assert is_medical_emergency(text)


@pytest.mark.parametrize("text", [
    "quiero una cita para un chequeo", "se me tapó el fregadero y el agua no baja", "tuve un derrame hace dos años, es para el seguimiento",
    "我想约个体检", "马桶堵了", "去年中风了，现在来复查",
])
def test_spanish_and_chinese_routine_words_are_not(text):
    assert not is_medical_emergency(text)
