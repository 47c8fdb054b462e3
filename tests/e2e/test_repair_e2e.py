"""A repair shop's drop-offs over the real servers: web chat and SMS, checked field by field in the stored work order."""

import asyncio
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from playbooks import default_registry
from pos.ticket import Customer, Ticket
from pos.ticket_store import store_ticket
from scheduling import Calendar
from storage import Database
from tests.e2e.clients import TwilioSms, WebChat
from tests.e2e.records import number_said, stored_tickets
from trades.repair_dropoff import holds_for

SHOP = "fixit-repair"
SHOP_NUMBER = "+15005550404"
NY = ZoneInfo("America/New_York")


def next_open_day():
    """The first day after today the shop is open, and how a caller says it ("tomorrow" or "monday")."""
    hours = default_registry().by_id(SHOP).hours
    today = datetime.now(NY).date()
    day = next(today + timedelta(days=offset) for offset in range(1, 8) if hours.on(today + timedelta(days=offset)))
    return day, "tomorrow" if day == today + timedelta(days=1) else day.strftime("%A").lower()


def fill_slot(stack, start, seats):
    """Other customers' drop-offs taking every seat of a slot."""
    database = Database(stack["database_url"])
    try:
        calendar = Calendar(default_registry().by_id(SHOP), database)
        for seat in range(seats):
            key = f"walk-in-{start.isoformat()}-{seat}"
            ticket = Ticket(business_id=SHOP, kind="work_order", customer=Customer(name="Walk-in"), lines=[],
                            scheduled_for=start, channel="voice", language="en", conversation_id=key, idempotency_key=key)
            store_ticket(database, ticket, datetime.now(NY).date(), holds=holds_for(calendar, start))
    finally:
        database.dispose()


def test_one_breath_drop_off_with_a_correction_and_a_question_on_web_chat(stack):
    day, said_day = next_open_day()

    async def conversation():
        async with WebChat(stack["rasa"], SHOP) as chat:
            replies = await chat.say(f"my iphone 12 screen is cracked, can I bring it in {said_day} around 10")
            assert "quote" in " ".join(replies).lower(), replies
            replies = await chat.say("can you tell me how much first?")
            assert "name" in " ".join(replies).lower(), replies
            replies = await chat.say("it's Dana")
            assert "number" in " ".join(replies).lower(), replies
            replies = await chat.say("415 555 0199")
            readback = " ".join(replies)
            assert "Apple iPhone 12" in readback and "screen replacement" in readback and "10:00 AM" in readback, replies
            assert "Dana" in readback and "quote" in readback, replies
            replies = await chat.say("actually it's a 13 not a 12")
            assert "Apple iPhone 13" in " ".join(replies) and "10:00 AM" in " ".join(replies), replies
            replies = await chat.say("how long will it take?")
            assert "2 hours" in " ".join(replies) and "Shall I book it in?" in replies[-1], replies
            replies = await chat.say("yes")
            return number_said(replies)

    number = asyncio.run(conversation())
    (order,) = [t for t in stored_tickets(stack, SHOP) if t["number"] == number and t["channel"] == "web"]
    assert order["kind"] == "work_order"
    assert order["customer"] == {"name": "Dana", "phone": "+14155550199", "email": None}
    assert order["scheduled_for"] == datetime(day.year, day.month, day.day, 10, 0, tzinfo=NY).isoformat()
    assert order["scheduled_until"] == datetime(day.year, day.month, day.day, 10, 30, tzinfo=NY).isoformat()
    assert order["details"] == {"device_kind": "phone", "brand": "Apple", "model": "iPhone 13",
                                "symptom": "my iphone 12 screen is cracked", "quote_wanted": "yes"}
    assert [(l["item_id"], l["name"], l["variation"], l["quantity"], l["unit_price"]) for l in order["lines"]] == [
        ("screen-replacement", "screen replacement", "phone", 1, "129.00")]
    assert order["total"] == "129.00"
    assert order["address"] is None and order["language"] == "en"


def test_a_full_drop_off_slot_gets_the_nearest_ones_over_sms(stack):
    day, said_day = next_open_day()
    two_pm = datetime(day.year, day.month, day.day, 14, 0, tzinfo=NY)
    fill_slot(stack, two_pm, seats=2)
    sms = TwilioSms(stack, SHOP_NUMBER, "+14155550188")

    async def conversation():
        replies = await sms.say(f"hey my ps5 has no picture on the tv, can i drop it off {said_day} at 2pm")
        offered = " ".join(replies)
        assert "fully booked" in offered and "1:30 PM" in offered and "2:30 PM" in offered, replies
        replies = await sms.say("2:30 works")
        assert "quote" in " ".join(replies).lower(), replies
        replies = await sms.say("nah just fix it")
        assert "name" in " ".join(replies).lower(), replies
        replies = await sms.say("Sam")
        readback = " ".join(replies)
        assert "PS5" in readback and "console HDMI port repair" in readback and "2:30 PM" in readback, replies
        replies = await sms.say("yes")
        return number_said(replies)

    number = asyncio.run(conversation())
    (order,) = [t for t in stored_tickets(stack, SHOP) if t["number"] == number and t["channel"] == "sms"]
    assert order["customer"] == {"name": "Sam", "phone": "+14155550188", "email": None}
    assert order["scheduled_for"] == datetime(day.year, day.month, day.day, 14, 30, tzinfo=NY).isoformat()
    assert order["details"] == {"device_kind": "console", "brand": "Sony", "model": "PS5",
                                "symptom": "my ps5 has no picture on the tv", "quote_wanted": "no"}
    assert [(l["name"], l["variation"], l["unit_price"]) for l in order["lines"]] == [
        ("console HDMI port repair", "console", "129.00")]
