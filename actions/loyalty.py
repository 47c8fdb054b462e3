"""Loyalty points from the business's POS: "how many points do I have?" and "use my reward", in or out of a request.

The action only reads the tracker and asks the POS adapter; the chosen reward rides on the ticket
(`details`) and the worker applies it to the order in the POS once the order exists (pos/loyalty.py).
"""

import dataclasses
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.context import database, latest_entity, latest_intent, latest_text, playbook_for
from ordering.contact import normalise_phone, region_of
from pos.adapters import LOYALTY, PermanentPosError, TransientPosError, adapter_for
from pos.loyalty import REWARD_DETAIL, REWARD_ID_DETAIL, best_reward, spoken_rewards
from pos.ticket import Ticket


REWARD_CLEARED = (SlotSet("loyalty_reward_id", None), SlotSet("loyalty_reward", None))


def caller_phone(tracker: Tracker, region: str) -> Optional[str]:
    """The number the points are under: one given in this message, the one given for the order, or the caller's."""
    spoken = latest_entity(tracker, "phone-number")
    for candidate in (spoken, tracker.get_slot("customer_phone"), tracker.get_slot("caller_phone")):
        phone = normalise_phone(candidate, region) if candidate else None
        if phone:
            return phone
    return normalise_phone(latest_text(tracker), region)


def with_reward(ticket: Ticket, tracker: Tracker) -> Ticket:
    """The ticket carrying the reward the caller chose, for staff to see and the worker to apply."""
    reward_id = tracker.get_slot("loyalty_reward_id")
    if not reward_id:
        return ticket
    details = {**ticket.details, REWARD_DETAIL: tracker.get_slot("loyalty_reward") or "", REWARD_ID_DETAIL: reward_id}
    return dataclasses.replace(ticket, details=details)


class ActionLoyalty(Action):
    def name(self) -> Text:
        return "action_loyalty"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        playbook = playbook_for(tracker)
        if playbook is None:
            dispatcher.utter_message(response="utter_unknown_business")
            return []
        try:
            adapter = adapter_for(playbook, database())
        except PermanentPosError:
            adapter = None
        if adapter is None or LOYALTY not in adapter.capabilities:
            dispatcher.utter_message(response="utter_loyalty_not_offered")
            return []
        phone = caller_phone(tracker, region_of(playbook.phone_numbers))
        if phone is None:
            dispatcher.utter_message(response="utter_loyalty_need_phone")
            return []
        try:
            account = await adapter.loyalty_account(phone)
        except (TransientPosError, PermanentPosError):
            dispatcher.utter_message(response="utter_loyalty_unavailable")
            return []
        if account is None:
            dispatcher.utter_message(response="utter_loyalty_not_enrolled", phone=phone)
            return []
        affordable = account.affordable()
        if latest_intent(tracker) == "redeem_reward":
            reward = best_reward(account)
            if reward is None:
                dispatcher.utter_message(response="utter_loyalty_not_enough", points=account.points)
                return []
            dispatcher.utter_message(response="utter_loyalty_reward_applied", reward=reward.name)
            return [SlotSet("loyalty_reward_id", reward.id), SlotSet("loyalty_reward", reward.name)]
        if affordable:
            dispatcher.utter_message(response="utter_loyalty_points_with_rewards", points=account.points,
                                     rewards=spoken_rewards(affordable))
            return []
        upcoming = sorted(account.rewards, key=lambda reward: reward.points)
        if upcoming:
            dispatcher.utter_message(response="utter_loyalty_points_next_reward", points=account.points,
                                     next_reward=upcoming[0].name, next_points=upcoming[0].points)
        else:
            dispatcher.utter_message(response="utter_loyalty_points", points=account.points)
        return []
