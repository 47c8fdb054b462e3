"""A pickup order by email, through the real stack: SMTP into Rasa's email listener, replies out through the
businesses' relay (a double), each one threaded under the email it answers, until the ticket is placed.

Mail that must never be answered (an out-of-office reply) and mail for an address no business has are tried on
the way, at no extra wait: the first is checked for silence after the order's replies have come back.
"""

import smtplib
import uuid
from email.message import EmailMessage
from typing import List, Optional

import pytest

from tests.e2e.records import number_said, pushed_ticket, tickets_by_number

PIZZERIA = "orders@tonys-pizzeria.example"


class Emailer:
    """A customer writing to the pizzeria from a mail app that quotes the thread and appends a signature."""

    def __init__(self, stack, address: str):
        self.port, self.relay, self.address = stack["email_port"], stack["smtp_relay"], address
        self.replies: List[EmailMessage] = []
        self.thread_root: Optional[str] = None

    def send(self, body: str, subject: str, answering: Optional[EmailMessage] = None, to: str = PIZZERIA,
             **headers) -> EmailMessage:
        message = EmailMessage()
        message["From"] = f"Dana <{self.address}>"
        message["To"] = to
        message["Subject"] = subject
        message["Message-ID"] = f"<{uuid.uuid4().hex}@mail.example.com>"
        text = f"{body}\n\nSent from my iPhone\n"
        if answering is not None:
            message["In-Reply-To"] = answering["Message-ID"]
            message["References"] = f"{answering['References']} {answering['Message-ID']}"
            quoted = "\n".join(f"> {line}" for line in answering.get_content().splitlines())
            text += f"\nOn Tue, Tony's Pizzeria <{PIZZERIA}> wrote:\n\n{quoted}\n"
        for name, value in headers.items():
            message[name] = value
        message.set_content(text)
        with smtplib.SMTP("127.0.0.1", self.port, local_hostname="mail.example.com", timeout=30) as client:
            client.send_message(message)
        self.thread_root = self.thread_root or message["Message-ID"]
        return message

    def answer(self, body: str, subject: str = "Pizza for tomorrow") -> str:
        """Sends `body` in the thread (answering the last reply) and returns the assistant's next reply's text."""
        sent = self.send(body, self.replies[-1]["Subject"] if self.replies else subject,
                         self.replies[-1] if self.replies else None)
        reply = self.relay.wait_for(self.address, len(self.replies) + 1, timeout=60)[-1]
        assert reply["In-Reply-To"] == sent["Message-ID"], reply
        references = reply["References"].split()
        assert references[0] == self.thread_root and references[-1] == sent["Message-ID"], references
        assert reply["From"].addresses[0].addr_spec == PIZZERIA and reply["Subject"] == "Re: Pizza for tomorrow"
        self.replies.append(reply)
        return reply.get_content()


def test_a_pickup_order_by_email_is_answered_in_its_thread_until_the_ticket_is_placed(stack):
    dana = Emailer(stack, f"dana.{uuid.uuid4().hex[:8]}@example.com")
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
