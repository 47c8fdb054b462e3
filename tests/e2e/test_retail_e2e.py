"""A hardware store's holds and quotes over the real servers: web chat and SMS, checked field by field in the
stored ticket."""

import asyncio
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from playbooks import default_registry
from tests.e2e.clients import TwilioSms, WebChat
from tests.e2e.records import number_said, stored_tickets
from trades.retail_pickup import held_until

SHOP = "corner-hardware"
SHOP_NUMBER = "+15005550707"
NY = ZoneInfo("America/New_York")


def test_a_hold_with_a_question_and_a_change_on_web_chat(stack):
    tomorrow = datetime.now(NY).date() + timedelta(days=1)
    pickup = datetime(tomorrow.year, tomorrow.month, tomorrow.day, 10, 0, tzinfo=NY)

    async def conversation():
        async with WebChat(stack["rasa"], SHOP) as chat:
            replies = await chat.say("hi can you hold two gallons of white paint and a 25 foot extension cord, "
                                     "I'll come by tomorrow at 10")
            assert "name" in " ".join(replies).lower(), replies
            replies = await chat.say("Dana")
            assert "number" in " ".join(replies).lower(), replies
            replies = await chat.say("617 555 0142")
            readback = " ".join(replies)
            assert "2 gallons of white interior paint" in readback and "one 25 foot extension cord" in readback, replies
            assert "tomorrow at 10:00 AM" in readback and "Dana" in readback and "$92.94" in readback, replies
            replies = await chat.say("how much is a propane exchange?")
            assert "$21.99" in " ".join(replies) and "Shall I put it on hold?" in replies[-1], replies
            replies = await chat.say("no")
            assert "change" in " ".join(replies).lower(), replies
            replies = await chat.say("make the cord the 50 foot one")
            assert "one 50 foot extension cord" in " ".join(replies) and "$102.94" in " ".join(replies), replies
            replies = await chat.say("yes")
            assert "hold it until" in " ".join(replies), replies
            return number_said(replies)

    number = asyncio.run(conversation())
    (ticket,) = [t for t in stored_tickets(stack, SHOP) if t["number"] == number and t["channel"] == "web"]
    assert ticket["kind"] == "pickup_order"
    assert ticket["customer"] == {"name": "Dana", "phone": "+16175550142", "email": None}
    assert ticket["scheduled_for"] == pickup.isoformat()
    assert ticket["scheduled_until"] == held_until(default_registry().by_id(SHOP), pickup).isoformat()
    assert [(l["item_id"], l["variation_id"], l["quantity"], l["unit_price"]) for l in ticket["lines"]] == [
        ("white-interior-paint", "white-interior-paint-gallon", 2, "38.98"),
        ("extension-cord", "extension-cord-50ft", 1, "24.98")]
    assert ticket["total"] == "102.94"
    assert ticket["details"] == {} and ticket["address"] is None and ticket["language"] == "en"


def test_fewer_in_stock_than_asked_after_a_stock_question_over_sms(stack):
    sms = TwilioSms(stack, SHOP_NUMBER, "+14155550188")
    playbook = default_registry().by_id(SHOP)

    async def conversation():
        replies = await sms.say("do you have cordless drills in stock?")
        assert "in stock" in " ".join(replies), replies
        replies = await sms.say("can you hold 3 of them")
        assert "We only have 2 cordless drills in stock. Would you like those?" in replies, replies
        replies = await sms.say("yeah ok")
        asked = " ".join(replies)
        assert "pick it up" in asked or "come by for it" in asked, replies
        replies = await sms.say("as soon as possible")
        assert "name" in " ".join(replies).lower(), replies
        replies = await sms.say("Lee")
        assert "2 cordless drills" in " ".join(replies) and "$198.00" in " ".join(replies), replies
        replies = await sms.say("yes")
        return number_said(replies)

    asked_at = datetime.now(NY)
    number = asyncio.run(conversation())
    (ticket,) = [t for t in stored_tickets(stack, SHOP) if t["number"] == number and t["channel"] == "sms"]
    assert ticket["kind"] == "pickup_order"
    assert ticket["customer"] == {"name": "Lee", "phone": "+14155550188", "email": None}
    assert [(l["item_id"], l["quantity"], l["unit_price"]) for l in ticket["lines"]] == [("cordless-drill", 2, "99.00")]
    pickup = datetime.fromisoformat(ticket["scheduled_for"])
    assert pickup >= asked_at + timedelta(minutes=playbook.ordering.prep_minutes - 1)
    assert ticket["scheduled_until"] == held_until(playbook, pickup).isoformat()


def test_a_quote_request_keeps_the_callers_words_on_web_chat(stack):
    words = "can you quote me 40 bags of concrete and rebar for a patio"

    async def conversation():
        async with WebChat(stack["rasa"], SHOP) as chat:
            replies = await chat.say(words)
            assert "name" in " ".join(replies).lower(), replies
            replies = await chat.say("Sam")
            assert "number" in " ".join(replies).lower(), replies
            replies = await chat.say("415 555 0199")
            assert "quote request for 40 bags of concrete mix" in " ".join(replies), replies
            replies = await chat.say("yes")
            assert "quote request is in" in " ".join(replies), replies
            return number_said(replies)

    number = asyncio.run(conversation())
    (ticket,) = [t for t in stored_tickets(stack, SHOP) if t["number"] == number and t["channel"] == "web"]
    assert ticket["kind"] == "quote_request"
    assert ticket["customer"] == {"name": "Sam", "phone": "+14155550199", "email": None}
    assert ticket["details"] == {"quote_request": words}
    assert ticket["scheduled_for"] is None and ticket["scheduled_until"] is None
    assert [(l["item_id"], l["variation_id"], l["quantity"], l["unit_price"]) for l in ticket["lines"]] == [
        ("concrete-mix", "concrete-mix-80lb", 40, "6.48")]
