"""Staff set "ready" and "done" from the board's cards; every board of the business hears it, other sites cannot."""

import asyncio
from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

import aiohttp
import pytest
import socketio
from sanic import Sanic

from board import render
from board.server import create_app
from customers import set_ticket_status, ticket_status
from pos.ticket import Customer, Ticket
from pos.ticket_store import store_ticket
from tests.unit.test_board import BUSINESSES, RASA_URL, serving, ticket

NEW_YORK = ZoneInfo("America/New_York")


@pytest.fixture(autouse=True)
def sanic_test_mode(monkeypatch):
    monkeypatch.setattr(Sanic, "test_mode", True)


class Recorder:
    """Stands in for the database: remembers each state set, and knows only ticket 7 of the pizzeria."""

    def __init__(self):
        self.calls = []

    async def __call__(self, business_id, ticket_id, state):
        self.calls.append((business_id, ticket_id, state))
        return (business_id, ticket_id) == ("tonys-pizzeria", 7)


async def _no_tickets(_business_id):
    return []


async def post(base, path, data, headers=None):
    async with aiohttp.ClientSession() as session:
        async with session.post(base + path, data=data, headers=headers or {}, allow_redirects=False) as reply:
            return reply.status, reply.headers.get("Location"), await reply.text()


def scenario(setter, *requests, listen=("tonys-pizzeria", "lucky-noodle")):
    """Posts each (path, data, headers) with a tablet joined to each business; returns replies and what each heard."""
    app, _ = create_app(BUSINESSES, _no_tickets, RASA_URL, setter)

    async def run():
        async with serving(app) as base:
            tablets = {}
            heard = {business: [] for business in listen}
            for business in listen:
                tablet = socketio.AsyncClient()
                tablet.on("status", heard[business].append)
                await tablet.connect(base, transports=["websocket"])
                await tablet.call("join", {"business_id": business})
                tablets[business] = tablet
            try:
                replies = [await post(base, *request) for request in requests]
                await asyncio.sleep(0.4)
                return replies, heard
            finally:
                for tablet in tablets.values():
                    await tablet.disconnect()

    return asyncio.run(run())


def test_card_has_ready_and_done_buttons_posting_to_its_ticket():
    card = render.card(ticket(id=7, status="ready"), NEW_YORK)
    assert '<form class="card__actions" method="post" action="/board/tonys-pizzeria/tickets/7/status">' in card
    assert 'name="state" value="ready"' in card and 'name="state" value="done"' in card
    assert 'data-ticket-id="7"' in card and "card--ready" in card and 'data-state="ready">READY<' in card
    assert "card__actions" not in render.card(ticket(), NEW_YORK)
    assert 'data-state="new"><' in render.card(ticket(id=8, status=None), NEW_YORK)


def test_form_post_sets_the_state_tells_the_business_boards_and_returns_to_the_board():
    recorder = Recorder()
    (reply,), heard = scenario(recorder, ("/board/tonys-pizzeria/tickets/7/status", {"state": "ready"}))
    assert reply[:2] == (303, "/board/tonys-pizzeria")
    assert recorder.calls == [("tonys-pizzeria", 7, "ready")]
    assert heard["tonys-pizzeria"] == [{"business_id": "tonys-pizzeria", "id": 7, "state": "ready", "label": "READY"}]
    assert heard["lucky-noodle"] == []


def test_script_gets_json():
    (reply,), _ = scenario(Recorder(), ("/board/tonys-pizzeria/tickets/7/status", {"state": "done"}, {"Accept": "application/json"}))
    assert reply[0] == 200 and '"state":"done"' in reply[2] and '"label":"DONE"' in reply[2]


@pytest.mark.parametrize("path, data, headers, status", [
    ("/board/tonys-pizzeria/tickets/7/status", {"state": "pushed"}, {}, 400),
    ("/board/tonys-pizzeria/tickets/7/status", {}, {}, 400),
    ("/board/no-such-place/tickets/7/status", {"state": "ready"}, {}, 404),
    ("/board/lucky-noodle/tickets/7/status", {"state": "ready"}, {}, 404),
    ("/board/tonys-pizzeria/tickets/8/status", {"state": "ready"}, {}, 404),
    ("/board/tonys-pizzeria/tickets/7/status", {"state": "ready"}, {"Origin": "https://evil.example"}, 403),
    ("/board/tonys-pizzeria/tickets/7/status", {"state": "ready"}, {"Sec-Fetch-Site": "cross-site"}, 403),
])
def test_refused_requests_set_nothing_and_tell_no_board(path, data, headers, status):
    (reply,), heard = scenario(Recorder(), (path, data, headers))
    assert reply[0] == status
    assert heard == {"tonys-pizzeria": [], "lucky-noodle": []}


def test_a_page_of_the_board_itself_may_post():
    app, _ = create_app(BUSINESSES, _no_tickets, RASA_URL, Recorder())

    async def run():
        async with serving(app) as base:
            origin = base.replace("http://", "")
            return await post(base, "/board/tonys-pizzeria/tickets/7/status", {"state": "ready"},
                              {"Origin": base, "Sec-Fetch-Site": "same-origin", "Host": origin})

    assert asyncio.run(run())[0] == 303


def test_without_a_status_store_the_endpoint_does_not_exist():
    (reply,), _ = scenario(None, ("/board/tonys-pizzeria/tickets/7/status", {"state": "ready"}))
    assert reply[0] == 404


def test_state_set_on_the_board_is_what_the_caller_hears(db):
    stored = store_ticket(db, Ticket(
        business_id="tonys-pizzeria", kind="pickup_order", customer=Customer("Dana", "+14155550199"), lines=[],
        scheduled_for=datetime(2026, 11, 27, 12, 0, tzinfo=NEW_YORK), channel="sms", language="en",
        conversation_id="c", idempotency_key="k"), date(2026, 11, 27), now=datetime(2026, 11, 27, 16, tzinfo=timezone.utc))

    async def setter(business_id, ticket_id, state):
        return await asyncio.to_thread(set_ticket_status, db, business_id, ticket_id, state)

    (reply,), _ = scenario(setter, (f"/board/tonys-pizzeria/tickets/{stored.id}/status", {"state": "ready"}))
    assert reply[0] == 303 and ticket_status(db, stored.id) == "ready"
