"""Harbor Inn reservations through the real servers: web chat and SMS, checked field by field in the stored ticket."""

import asyncio
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from storage.tables import reservations
from tests.e2e.clients import TwilioSms, WebChat
from tests.e2e.dates import said
from tests.e2e.records import number_said, rows, stored_tickets

INN = "harbor-inn"
INN_NUMBER = "+15005550606"
LA = ZoneInfo("America/Los_Angeles")


def tickets_for(stack, phone):
    return [ticket for ticket in stored_tickets(stack, INN) if ticket["customer"]["phone"] == phone]


async def up_to_read_back(texter, request, name):
    """Sends the whole request; the name is given again only if the model missed it in the sentence."""
    replies = await texter.say(request.format(name))
    if "Shall I book it" not in " ".join(replies) and "name" in " ".join(replies).lower():
        replies = await texter.say(name)
    return replies


def weeks_ahead(weeks: int) -> date:
    """A Friday far enough ahead that no test shares its nights with another."""
    today = datetime.now(LA).date()
    return today + timedelta(days=(4 - today.weekday()) % 7 + 7 * weeks)


def test_a_king_room_asked_about_then_booked_on_the_web(stack):
    check_in = weeks_ahead(3)
    check_out = check_in + timedelta(days=2)

    async def conversation():
        async with WebChat(stack["rasa"], INN) as chat:
            replies = await chat.say("hi")
            assert "Harbor Inn" in " ".join(replies), replies
            replies = await chat.say(f"do you have a king room from {said(check_in)} to {said(check_out)}?")
            assert "king room free" in " ".join(replies) and "179" in " ".join(replies), replies
            replies = await chat.say("great, I'd like to book it for 2 people")
            assert "name" in " ".join(replies).lower(), replies
            replies = await chat.say("what time is check-in?")
            text = " ".join(replies)
            assert "3:00 PM" in text and "11:00 AM" in text and "name" in text.lower(), replies
            replies = await chat.say("it's Dana")
            assert "phone" in " ".join(replies).lower(), replies
            replies = await chat.say("415 555 0199")
            readback = " ".join(replies)
            assert "king room for 2" in readback and "2 nights" in readback and "$358" in readback, replies
            assert "$89.50 deposit" in readback and "under Dana" in readback, replies
            replies = await chat.say("how much is the suite?")
            assert "$289.00" in " ".join(replies), replies
            replies = await chat.say("actually make it 3 nights")
            readback = " ".join(replies)
            assert "3 nights" in readback and "$537" in readback and "$134.25 deposit" in readback, replies
            replies = await chat.say("yes")
            assert "Check-in is from 3:00 PM" in " ".join(replies), replies
            return number_said(replies, "confirmation number")

    number = asyncio.run(conversation())
    [ticket] = tickets_for(stack, "+14155550199")
    assert ticket["number"] == number
    assert ticket["kind"] == "reservation_hold" and ticket["channel"] == "web" and ticket["language"] == "en"
    assert ticket["customer"] == {"name": "Dana", "phone": "+14155550199", "email": None}
    last = check_in + timedelta(days=3)
    assert ticket["scheduled_for"] == datetime.combine(check_in, datetime.min.time().replace(hour=15), LA).isoformat()
    assert ticket["scheduled_until"] == datetime.combine(last, datetime.min.time().replace(hour=11), LA).isoformat()
    [line] = ticket["lines"]
    assert (line["item_id"], line["name"], line["quantity"], line["unit_price"]) == ("king-room", "king room", 3, "179.00")
    assert line["variation_id"] == "king-room-night"
    assert ticket["total"] == "537.00" and ticket["deposit"] == "134.25"
    assert ticket["details"] == {"check_in": check_in.isoformat(), "check_out": last.isoformat(), "nights": "3", "guests": "2"}
    nights = {row.unit for row in rows(stack, reservations, INN) if row.resource_id == "room:king-room"}
    assert nights == {(check_in + timedelta(days=n)).isoformat() for n in range(3)}


def test_the_last_suite_goes_to_one_of_two_texters_and_the_other_hears_what_is_left(stack):
    check_in = weeks_ahead(5)
    check_out = check_in + timedelta(days=2)
    request = f"I'd like to book the family suite from {said(check_in)} to {said(check_out)} for 5, name's {{}}"
    first, second, third = (TwilioSms(stack, INN_NUMBER, f"+1415555{n:04d}") for n in (1001, 1002, 1003))

    async def conversation():
        replies = await up_to_read_back(first, request, "Ade")
        assert "family suite for 5" in " ".join(replies) and "$578" in " ".join(replies), replies
        number_said(await first.say("yes"), "confirmation number")
        for texter, name in ((second, "Bea"), (third, "Cy")):
            replies = await up_to_read_back(texter, request, name)
            assert "Shall I book it" in " ".join(replies), replies
        booked = number_said(await second.say("yes please"), "confirmation number")
        replies = await third.say("yes")
        text = " ".join(replies)
        assert "the last family suite" in text and "was just booked" in text, replies
        earlier = check_in - timedelta(days=2)
        assert f"family suite {earlier:%A} {said(earlier)}" in text and "Would that work" in text, replies
        replies = await third.say("sure, that works")
        assert "Shall I book it" in " ".join(replies), replies
        number_said(await third.say("yes"), "confirmation number")
        return booked

    booked = asyncio.run(conversation())
    assert [t["number"] for t in tickets_for(stack, "+14155551002")] == [booked]
    suites = tickets_for(stack, "+14155551001") + tickets_for(stack, "+14155551002")
    assert all(t["lines"][0]["item_id"] == "family-suite" and t["details"]["guests"] == "5" for t in suites)
    assert all(t["channel"] == "sms" and t["deposit"] == "144.50" for t in suites)
    assert {t["details"]["check_in"] for t in suites} == {check_in.isoformat()}
    [moved] = tickets_for(stack, "+14155551003")
    assert moved["details"]["check_in"] == (check_in - timedelta(days=2)).isoformat()
    assert moved["customer"]["name"] == "Cy" and moved["lines"][0]["item_id"] == "family-suite"
    taken = [row.unit for row in rows(stack, reservations, INN) if row.resource_id == "room:family-suite"]
    assert sorted(taken).count(check_in.isoformat()) == 2 and (check_in - timedelta(days=2)).isoformat() in taken
