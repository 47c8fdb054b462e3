"""Phone calls over Twilio's voice webhooks, signed exactly as Twilio signs them, TwiML parsed and asserted:
an order from greeting to ticket, a transfer nobody answers, a caller who hangs up mid-order, and twenty
calls to twenty businesses at once."""

import asyncio

from tests.e2e.businesses import write_playbook
from tests.e2e.clients import TwilioCall, spoken
from tests.e2e.records import number_said, pushed_ticket, staff_handoffs, stored_tickets, wait_for

PIZZERIA_NUMBER = "+15005550101"


def test_phone_order_from_greeting_to_ticket(stack):
    call = TwilioCall(stack, PIZZERIA_NUMBER, "+14155550166")

    async def conversation():
        twiml = await call.ring()
        gather = twiml.find("Gather")
        assert gather.get("input") == "speech dtmf" and gather.get("language") == "en-US", gather.attrib
        assert gather.get("actionOnEmptyResult") == "true" and gather.get("numDigits") == "1"
        assert "pepperoni pizza" in gather.get("hints") and "garlic knots" in gather.get("hints")
        assert gather.find("Say").get("voice") == "Polly.Joanna-Neural"
        assert "Tony's Pizzeria" in spoken(twiml)

        twiml = await call.say(twiml, "two large pepperoni pizzas for pickup at 7 pm", confidence="0.3")
        assert 'Did you say: "two large pepperoni pizzas for pickup at 7 pm"?' in spoken(twiml), spoken(twiml)
        twiml = await call.say(twiml, "yes")
        question = spoken(twiml)
        assert "name" in question.lower(), question

        twiml = await call.silence(twiml)
        last_question = question.rsplit(". ", 1)[-1]
        assert spoken(twiml).startswith("Sorry, I didn't hear anything.") and last_question in spoken(twiml), spoken(twiml)
        twiml = await call.say(twiml, "it's Jordan")
        readback = spoken(twiml)
        assert "pepperoni" in readback and "Jordan" in readback and "7:00 PM" in readback, readback
        twiml = await call.say(twiml, "yes that's right")
        number = number_said([spoken(twiml)])
        assert twiml.find("Gather") is not None
        twiml = await call.say(twiml, "that's all, bye")
        assert twiml.find("Hangup") is not None and twiml.find("Gather") is None
        assert await call.hang_up() == 204
        return number

    number = asyncio.run(conversation())
    [ticket] = [t for t in stored_tickets(stack, "tonys-pizzeria") if t["customer"]["phone"] == "+14155550166"]
    assert ticket["number"] == number and ticket["channel"] == "voice" and ticket["customer"]["name"] == "Jordan"
    assert [(line["name"], line["quantity"]) for line in ticket["lines"]] == [("pepperoni pizza", 2)]
    assert pushed_ticket(stack, "tonys-pizzeria", number).pos_id.startswith("house-tonys-pizzeria-")
    assert not [h for h in staff_handoffs(stack, "tonys-pizzeria") if h["conversation_id"].endswith(call.sid)]


def test_asking_for_a_person_dials_staff_and_a_missed_transfer_offers_a_callback(stack):
    number = "+15005550177"
    write_playbook(stack, "tonys-transfers", number, name="Tony's Transfers",
                   transfer={"default": "+15005550188", "reasons": {"asked": "+15005550189"}, "notify_sms": "+15005550190"})
    twilio = stack["twilio_rest"]
    texts_before = len(twilio.messages)
    call = TwilioCall(stack, number, "+14155550177")

    async def conversation():
        twiml = await call.ring()
        twiml = await call.say(twiml, "a large cheese pizza for pickup please")
        twiml = await call.say(twiml, "can I talk to a real person")
        dial = twiml.find("Dial")
        assert dial is not None, spoken(twiml)
        assert dial.find("Number").text == "+15005550189" and dial.get("callerId") == "+14155550177"
        assert "putting you through" in spoken(twiml)
        staff_leg = await call.twiml(dial.find("Number").get("url"), CallSid="CA" + "1" * 32, ParentCallSid=call.sid,
                                     To="+15005550189", Direction="outbound-api")
        assert "Reason: asked" in spoken(staff_leg) and "cheese pizza" in spoken(staff_leg), spoken(staff_leg)
        twiml = await call.twiml(dial.get("action"), DialCallStatus="no-answer")
        assert "call you back" in spoken(twiml) and "/callback" in twiml.find("Gather").get("action")
        twiml = await call.say(twiml, "yes please")
        assert twiml.find("Hangup") is not None and "call you back" in spoken(twiml)

        keypad = TwilioCall(stack, number, "+14155550178")
        twiml = await keypad.press(await keypad.ring(), "0")
        assert twiml.find("Dial/Number").text == "+15005550189"
        twiml = await keypad.twiml(twiml.find("Dial").get("action"), DialCallStatus="completed")
        assert twiml.find("Hangup") is not None
        return keypad

    keypad = asyncio.run(conversation())
    text = wait_for(lambda: next((m for m in twilio.messages[texts_before:] if m["to"] == "+15005550190"), None), 10,
                    "the staff text about the missed transfer")
    assert [m["to"] for m in twilio.messages[texts_before:]].count("+15005550190") == 1
    assert text["from"] == number and "+14155550177" in text["body"] and "cheese pizza" in text["body"], text
    reasons = {(h["conversation_id"].rsplit(":", 1)[1], h["reason"]) for h in staff_handoffs(stack, "tonys-transfers")}
    assert reasons == {(call.sid, "asked"), (call.sid, "callback"), (keypad.sid, "asked")}


def test_hanging_up_mid_order_leaves_a_missed_call_note_and_pushes_nothing_and_silence_ends_politely(stack):
    call = TwilioCall(stack, PIZZERIA_NUMBER, "+14155550155")

    async def conversation():
        bad = await call.post("/webhooks/twilio_voice/webhook", call.form(), signature="forged")
        unsigned = await call.post("/webhooks/twilio_voice/gather", call.form(), signature="")
        no_sid = await call.post("/webhooks/twilio_voice/webhook", {"From": call.caller, "To": call.to})
        unknown = TwilioCall(stack, "+15559990000", call.caller)
        nobody = await unknown.post("/webhooks/twilio_voice/webhook", unknown.form())
        assert [bad[0], unsigned[0], no_sid[0], nobody[0]] == [403, 403, 400, 404], (bad, no_sid, nobody)

        twiml = await call.ring()
        twiml = await call.say(twiml, "I'd like three medium cheese pizzas for delivery")
        assert twiml.find("Gather") is not None
        assert await call.hang_up() == 204
        assert await call.hang_up() == 204

        quiet = TwilioCall(stack, PIZZERIA_NUMBER, "+14155550156")
        twiml = await quiet.ring()
        for _ in range(2):
            twiml = await quiet.silence(twiml)
            assert "didn't hear" in spoken(twiml) and twiml.find("Gather") is not None
        twiml = await quiet.silence(twiml)
        assert "hang up" in spoken(twiml) and twiml.find("Hangup") is not None

    asyncio.run(conversation())
    missed = [h for h in staff_handoffs(stack, "tonys-pizzeria") if h["conversation_id"].endswith(call.sid)]
    assert [h["reason"] for h in missed] == ["missed_call"], missed
    assert "cheese pizza" in missed[0]["summary"] and "+14155550155" in missed[0]["summary"], missed[0]
    assert not [t for t in stored_tickets(stack, "tonys-pizzeria") if t["customer"]["phone"] == "+14155550155"]


def test_twenty_calls_to_twenty_businesses_at_once_stay_apart(stack):
    businesses = [(f"voice-kitchen-{n:02d}", f"+1555013{n:04d}", f"Kitchen No. {n:02d}", f"1{n:02d} Harbor Road")
                  for n in range(20)]
    for business_id, number, name, address in businesses:
        write_playbook(stack, business_id, number, name=name, address=address)

    async def one_call(number: str, caller: str):
        call = TwilioCall(stack, number, caller)
        greeting = await call.ring()
        where = await call.say(greeting, "what's your address")
        order = await call.say(where, "one large cheese pizza for pickup at 7 pm, name's Sam")
        return spoken(greeting), spoken(where), spoken(order)

    async def all_calls():
        return await asyncio.gather(*(one_call(number, f"+1415555{n:04d}") for n, (_, number, _, _) in enumerate(businesses)))

    answers = asyncio.run(all_calls())
    for (business_id, _, name, address), (greeting, where, order) in zip(businesses, answers):
        assert name in greeting and address in where, (business_id, greeting, where)
        others = [other for _, _, other, _ in businesses if other != name]
        assert not any(other in " ".join((greeting, where, order)) for other in others)
        assert "cheese pizza" in order and "Sam" in order, order
