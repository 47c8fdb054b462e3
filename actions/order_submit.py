"""Places a confirmed order: the ticket is stored (outbox first) and the caller hears its number, unless the
owner's escalation rules keep it for a person."""

import asyncio
import logging
from datetime import datetime
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.exc import SQLAlchemyError

from actions.context import database, idempotency_key, now, playbook_for, with_caller_email
from actions.loyalty import REWARD_CLEARED, with_reward
from actions.request_form import slots_of
from actions.screening import escalate, escalation_of, said_so_far
from ordering.ticket_builder import build_order_ticket
from pos.ticket_store import store_ticket

logger = logging.getLogger(__name__)

def reset_order(domain: Dict[Text, Any]) -> List[EventType]:
    return [SlotSet(slot, None) for slot in slots_of("order_form", domain)]


class ActionSubmitOrder(Action):
    def name(self) -> Text:
        return "action_submit_order"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        playbook = playbook_for(tracker)
        if playbook is None or not tracker.get_slot("confirmed"):
            return reset_order(domain)
        scheduled = datetime.fromisoformat(tracker.get_slot("pickup_time"))
        ticket = build_order_ticket(
            business_id=playbook.id,
            lines=tracker.get_slot("order_items"),
            fulfillment=tracker.get_slot("fulfillment"),
            scheduled_for=scheduled,
            customer_name=tracker.get_slot("customer_name"),
            customer_phone=tracker.get_slot("customer_phone"),
            channel=tracker.get_slot("channel") or "web",
            language=tracker.get_slot("language") or "en",
            conversation_id=tracker.sender_id,
            idempotency_key=idempotency_key(tracker),
            address=tracker.get_slot("delivery_address"),
        )
        ticket = with_caller_email(with_reward(ticket, tracker), tracker)
        escalation = escalation_of(ticket, playbook, said_so_far(tracker))
        if escalation is not None:
            rule, reason = escalation
            await escalate(dispatcher, tracker, domain, playbook, rule.then, reason)
            return reset_order(domain)
        business_date = now().astimezone(playbook.timezone).date()
        try:
            stored = await asyncio.to_thread(store_ticket, database(), ticket, business_date)
        except SQLAlchemyError:
            logger.exception("could not store the ticket for %s", playbook.id)
            dispatcher.utter_message(response="utter_order_not_saved")
            return []
        dispatcher.utter_message(response="utter_order_placed", ticket_number=str(stored.number))
        return [SlotSet("ticket_number", str(stored.number)), SlotSet("order_placed", True),
                *REWARD_CLEARED] + reset_order(domain)
