"""Whole conversations against the real servers: web chat and Twilio SMS, checked in the database and on the board."""

import asyncio
import json

import aiohttp

from tests.e2e.clients import BoardWatcher, TwilioSms, WebChat
from tests.e2e.records import number_said, stored_tickets

PIZZERIA_NUMBER = "+15005550101"
NOODLE_NUMBER = "+15005550202"


async def web_order(stack):
    async with BoardWatcher(stack["board"], "tonys-pizzeria") as board, WebChat(stack["rasa"], "tonys-pizzeria") as chat:
        replies = await chat.say("hi")
        assert "Tony's Pizzeria" in " ".join(replies)
        replies = await chat.say(
            "two large pepperoni pizzas, one with extra cheese, and a coke, pickup tomorrow at 6:30 pm, name's Dana")
        assert "phone" in " ".join(replies).lower(), replies
        replies = await chat.say("415 555 0199")
        readback = " ".join(replies)
        assert "pepperoni" in readback and "coke" in readback and "6:30 PM" in readback and "Dana" in readback, replies
        replies = await chat.say("how much is the large?")
        assert "$17.00" in " ".join(replies), replies
        replies = await chat.say("make the coke a sprite")
        assert "sprite" in " ".join(replies) and "coke" not in " ".join(replies).replace("Shall", ""), replies
        replies = await chat.say("yes")
        number = number_said(replies)
        pushed = await asyncio.wait_for(board.tickets.get(), 10)
        return number, pushed


async def sms_order(stack):
    sms = TwilioSms(stack, NOODLE_NUMBER, "+14155550123")
    replies = await sms.say("hey can i get a pad see ew with chicken and a thai iced tea for pickup asap, I'm Sam")
    readback = " ".join(replies)
    assert "pad see ew" in readback and "thai iced tea" in readback and "Sam" in readback, replies
    replies = await sms.say("yep")
    return number_said(replies)


def test_two_businesses_take_orders_at_once_without_mixing(stack):
    async def both():
        return await asyncio.gather(web_order(stack), sms_order(stack))

    (web_number, pushed), sms_number = asyncio.run(both())

    pizzeria = [t for t in stored_tickets(stack, "tonys-pizzeria") if t["channel"] == "web"]
    assert [t["number"] for t in pizzeria] == [web_number]
    ticket = pizzeria[0]
    assert ticket["customer"] == {"name": "Dana", "phone": "+14155550199", "email": None}
    assert ticket["kind"] == "pickup_order" and ticket["channel"] == "web"
    assert ticket["scheduled_for"].endswith("T18:30:00-05:00")
    lines = sorted((l["name"], l["variation"], l["quantity"], [m["name"] for m in l["modifiers"]]) for l in ticket["lines"])
    assert lines == [
        ("pepperoni pizza", "large", 1, []),
        ("pepperoni pizza", "large", 1, ["extra cheese"]),
        ("sprite", "can", 1, []),
    ]
    assert ticket["total"] == "37.50"
    assert pushed["number"] == web_number and pushed["customer"]["name"] == "Dana"
    assert pushed["pos_id"].startswith("house-tonys-pizzeria-")

    noodle = stored_tickets(stack, "lucky-noodle")
    assert [t["number"] for t in noodle] == [sms_number]
    assert noodle[0]["customer"]["phone"] == "+14155550123" and noodle[0]["channel"] == "sms"
    assert {l["name"] for l in noodle[0]["lines"]} == {"pad see ew", "thai iced tea"}


def test_sms_webhook_rejects_what_twilio_would_not_send(stack):
    sms = TwilioSms(stack, PIZZERIA_NUMBER, "+14155550999")

    async def checks():
        form = sms.form("a coke please")
        assert (await sms.post(form, signature="bad"))[0] == 403
        assert (await sms.post(form, signature=""))[0] == 403
        unknown = TwilioSms(stack, "+15559990000", "+14155550999")
        status, body = await unknown.post(unknown.form("hi"))
        assert status == 404 and "no business" in body
        missing = {k: v for k, v in form.items() if k != "From"}
        assert (await sms.post(missing))[0] == 400
        status, body = await sms.post(form, data=json.dumps(form), headers={"Content-Type": "application/json"})
        assert status == 415
    asyncio.run(checks())


def test_odd_messages_get_a_reprompt_and_keep_the_order(stack):
    sms = TwilioSms(stack, PIZZERIA_NUMBER, "+14155550777")

    async def conversation():
        replies = await sms.say("can I get a large cheese pizza")
        assert "pickup or delivery" in " ".join(replies).lower() or "deliver" in " ".join(replies).lower(), replies
        for odd in ["", "🍕🍕🍕", "x" * 10000]:
            replies = await sms.say(odd)
            assert replies and all(reply.strip() for reply in replies), (odd[:20], replies)
        replies = await sms.say("pickup")
        assert "time" in " ".join(replies).lower(), replies
        replies = await sms.say("make it a medium")
        assert "what time was that" not in " ".join(replies).lower() and "time" in " ".join(replies).lower(), replies
        status, body = await sms.post(sms.form("x"), data=b"From=%2B14155550777&To=%2B15005550101&Body=\xff\xfe",
                                      headers={"Content-Type": "application/x-www-form-urlencoded"})
        assert status == 400 and "UTF-8" in body
    asyncio.run(conversation())


def test_web_chat_for_an_unknown_business_says_so(stack):
    async def chat():
        async with WebChat(stack["rasa"], "no-such-business") as web:
            replies = await web.say("hi, two pizzas please")
            assert "don't recognise that business" in " ".join(replies), replies
    asyncio.run(chat())


def test_web_chat_odd_messages_get_a_reason_or_a_reprompt_and_keep_the_order(stack):
    async def chat():
        async with WebChat(stack["rasa"], "tonys-pizzeria") as web:
            replies = await web.say("a large cheese pizza and a lobster roll")
            assert "don't have lobster roll" in " ".join(replies) and "pickup or delivery" in " ".join(replies).lower()
            for odd in ["", "🍕🍕", "x" * 10000]:
                assert await web.say(odd), odd[:10]
            await web.client.emit("user_uttered", {"message": "hi", "session_id": web.session_id, "customData": "{not json"})
            assert "not valid JSON" in await asyncio.wait_for(web.errors.get(), 10)
            await web.client.emit("user_uttered", ["not", "an", "object"])
            assert "must be an object" in await asyncio.wait_for(web.errors.get(), 10)
            replies = await web.say("delivery")
            assert "address" in " ".join(replies).lower(), replies
    asyncio.run(chat())


def test_board_serves_todays_tickets_over_http(stack):
    async def fetch():
        async with aiohttp.ClientSession() as session:
            async with session.get(f"{stack['board']}/api/board/tonys-pizzeria/tickets") as reply:
                return reply.status
    assert asyncio.run(fetch()) == 200
