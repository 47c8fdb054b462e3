"""Reading a home-services caller's words: problem, service, urgency, address and access notes."""

import pytest

from trades.home_services import (
    EMERGENCY, FLEXIBLE, NO_ACCESS_NOTES, access_notes_answer, address_answer, fee_items, find_address,
    is_gas_danger, match_service, problem_answer, read_message, urgency_in, without_address_and_phone,
)


@pytest.fixture
def rooter(registry):
    return registry.by_id("rapid-rooter")


def test_one_message_fills_problem_and_address_in_the_callers_words():
    said = read_message("my kitchen sink is backed up, can someone come tomorrow morning? 14 Elm St")
    assert said.problem == "my kitchen sink is backed up"
    assert said.address == "14 Elm St"
    assert said.access_notes is None


def test_access_notes_and_problem_are_told_apart():
    said = read_message("toilet keeps running, no rush. gate code is 4411, we have a dog")
    assert said.problem == "toilet keeps running"
    assert said.access_notes == "gate code is 4411, we have a dog"


@pytest.mark.parametrize("text, address", [
    ("1420 Broadway apt 3B", "1420 Broadway apt 3B"),
    ("we're at 5530 n sheridan rd #1104", "5530 n sheridan rd #1104"),
    ("302 West 45th Street, buzzer 12", "302 West 45th Street"),
    ("55 water street suite 210, chicago, IL 60601", "55 water street suite 210, chicago, IL 60601"),
    ("the address is 410 S Oak Park Ave, unit 2", "410 S Oak Park Ave, unit 2"),
])
def test_street_addresses_with_units(text, address):
    assert find_address(text) == address


def test_an_answer_to_the_address_question_needs_a_house_number():
    assert address_answer("it is 221 baker") == "221 baker"
    assert address_answer("same as last time") is None
    assert address_answer("312 555 0143") is None


def test_addresses_and_phone_numbers_are_not_read_as_times():
    assert without_address_and_phone("14 Elm St, tomorrow at 2, call 312 555 0143").split() == [",", "tomorrow", "at", "2,", "call"]


@pytest.mark.parametrize("text, urgency", [
    ("water is pouring through the ceiling right now", EMERGENCY),
    ("help the basement is flooding", EMERGENCY),
    ("no heat and it's freezing in here", EMERGENCY),
    ("I smell gas in the kitchen", EMERGENCY),
    ("sometime next week is fine", FLEXIBLE),
    ("it's not an emergency, the faucet drips", FLEXIBLE),
    ("the furnace is making a noise", None),
    ("no heat in the back bedroom", None),
])
def test_urgency_from_the_callers_words(text, urgency):
    assert urgency_in(text) == urgency


def test_gas_and_carbon_monoxide_are_a_safety_danger():
    assert is_gas_danger("it smells like gas by the stove")
    assert is_gas_danger("our CO alarm is going off")
    assert not is_gas_danger("the gas water heater is leaking")


@pytest.mark.parametrize("text, service", [
    ("my kitchen sink is backed up", "drain-cleaning"),
    ("my water heater is leaking", "water-heater-repair"),
    ("replace my water heater", "water-heater-install-quote"),
    ("toilet wont flush", "toilet-repair"),
    ("the AC isnt cooling at all", "ac-repair"),
    ("no heat since last night", "furnace-repair"),
    ("I'd like to book a furnace tune-up", "furnace-tune-up"),
    ("something smells weird", None),
])
def test_the_service_is_the_longest_name_said(rooter, text, service):
    found = match_service(text, rooter.catalog)
    assert (found.id if found else None) == service


def test_fees_are_never_matched_as_the_service(rooter):
    visit, surcharge = fee_items(rooter.catalog)
    assert (visit.id, surcharge.id) == ("diagnostic-visit", "emergency-callout")
    assert match_service("what's the emergency fee", rooter.catalog) is None


@pytest.mark.parametrize("text, notes", [
    ("none", NO_ACCESS_NOTES),
    ("nope, nothing special", NO_ACCESS_NOTES),
    ("nah all good, we'll be home", NO_ACCESS_NOTES),
    ("key under the mat", "key under the mat"),
    ("no gate code but park in the alley", "no gate code but park in the alley"),
])
def test_access_notes_accept_none(text, notes):
    assert access_notes_answer(text) == notes


def test_a_problem_answer_without_problem_words_is_kept_whole():
    assert problem_answer("uh the thing under the stairs") == "the thing under the stairs"
    assert problem_answer("the pipe under the sink drips, 14 Elm St") == "the pipe under the sink drips"
