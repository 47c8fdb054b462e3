"""Answers "is my phone ready?" and "what time is my appointment?" from our ticket store.

The caller is looked up by a number they just gave, else the number on this request (customer_phone),
else the number they call or text from, or their email address. With none of these (web chat) the
assistant asks for the number the booking was made under; a story sends the answer back here.
"""

import asyncio
import logging
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.exc import SQLAlchemyError

from actions.context import database, latest_entity, latest_intent, latest_text, now, playbook_for
from customers.answers import status_answer
from ordering.contact import normalise_phone, region_of

logger = logging.getLogger(__name__)


def phone_to_look_up(tracker: Tracker, region: str) -> Optional[str]:
    spoken = latest_entity(tracker, "phone-number")
    if spoken:
        return normalise_phone(spoken, region)
    if latest_intent(tracker) == "inform":
        typed = normalise_phone(latest_text(tracker), region)
        if typed:
            return typed
    given = tracker.get_slot("customer_phone") or tracker.get_slot("caller_phone")
    return normalise_phone(given, region) if given else None


class ActionCheckStatus(Action):
    def name(self) -> Text:
        return "action_check_status"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        playbook = playbook_for(tracker)
        if playbook is None:
            dispatcher.utter_message(response="utter_unknown_business")
            return []
        region = region_of(playbook.phone_numbers)
        phone = phone_to_look_up(tracker, region)
        email = tracker.get_slot("caller_email")
        if not (phone or email):
            dispatcher.utter_message(response="utter_status_which_number")
            return []
        try:
            answer = await asyncio.to_thread(status_answer, database(), playbook, phone, email, now(), region,
                                           tracker.get_slot("language") or "en")
        except SQLAlchemyError:
            logger.exception("could not look up the status for %s", playbook.id)
            dispatcher.utter_message(response="utter_status_unavailable", phone=playbook.staff_contact)
            return []
        dispatcher.utter_message(response=answer.response, phone=playbook.staff_contact, **answer.values)
        return []
