"""The staff board and web chat pages, served for real on a free port and read with aiohttp and socket.io."""

import asyncio
import contextlib
import json
import socket
from datetime import datetime
from zoneinfo import ZoneInfo

import aiohttp
import pytest
import socketio
from sanic import Sanic

from board import render
from board.server import create_app, publish_ticket

RASA_URL = "http://rasa.example.test:5005"
BUSINESSES = [
    {"id": "tonys-pizzeria", "name": "Tony's Pizzeria", "trade": "restaurant", "timezone": "America/New_York"},
    {"id": "lucky-noodle", "name": "Lucky Noodle", "trade": "restaurant", "timezone": "America/Los_Angeles"},
]


def ticket(number=12, business_id="tonys-pizzeria", **changes):
    base = {
        "number": number, "business_id": business_id, "kind": "pickup_order", "status": "new",
        "customer": {"name": "Dana", "phone": "+15551234567"},
        "lines": [
            {"item_id": "pepperoni-pizza", "name": "pepperoni pizza", "variation_id": "pepperoni-pizza-large",
             "variation": "large", "quantity": 2, "unit_price": "17.00",
             "modifiers": [{"id": "extra-cheese", "name": "extra cheese", "price": "1.50"}], "note": "cut in squares"},
        ],
        # 23:30 UTC is 6:30 PM in New York: the board must show the business's local time.
        "scheduled_for": "2026-11-28T23:30:00+00:00", "address": None, "notes": "", "total": "35.50",
        "channel": "web", "created_at": "2026-11-28T17:55:02-05:00", "pos_id": None,
    }
    return {**base, **changes}


@pytest.fixture(autouse=True)
def sanic_test_mode(monkeypatch):
    """Each test builds its own app; Sanic otherwise refuses a second app with the same name."""
    monkeypatch.setattr(Sanic, "test_mode", True)


def build(tickets_by_business):
    async def load_tickets(business_id):
        return tickets_by_business.get(business_id, [])

    return create_app(BUSINESSES, load_tickets, RASA_URL)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.asynccontextmanager
async def serving(app):
    port = _free_port()
    server = await app.create_server(host="127.0.0.1", port=port, return_asyncio_server=True, access_log=False)
    await server.startup()
    await server.before_start()
    await server.after_start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        await server.before_stop()
        await server.close()
        await server.after_stop()


async def fetch(base, path):
    async with aiohttp.ClientSession() as session:
        async with session.get(base + path) as reply:
            return reply.status, reply.headers.get("Content-Type", ""), await reply.text()


def get(tickets_by_business, path):
    app, _ = build(tickets_by_business)

    async def scenario():
        async with serving(app) as base:
            return await fetch(base, path)

    return asyncio.run(scenario())


def test_index_lists_every_business_with_its_board_and_chat():
    status, _, page = get({}, "/")
    assert status == 200
    assert "Tony&#x27;s Pizzeria" in page and "Lucky Noodle" in page
    for business_id in ("tonys-pizzeria", "lucky-noodle"):
        assert f'href="/board/{business_id}"' in page and f'href="/chat/{business_id}"' in page


def test_board_shows_todays_tickets_in_local_time():
    delivery = ticket(13, kind="delivery_order", address="15 Elm Road", notes="ring twice", customer={"name": "Lee", "phone": None})
    status, content_type, page = get({"tonys-pizzeria": [delivery, ticket()]}, "/board/tonys-pizzeria")
    assert status == 200 and content_type.startswith("text/html")
    assert "#12" in page and "#13" in page and page.index("#13") < page.index("#12")
    assert "Dana" in page and "(555) 123-4567" in page
    assert "2 ×" in page and "pepperoni pizza — large" in page
    assert "+ extra cheese" in page and "cut in squares" in page
    assert "6:30 PM" in page and "23:30" not in page
    assert "PICKUP" in page and "DELIVERY" in page and "15 Elm Road" in page and "ring twice" in page
    assert "$35.50" in page and "Web chat" in page
    assert '<span id="count">2</span>' in page
    assert 'data-business-id="tonys-pizzeria"' in page and "/static/socket.io.min.js" in page


def test_board_without_tickets_says_so():
    _, _, page = get({}, "/board/lucky-noodle")
    assert "No tickets yet today" in page and '<p class="board__empty" id="empty" >' in page


@pytest.mark.parametrize("path", ["/board/no-such-place", "/chat/no-such-place"])
def test_unknown_business_pages_are_404_with_a_reason(path):
    status, _, page = get({}, path)
    assert status == 404
    assert "no business with id &#x27;no-such-place&#x27;" in page


def test_customer_text_cannot_inject_html():
    evil = ticket(customer={"name": "<script>alert(1)</script>", "phone": "+15551234567"},
                  notes='<img src=x onerror="alert(2)">',
                  lines=[{**ticket()["lines"][0], "note": "</li><b>bold</b>"}])
    _, _, page = get({"tonys-pizzeria": [evil]}, "/board/tonys-pizzeria")
    assert "<script>alert" not in page and "<img" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=&quot;alert(2)&quot;&gt;" in page
    assert "&lt;/li&gt;&lt;b&gt;bold&lt;/b&gt;" in page


def test_pages_forbid_inline_scripts():
    app, _ = build({})

    async def scenario():
        async with serving(app) as base, aiohttp.ClientSession() as session:
            async with session.get(base + "/chat/tonys-pizzeria") as reply:
                return reply.headers["Content-Security-Policy"]

    policy = asyncio.run(scenario())
    assert "script-src 'self'" in policy and "ws://rasa.example.test:5005" in policy


def test_tickets_api_returns_json_and_404s_unknown_ids():
    stored = [ticket(12), ticket(11, customer={"name": "Sam", "phone": "+15550001111"})]
    status, content_type, body = get({"tonys-pizzeria": stored}, "/api/board/tonys-pizzeria/tickets")
    assert status == 200 and content_type.startswith("application/json")
    assert json.loads(body) == stored

    status, content_type, body = get({}, "/api/board/no-such-place/tickets")
    assert status == 404 and content_type.startswith("application/json")
    assert "no-such-place" in json.loads(body)["reason"]


def test_chat_page_talks_to_rasa_for_its_business():
    status, _, page = get({}, "/chat/tonys-pizzeria")
    assert status == 200
    assert 'data-business-id="tonys-pizzeria"' in page and f'data-rasa-url="{RASA_URL}"' in page
    assert "/static/socket.io.min.js" in page and "/assets/chat.js" in page


def test_assets_are_served():
    app, _ = build({})

    async def scenario():
        async with serving(app) as base:
            return [(await fetch(base, path))[0] for path in ("/assets/style.css", "/assets/board.js", "/assets/chat.js")]

    assert asyncio.run(scenario()) == [200, 200, 200]


def test_socketio_client_is_served_or_503_tells_to_run_make_install(monkeypatch, tmp_path):
    client = tmp_path / "socket.io.min.js"
    client.write_text("/* socket.io */")
    monkeypatch.setenv("SOCKETIO_CLIENT_JS", str(client))
    status, content_type, body = get({}, "/static/socket.io.min.js")
    assert status == 200 and "javascript" in content_type and body == "/* socket.io */"

    monkeypatch.setenv("SOCKETIO_CLIENT_JS", str(tmp_path / "missing.js"))
    status, _, body = get({}, "/static/socket.io.min.js")
    assert status == 503 and "make install" in body


class Tablet:
    """A board's socket.io connection (websocket only, like the page), remembering what it was sent."""

    def __init__(self):
        self.client = socketio.AsyncClient()
        self.tickets = asyncio.Queue()
        self.errors = asyncio.Queue()
        self.client.on("ticket", self.tickets.put)
        self.client.on("error", self.errors.put)

    async def join(self, base, business_id):
        await self.client.connect(base, transports=["websocket"])
        return await self.client.call("join", {"business_id": business_id})


def test_published_ticket_reaches_only_boards_of_its_business():
    app, sio = build({})

    async def scenario():
        async with serving(app) as base:
            pizzeria, noodles = Tablet(), Tablet()
            try:
                assert (await pizzeria.join(base, "tonys-pizzeria"))["ok"]
                assert (await noodles.join(base, "lucky-noodle"))["ok"]
                await publish_ticket(sio, ticket(12, pos_id="house-tonys-pizzeria-12"))
                pushed = await asyncio.wait_for(pizzeria.tickets.get(), 5)
                await asyncio.sleep(0.5)
                return pushed, noodles.tickets.empty()
            finally:
                await pizzeria.client.disconnect()
                await noodles.client.disconnect()

    pushed, noodles_heard_nothing = asyncio.run(scenario())
    assert pushed["number"] == 12 and pushed["customer"]["name"] == "Dana"
    assert pushed["pos_id"] == "house-tonys-pizzeria-12"
    assert pushed["card_html"] == render.card(ticket(12, pos_id="house-tonys-pizzeria-12"), ZoneInfo("America/New_York"))
    assert noodles_heard_nothing


def test_joining_an_unknown_business_is_refused():
    app, sio = build({})

    async def scenario():
        async with serving(app) as base:
            tablet = Tablet()
            try:
                answer = await tablet.join(base, "no-such-place")
                error = await asyncio.wait_for(tablet.errors.get(), 5)
                await publish_ticket(sio, ticket(business_id="no-such-place"))
                await asyncio.sleep(0.3)
                return answer, error, tablet.tickets.empty()
            finally:
                await tablet.client.disconnect()

    answer, error, heard_nothing = asyncio.run(scenario())
    assert answer["ok"] is False and "no-such-place" in error["reason"]
    assert heard_nothing


def test_card_says_when_an_order_is_not_for_today():
    zone = ZoneInfo("America/New_York")
    now = datetime(2026, 11, 27, 12, 0, tzinfo=zone)
    assert 'card__day">tomorrow<' in render.card(ticket(), zone, now)
    assert 'card__day"><' in render.card(ticket(), zone, now.replace(day=28))
    assert 'card__time">ASAP<' in render.card(ticket(scheduled_for=None), zone, now)
