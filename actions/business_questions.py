"""Answers hours, address, menu, price and "can I talk to someone" from the business's playbook."""

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

import catalog
from actions.context import latest_intent, latest_text, playbook_for, staff_phone
from ordering.phrasing import spoken_list
from playbooks.facts import hours_text, menu_text


class ActionAnswerBusinessQuestion(Action):
    def name(self) -> Text:
        return "action_answer_business_question"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        playbook = playbook_for(tracker)
        if playbook is None:
            dispatcher.utter_message(response="utter_unknown_business")
            return []
        intent = latest_intent(tracker)
        if intent == "ask_hours":
            dispatcher.utter_message(response="utter_hours", hours=hours_text(playbook))
        elif intent == "ask_address":
            dispatcher.utter_message(response="utter_address", address=playbook.address)
        elif intent == "ask_menu":
            dispatcher.utter_message(response="utter_menu", menu=menu_text(playbook.catalog))
        elif intent == "request_human":
            dispatcher.utter_message(response="utter_human_contact", phone=staff_phone(playbook))
        return []


class ActionAnswerPrice(Action):
    def name(self) -> Text:
        return "action_answer_price"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        playbook = playbook_for(tracker)
        if playbook is None:
            dispatcher.utter_message(response="utter_unknown_business")
            return []
        prices = catalog.price_of(latest_text(tracker), playbook.catalog, tracker.get_slot("order_draft") or [])
        if prices:
            listed = spoken_list([f"{label} ${amount:.2f}" for label, amount in prices])
            dispatcher.utter_message(response="utter_price", prices=listed)
        elif tracker.get_slot("order_total") and tracker.get_slot("order_draft"):
            dispatcher.utter_message(response="utter_order_total_so_far", order_total=tracker.get_slot("order_total"))
        else:
            dispatcher.utter_message(response="utter_price_which_item")
        return []
