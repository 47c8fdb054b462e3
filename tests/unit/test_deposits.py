"""A deposit gets one payment link and one text, however often the worker runs; the POS's word marks it paid."""

import asyncio
import dataclasses
from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest

from notify.opt_outs import opt_out
from notify.sms import SmsNotSent, TwilioRestSms
from handoff import open_handoffs
from payments.deposits import deposit_row, deposit_states, mark_paid, release_unpaid, request_deposit
from playbooks import PlaybookRegistry
from pos.adapters import ORDERS, PAYMENT_LINKS, PaymentLink, TransientPosError
from pos.outbox_admin import ticket_history
from pos.ticket_store import load_ticket, store_ticket
from scheduling.reservations import Hold
from tests.doubles.twilio import TwilioDouble
from tests.unit.conftest import PLAYBOOKS
from tests.unit.test_ticket_store import DAY, make_ticket


class LinkingPos:
    """Our side of the adapter contract only: hands out one link per ticket key, as Square's idempotency does."""

    capabilities = frozenset({ORDERS, PAYMENT_LINKS})

    def __init__(self, failures=0):
        self.links = {}
        self.failures = failures

    async def create_payment_link(self, ticket, amount):
        if self.failures:
            self.failures -= 1
            raise TransientPosError("503 from the POS")
        key = ticket["idempotency_key"]
        self.links.setdefault(key, PaymentLink(f"PL{len(self.links) + 1}", f"https://square.link/u/{key[:6]}", amount, f"ORD-{key}"))
        return self.links[key]


@pytest.fixture(scope="module")
def twilio():
    double = TwilioDouble().start()
    yield double
    double.stop()


def sms_for(twilio):
    return TwilioRestSms(twilio.account_sid, twilio.auth_token, twilio.base_url)


def owing(db, key="dep1", deposit="20.00"):
    stored = store_ticket(db, make_ticket(key), DAY)
    ticket = load_ticket(db, stored.id)
    ticket["deposit"] = deposit
    return ticket


def test_one_link_and_one_text_however_often_it_runs(db, twilio):
    ticket, pos, before = owing(db), LinkingPos(), len(twilio.messages)
    for _ in range(3):
        asyncio.run(request_deposit(db, pos, ticket, "Bella Hair & Spa", "+15005550106", sms_for(twilio)))
    sent = [m for m in twilio.messages[before:] if m["to"] == "+15551234567"]
    assert len(sent) == 1 and sent[0]["from"] == "+15005550106"
    assert sent[0]["body"].startswith("Bella Hair & Spa: your booking (ticket 1) is held with a $20.00 deposit.")
    assert deposit_row(db, ticket["id"])["state"] == "link_sent" and len(pos.links) == 1
    assert deposit_states(db, [ticket["id"]]) == {ticket["id"]: "pending"}


def test_paid_once_by_the_webhook_and_only_for_that_business(db, twilio):
    ticket = owing(db)
    asyncio.run(request_deposit(db, LinkingPos(), ticket, "Bella", "+15005550106", sms_for(twilio)))
    assert mark_paid(db, "someone-else", "ORD-dep1") is None
    assert mark_paid(db, "tonys-pizzeria", "ORD-dep1") == ticket["id"]
    assert mark_paid(db, "tonys-pizzeria", "ORD-dep1") == ticket["id"]
    assert deposit_states(db, [ticket["id"]]) == {ticket["id"]: "paid"}
    assert [d for _at, s, d in ticket_history(db, ticket["id"]) if s == "deposit"].count("deposit paid") == 1


def test_a_failed_link_or_text_is_recorded_for_staff_and_finished_later(db, twilio):
    ticket, pos = owing(db), LinkingPos(failures=1)
    asyncio.run(request_deposit(db, pos, ticket, "Bella", "+15005550106", sms_for(twilio)))
    assert deposit_row(db, ticket["id"]) is None
    asyncio.run(request_deposit(db, pos, ticket, "Bella", "+15005550106", None))
    assert deposit_row(db, ticket["id"])["state"] == "link_created"
    details = [d for _at, s, d in ticket_history(db, ticket["id"]) if s == "deposit"]
    assert details[0].startswith("payment link not created: 503")
    assert details[-1] == "payment link not texted (SMS is not configured (TWILIO_ACCOUNT_SID)); staff can send https://square.link/u/dep1"
    asyncio.run(request_deposit(db, pos, ticket, "Bella", "+15005550106", sms_for(twilio)))
    assert deposit_row(db, ticket["id"])["state"] == "link_sent"


def test_no_deposit_or_no_payment_links_means_nothing_happens(db, twilio):
    ticket = owing(db, deposit=None)
    asyncio.run(request_deposit(db, LinkingPos(), ticket, "Bella", "+15005550106", sms_for(twilio)))
    house_like = LinkingPos()
    house_like.capabilities = frozenset({ORDERS})
    asyncio.run(request_deposit(db, house_like, owing(db, "dep2"), "Bella", "+15005550106", sms_for(twilio)))
    assert house_like.links == {} and deposit_states(db, [ticket["id"]]) == {}


def test_twilio_refusing_the_text_says_why_without_the_full_number(twilio):
    bad = TwilioRestSms(twilio.account_sid, "wrong-token", twilio.base_url)
    with pytest.raises(SmsNotSent, match=r"text to \*+67 refused by Twilio \(401\): Authentication Error"):
        asyncio.run(bad.send("+15551234567", "+15005550106", "hi"))


def test_amount_is_kept_exactly(db, twilio):
    ticket = owing(db, deposit="12.35")
    asyncio.run(request_deposit(db, LinkingPos(), ticket, "Bella", "+15005550106", sms_for(twilio)))
    assert Decimal(deposit_row(db, ticket["id"])["amount"]) == Decimal("12.35")


def test_no_link_is_texted_to_a_number_that_texted_stop(db, twilio):
    ticket, before = owing(db), len(twilio.messages)
    opt_out(db, ticket["business_id"], "+15551234567")
    asyncio.run(request_deposit(db, LinkingPos(), ticket, "Bella", "+15005550106", sms_for(twilio)))
    assert twilio.messages[before:] == [] and deposit_row(db, ticket["id"])["state"] == "link_created"
    assert [d for _at, s, d in ticket_history(db, ticket["id"]) if s == "deposit"][-1].startswith(
        "payment link not texted (the customer texted STOP)")


def test_an_unpaid_booking_is_released_after_the_owners_hold_and_a_paid_one_is_kept(db, twilio):
    """Bella's rule holds the time 24 hours: past it the time is free again, the customer is texted in their
    language and staff see it; a deposit paid in time keeps its booking."""
    registry = PlaybookRegistry(PLAYBOOKS)
    hold = Hold("staff:maria", ("20261201T1500",), 1)
    unpaid = dataclasses.replace(make_ticket("hold1", "bella-salon"), language="es")
    stored = store_ticket(db, unpaid, DAY, holds=[hold])
    paid = load_ticket(db, store_ticket(db, make_ticket("hold2", "bella-salon", phone="+15551234568"), DAY).id)
    pos, sms, before = LinkingPos(), sms_for(twilio), len(twilio.messages)
    for ticket in (load_ticket(db, stored.id), paid):
        asyncio.run(request_deposit(db, pos, dict(ticket, deposit="20.00"), "Bella Hair & Spa", "+15005550106", sms, 24))
    assert "queda apartada por 24 horas" in twilio.messages[before]["body"]
    mark_paid(db, "bella-salon", pos.links["hold2"].order_id)
    later = datetime.now(timezone.utc)
    assert asyncio.run(release_unpaid(db, registry, sms, later + timedelta(hours=23))) == []
    assert asyncio.run(release_unpaid(db, registry, sms, later + timedelta(hours=25))) == [stored.id]
    assert asyncio.run(release_unpaid(db, registry, sms, later + timedelta(hours=26))) == []
    assert deposit_states(db, [stored.id, paid["id"]]) == {stored.id: "released", paid["id"]: "paid"}
    store_ticket(db, make_ticket("hold3", "bella-salon"), DAY, holds=[hold])
    texts = [m["body"] for m in twilio.messages[before:] if m["to"] == "+15551234567"]
    assert texts[-1].startswith("Bella Hair & Spa: su reserva (ticket 1) se liberó porque el depósito no se pagó en 24 horas")
    [staff] = [h for h in open_handoffs(db, "bella-salon") if h["reason"] == "deposit_unpaid"]
    assert "Cancel it in the POS" in staff["summary"] and "Dana" in staff["summary"]
    assert [(state, detail[:40]) for _, state, detail in ticket_history(db, stored.id) if detail][-2:] == [
        ("released", "deposit not paid within 24 hours; the ti"), ("deposit", "release texted to *********67")]
