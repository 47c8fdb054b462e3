"""Returning callers against the real servers: an order on the web chat, then the same caller texting from
that number is greeted by name, gets "the usual but no onions" re-created and stored, and hears its status
from the store once the board marks it ready."""

import asyncio

import aiohttp

from tests.e2e.clients import TwilioSms, WebChat
from tests.e2e.records import number_said, stored_tickets

PIZZERIA_NUMBER = "+15005550101"
DANA = "+14155550161"


def dana(stack):
    return [ticket for ticket in stored_tickets(stack, "tonys-pizzeria") if ticket["customer"]["phone"] == DANA]


def lines_of(ticket):
    return sorted(
        (l["item_id"], l["variation_id"], l["quantity"], sorted(m["id"] for m in l["modifiers"]), l["note"])
        for l in ticket["lines"]
    )


async def first_order_on_the_web(stack):
    async with WebChat(stack["rasa"], "tonys-pizzeria") as chat:
        await chat.say("hi")
        replies = await chat.say(
            "a large pepperoni pizza with onions, a medium veggie pizza with onions and mushrooms and a coke, "
            "pickup tomorrow at 6:30 pm, name's Dana")
        assert "phone" in " ".join(replies).lower(), replies
        replies = await chat.say("415 555 0161")
        assert "onions" in " ".join(replies) and "Shall I place the order" in " ".join(replies), replies
        return number_said(await chat.say("yes"))


async def mark(stack, ticket_id, state):
    async with aiohttp.ClientSession() as session:
        url = f"{stack['board']}/board/tonys-pizzeria/tickets/{ticket_id}/status"
        async with session.post(url, data={"state": state}, headers={"Accept": "application/json"}) as reply:
            assert reply.status == 200, await reply.text()


async def board_showing(stack, ticket_id, seconds=20):
    """The pizzeria's board page once the ticket is on it: the outbox worker pushes to the house POS, which
    the board reads, a moment after the ticket is stored."""
    deadline = asyncio.get_running_loop().time() + seconds
    async with aiohttp.ClientSession() as session:
        while True:
            async with session.get(f"{stack['board']}/board/tonys-pizzeria") as reply:
                board = await reply.text()
            if f'data-ticket-id="{ticket_id}"' in board or asyncio.get_running_loop().time() > deadline:
                return board
            await asyncio.sleep(0.5)


def test_usual_by_sms_after_a_web_order_then_its_status_from_the_board(stack):
    async def conversation():
        first_number = await first_order_on_the_web(stack)
        sms = TwilioSms(stack, PIZZERIA_NUMBER, DANA)
        replies = await sms.say("hey")
        assert "Dana" in " ".join(replies) and "welcome back" in " ".join(replies).lower(), replies

        replies = await sms.say("the usual but no onions, pickup tomorrow at 1pm")
        readback = " ".join(replies)
        assert "pepperoni" in readback and "veggie" in readback and "coke" in readback, replies
        assert "onions" not in readback and "1:00 PM" in readback and "Dana" in readback, replies
        second_number = number_said(await sms.say("yes"))

        replies = await sms.say("is my order ready?")
        assert f"order {second_number}" in " ".join(replies) and "Good news" not in " ".join(replies), replies
        ticket_id = dana(stack)[-1]["id"]
        await mark(stack, ticket_id, "ready")
        replies = await sms.say("is it ready yet")
        assert f"Good news — your order {second_number} is ready for pickup" in " ".join(replies), replies
        board = await board_showing(stack, ticket_id)
        card = board[board.index(f'data-ticket-id="{ticket_id}"'):]
        assert 'data-state="ready">READY<' in card[:card.index("</article>")]
        return first_number, second_number

    first_number, second_number = asyncio.run(conversation())
    first, second = dana(stack)
    assert (first["number"], second["number"]) == (first_number, second_number)
    without_onions = [(item, size, qty, [m for m in mods if m != "onions"], note) for item, size, qty, mods, note in lines_of(first)]
    assert lines_of(second) == without_onions
    assert lines_of(first) == [
        ("coke", "coke-can", 1, [], ""),
        ("pepperoni-pizza", "pepperoni-pizza-large", 1, ["onions"], ""),
        ("veggie-pizza", "veggie-pizza-medium", 1, ["mushrooms", "onions"], ""),
    ]
    assert second["customer"] == {"name": "Dana", "phone": DANA, "email": None}
    assert (second["kind"], second["channel"]) == ("pickup_order", "sms")
    assert second["scheduled_for"][11:19] == "13:00:00"


def test_a_stranger_asking_for_the_usual_is_asked_what_they_would_like(stack):
    async def conversation():
        sms = TwilioSms(stack, PIZZERIA_NUMBER, "+14155550162")
        replies = await sms.say("is my order ready")
        assert "couldn't find a current order or booking" in " ".join(replies), replies
        replies = await sms.say("can i get the usual")
        assert "don't have a previous order on this number" in " ".join(replies), replies
        assert "What can I get for you?" in " ".join(replies), replies

    asyncio.run(conversation())
