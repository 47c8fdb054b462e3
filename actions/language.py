"""Fills the `language` slot after every message the caller sends (the slot's custom mapping).

The rules live in languages/choice.py; this reads the tracker and the business's playbook. A caller who
writes in a language the business has not enabled hears once, in a language it has, that we cannot help
in theirs and how to reach a person; asking for it by name gets the same answer from the dialogue.
"""

from typing import Any, Dict, Iterable, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.context import latest_intent, latest_text, playbook_for
from languages import SUPPORTED
from languages.choice import choose
from ordering.phrasing import spoken_list
from playbooks import Playbook

LANGUAGE_NAMES = {
    "en": {"en": "English", "es": "Spanish", "zh": "Chinese"},
    "es": {"en": "inglés", "es": "español", "zh": "chino"},
    "zh": {"en": "英文", "es": "西班牙语", "zh": "中文"},
}


def names_in(playbook: Playbook) -> Iterable[str]:
    """Item and staff names: said in any language, they are not evidence of one."""
    for item in playbook.catalog.items:
        yield item.name
        yield from item.aliases
    for person in playbook.booking.staff:
        yield person.name
        yield from person.aliases


def first_message(tracker: Tracker) -> bool:
    return sum(1 for event in tracker.events_after_latest_restart() if event.get("event") == "user") <= 1


def offered_languages(playbook: Playbook, language: str) -> str:
    """"English or Spanish", in the language being spoken."""
    return spoken_list([LANGUAGE_NAMES[language][code] for code in playbook.languages], "or", language)


class ActionDetectLanguage(Action):
    def name(self) -> Text:
        return "action_detect_language"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        playbook = playbook_for(tracker)
        current = tracker.get_slot("language") or "en"
        offered = playbook.languages if playbook else SUPPORTED
        text = latest_text(tracker)
        if not text or text.startswith("/"):
            return []
        choice = choose(current, text, offered, first_message(tracker), names_in(playbook) if playbook else ())
        events: List[EventType] = []
        if choice.language != current:
            events.append(SlotSet("language", choice.language))
        if choice.declined:
            events.append(SlotSet("language_not_offered", choice.not_offered))
            already_told = tracker.get_slot("language_not_offered") is not None
            if not already_told and latest_intent(tracker) != "ask_language" and playbook is not None:
                dispatcher.utter_message(response="utter_language_not_offered",
                                         offered_languages=offered_languages(playbook, choice.language))
        return events
