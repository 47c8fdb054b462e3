"""Answers availability questions from the schedule, in or out of a form; the form carries on afterwards."""

import asyncio
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.context import database, latest_text, now, playbook_for
from playbooks.model import Playbook
from scheduling import availability, duckling_client
from scheduling.calendar import Calendar
from scheduling.when import read_when


async def say_availability(dispatcher: CollectingDispatcher, tracker: Tracker, playbook: Playbook) -> None:
    """Two or three concrete options for what the latest message asks about, read from the schedule."""
    text, current, language = latest_text(tracker), now(), tracker.get_slot("language") or "en"
    entities = await duckling_client.parse(text, playbook.timezone_name, language, current, ["time"])
    when = read_when(entities, current.astimezone(playbook.timezone).date())
    found = await asyncio.to_thread(
        availability.answer, playbook, Calendar(playbook, database()), text, when, current, language
    )
    dispatcher.utter_message(response=found.response, **found.values)


class ActionAnswerAvailability(Action):
    def name(self) -> Text:
        return "action_answer_availability"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        playbook = playbook_for(tracker)
        if playbook is None:
            dispatcher.utter_message(response="utter_unknown_business")
            return []
        await say_availability(dispatcher, tracker, playbook)
        return []
