"""Seeds each conversation with the business it is for, the channel and the caller, from the connector's metadata."""

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, EventType, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.context import default_business_id
from playbooks import default_registry


class ActionSessionStart(Action):
    def name(self) -> Text:
        return "action_session_start"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        metadata = tracker.get_slot("session_started_metadata") or {}
        business_id = metadata.get("business_id") or (None if metadata else default_business_id())
        playbook = default_registry().by_id(business_id) if business_id else None
        events: List[EventType] = [SessionStarted()]
        events += [
            SlotSet("business_id", playbook.id if playbook else None),
            SlotSet("business_name", playbook.name if playbook else None),
            SlotSet("business_known", playbook is not None),
            SlotSet("trade", playbook.trade if playbook else None),
            SlotSet("channel", metadata.get("channel") or "web"),
            SlotSet("language", metadata.get("language") or "en"),
            SlotSet("caller_phone", metadata.get("caller_phone")),
        ]
        if business_id and playbook is None:
            dispatcher.utter_message(response="utter_unknown_business")
        events.append(ActionExecuted("action_listen"))
        return events
