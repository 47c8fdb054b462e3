"""Answers hours, address, menu, price and "can I talk to someone" from the business's playbook.

Asking for a person is recorded for staff with what was taken so far; on a call the response's voice
variation puts the caller through (connectors/twilio_voice.py); by SMS or email staff take the conversation
over (handoff/takeover.py).
"""

import asyncio
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

import catalog
from actions.context import database, hours_said, latest_intent, latest_text, playbook_for
from actions.language import offered_languages
from handoff import QUIET_CHANNELS, conversation_summary, request_handoff, take_over
from handoff.asking import asks_for_person
from languages.choice import asked_for
from notify.staff import board_link, text_staff
from ordering.phrasing import spoken_list, spoken_price
from playbooks.facts import items_named, menu_text, turnaround_minutes
from scheduling.formatting import spoken_duration


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
            dispatcher.utter_message(response="utter_hours",
                                     hours=hours_said(playbook, tracker.get_slot("language") or "en"))
        elif intent == "ask_address":
            dispatcher.utter_message(response="utter_address", address=playbook.address)
        elif intent == "ask_menu":
            dispatcher.utter_message(response="utter_menu",
                                     menu=menu_text(playbook.catalog, tracker.get_slot("language") or "en"))
        elif intent == "ask_if_offered":
            self._answer_offered(dispatcher, tracker, playbook)
        elif intent == "ask_turnaround":
            self._answer_turnaround(dispatcher, tracker, playbook)
        elif intent == "request_human":
            await self._hand_off(dispatcher, tracker, domain, playbook)
        elif intent == "ask_language":
            self._answer_language(dispatcher, tracker, playbook)
        return []

    @staticmethod
    def _answer_language(dispatcher: CollectingDispatcher, tracker: Tracker, playbook) -> None:
        """The language was already switched (action_detect_language); say so, or say we cannot."""
        wanted = asked_for(latest_text(tracker))
        if wanted is not None and wanted not in playbook.languages:
            language = tracker.get_slot("language") or playbook.languages[0]
            dispatcher.utter_message(response="utter_language_not_offered",
                                     offered_languages=offered_languages(playbook, language))
        else:
            dispatcher.utter_message(response="utter_language_switched")

    @staticmethod
    async def _hand_off(dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any], playbook) -> None:
        """Recorded for staff with what was taken so far. By SMS or email staff take the conversation over (the
        assistant keeps quiet until they hand it back) and are texted; elsewhere the caller gets the number.
        Going quiet needs the phrase reader to hear the request too: the model alone also takes "is the owner
        Italian?" for one, and a customer wrongly left waiting for staff costs more than being given a number."""
        form = tracker.active_loop.get("name")
        form_slots = domain.get("forms", {}).get(form, {}).get("required_slots", []) if form else []
        summary = conversation_summary(tracker.current_slot_values(), form_slots)
        handoff_id = await asyncio.to_thread(
            request_handoff, database(), playbook.id, tracker.sender_id, "asked", False, summary)
        channel = tracker.get_slot("channel")
        if channel not in QUIET_CHANNELS or not asks_for_person(latest_text(tracker)):
            dispatcher.utter_message(response="utter_human_contact", phone=playbook.staff_contact)
            return
        await asyncio.to_thread(take_over, database(), handoff_id, tracker.sender_id)
        dispatcher.utter_message(response="utter_staff_take_over", phone=playbook.staff_contact)
        customer = tracker.get_slot("caller_phone") or tracker.get_slot("caller_email") or "a customer"
        await text_staff(playbook, "asked", (
            f"{playbook.name}: {customer} asked for a person by {'text' if channel == 'sms' else 'email'}. "
            f"{summary or 'Nothing taken yet.'} The assistant is quiet in that conversation until you press Done: "
            f"{board_link(playbook.id)}"
        ))

    @staticmethod
    def _answer_offered(dispatcher: CollectingDispatcher, tracker: Tracker, playbook) -> None:
        items = items_named(latest_text(tracker), playbook.catalog)
        if items:
            offered = spoken_list([item.name for item in items], "or", tracker.get_slot("language") or "en")
            dispatcher.utter_message(response="utter_we_offer", offered=offered)
        else:
            dispatcher.utter_message(response="utter_not_on_our_list",
                                     menu=menu_text(playbook.catalog, tracker.get_slot("language") or "en"))

    @staticmethod
    def _answer_turnaround(dispatcher: CollectingDispatcher, tracker: Tracker, playbook) -> None:
        found = turnaround_minutes(latest_text(tracker), playbook)
        if found is None:
            dispatcher.utter_message(response="utter_turnaround_unknown", phone=playbook.staff_contact)
            return
        item, minutes = found
        duration = spoken_duration(minutes, tracker.get_slot("language") or "en")
        if item:
            dispatcher.utter_message(response="utter_turnaround_item", item=item.name, duration=duration)
        else:
            dispatcher.utter_message(response="utter_turnaround_usual", duration=duration)


class ActionAnswerPrice(Action):
    def name(self) -> Text:
        return "action_answer_price"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        playbook = playbook_for(tracker)
        if playbook is None:
            dispatcher.utter_message(response="utter_unknown_business")
            return []
        prices = catalog.price_of(latest_text(tracker), playbook.catalog, tracker.get_slot("order_draft") or [],
                                  tracker.get_slot("language") or "en")
        if prices:
            language = tracker.get_slot("language") or "en"
            listed = spoken_list([spoken_price(label, amount, language) for label, amount in prices], "or", language)
            dispatcher.utter_message(response="utter_price", prices=listed)
        elif tracker.get_slot("order_total") and tracker.get_slot("order_draft"):
            dispatcher.utter_message(response="utter_order_total_so_far", order_total=tracker.get_slot("order_total"))
        else:
            dispatcher.utter_message(response="utter_price_which_item")
        return []
