"""The SMS channel over the real stack, signed as Twilio sends: a picture without words gets the polite note (the
assistant is not bothered), and the hardware store's long catalog comes back as several texts, in order."""

import asyncio
from pathlib import Path
from xml.etree import ElementTree

from connectors.sms_split import MAX_SEGMENTS, segments
from playbooks import PlaybookRegistry
from playbooks.facts import menu_text
from tests.e2e.clients import TwilioSms

HARDWARE_NUMBER = "+15005550707"


def test_a_picture_gets_the_note_and_a_long_catalog_comes_in_order(stack):
    sms = TwilioSms(stack, HARDWARE_NUMBER, "+14155550818")
    catalog = PlaybookRegistry(Path(stack["playbooks"])).by_id("corner-hardware").catalog
    menu = f"Here's what we have — {menu_text(catalog)}."

    async def conversation():
        picture = {**sms.form(""), "NumMedia": "1", "MediaContentType0": "image/jpeg",
                   "MediaUrl0": "https://api.twilio.com/2010-04-01/Accounts/AC0/Messages/MM1/Media/ME1"}
        status, twiml = await sms.post(picture)
        assert status == 200, twiml
        [note] = [message.text for message in ElementTree.fromstring(twiml).iter("Message")]
        assert note == "Sorry, we can't open pictures or recordings sent by text. Could you describe it in words?"
        return await sms.say("what do you guys sell")

    texts = asyncio.run(conversation())
    assert len(texts) > 1 and all(segments(text) <= MAX_SEGMENTS for text in texts), texts
    assert texts[0].startswith("Here's what we have") and texts[-1].endswith("WD-40."), texts
    assert " ".join(texts).split() == menu.split()
