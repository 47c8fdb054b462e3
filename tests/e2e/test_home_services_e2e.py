"""Service calls over the real stack: web chat and SMS to Rapid Rooter, checked field by field in the database.

Days are chosen from today's date (the stack runs on the real clock): upcoming days the business is open,
named by weekday the way a caller would.
"""

import asyncio
import re
from datetime import date, datetime, time, timedelta
from typing import List
from zoneinfo import ZoneInfo

from tests.e2e.clients import TwilioSms, WebChat
from tests.e2e.records import number_said, staff_handoffs, tickets_by_number

BUSINESS = "rapid-rooter"
NUMBER = "+15005550505"
CHICAGO = ZoneInfo("America/Chicago")
SUNDAY = 6


def open_days() -> List[date]:
    """Three days from the day after tomorrow on, skipping Sunday, each named once in the coming week."""
    today = datetime.now(CHICAGO).date()
    days = [today + timedelta(days=offset) for offset in range(2, 7)]
    return [day for day in days if day.weekday() != SUNDAY][:3]


def at(day: date, hour: int) -> str:
    return datetime.combine(day, time(hour), CHICAGO).isoformat()


def test_one_breath_then_a_different_day_picked_mid_form_over_web_chat(stack):
    first, second, _ = open_days()

    async def conversation():
        async with WebChat(stack["rasa"], BUSINESS) as chat:
            replies = await chat.say("hi")
            assert "Rapid Rooter" in " ".join(replies), replies
            replies = await chat.say(f"my kitchen sink is backed up, can someone come {first:%A} morning? 14 Elm St")
            assert "gate code" in " ".join(replies), replies
            replies = await chat.say(f"anything {second:%A}?")
            offered = " ".join(replies)
            assert f"{second:%A}" in offered and "12:00 PM and 4:00 PM" in offered, replies
            replies = await chat.say("the afternoon one")
            assert "gate code" in " ".join(replies), replies
            replies = await chat.say("gate code is 4411, dog in the yard")
            assert "name" in " ".join(replies).lower(), replies
            replies = await chat.say("it's Dana")
            assert "number" in " ".join(replies).lower(), replies
            replies = await chat.say("312 555 0144")
            readback = " ".join(replies)
            assert "drain cleaning" in readback and "14 Elm St" in readback and "Dana" in readback, replies
            assert f"{second:%A}" in readback and "12:00 PM and 4:00 PM" in readback, replies
            replies = await chat.say("yes")
            return number_said(replies)

    number = asyncio.run(conversation())
    ticket = tickets_by_number(stack, BUSINESS)[number]
    assert ticket["kind"] == "service_call" and ticket["channel"] == "web"
    assert ticket["address"] == "14 Elm St"
    assert ticket["scheduled_for"] == at(second, 12) and ticket["scheduled_until"] == at(second, 16)
    assert ticket["details"] == {"problem": "my kitchen sink is backed up", "urgency": "soon",
                                 "access_notes": "gate code is 4411, dog in the yard"}
    assert [(line["item_id"], line["unit_price"]) for line in ticket["lines"]] == [("drain-cleaning", "149.00")]
    assert ticket["customer"] == {"name": "Dana", "phone": "+13125550144", "email": None}


async def _to_readback(stack, caller: str, street: str, day: date, name: str) -> TwilioSms:
    sms = TwilioSms(stack, NUMBER, caller)
    replies = await sms.say(f"toilet keeps running, {street}, {day:%A} afternoon")
    assert "gate code" in " ".join(replies), replies
    replies = await sms.say("none")
    assert "name" in " ".join(replies).lower(), replies
    replies = await sms.say(name)
    assert "toilet repair" in " ".join(replies) and "Shall I book it" in " ".join(replies), replies
    return sms


def test_a_full_window_is_never_booked_again_and_the_loser_gets_the_nearest(stack):
    _, _, day = open_days()

    async def conversations():
        for seat in range(2):
            sms = await _to_readback(stack, f"+1773555020{seat}", f"{seat + 10} Oak St", day, ["Sam", "Alex"][seat])
            number_said(await sms.say("yes"))
        racers = [await _to_readback(stack, f"+1773555021{seat}", f"{seat + 20} Pine Ave apt {seat + 1}", day, ["Jordan", "Riley"][seat])
                  for seat in range(2)]
        return racers, await asyncio.gather(*(racer.say("yes") for racer in racers))

    racers, answers = asyncio.run(conversations())
    won = [replies for replies in answers if re.search(r"[Tt]icket number", " ".join(replies))]
    lost = [(racer, replies) for racer, replies in zip(racers, answers) if "fully booked" in " ".join(replies)]
    assert len(won) == 1 and len(lost) == 1, answers
    loser, offer = lost[0]
    assert "4:00 PM and 7:00 PM" in " ".join(offer), offer

    async def pick_another():
        replies = await loser.say("the 4 to 7 one then")
        assert "Shall I book it" in " ".join(replies) and "4:00 PM and 7:00 PM" in " ".join(replies), replies
        return number_said(await loser.say("yes"))

    number = asyncio.run(pick_another())
    afternoon = [t for t in tickets_by_number(stack, BUSINESS).values() if t["scheduled_for"] == at(day, 12)]
    assert len(afternoon) == 3
    moved = tickets_by_number(stack, BUSINESS)[number]
    assert moved["scheduled_for"] == at(day, 16) and moved["customer"]["phone"] == loser.sender


def test_flooding_flags_staff_and_books_the_earliest_window(stack):
    before = len(staff_handoffs(stack, BUSINESS))

    async def conversation():
        sms = TwilioSms(stack, NUMBER, "+17735550300")
        replies = await sms.say("help, water is pouring through the ceiling right now, 1875 W Division St apt 3R")
        said = " ".join(replies)
        assert "flagged it to our on-call team" in said, replies
        if "Which of those works" in said:
            replies = await sms.say("the first one")
        assert "gate code" in " ".join(replies), replies
        await sms.say("none")
        replies = await sms.say("Rosa")
        assert "emergency" in " ".join(replies) and "1875 W Division St apt 3R" in " ".join(replies), replies
        return number_said(await sms.say("yes"))

    number = asyncio.run(conversation())
    ticket = tickets_by_number(stack, BUSINESS)[number]
    assert ticket["details"]["urgency"] == "emergency"
    assert ticket["details"]["problem"] == "water is pouring through the ceiling right now"
    assert [line["item_id"] for line in ticket["lines"]] == ["leak-repair", "emergency-callout"]
    assert ticket["address"] == "1875 W Division St apt 3R"
    start = datetime.fromisoformat(ticket["scheduled_for"]).astimezone(CHICAGO)
    assert start.time() in (time(8), time(12), time(16))
    flagged = staff_handoffs(stack, BUSINESS)[before:]
    assert any(h["urgent"] and h["reason"] == "playbook_rule" and "pouring" in h["summary"] for h in staff_handoffs(stack, BUSINESS)), flagged


def test_a_gas_smell_sends_the_caller_outside_and_books_nothing(stack):
    count = len(tickets_by_number(stack, BUSINESS))

    async def conversation():
        sms = TwilioSms(stack, NUMBER, "+17735550400")
        return await sms.say("I smell gas in the kitchen, it's really strong")

    replies = asyncio.run(conversation())
    assert "leave the house now" in " ".join(replies) and "911" in " ".join(replies), replies
    assert any(h["urgent"] and "smell gas" in h["summary"] for h in staff_handoffs(stack, BUSINESS))
    assert len(tickets_by_number(stack, BUSINESS)) == count
