"""Asking for a person by text, mid-order, in words the model was never trained on: staff are texted with what
was taken and the board's address, the assistant keeps quiet while staff have the conversation, the board
shows what the customer wrote meanwhile, and handing back (the board's button) gives the assistant the next
text."""

import asyncio

import aiohttp

from tests.e2e.businesses import write_playbook
from tests.e2e.clients import TwilioSms
from tests.e2e.records import staff_handoffs, wait_for

PIZZERIA = "tonys-pizzeria"
PIZZERIA_NUMBER = "+15005550101"


def test_a_person_asked_for_by_text_mid_order_gets_staff_texted_and_the_assistant_stands_back(stack):
    number = "+15005550176"
    write_playbook(stack, "tonys-handoffs", number, name="Tony's Handoffs",
                   transfer={"default": "+15005550186", "reasons": {"asked": "+15005550187"}})
    twilio = stack["twilio_rest"]
    texts_before = len(twilio.messages)
    sms = TwilioSms(stack, number, "+14155550176")

    async def conversation():
        replies = " ".join(await sms.say("quiero dos pizzas grandes de pepperoni para recoger"))
        assert "recoger" in replies, replies
        replies = " ".join(await sms.say("q m llame el encargado plis"))
        assert "le responderá por aquí" in replies, replies
        assert await sms.say("hola? sigo esperando") == []

    asyncio.run(conversation())
    text = wait_for(lambda: next((m for m in twilio.messages[texts_before:] if m["to"] == "+15005550187"), None), 10,
                    "the staff text about the customer who asked for a person")
    assert text["from"] == number and "+14155550176 asked for a person by text" in text["body"], text
    assert "pepperoni" in text["body"] and text["body"].endswith("/board/tonys-handoffs"), text
    [request] = [h for h in staff_handoffs(stack, "tonys-handoffs") if h["conversation_id"].endswith("+14155550176")]
    assert request["reason"] == "asked"


def test_staff_see_what_was_written_meanwhile_and_hand_the_conversation_back_from_the_board(stack):
    sms = TwilioSms(stack, PIZZERIA_NUMBER, "+14155550175")
    board = f"{stack['board']}/api/board/{PIZZERIA}/handoffs"

    async def conversation():
        await sms.say("hi, can I order a large cheese pizza for delivery")
        replies = " ".join(await sms.say("actually can a human take over? this is for a big party"))
        assert "take it from here" in replies, replies
        assert await sms.say("it's for 30 people on saturday") == []
        async with aiohttp.ClientSession() as session:
            async with session.get(board) as answer:
                [waiting] = [h for h in await answer.json() if h["conversation_id"].endswith("+14155550175")]
            assert waiting["with_staff"] and waiting["held"] == ["it's for 30 people on saturday"], waiting
            assert "Hand back to the assistant" in waiting["item_html"]
            done = f"{stack['board']}/board/{PIZZERIA}/handoffs/{waiting['id']}/done"
            async with session.post(done, headers={"Accept": "application/json"}) as answer:
                assert answer.status == 200 and (await answer.json())["state"] == "closed"
        return " ".join(await sms.say("ok thanks, what are your hours?"))

    assert "Our hours are" in asyncio.run(conversation())
