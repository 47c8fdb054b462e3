"""The caller's message was abuse, a prank name or an impossible place (intent abusive_or_prank): decline."""

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.context import latest_text, playbook_for
from actions.request_form import slots_of
from actions.screening import decline, screened
from safety.abuse import INSULT
from safety.screening import screen_text


class ActionDeclineCaller(Action):
    def name(self) -> Text:
        return "action_decline_caller"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        playbook = playbook_for(tracker)
        if playbook is None:
            dispatcher.utter_message(response="utter_decline_prank")
            return []
        kind = screen_text(latest_text(tracker), playbook) or await screened(tracker, playbook) or INSULT
        form = tracker.active_loop.get("name")
        return await decline(dispatcher, tracker, playbook, kind, slots_of(form, domain) if form else ())
