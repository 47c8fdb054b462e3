"""Pranks and abuse over the real channels: a caller giving a prank name mid-order is told no and the call
ends, an abusive texter is declined and, after a second time, gets no answer at all; nothing reaches the
ticket store, staff see each conversation flagged with its reason. A big but plausible order goes to a person,
not the bin."""

import asyncio

from tests.e2e.clients import TwilioCall, TwilioSms, spoken
from tests.e2e.records import staff_handoffs, stored_tickets

PIZZERIA = "tonys-pizzeria"
PIZZERIA_NUMBER = "+15005550101"


def _requests(stack, conversation: str):
    return [h for h in staff_handoffs(stack, PIZZERIA) if h["conversation_id"].endswith(conversation)]


def test_a_prank_name_on_a_call_is_declined_and_the_call_ends_with_nothing_stored(stack):
    caller = "+14155550961"
    call = TwilioCall(stack, PIZZERIA_NUMBER, caller)
    tickets_before = len(stored_tickets(stack, PIZZERIA))

    async def conversation():
        twiml = await call.say(await call.ring(), "hi can I get a large pepperoni for pickup")
        twiml = await call.say(twiml, "yeah put it under Mike Hunt")
        return twiml

    twiml = asyncio.run(conversation())
    assert "can't take that request" in spoken(twiml) and twiml.find("Hangup") is not None, spoken(twiml)
    assert len(stored_tickets(stack, PIZZERIA)) == tickets_before
    [flagged] = _requests(stack, call.sid)
    assert flagged["reason"] == "declined" and "prank name" in flagged["summary"], flagged


def test_an_abusive_texter_is_declined_then_rate_limited_and_frustration_is_not_abuse(stack):
    sms = TwilioSms(stack, PIZZERIA_NUMBER, "+14155550962")
    customer = TwilioSms(stack, PIZZERIA_NUMBER, "+14155550963")

    async def conversation():
        replies = " ".join(await customer.say("ugh my damn car died, can I still get a large cheese pizza for pickup"))
        assert "not able to continue" not in replies and "pick it up" in replies, replies
        first = " ".join(await sms.say("where's my pizza you stupid bitch"))
        second = " ".join(await sms.say("answer me you worthless piece of shit"))
        third = await sms.say("hello??")
        return first, second, third

    first, second, third = asyncio.run(conversation())
    assert "not able to continue" in first and "not able to continue" in second, (first, second)
    assert third == []
    assert [h["reason"] for h in _requests(stack, "+14155550962")] == ["declined", "declined"]
    assert _requests(stack, "+14155550963") == []


def test_a_catering_size_order_by_text_goes_to_a_person_and_not_to_the_pos(stack):
    """The demo pizzeria's rule: more than 20 items is Tony's to take (playbooks/tonys-pizzeria.yml)."""
    caller = "+14155550964"
    sms = TwilioSms(stack, PIZZERIA_NUMBER, caller)
    tickets_before = len(stored_tickets(stack, PIZZERIA))

    async def conversation():
        replies = " ".join(await sms.say(
            "hi, 25 large cheese pizzas for our office party, pickup tomorrow at 6:30 pm, name's Priya"))
        assert "not able to continue" not in replies and "can't take that request" not in replies, replies
        for _ in range(3):
            if "Shall I" in replies or "shall I" in replies or "place" in replies.lower():
                break
            replies = " ".join(await sms.say("pickup please"))
        return " ".join(await sms.say("yes"))

    replies = asyncio.run(conversation())
    assert "takes it personally" in replies, replies
    assert len(stored_tickets(stack, PIZZERIA)) == tickets_before
    [request] = _requests(stack, caller)
    assert request["reason"] == "playbook_rule" and "25 items is over 20" in request["summary"], request
