"""Dates of birth as callers say and type them, and the ones the clinic must refuse."""

from datetime import date

import pytest

from trades.clinic_dob import mentions_birth, read_date_of_birth, spoken_date

TODAY = date(2026, 11, 28)


@pytest.mark.parametrize("text, born", [
    ("March 3rd 1984", date(1984, 3, 3)),
    ("3/3/84", date(1984, 3, 3)),
    ("03-03-1984", date(1984, 3, 3)),
    ("1984-03-03", date(1984, 3, 3)),
    ("the third of March, 1984", date(1984, 3, 3)),
    ("born march third nineteen eighty four", date(1984, 3, 3)),
    ("march 3 84", date(1984, 3, 3)),
    ("my dob is 12/25/1990", date(1990, 12, 25)),
    ("25/03/1984", date(1984, 3, 25)),
    ("Sept. 14, 1972", date(1972, 9, 14)),
    ("12.7.1965", date(1965, 12, 7)),
    ("03031984", date(1984, 3, 3)),
    ("march twenty-first nineteen ninety", date(1990, 3, 21)),
    ("21st of september two thousand and five", date(2005, 9, 21)),
    ("june 9 oh five", date(2005, 6, 9)),
    ("july 4 twenty twelve", date(2012, 7, 4)),
    ("october thirty first two thousand", date(2000, 10, 31)),
    ("she was born may 6 2019", date(2019, 5, 6)),
    ("2/29/2000", date(2000, 2, 29)),
    ("today 11/28/2026", date(2026, 11, 28)),
])
def test_birth_dates_are_read(text, born):
    assert read_date_of_birth(text, TODAY).value == born


@pytest.mark.parametrize("text, year", [
    ("3/3/20", 2020),
    ("3/3/26", 2026),
    ("12/31/26", 1926),
    ("3/3/30", 1930),
    ("1/1/99", 1999),
])
def test_two_digit_years_never_land_in_the_future(text, year):
    assert read_date_of_birth(text, TODAY).value.year == year


@pytest.mark.parametrize("text, problem", [
    ("jan 5 2030", "future"),
    ("12/01/2026", "future"),
    ("may 1 1890", "too_old"),
    ("Feb 30 1990", "invalid"),
    ("2/29/2001", "invalid"),
    ("13/13/1990", "invalid"),
    ("it's march 3", "no_year"),
    ("the 3rd of june", "no_year"),
    ("6/3", "no_year"),
    ("I don't remember", "not_found"),
    ("", "not_found"),
])
def test_impossible_or_incomplete_dates_are_refused(text, problem):
    reading = read_date_of_birth(text, TODAY)
    assert reading.value is None and reading.problem == problem


def test_a_date_counts_unprompted_only_next_to_birth_words():
    assert mentions_birth("new patient, born 3/3/84")
    assert mentions_birth("DOB is 3/3/84")
    assert mentions_birth("my date of birth is March 3rd 1984")
    assert not mentions_birth("can I come in on 12/3")


def test_spoken_for_the_read_back():
    assert spoken_date(date(1984, 3, 3)) == "March 3, 1984"
