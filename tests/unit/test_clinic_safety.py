"""The emergency word check the clinic form runs on every message, in the phrasings callers really use.

Decisions recorded here: bleeding gums when flossing is a routine dental visit, not an emergency; a
breathing-exercises class and a blood-pressure follow-up are routine; a stroke or a faint the caller puts in
the past ("last year", "rehab") is a follow-up, not an emergency.
"""

import pytest

from safety import is_medical_emergency

@pytest.mark.parametrize("text", [
    # chest and heart
    "I have chest pain",
    "my chest hurts and it goes down my left arm",
    "chest pains since this morning",
    "can I book a sick visit, I have chest pressure",
    "I think I'm having a heart attack",
    "I need an appointment, I've had chest pain since this morning",
    # breathing
    "I can't breathe",
    "my husband cannot breathe",
    "she's having trouble breathing",
    "difficulty breathing since lunch",
    "it's hard to breathe",
    "he's struggling to breathe",
    "I can't catch my breath",
    "I'm short of breath",
    "shortness of breath when I lie down",
    "my baby is not breathing",
    "he stopped breathing",
    # bleeding
    "the cut is bleeding heavily",
    "I'm bleeding a lot after the surgery",
    "the bleeding won't stop",
    "heavy bleeding at 30 weeks pregnant",
    "there's blood everywhere",
    "he's vomiting blood",
    # stroke signs
    "I think my mom is having a stroke",
    "his face is drooping",
    "her arm is numb all of a sudden",
    # fainting, unconscious, seizures
    "she fainted in the kitchen",
    "he passed out at work",
    "my dad collapsed",
    "she's unconscious",
    "he's unresponsive",
    "my son won't wake up",
    "my daughter is having a seizure",
    "he's convulsing",
    # mental health
    "I want to kill myself",
    "I've been having suicidal thoughts",
    "I want to end my life",
    "sometimes I want to die",
    "I'm scared I'll hurt myself",
    # allergic reactions, poisoning
    "anaphylaxis after a bee sting",
    "my throat is closing up",
    "her throat is swelling",
    "I can't swallow",
    "severe allergic reaction to shrimp",
    "my toddler swallowed pills",
    "I think he overdosed",
    "she swallowed bleach",
    # other
    "worst headache of my life",
    "severe head injury from a fall",
    "CHEST PAIN",
])
def test_emergencies_are_caught(text):
    assert is_medical_emergency(text)


@pytest.mark.parametrize("text", [
    "pain in my chest",
    "tightness in my chest",
    "my chest is tight and I'm sweating",
    "I'm having a hard time breathing",
    "breathing trouble since this morning",
    "her lips are turning blue",
    "my grandpa is choking",
    "it won't stop bleeding",
    "I can't stop the bleeding",
    "I've been coughing up blood",
    "his speech is slurred",
    "sudden numbness on one side",
    "he can't lift his arm",
    "I keep fainting",
    "I feel like I'm going to pass out",
    "I blacked out twice today",
    "I've been self harming",
    "I don't want to live anymore",
    "thinking about ending it all",
    "I want to take my own life",
    "my tongue is swelling",
    "my lips are swollen after the new medicine",
    "I had to use my epipen",
])
def test_emergencies_in_other_words(text):
    assert is_medical_emergency(text)


@pytest.mark.parametrize("text", [
    "I need my annual physical",
    "bleeding gums when I floss",
    "follow-up on my blood pressure",
    "do you run a breathing exercises class",
    "can I book a flu shot for Friday",
    "my back hurts when I sit too long",
    "sore throat and a cough for three days",
    "physio for my knee",
    "my chest x-ray results",
    "blood test results",
    "my nose bleeds sometimes in winter",
    "I have a headache and a runny nose",
    "cholesterol check",
    "I cut my finger last week, it stopped bleeding",
    "my hands get numb at night when I sleep",
    "I'd like to work on my swimming strokes",
    "a check-up for my son",
    "new patient visit please",
])
def test_routine_visits_do_not_fire(text):
    assert not is_medical_emergency(text)


@pytest.mark.parametrize("text", [
    "stroke rehab with the physio",
    "I had a stroke last year and need a follow-up",
    "I fainted last month and the doctor wants a follow-up",
])
def test_past_events_and_rehab_do_not_fire(text):
    assert not is_medical_emergency(text)
