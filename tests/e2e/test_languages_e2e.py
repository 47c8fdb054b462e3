"""Whole conversations in Spanish and Chinese over the real stack: a Spanish phone order (the voice and the
recognition language switch after the caller's first sentence), a Chinese SMS booking and a Spanish email
service request, each checked in the database, with no English slipping into what the customer hears."""

import asyncio
import re
import uuid
from datetime import date, datetime, time, timedelta
from xml.etree import ElementTree
from zoneinfo import ZoneInfo

from tests.e2e.clients import Emailer, TwilioCall, TwilioSms, spoken
from tests.e2e.dates import local, upcoming
from tests.e2e.records import pushed_ticket, stored_tickets, tickets_by_number

PIZZERIA_NUMBER = "+15005550101"
BELLA_NUMBER = "+15005550303"
ROOTER_EMAIL = "dispatch@rapid-rooter.example"
CHICAGO = ZoneInfo("America/Chicago")
NEW_YORK = ZoneInfo("America/New_York")
SPANISH_DAYS = ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"]
# Words an English reply has and a Spanish or Chinese one never does (names and item names aside).
ENGLISH = re.compile(r"\b(?:the|your|you|and|is|for|at|with|order|pickup|shall|thanks|PM|AM)\b", re.IGNORECASE)
NUMBER = re.compile(r"(?:número de (?:pedido|confirmación|orden)(?: es)?|单号是?)\s*(\d+)", re.IGNORECASE)


def ticket_number(replies) -> int:
    found = NUMBER.search(" ".join(replies))
    assert found, replies
    return int(found.group(1))


def no_english(text: str) -> None:
    assert not ENGLISH.search(text), text


def test_a_spanish_phone_order_switches_voice_and_recognition_and_reaches_the_pos(stack):
    caller = "+14155550233"
    call = TwilioCall(stack, PIZZERIA_NUMBER, caller)

    async def conversation():
        twiml = await call.ring()
        assert twiml.find("Gather").get("language") == "en-US"
        twiml = await call.say(twiml, "hola, quiero dos pizzas grandes de pepperoni para llevar a las siete de la noche")
        gather = twiml.find("Gather")
        assert gather is not None, spoken(twiml)
        assert gather.get("language") == "es-US", gather.attrib
        assert {say.get("voice") for say in gather.iter("Say")} == {"Polly.Lupe-Neural"}, ElementTree.tostring(twiml)
        assert "nombre" in spoken(twiml).lower(), spoken(twiml)
        no_english(spoken(twiml))
        twiml = await call.say(twiml, "me llamo María")
        readback = spoken(twiml)
        assert "pepperoni" in readback and "María" in readback and "7:00 p. m." in readback, readback
        no_english(readback.replace("pepperoni", ""))
        twiml = await call.say(twiml, "sí, está bien")
        placed = spoken(twiml)
        no_english(placed)
        return ticket_number([placed])

    number = asyncio.run(conversation())
    [ticket] = [t for t in stored_tickets(stack, "tonys-pizzeria") if t["customer"]["phone"] == caller]
    assert ticket["number"] == number and ticket["channel"] == "voice" and ticket["customer"]["name"] == "María"
    assert ticket["language"] == "es"
    assert [(line["name"], line["variation"], line["quantity"]) for line in ticket["lines"]] == [("pepperoni pizza", "large", 2)]
    assert local(ticket["scheduled_for"], NEW_YORK).time() == time(19, 0)
    assert pushed_ticket(stack, "tonys-pizzeria", number).pos_id.startswith("house-tonys-pizzeria-")


def test_a_chinese_sms_booking_at_the_salon(stack):
    friday = upcoming(CHICAGO, 4, weeks_ahead=2)
    sms = TwilioSms(stack, BELLA_NUMBER, "+13125550266")

    async def conversation():
        replies = await sms.say(f"你好，我想{friday.month}月{friday.day}日下午3点找Maria剪头发")
        assert any(word in " ".join(replies) for word in ("称呼", "名字", "哪位")), replies
        readback = " ".join(await sms.say("我叫王芳"))
        for part in ("剪发", "Maria", "下午3点", "王芳", "$65"):
            assert part in readback, readback
        no_english(readback)
        placed = await sms.say("好的")
        no_english(" ".join(placed))
        return ticket_number(placed)

    number = asyncio.run(conversation())
    ticket = tickets_by_number(stack, "bella-salon")[number]
    assert ticket["kind"] == "appointment" and ticket["channel"] == "sms" and ticket["language"] == "zh"
    assert ticket["customer"]["name"] == "王芳" and ticket["customer"]["phone"] == "+13125550266"
    assert [line["item_id"] for line in ticket["lines"]] == ["haircut"]
    assert local(ticket["scheduled_for"], CHICAGO) == datetime.combine(friday, time(15), CHICAGO)
    assert ticket["details"]["stylist_id"] == "maria"


def open_day() -> date:
    """A weekday two to six days ahead (Rapid Rooter is closed on Sunday)."""
    today = datetime.now(CHICAGO).date()
    return next(today + timedelta(days=offset) for offset in range(2, 7) if (today + timedelta(days=offset)).weekday() != 6)


def test_a_spanish_service_request_by_email(stack):
    day = open_day()
    carlos = Emailer(stack, f"carlos.{uuid.uuid4().hex[:8]}@example.com", business=ROOTER_EMAIL,
                     subject="Fregadero tapado", name="Carlos Ruiz")
    asked = carlos.answer(f"Hola, buenas tardes:\n\nSe me tapó el fregadero de la cocina y el agua no baja. "
                          f"¿Pueden venir el {SPANISH_DAYS[day.weekday()]} por la mañana? La dirección es 14 Elm St.\n\n"
                          f"Saludos,\nCarlos")
    no_english(asked)
    asked = carlos.answer("No, ninguno.\n\nGracias")
    assert "nombre" in asked.lower(), asked
    asked = carlos.answer("Carlos Ruiz")
    assert "teléfono" in asked.lower() or "número" in asked.lower(), asked
    readback = carlos.answer("312 555 0142")
    for part in ("destape de drenaje", "14 Elm St", "Carlos Ruiz", SPANISH_DAYS[day.weekday()]):
        assert part in readback, readback
    no_english(readback.replace("Elm St", ""))
    placed = carlos.answer("Sí, por favor.\n\nCarlos")
    number = ticket_number([placed])

    ticket = tickets_by_number(stack, "rapid-rooter")[number]
    assert ticket["kind"] == "service_call" and ticket["channel"] == "email" and ticket["language"] == "es"
    assert ticket["address"] == "14 Elm St"
    assert ticket["customer"] == {"name": "Carlos Ruiz", "phone": "+13125550142", "email": carlos.address}
    assert [line["item_id"] for line in ticket["lines"]] == ["drain-cleaning"]
    assert local(ticket["scheduled_for"], CHICAGO).date() == day and local(ticket["scheduled_for"], CHICAGO).hour < 12
