""""Needs a person" on the board: open handoffs above the tickets, their JSON, and the Done button that closes them."""

import asyncio
import json
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import aiohttp
import pytest
from sanic import Sanic

from board import render
from board.server import create_app
from handoff import close_handoff, open_handoffs, request_handoff
from handoff.requests import REASONS
from tests.unit.test_board import BUSINESSES, RASA_URL, fetch, serving, ticket

NEW_YORK = ZoneInfo("America/New_York")
# 22:55 UTC is 5:55 PM in New York; SQLite hands times back naive, so one row here is naive too.
RAISED = datetime(2026, 11, 28, 22, 55, tzinfo=timezone.utc)
WEB_CHAT_ID = "0123456789abcdef0123456789abcdef"


def handoff(handoff_id=5, reason="missed_call", conversation_id="voice:tonys-pizzeria:CA123", **changes):
    base = {
        "id": handoff_id, "business_id": "tonys-pizzeria", "conversation_id": conversation_id, "reason": reason,
        "urgent": False, "summary": "", "state": "open", "created_at": RAISED,
    }
    return {**base, **changes}


WAITING = [
    handoff(5, "missed_call", urgent=True, summary="large pepperoni pizza · call back +14155550199"),
    handoff(6, "callback", "sms:tonys-pizzeria:+14155550123", created_at=RAISED.replace(tzinfo=None) + timedelta(minutes=10)),
]


@pytest.fixture(autouse=True)
def sanic_test_mode(monkeypatch):
    monkeypatch.setattr(Sanic, "test_mode", True)


class Closer:
    """Stands in for the database: remembers each close, and has only handoff 5 of the pizzeria open."""

    def __init__(self):
        self.calls = []

    async def __call__(self, business_id, handoff_id):
        self.calls.append((business_id, handoff_id))
        return (business_id, handoff_id) == ("tonys-pizzeria", 5)


def build(handoffs_by_business, closer=None, tickets_by_business=None):
    async def load_tickets(business_id):
        return (tickets_by_business or {}).get(business_id, [])

    async def load_handoffs(business_id):
        return handoffs_by_business.get(business_id, [])

    return create_app(BUSINESSES, load_tickets, RASA_URL, None, load_handoffs, closer)[0]


async def post(base, path, headers=None):
    async with aiohttp.ClientSession() as session:
        async with session.post(base + path, headers=headers or {}, allow_redirects=False) as reply:
            return reply.status, reply.headers.get("Location"), await reply.text()


def run(app, *requests):
    """Each request is ("GET", path) or ("POST", path, headers); returns (status, location or type, body) each."""

    async def scenario():
        async with serving(app) as base:
            replies = []
            for method, path, *headers in requests:
                if method == "GET":
                    replies.append(await fetch(base, path))
                else:
                    replies.append(await post(base, path, *headers))
            return replies

    return asyncio.run(scenario())


def test_board_lists_open_handoffs_above_the_tickets_in_plain_words_and_local_time():
    app = build({"tonys-pizzeria": WAITING}, tickets_by_business={"tonys-pizzeria": [ticket()]})
    ((status, _, page),) = run(app, ("GET", "/board/tonys-pizzeria"))
    assert status == 200
    assert "Needs a person" in page and '<span class="handoffs__count" id="handoff-count">2</span>' in page
    assert '<section class="handoffs" id="handoffs" aria-labelledby="handoffs-title" >' in page
    assert page.index('id="handoffs"') < page.index('id="tickets"')
    assert page.index("Hung up mid-order") < page.index("Wants a call back")
    assert 'handoff__channel">Phone call<' in page and 'handoff__channel">Text<' in page
    assert "at 5:55 PM" in page and "at 6:05 PM" in page and "22:55" not in page
    assert "large pepperoni pizza · call back +14155550199" in page
    assert 'class="handoff handoff--urgent"' in page and "URGENT" in page
    assert '<form class="handoff__done" method="post" action="/board/tonys-pizzeria/handoffs/5/done">' in page
    assert 'data-handoffs-url="/api/board/tonys-pizzeria/handoffs"' in page


def test_a_text_conversation_staff_took_over_shows_what_the_customer_wrote_since_and_hands_back():
    taken = handoff(7, "asked", "sms:tonys-pizzeria:+14155550123", summary="2 large pepperoni pizzas",
                    with_staff=True, held=["hello?", "<b>still</b> waiting"])
    app = build({"tonys-pizzeria": [taken, handoff(8, "asked", "voice:tonys-pizzeria:CA9")]})
    (_, _, page), (_, _, body) = run(app, ("GET", "/board/tonys-pizzeria"), ("GET", "/api/board/tonys-pizzeria/handoffs"))
    assert "Since then they wrote:" in page and '<li class="handoff__held-text">hello?</li>' in page
    assert "&lt;b&gt;still&lt;/b&gt; waiting" in page and "<b>still" not in page
    assert page.count(">Hand back to the assistant</button>") == 1 and page.count(">Done</button>") == 1
    texted, called = json.loads(body)
    assert (texted["with_staff"], texted["held"]) == (True, ["hello?", "<b>still</b> waiting"])
    assert (called["with_staff"], called["held"]) == (False, [])


def test_board_without_handoffs_hides_the_section():
    ((_, _, page),) = run(build({}), ("GET", "/board/lucky-noodle"))
    assert '<section class="handoffs" id="handoffs" aria-labelledby="handoffs-title" hidden>' in page
    assert '<ol class="handoffs__list" id="handoff-list" aria-live="polite"></ol>' in page


def test_a_callers_summary_cannot_inject_html():
    evil = handoff(summary='<script>alert(1)</script><img src=x onerror="alert(2)">')
    ((_, _, page),) = run(build({"tonys-pizzeria": [evil]}), ("GET", "/board/tonys-pizzeria"))
    assert "<script>alert" not in page and "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=&quot;alert(2)&quot;&gt;" in page


@pytest.mark.parametrize("reason, label", [
    ("missed_call", "Hung up mid-order"),
    ("callback", "Wants a call back"),
    ("asked", "Asked for a person"),
    ("unclear", "Assistant could not understand"),
    ("medical_emergency", "Medical emergency"),
    ("playbook_rule", "Owner&#x27;s rule"),
    ("pos_rejected", "POS refused the ticket"),
])
def test_each_reason_reads_plainly(reason, label):
    assert f'<span class="handoff__reason">{label}</span>' in render.handoff_item(handoff(reason=reason), NEW_YORK, RAISED)


def test_every_reason_a_handoff_can_have_has_a_label():
    assert set(REASONS) <= set(render.REASON_LABELS)
    assert render.reason_label("new_reason") == "New reason"


@pytest.mark.parametrize("conversation_id, channel", [
    ("voice:tonys-pizzeria:CA0123", "Phone call"),
    ("sms:tonys-pizzeria:+14155550123", "Text"),
    ("email:tonys-pizzeria:thread-9", "Email"),
    (WEB_CHAT_ID, "Web chat"),
    ("something-else", ""),
])
def test_channel_comes_from_the_conversation_id(conversation_id, channel):
    assert render.conversation_channel(conversation_id) == channel


def test_a_handoff_from_another_day_says_which():
    now = datetime(2026, 11, 30, 9, 0, tzinfo=NEW_YORK)
    assert '<span class="handoff__day">Sat Nov 28</span>' in render.handoff_item(handoff(), NEW_YORK, now)
    assert '<span class="handoff__day"></span>' in render.handoff_item(handoff(), NEW_YORK, RAISED)
    assert "handoff__summary" not in render.handoff_item(handoff(summary=""), NEW_YORK, RAISED)


def test_handoffs_api_gives_labels_local_times_and_rendered_items():
    app = build({"tonys-pizzeria": WAITING})
    (status, content_type, body), (missing, _, error), (_, _, none) = run(
        app, ("GET", "/api/board/tonys-pizzeria/handoffs"), ("GET", "/api/board/no-such-place/handoffs"),
        ("GET", "/api/board/lucky-noodle/handoffs"),
    )
    assert status == 200 and content_type.startswith("application/json")
    first, second = json.loads(body)
    assert {key: value for key, value in first.items() if key != "item_html"} == {
        "id": 5, "business_id": "tonys-pizzeria", "conversation_id": "voice:tonys-pizzeria:CA123",
        "reason": "missed_call", "reason_label": "Hung up mid-order", "channel": "Phone call", "urgent": True,
        "summary": "large pepperoni pizza · call back +14155550199", "created_at": "2026-11-28T17:55:00-05:00",
        "with_staff": False, "held": [],
    }
    assert first["item_html"] == render.handoff_item(WAITING[0], NEW_YORK, datetime.now(NEW_YORK))
    assert second["reason_label"] == "Wants a call back" and second["created_at"] == "2026-11-28T18:05:00-05:00"
    assert missing == 404 and "no-such-place" in json.loads(error)["reason"]
    assert json.loads(none) == []


def test_done_closes_and_returns_to_the_board_or_answers_a_script():
    closer = Closer()
    (form, script) = run(
        build({}, closer), ("POST", "/board/tonys-pizzeria/handoffs/5/done"),
        ("POST", "/board/tonys-pizzeria/handoffs/5/done", {"Accept": "application/json"}),
    )
    assert form[:2] == (303, "/board/tonys-pizzeria")
    assert script[0] == 200
    assert json.loads(script[2]) == {"ok": True, "business_id": "tonys-pizzeria", "id": 5, "state": "closed"}
    assert closer.calls == [("tonys-pizzeria", 5), ("tonys-pizzeria", 5)]


@pytest.mark.parametrize("path, headers, status, asked", [
    ("/board/tonys-pizzeria/handoffs/6/done", {}, 404, True),
    ("/board/lucky-noodle/handoffs/5/done", {}, 404, True),
    ("/board/no-such-place/handoffs/5/done", {}, 404, False),
    ("/board/tonys-pizzeria/handoffs/5/done", {"Origin": "https://evil.example"}, 403, False),
    ("/board/tonys-pizzeria/handoffs/5/done", {"Sec-Fetch-Site": "cross-site"}, 403, False),
])
def test_refused_done_requests(path, headers, status, asked):
    closer = Closer()
    ((reply_status, _, _),) = run(build({}, closer), ("POST", path, headers))
    assert reply_status == status
    assert bool(closer.calls) == asked


def test_without_a_handoff_store_done_does_not_exist():
    ((status, _, _),) = run(build({}), ("POST", "/board/tonys-pizzeria/handoffs/5/done"))
    assert status == 404


def test_close_handoff_closes_only_an_open_request_of_that_business(db):
    mine = request_handoff(db, "tonys-pizzeria", "voice:tonys-pizzeria:CA1", "missed_call", True, "call back +14155550199")
    theirs = request_handoff(db, "lucky-noodle", "sms:lucky-noodle:+14155550123", "callback")
    assert close_handoff(db, "tonys-pizzeria", theirs) is False
    assert close_handoff(db, "tonys-pizzeria", 999999) is False
    assert close_handoff(db, "tonys-pizzeria", mine) is True
    assert close_handoff(db, "tonys-pizzeria", mine) is False
    assert open_handoffs(db, "tonys-pizzeria") == []
    assert [row["id"] for row in open_handoffs(db, "lucky-noodle")] == [theirs]


def test_board_over_the_database_shows_a_handoff_until_staff_mark_it_done(db):
    raised = request_handoff(db, "tonys-pizzeria", WEB_CHAT_ID, "asked", summary="wants to talk about a party order", now=RAISED)

    async def load_handoffs(business_id):
        return await asyncio.to_thread(open_handoffs, db, business_id)

    async def mark_done(business_id, handoff_id):
        return await asyncio.to_thread(close_handoff, db, business_id, handoff_id)

    async def no_tickets(_business_id):
        return []

    app, _ = create_app(BUSINESSES, no_tickets, RASA_URL, None, load_handoffs, mark_done)
    (_, _, before), (_, _, listed), (done, _, _), (_, _, after) = run(
        app, ("GET", "/board/tonys-pizzeria"), ("GET", "/api/board/tonys-pizzeria/handoffs"),
        ("POST", f"/board/tonys-pizzeria/handoffs/{raised}/done"), ("GET", "/board/tonys-pizzeria"),
    )
    assert "Asked for a person" in before and "Web chat" in before and "at 5:55 PM" in before
    assert json.loads(listed)[0]["created_at"] == "2026-11-28T17:55:00-05:00"
    assert done == 303
    assert "Asked for a person" not in after and open_handoffs(db, "tonys-pizzeria") == []
