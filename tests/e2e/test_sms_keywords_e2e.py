"""STOP, HELP and START over the real SMS webhook, signed as Twilio sends them: after STOP the number hears nothing
(its order text is not answered), HELP is answered still, START brings the assistant back."""

import asyncio

from sqlalchemy import select

from storage import Database
from storage.tables import sms_opt_outs
from tests.e2e.clients import TwilioSms

NOODLE_NUMBER = "+15005550202"


def opted_out_numbers(stack, business_id):
    database = Database(stack["database_url"])
    try:
        with database.engine.connect() as connection:
            return connection.execute(
                select(sms_opt_outs.c.phone).where(sms_opt_outs.c.business_id == business_id)).scalars().all()
    finally:
        database.dispose()


def test_stop_silences_the_number_until_start_and_help_always_answers(stack):
    sms = TwilioSms(stack, NOODLE_NUMBER, "+14155550777")

    async def conversation():
        [confirmation] = await sms.say("STOP")
        assert confirmation.startswith("Lucky Noodle Thai Kitchen: you're unsubscribed"), confirmation
        assert await sms.say("can I get a pad see ew for pickup") == []
        [help_text] = await sms.say("Ayuda")
        assert "Lucky Noodle" in help_text and "PARAR" in help_text, help_text
        assert opted_out_numbers(stack, "lucky-noodle") == ["+14155550777"]
        [welcome_back] = await sms.say("start")
        assert "resubscribed" in welcome_back, welcome_back
        replies = await sms.say("hi")
        assert replies and "Lucky Noodle" in " ".join(replies), replies

    asyncio.run(conversation())
    assert opted_out_numbers(stack, "lucky-noodle") == []
