"""The same phone order, placed with Tony's Pizzeria switched to each outside POS by its playbook's `pos:` section,
lands as an equivalent order in that POS: the catalog is synced from the POS at start, the conversation uses it,
and the outbox pushes the ticket with the POS's own ids. On Square, a caller also spends loyalty points, and the
salon's booking goes to Square Bookings with its deposit texted as a payment link and paid through the webhook."""

import asyncio
import json
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import aiohttp
import pytest

from playbooks import PlaybookRegistry
from tests.doubles.vendors import VENDORS
from tests.e2e.clients import WebChat
from tests.e2e.conftest import SALON_ON_SQUARE, SALON_ON_SQUARE_NUMBER, pos_business_id
from tests.e2e.dates import local, said, upcoming
from storage.tables import deposits, tickets
from tests.doubles.square import TEAM_MEMBERS
from tests.e2e.records import number_said, rows, wait_for


CHICAGO = ZoneInfo("America/Chicago")
HAIRCUT_VARIATION = "haircut-regular"


async def order_pizzas(stack, business_id):
    async with WebChat(stack["rasa"], business_id) as chat:
        await chat.say("hi")
        replies = await chat.say("two large pepperoni pizzas, one with extra cheese, pickup tomorrow at 6:30 pm, name's Dana")
        assert "phone" in " ".join(replies).lower(), replies
        replies = await chat.say("415 555 0199")
        readback = " ".join(replies)
        assert "pepperoni" in readback and "6:30 PM" in readback, replies
        return number_said(await chat.say("yes"))


async def board_page(stack, business_id):
    async with aiohttp.ClientSession() as session:
        async with session.get(f"{stack['board']}/board/{business_id}") as reply:
            return await reply.text()


def _spoken(catalog, variation_id, modifier_ids):
    item, variation = next((item, v) for item in catalog.items for v in item.variations if v.id == variation_id)
    return item.name.lower(), variation.name.lower(), sorted(catalog.modifier(m, item).name.lower() for m in modifier_ids)


@pytest.mark.parametrize("provider", sorted(VENDORS))
def test_the_same_order_lands_in_each_pos(stack, provider):
    business_id, vendor, double = pos_business_id(provider), VENDORS[provider], stack["pos_doubles"][provider]
    registry = PlaybookRegistry(Path(stack["playbooks"]), Path(stack["catalogs"]))
    wait_for(lambda: (Path(stack["catalogs"]) / f"{business_id}.yml").exists(), 60, "the catalog synced from the POS")
    before = len(vendor.orders(double))

    number = asyncio.run(order_pizzas(stack, business_id))

    wait_for(lambda: len(vendor.orders(double)) > before, 20, f"the order in the {provider} double")
    order = vendor.orders(double)[before]
    catalog = registry.by_id(business_id).catalog
    units = sorted(_spoken(catalog, variation, modifiers) for variation, modifiers in vendor.units(double, order))
    assert units == [("pepperoni pizza", "large", []), ("pepperoni pizza", "large", ["extra cheese"])]
    pushed = wait_for(lambda: next((row for row in rows(stack, tickets, business_id) if row.number == number and row.pos_id), None),
                       20, "the ticket marked pushed")
    assert pushed.pos_id == vendor.order_id(order)
    assert "Dana" in asyncio.run(board_page(stack, business_id)), "staff see the ticket on the board too"
    assert "Dana" in str(order) and "4155550199" in str(order).replace(" ", "").replace("-", "")


def test_a_square_customer_spends_points_on_the_order(stack):
    business_id, square = pos_business_id("square"), stack["pos_doubles"]["square"]
    wait_for(lambda: (Path(stack["catalogs"]) / f"{business_id}.yml").exists(), 60, "the catalog synced from Square")
    line = f"{142 + len(square.loyalty_accounts):04d}"  # a number of its own on each database's run
    account = square.enroll(f"+1415555{line}", 320)
    before = len(square.orders)

    async def conversation():
        async with WebChat(stack["rasa"], business_id) as chat:
            await chat.say("hi")
            await chat.say("a large pepperoni pizza for pickup tomorrow at 7 pm, I'm Priya")
            replies = await chat.say(f"415 555 {line}")
            assert "pepperoni" in " ".join(replies), replies
            replies = await chat.say("how many points do I have?")
            assert "320 points" in " ".join(replies) and "Free large pizza" in " ".join(replies), replies
            replies = await chat.say("use my reward")
            assert "Free large pizza goes on this order" in " ".join(replies), replies
            return number_said(await chat.say("yes"))

    asyncio.run(conversation())
    wait_for(lambda: len(square.orders) > before and square.rewards, 20, "the order and its reward in Square")
    order = square.orders[before]
    assert [reward["order_id"] for reward in square.rewards if reward["loyalty_account_id"] == account["id"]] == [order["id"]]
    assert account["balance"] == 70


def test_a_salon_booking_on_square_with_its_deposit_paid_through_the_texted_link(stack):
    square, twilio = stack["salon_square"], stack["twilio_rest"]
    wait_for(lambda: (Path(stack["catalogs"]) / f"{SALON_ON_SQUARE}.yml").exists(), 60, "the salon's catalog from Square")
    friday, line = upcoming(CHICAGO, 4), f"{300 + len(square.bookings):04d}"
    before_bookings, before_texts = len(square.bookings), len(twilio.messages)

    async def conversation():
        async with WebChat(stack["rasa"], SALON_ON_SQUARE) as chat:
            await chat.say("hi")
            await chat.say(f"Can I get a haircut with Maria on {said(friday)} at 3?")
            await chat.say("it's Dana")
            readback = " ".join(await chat.say(f"312 555 {line}"))
            assert "haircut with Maria" in readback and "$13.00 deposit" in readback, readback
            return number_said(await chat.say("yes"))

    number = asyncio.run(conversation())
    wait_for(lambda: len(square.bookings) > before_bookings, 20, "the booking in Square")
    booking = square.bookings[before_bookings]
    [segment] = booking["appointment_segments"]
    assert segment["team_member_id"] == TEAM_MEMBERS[0]
    assert segment["service_variation_id"] == square.id("variation", HAIRCUT_VARIATION)
    assert local(booking["start_at"], CHICAGO) == datetime.combine(friday, datetime.min.time().replace(hour=15), CHICAGO)
    pushed = wait_for(lambda: next((r for r in rows(stack, tickets, SALON_ON_SQUARE) if r.number == number and r.pos_id), None),
                       20, "the ticket marked pushed")
    assert pushed.pos_id == f"booking:{booking['id']}"

    text = wait_for(lambda: next((m for m in twilio.messages[before_texts:] if m["to"] == f"+1312555{line}"), None),
                     20, "the deposit link texted to the client")
    assert text["from"] == SALON_ON_SQUARE_NUMBER and "$13.00 deposit" in text["body"]
    link = next(link for link in square.payment_links if link["url"] in text["body"])
    deposit = wait_for(lambda: deposit_of(stack, pushed.id), 10, "the deposit row")
    assert deposit.state == "link_sent" and deposit.amount == "13.00"

    body = json.dumps(square.payment_completed_event(link["order_id"])).encode()
    url = f"{stack['board']}/webhooks/square/{SALON_ON_SQUARE}"
    assert asyncio.run(post(url, body, "forged")) == 403
    assert deposit_of(stack, pushed.id).state == "link_sent"
    assert asyncio.run(post(url, body, square.sign(url, body))) == 200
    assert deposit_of(stack, pushed.id).state == "paid"


def deposit_of(stack, ticket_id):
    return next((row for row in rows(stack, deposits, SALON_ON_SQUARE) if row.ticket_id == ticket_id), None)


async def post(url, body, signature):
    async with aiohttp.ClientSession() as session:
        async with session.post(url, data=body, headers={"x-square-hmacsha256-signature": signature,
                                                         "Content-Type": "application/json"}) as reply:
            return reply.status
