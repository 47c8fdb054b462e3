"""Salon bookings against the real servers: web chat and Twilio SMS, checked field by field in the database.

Times are said as dates ("December 4 at 3") picked from today's date, on days the stylists work, so the
conversations mean the same thing whenever the suite runs.
"""

import asyncio
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from tests.e2e.clients import TwilioSms, WebChat
from tests.e2e.dates import local, said, upcoming
from tests.e2e.records import number_said, tickets_by_number

BELLA = "bella-salon"
BELLA_NUMBER = "+15005550303"
CHICAGO = ZoneInfo("America/Chicago")


def test_web_booking_in_one_breath_with_a_question_on_the_way(stack):
    friday = upcoming(CHICAGO, 4)

    async def chat():
        async with WebChat(stack["rasa"], BELLA) as web:
            assert "Bella Hair & Spa" in " ".join(await web.say("hi"))
            replies = await web.say(f"Can I get a haircut with Maria on {said(friday)} at 3?")
            assert "name" in " ".join(replies).lower(), replies
            replies = await web.say("how long does balayage take?")
            assert "3 hours" in " ".join(replies) and "name" in " ".join(replies).lower(), replies
            replies = await web.say("it's Dana")
            assert "number" in " ".join(replies).lower(), replies
            readback = " ".join(await web.say("312 555 0188"))
            for part in ("haircut with Maria", "3:00 PM until 4:00 PM", "Dana", "$65.00", "$13.00 deposit"):
                assert part in readback, readback
            return number_said(await web.say("yes"))

    number = asyncio.run(chat())
    ticket = tickets_by_number(stack, BELLA)[number]
    assert ticket["kind"] == "appointment" and ticket["channel"] == "web"
    assert ticket["customer"] == {"name": "Dana", "phone": "+13125550188", "email": None}
    assert [(l["item_id"], l["name"], l["quantity"], l["unit_price"]) for l in ticket["lines"]] == [
        ("haircut", "haircut", 1, "65.00")]
    assert local(ticket["scheduled_for"], CHICAGO) == datetime.combine(friday, datetime.min.time().replace(hour=15), CHICAGO)
    assert local(ticket["scheduled_until"], CHICAGO) - local(ticket["scheduled_for"], CHICAGO) == timedelta(minutes=60)
    assert ticket["deposit"] == "13.00" and ticket["total"] == "65.00"
    assert ticket["details"] == {"stylist": "Maria", "stylist_id": "maria", "stylist_requested": "Maria", "duration_minutes": "60"}


def test_stylist_who_does_not_colour_then_anyone_then_an_offered_time(stack):
    saturday = upcoming(CHICAGO, 5)

    async def chat():
        async with WebChat(stack["rasa"], BELLA) as web:
            replies = " ".join(await web.say(f"I'd like highlights and a blow dry with Derek on {said(saturday)}"))
            assert "Derek doesn't do highlights" in replies and "Maria" in replies and "Alisha" in replies, replies
            replies = " ".join(await web.say("anyone is fine"))
            assert "I can do" in replies and "with" in replies, replies
            replies = " ".join(await web.say("the first one"))
            assert "name" in replies.lower(), replies
            await web.say("Priya Patel")
            readback = " ".join(await web.say("773 555 0142"))
            assert "highlights and blow-dry" in readback and "$195.00" in readback and "$39.00 deposit" in readback, readback
            return number_said(await web.say("yes"))

    number = asyncio.run(chat())
    ticket = tickets_by_number(stack, BELLA)[number]
    assert {l["item_id"] for l in ticket["lines"]} == {"highlights", "blow-dry"}
    assert local(ticket["scheduled_for"], CHICAGO).date() == saturday
    assert local(ticket["scheduled_until"], CHICAGO) - local(ticket["scheduled_for"], CHICAGO) == timedelta(minutes=165)
    assert ticket["details"]["stylist_requested"] == "anyone"
    assert ticket["details"]["stylist"] in ("Maria", "Alisha")
    assert ticket["details"]["duration_minutes"] == "165" and ticket["deposit"] == "39.00"


def test_two_callers_racing_for_one_slot_get_one_booking_and_one_offer(stack):
    wednesday = upcoming(CHICAGO, 2)
    ask = f"a men's cut with Derek on {said(wednesday)} at 11am, I'm {{name}}"

    async def race():
        sms = TwilioSms(stack, BELLA_NUMBER, "+13125550101")
        async with WebChat(stack["rasa"], BELLA) as web:
            first = " ".join(await sms.say(ask.format(name="Omar")))
            assert "11:00 AM until 11:30 AM" in first, first
            await web.say(ask.format(name="Lucia"))
            second = " ".join(await web.say("312 555 0177"))
            assert "11:00 AM until 11:30 AM" in second, second
            omar = number_said(await sms.say("yes"))
            replies = " ".join(await web.say("yes"))
            assert "someone just booked that time" in replies and "I can do" in replies, replies
            await web.say("the first one")
            lucia = number_said(await web.say("yes"))
            return omar, lucia

    omar, lucia = asyncio.run(race())
    booked = tickets_by_number(stack, BELLA)
    assert booked[omar]["channel"] == "sms" and booked[omar]["customer"]["phone"] == "+13125550101"
    assert local(booked[omar]["scheduled_for"], CHICAGO) == datetime.combine(wednesday, datetime.min.time().replace(hour=11), CHICAGO)
    assert booked[lucia]["customer"]["name"] == "Lucia"
    assert booked[lucia]["scheduled_for"] != booked[omar]["scheduled_for"]
    assert booked[lucia]["details"]["stylist"] == "Derek"
