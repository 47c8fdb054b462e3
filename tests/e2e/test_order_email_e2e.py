"""A pickup order by email, through the real stack: SMTP into Rasa's email listener, replies out through the
businesses' relay (a double), each one threaded under the email it answers, until the ticket is placed.

Mail that must never be answered (an out-of-office reply) and mail for an address no business has are tried on
the way, at no extra wait: the first is checked for silence after the order's replies have come back.
"""

import smtplib
import uuid

import pytest

from tests.e2e.clients import Emailer
from tests.e2e.records import number_said, pushed_ticket, tickets_by_number


def test_a_pickup_order_by_email_is_answered_in_its_thread_until_the_ticket_is_placed(stack):
    dana = Emailer(stack, f"dana.{uuid.uuid4().hex[:8]}@example.com", subject="Pizza for tomorrow")
    away = Emailer(stack, f"away.{uuid.uuid4().hex[:8]}@example.com")
    away.send("I am out of the office until Monday.", "Automatic reply: Pizza", **{"Auto-Submitted": "auto-replied"})
    with pytest.raises(smtplib.SMTPRecipientsRefused):
        away.send("hi", "Hello", to="orders@nobody.example")

    asked = dana.answer("Hi,\n\nTwo large pepperoni pizzas, one with extra cheese, and a coke, pickup tomorrow at "
                        "6:30 pm, name's Dana\n\nThanks,\nDana")
    assert "phone" in asked.lower(), asked
    readback = dana.answer("415 555 0144\n\nThanks")
    assert all(word in readback for word in ("pepperoni", "coke", "6:30 PM", "Dana")), readback
    placed = dana.answer("Yes please\n\nThanks,\nDana")
    number = number_said([placed])
    assert placed.rstrip().endswith("Tony's Pizzeria"), placed

    ticket = tickets_by_number(stack, "tonys-pizzeria")[number]
    assert ticket["channel"] == "email" and ticket["kind"] == "pickup_order"
    assert ticket["customer"] == {"name": "Dana", "phone": "+14155550144", "email": dana.address}
    assert ticket["conversation_id"].startswith("email:tonys-pizzeria:")
    assert pushed_ticket(stack, "tonys-pizzeria", number).pos_id.startswith("house-tonys-pizzeria-")
    assert sorted((line["name"], [m["name"] for m in line["modifiers"]]) for line in ticket["lines"]) == [
        ("coke", []), ("pepperoni pizza", []), ("pepperoni pizza", ["extra cheese"])]
    assert stack["smtp_relay"].messages_to(away.address) == []
