"""Clinic bookings against the real servers: web chat and Twilio SMS, checked field by field in the database.

Times are said as dates ("December 8 at 10") picked from today's date, on days the practitioners work, so
the conversations mean the same thing whenever the suite runs. Emergencies must leave no ticket and an
urgent hand-off for staff.
"""

import asyncio
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from tests.e2e.clients import TwilioSms, WebChat
from tests.e2e.dates import local, said, upcoming
from tests.e2e.records import number_said, staff_handoffs, tickets_by_number

MAPLE = "maple-clinic"
MAPLE_NUMBER = "+15005550808"
DENVER = ZoneInfo("America/Denver")


def test_new_patient_books_by_web_with_a_price_question_on_the_way(stack):
    tuesday = upcoming(DENVER, 1)

    async def chat():
        async with WebChat(stack["rasa"], MAPLE) as web:
            assert "Maple Family Clinic" in " ".join(await web.say("hi"))
            replies = " ".join(await web.say(
                f"I'd like to book a sick visit with Dr Patel on {said(tuesday)} at 10, I've had a sore throat since Sunday"))
            assert "been to Maple Family Clinic before" in replies, replies
            replies = " ".join(await web.say("how much is a sick visit?"))
            assert "$85.00" in replies and "before" in replies, replies
            replies = " ".join(await web.say("no, first time"))
            assert "new patient visit" in replies and "name" in replies.lower(), replies
            replies = " ".join(await web.say("Dana Lee"))
            assert "date of birth" in replies, replies
            replies = " ".join(await web.say("March 3rd 1984"))
            assert "phone" in replies.lower(), replies
            readback = " ".join(await web.say("303 555 0142"))
            for part in ("new patient visit with Dr. Anika Patel", "10:00 AM", "Dana Lee", "March 3, 1984"):
                assert part in readback, readback
            return number_said(await web.say("yes"), "booking number")

    number = asyncio.run(chat())
    ticket = tickets_by_number(stack, MAPLE)[number]
    assert ticket["kind"] == "appointment" and ticket["channel"] == "web"
    assert ticket["customer"] == {"name": "Dana Lee", "phone": "+13035550142", "email": None}
    assert [(l["item_id"], l["name"], l["quantity"], l["unit_price"]) for l in ticket["lines"]] == [
        ("new-patient-visit", "new patient visit", 1, "180.00")]
    assert local(ticket["scheduled_for"], DENVER) == datetime.combine(tuesday, time(10, 0), DENVER)
    assert local(ticket["scheduled_until"], DENVER) == datetime.combine(tuesday, time(10, 40), DENVER)
    assert ticket["total"] == "180.00"
    assert ticket["details"] == {
        "reason": f"I'd like to book a sick visit with Dr Patel on {said(tuesday)} at 10, I've had a sore throat since Sunday",
        "patient_status": "new", "date_of_birth": "1984-03-03", "practitioner": "Dr. Anika Patel",
        "practitioner_id": "dr-patel", "visit_type": "new-patient-visit", "requested_visit_type": "sick-visit",
    }


def test_parent_books_a_child_by_sms_from_the_number_they_text_from(stack):
    friday = upcoming(DENVER, 4)
    sms = TwilioSms(stack, MAPLE_NUMBER, "+17205550123")

    async def conversation():
        replies = " ".join(await sms.say("hi, I need an appointment for my daughter Emma, she has an earache"))
        assert "before" in replies, replies
        replies = " ".join(await sms.say("yes she's a patient there"))
        assert "Dr. Anika Patel" in replies and "Jordan Reyes" in replies, replies
        replies = " ".join(await sms.say("no preference"))
        assert "when" in replies.lower(), replies
        replies = " ".join(await sms.say(f"{said(friday)} afternoon"))
        assert "Which would you like" in replies, replies
        replies = " ".join(await sms.say("the first one"))
        assert "your name" in replies.lower(), replies
        replies = " ".join(await sms.say("Maria Lopez"))
        assert "Emma's date of birth" in replies, replies
        readback = " ".join(await sms.say("5/6/2019"))
        assert "sick visit" in readback and "for Emma" in readback and "May 6, 2019" in readback, readback
        return number_said(await sms.say("yep"), "booking number")

    number = asyncio.run(conversation())
    ticket = tickets_by_number(stack, MAPLE)[number]
    assert ticket["channel"] == "sms"
    assert ticket["customer"] == {"name": "Maria Lopez", "phone": "+17205550123", "email": None}
    assert [l["item_id"] for l in ticket["lines"]] == ["sick-visit"]
    start = local(ticket["scheduled_for"], DENVER)
    assert start.date() == friday and start.hour >= 12
    assert local(ticket["scheduled_until"], DENVER) - start == timedelta(minutes=15)
    details = ticket["details"]
    assert details["patient_name"] == "Emma" and details["booked_by_relation"] == "daughter"
    assert details["patient_status"] == "returning" and details["date_of_birth"] == "2019-05-06"
    assert details["practitioner_id"] in ("dr-patel", "np-reyes") and details["visit_type"] == "sick-visit"
    assert details["reason"] == "hi, I need an appointment for my daughter Emma, she has an earache"


def test_two_callers_racing_for_the_physio_get_one_booking_and_one_offer(stack):
    wednesday = upcoming(DENVER, 2, weeks_ahead=2)
    ask = f"returning patient, physio follow-up on {said(wednesday)} at 11am, born 4/12/1975"

    async def race():
        sms = TwilioSms(stack, MAPLE_NUMBER, "+17205550101")
        async with WebChat(stack["rasa"], MAPLE) as web:
            assert "name" in " ".join(await sms.say(ask)).lower()
            first = " ".join(await sms.say("Omar Haddad"))
            assert "11:00 AM" in first and "Sam Okafor" in first, first
            assert "name" in " ".join(await web.say(ask)).lower()
            await web.say("Lucia Gomez")
            second = " ".join(await web.say("720 555 0177"))
            assert "11:00 AM" in second, second
            results = await asyncio.gather(sms.say("yes"), web.say("yes"))
            booked = [replies for replies in results if "booking number" in " ".join(replies)]
            offered = [replies for replies in results if "isn't available" in " ".join(replies)]
            assert len(booked) == 1 and len(offered) == 1, results
            loser = web.say if offered[0] is results[1] else sms.say
            replies = " ".join(await loser("the first one"))
            assert "Shall I book it" in replies, replies
            return number_said(booked[0], "booking number"), number_said(await loser("yes"), "booking number")

    winner, second = asyncio.run(race())
    tickets_ = tickets_by_number(stack, MAPLE)
    first_start = local(tickets_[winner]["scheduled_for"], DENVER)
    assert first_start == datetime.combine(wednesday, time(11, 0), DENVER)
    assert local(tickets_[second]["scheduled_for"], DENVER) != first_start
    assert {tickets_[n]["details"]["practitioner_id"] for n in (winner, second)} == {"physio-okafor"}
    assert {tickets_[n]["customer"]["name"] for n in (winner, second)} == {"Omar Haddad", "Lucia Gomez"}


def test_emergencies_are_never_booked_and_flag_staff(stack):
    sms = TwilioSms(stack, MAPLE_NUMBER, "+17205550999")

    async def conversation():
        replies = " ".join(await sms.say("I need an appointment, I've had chest pain since this morning"))
        assert "911" in replies and "emergency" in replies, replies
        replies = " ".join(await sms.say("can I book a flu shot for next week"))
        assert "before" in replies, replies
        replies = " ".join(await sms.say("also I'm short of breath right now"))
        assert "911" in replies, replies
        replies = " ".join(await sms.say("should I take ibuprofen?"))
        assert "can't give medical advice" in replies and "book you in" in replies, replies

    asyncio.run(conversation())
    assert all(t["customer"]["phone"] != "+17205550999" for t in tickets_by_number(stack, MAPLE).values())
    flagged = [h for h in staff_handoffs(stack, MAPLE) if h["reason"] == "medical_emergency"]
    assert len(flagged) >= 2 and all(h["urgent"] for h in flagged)
    assert any("chest pain" in h["summary"] for h in flagged)
    assert any("short of breath" in h["summary"] for h in flagged)
