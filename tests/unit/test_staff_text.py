"""What staff read on a POS ticket is written the same way whichever POS the business runs."""

from datetime import datetime
from zoneinfo import ZoneInfo

from pos.staff_text import fact_lines, order_reference, short_name, when
from tests.doubles.tickets import ZONE, canonical


def test_the_reference_names_the_ticket_and_the_start_of_its_key():
    assert order_reference(canonical([], number=12)) == "T12-0f3c9a6e6b"


def test_a_time_and_windows_are_read_on_the_business_clock():
    ticket = canonical([])
    assert when(ticket, ZONE) == "Fri Dec 4, 6:30 PM"
    assert when(ticket, ZoneInfo("Europe/London")) == "Fri Dec 4, 11:30 PM"
    evening = canonical([], scheduled_until=datetime(2026, 12, 4, 19, 15, tzinfo=ZONE))
    assert when(evening, ZONE) == "Fri Dec 4, 6:30 PM to 7:15 PM"
    stay = canonical([], scheduled_until=datetime(2026, 12, 6, 11, 0, tzinfo=ZONE))
    assert when(stay, ZONE) == "Fri Dec 4, 6:30 PM to Sun Dec 6, 11:00 AM"
    assert when({**ticket, "scheduled_for": None}, ZONE) is None


def test_a_short_name_is_the_first_name_and_an_initial():
    assert [short_name(name) for name in ("Dana Whitfield", "Mary Ann Lee", "Cher", "", None)] == [
        "Dana W", "Mary L", "Cher", "Guest", "Guest"]


def test_facts_leave_out_empty_values_and_internal_ids():
    ticket = canonical([], address="12 Elm St", notes="Curly hair", deposit="9.00",
                       details={"stylist": "Maria", "stylist_id": "maria", "stylist_requested": "anyone",
                                "loyalty_reward_id": "r-1", "colour": ""})
    assert fact_lines(ticket) == ["Address: 12 Elm St", "Stylist: Maria", "Stylist requested: anyone",
                                  "Notes: Curly hair", "Deposit asked: 9.00"]
    assert fact_lines(canonical([])) == []
