"""Places a confirmed order: the ticket is stored (outbox first) and the caller hears its number."""

import asyncio
import hashlib
import logging
from datetime import datetime
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.exc import SQLAlchemyError

from actions.context import database, now, playbook_for
from ordering.ticket_builder import build_order_ticket
from pos.ticket_store import store_ticket

logger = logging.getLogger(__name__)

ORDER_SLOTS = (
    "order_draft",
    "order_items",
    "pending_item",
    "pending_options",
    "order_summary",
    "order_total",
    "fulfillment",
    "delivery_address",
    "pickup_time",
    "pickup_time_spoken",
    "order_confirmed",
    "awaiting_change",
)


def reset_order() -> List[EventType]:
    return [SlotSet(slot, None) for slot in ORDER_SLOTS]


def _idempotency_key(tracker: Tracker) -> str:
    """Same conversation and same confirming message give the same key, so a retried action stores once."""
    confirming = next((e for e in reversed(tracker.events) if e.get("event") == "user"), {})
    return hashlib.sha256(f"{tracker.sender_id}:{confirming.get('timestamp')}".encode()).hexdigest()[:32]


class ActionSubmitOrder(Action):
    def name(self) -> Text:
        return "action_submit_order"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        playbook = playbook_for(tracker)
        if playbook is None or not tracker.get_slot("order_confirmed"):
            return reset_order()
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
            idempotency_key=_idempotency_key(tracker),
            address=tracker.get_slot("delivery_address"),
        )
        business_date = now().astimezone(playbook.timezone).date()
        try:
            stored = await asyncio.to_thread(store_ticket, database(), ticket, business_date)
        except SQLAlchemyError:
            logger.exception("could not store the ticket for %s", playbook.id)
            dispatcher.utter_message(response="utter_order_not_saved")
            return []
        dispatcher.utter_message(response="utter_order_placed", ticket_number=str(stored.number))
        return [SlotSet("ticket_number", str(stored.number)), SlotSet("order_placed", True)] + reset_order()


class ActionCancelOrder(Action):
    def name(self) -> Text:
        return "action_cancel_order"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        in_progress = tracker.active_loop.get("name") or tracker.get_slot("order_draft")
        dispatcher.utter_message(response="utter_order_cancelled" if in_progress else "utter_nothing_to_cancel")
        return ([ActiveLoop(None)] if tracker.active_loop.get("name") else []) + reset_order()
