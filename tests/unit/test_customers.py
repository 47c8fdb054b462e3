"""Returning callers in the ticket store, on SQLite and PostgreSQL: their history, their usual order, their
next booking, how the business knows them, where each ticket stands, and what the caller is told."""

import asyncio
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from customers import (
    known_customer,
    latest_ticket,
    previous_tickets,
    set_ticket_status,
    ticket_status,
    ticket_statuses,
    upcoming_appointment,
    usual_order,
)
from customers.answers import status_answer
from pos.adapters.base import PushResult
from pos.outbox import Outbox
from pos.ticket import Customer, LineItem, Modifier, Ticket
from pos.ticket_store import store_ticket
from storage.tables import ticket_events

NEW_YORK = ZoneInfo("America/New_York")
NOW = datetime(2026, 11, 27, 17, 0, tzinfo=timezone.utc)  # Friday 12:00 PM in New York
DANA = "+14155550199"


def pepperoni(modifiers=("onions",)):
    return LineItem("pepperoni-pizza", "pepperoni pizza", 2, "17.75", "pepperoni-pizza-large", "large",
                    [Modifier(m, m, "0.75") for m in modifiers])


def coke():
    return LineItem("coke", "coke", 1, "2.00", "coke-can", "can")


def ticket(key, kind="pickup_order", phone=DANA, lines=None, at=None, business="tonys-pizzeria", email=None,
           address=None, details=None, until=None):
    return Ticket(
        business_id=business, kind=kind, customer=Customer("Dana", phone, email), lines=lines or [],
        scheduled_for=at, scheduled_until=until, channel="sms", language="en", conversation_id=key,
        address=address, details=details or {}, idempotency_key=key,
    )


def store(db, stored_ticket, created=NOW):
    return store_ticket(db, stored_ticket, created.astimezone(NEW_YORK).date(), now=created)


def test_usual_is_the_most_recent_order_of_this_caller_here(db):
    store(db, ticket("older", lines=[coke()], at=NOW), created=NOW - timedelta(days=9))
    store(db, ticket("last", lines=[pepperoni(), coke()], at=NOW), created=NOW - timedelta(days=2))
    store(db, ticket("appointment", kind="appointment", at=NOW + timedelta(days=1)), created=NOW - timedelta(days=1))
    store(db, ticket("someone else", phone="+14155550100", lines=[coke()], at=NOW), created=NOW - timedelta(hours=1))
    store(db, ticket("other business", business="lucky-noodle", lines=[coke()], at=NOW), created=NOW - timedelta(hours=1))

    usual = usual_order(db, "tonys-pizzeria", "(415) 555-0199")
    assert [(l["item_id"], l["quantity"], [m["id"] for m in l["modifiers"]]) for l in usual.lines] == [
        ("pepperoni-pizza", 2, ["onions"]), ("coke", 1, []),
    ]
    assert (usual.fulfillment, usual.address, usual.number) == ("pickup", None, 1)
    assert [t.ticket["conversation_id"] for t in previous_tickets(db, "tonys-pizzeria", DANA)] == ["appointment", "last", "older"]
    assert latest_ticket(db, "tonys-pizzeria", DANA, kinds=["appointment"]).kind == "appointment"


def test_usual_delivery_keeps_its_address(db):
    store(db, ticket("d", kind="delivery_order", lines=[coke()], at=NOW, address="15 Elm Road"))
    usual = usual_order(db, "tonys-pizzeria", DANA)
    assert (usual.fulfillment, usual.address) == ("delivery", "15 Elm Road")


def test_no_usual_for_a_stranger_or_without_a_number(db):
    store(db, ticket("a", lines=[coke()], at=NOW))
    assert usual_order(db, "tonys-pizzeria", "+14155550100") is None
    assert usual_order(db, "tonys-pizzeria", None) is None
    assert usual_order(db, "lucky-noodle", DANA) is None


def test_email_finds_the_same_caller_ignoring_case(db):
    store(db, ticket("e", phone=None, email="Dana@Example.com", lines=[coke()], at=NOW))
    assert usual_order(db, "tonys-pizzeria", None, "dana@example.com").lines[0]["item_id"] == "coke"


def test_upcoming_appointment_is_the_soonest_that_has_not_started(db):
    store(db, ticket("past", kind="appointment", at=(NOW - timedelta(days=1)).astimezone(NEW_YORK)))
    store(db, ticket("later", kind="service_call", at=(NOW + timedelta(days=6)).astimezone(NEW_YORK)))
    store(db, ticket("next", kind="reservation_hold", at=(NOW + timedelta(days=2)).astimezone(NEW_YORK)))
    store(db, ticket("an order", lines=[coke()], at=(NOW + timedelta(hours=2)).astimezone(NEW_YORK)))
    found = upcoming_appointment(db, "tonys-pizzeria", DANA, NOW)
    assert found.ticket["conversation_id"] == "next" and found.scheduled_for == NOW + timedelta(days=2)
    assert upcoming_appointment(db, "tonys-pizzeria", DANA, NOW + timedelta(days=7)) is None


def test_known_customer_by_phone_or_email(db):
    store(db, ticket("a", email="dana@example.com", lines=[coke()], at=NOW))
    assert known_customer(db, "tonys-pizzeria", "415-555-0199").name == "Dana"
    assert known_customer(db, "tonys-pizzeria", None, "DANA@example.com").phone == DANA
    assert known_customer(db, "tonys-pizzeria", "+14155550100") is None
    assert known_customer(db, "lucky-noodle", DANA) is None
    assert known_customer(db, "tonys-pizzeria") is None


def test_status_follows_the_pos_then_staff(db):
    stored = store(db, ticket("s", lines=[coke()], at=NOW))
    assert ticket_status(db, stored.id) == "received"

    class Pos:
        async def push(self, _ticket, retrying=False):
            return PushResult("pos-1")

    outbox = Outbox(db, lambda _business: Pos())
    asyncio.run(outbox.run_once())
    assert ticket_status(db, stored.id) == "in_progress"
    assert set_ticket_status(db, "tonys-pizzeria", stored.id, "ready")
    assert ticket_status(db, stored.id) == "ready"
    assert set_ticket_status(db, "tonys-pizzeria", stored.id, "done")
    assert set_ticket_status(db, "tonys-pizzeria", stored.id, "ready")
    assert ticket_status(db, stored.id) == "ready"
    assert ticket_status(db, stored.id + 100) is None


def test_staff_cannot_set_states_on_another_business_or_fake_system_states(db):
    stored = store(db, ticket("s", lines=[coke()], at=NOW))
    assert not set_ticket_status(db, "lucky-noodle", stored.id, "ready")
    assert not set_ticket_status(db, "tonys-pizzeria", stored.id + 1, "ready")
    with pytest.raises(ValueError):
        set_ticket_status(db, "tonys-pizzeria", stored.id, "pushed")
    assert ticket_status(db, stored.id) == "received"
    with db.engine.connect() as connection:
        assert len(connection.execute(ticket_events.select()).all()) == 1


def test_statuses_of_a_whole_board_in_one_call(db):
    first = store(db, ticket("1", lines=[coke()], at=NOW))
    second = store(db, ticket("2", lines=[coke()], at=NOW))
    set_ticket_status(db, "tonys-pizzeria", second.id, "done")
    assert ticket_statuses(db, [first.id, second.id, 999]) == {first.id: "received", second.id: "done"}
    assert ticket_statuses(db, []) == {}


# --- what the caller is told ---------------------------------------------------------------------


@pytest.fixture
def salon(bookable):
    return bookable(booking={"staff": [{"id": "maria", "name": "Maria"}, {"id": "jo", "name": "Jo"}]})


def test_answer_names_the_next_appointment_with_its_stylist(db, salon):
    friday = datetime(2026, 12, 4, 15, 0, tzinfo=NEW_YORK)
    store(db, ticket("a", kind="appointment", business=salon.id, at=friday, details={"salon_stylist": "maria"}))
    answer = status_answer(db, salon, DANA, None, NOW)
    assert answer.response == "utter_status_appointment_with_staff"
    assert answer.values == {"when": "Friday at 3:00 PM", "staff_name": "Maria", "ticket_number": "1"}


def test_answer_for_a_service_call_window(db, salon):
    start = datetime(2026, 11, 28, 8, 0, tzinfo=NEW_YORK)
    store(db, ticket("w", kind="service_call", business=salon.id, at=start, until=start + timedelta(hours=2)))
    answer = status_answer(db, salon, DANA, None, NOW)
    assert (answer.response, answer.values["when"], answer.values["until"]) == (
        "utter_status_service_call_window", "tomorrow at 8:00 AM", "10:00 AM")


def test_answer_for_an_order_follows_its_state(db, pizzeria):
    noon = datetime(2026, 11, 27, 12, 30, tzinfo=NEW_YORK)
    stored = store(db, ticket("o", lines=[coke()], at=noon), created=NOW - timedelta(minutes=5))
    answer = status_answer(db, pizzeria, DANA, None, NOW)
    assert (answer.response, answer.values) == ("utter_status_order_received", {"ticket_number": "1", "when": "today at 12:30 PM"})
    set_ticket_status(db, "tonys-pizzeria", stored.id, "ready")
    assert status_answer(db, pizzeria, DANA, None, NOW).response == "utter_status_order_ready"


def test_answer_for_a_work_order_and_a_delivery(db, pizzeria):
    store(db, ticket("w", kind="work_order", lines=[coke()]), created=NOW - timedelta(days=3))
    assert status_answer(db, pizzeria, DANA, None, NOW).response == "utter_status_work_order_received"
    store(db, ticket("d", kind="delivery_order", lines=[coke()], at=NOW, address="1 Main St"), created=NOW - timedelta(minutes=1))
    assert status_answer(db, pizzeria, DANA, None, NOW).response == "utter_status_delivery_received"


def test_old_orders_and_strangers_are_not_found(db, pizzeria):
    store(db, ticket("old", lines=[coke()], at=NOW - timedelta(days=3)), created=NOW - timedelta(days=3))
    assert status_answer(db, pizzeria, DANA, None, NOW).response == "utter_status_not_found"
    assert status_answer(db, pizzeria, "+14155550100", None, NOW).response == "utter_status_not_found"
