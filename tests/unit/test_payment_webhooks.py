"""Square's payment webhook, served for real: a signed `payment.updated` marks the deposit paid; anything
unsigned, mis-signed, oversized or malformed is refused and changes nothing."""

import asyncio
import json

import aiohttp
import pytest
from sanic import Sanic

from payments.deposits import deposit_states, request_deposit
from payments.webhooks import payment_webhooks
from pos.adapters import adapter_for
from pos.ticket_store import load_ticket, store_ticket
from tests.doubles.square import SIGNATURE_KEY, SquareDouble
from tests.doubles.vendors import VENDORS
from tests.unit.test_board import serving
from tests.unit.test_ticket_store import DAY, make_ticket


@pytest.fixture(autouse=True)
def sanic_test_mode(monkeypatch):
    monkeypatch.setattr(Sanic, "test_mode", True)


@pytest.fixture
def square(monkeypatch):
    double = SquareDouble().start()
    for name, value in {**VENDORS["square"].environment, "TEST_SQUARE_WEBHOOK_KEY": SIGNATURE_KEY}.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("WEBHOOK_BASE_URL", raising=False)
    yield double
    double.stop()


@pytest.fixture
def salon_on_square(bookable, square):
    section = VENDORS["square"].pos_section(square)
    section["credentials"]["webhook_signature_key"] = "TEST_SQUARE_WEBHOOK_KEY"
    return bookable(pos=section)


def owing_ticket(db, salon, square):
    stored = store_ticket(db, make_ticket(business=salon.id), DAY)
    ticket = {**load_ticket(db, stored.id), "deposit": "20.00"}
    asyncio.run(request_deposit(db, adapter_for(salon, db), ticket, salon.name, "+15005550106", None))
    return ticket


def post(app, path, body: bytes, signature=None):
    async def scenario():
        async with serving(app) as base:
            headers = {"Content-Type": "application/json"}
            if signature is not None:
                headers["x-square-hmacsha256-signature"] = signature(base + path)
            async with aiohttp.ClientSession() as session:
                async with session.post(base + path, data=body, headers=headers) as reply:
                    return reply.status, await reply.json()

    return asyncio.run(scenario())


def app_for(db, salon):
    app = Sanic(f"webhooks-{id(db)}")
    app.blueprint(payment_webhooks(lambda business_id: salon if business_id == salon.id else None, db))
    return app


def test_a_signed_payment_event_marks_the_deposit_paid_once(db, salon_on_square, square):
    ticket = owing_ticket(db, salon_on_square, square)
    [link_order] = square.link_orders
    body = json.dumps(square.payment_completed_event(link_order["id"])).encode()
    path = f"/webhooks/square/{salon_on_square.id}"
    for _ in range(2):
        status, reply = post(app_for(db, salon_on_square), path, body, lambda url: square.sign(url, body))
        assert (status, reply) == (200, {"ok": True})
    assert deposit_states(db, [ticket["id"]]) == {ticket["id"]: "paid"}


@pytest.mark.parametrize("signature", [None, lambda url: "bm90IGEgc2lnbmF0dXJl", lambda url: ""])
def test_a_missing_or_wrong_signature_is_refused_and_changes_nothing(db, salon_on_square, square, signature):
    ticket = owing_ticket(db, salon_on_square, square)
    body = json.dumps(square.payment_completed_event(square.link_orders[0]["id"])).encode()
    status, reply = post(app_for(db, salon_on_square), f"/webhooks/square/{salon_on_square.id}", body, signature)
    assert status == 403 and "x-square-hmacsha256-signature" in reply["error"]
    assert deposit_states(db, [ticket["id"]]) == {ticket["id"]: "pending"}


def test_a_signature_for_another_url_is_refused(db, salon_on_square, square):
    ticket = owing_ticket(db, salon_on_square, square)
    body = json.dumps(square.payment_completed_event(square.link_orders[0]["id"])).encode()
    status, _ = post(app_for(db, salon_on_square), f"/webhooks/square/{salon_on_square.id}", body,
                     lambda url: square.sign(url.replace(salon_on_square.id, "another-shop"), body))
    assert status == 403 and deposit_states(db, [ticket["id"]]) == {ticket["id"]: "pending"}


def test_unknown_business_malformed_and_oversized_bodies_get_a_reason(db, salon_on_square, square):
    app = app_for(db, salon_on_square)
    path = f"/webhooks/square/{salon_on_square.id}"
    assert post(app, "/webhooks/square/nobody", b"{}", lambda url: square.sign(url, b"{}"))[0] == 404
    assert post(app, path, b"not json", lambda url: square.sign(url, b"not json")) == (400, {"error": "the body is not JSON"})
    assert post(app, path, b"[1]", lambda url: square.sign(url, b"[1]"))[0] == 400
    huge = b"{" + b" " * 70000 + b"}"
    assert post(app, path, huge, lambda url: square.sign(url, huge))[0] == 413
