"""Forms that end in a stored ticket: the caller's "yes" stores it, slots and all, in one transaction.

Storing at the confirmation (not after the form) means a slot that filled while the caller was talking
is caught inside the form: the caller hears the nearest free times and the form asks for a time again.
"""

import asyncio
import logging
from abc import abstractmethod
from typing import Any, Dict, List, Sequence, Text

from rasa_sdk import Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict
from sqlalchemy.exc import SQLAlchemyError

from actions.context import database, idempotency_key, latest_intent, now, playbook_for, with_caller_email
from actions.loyalty import REWARD_CLEARED, with_reward
from actions.request_form import RequestFormValidation, requested, slots_of
from actions.screening import escalate, escalation_of, said_so_far
from playbooks import Playbook
from pos.ticket import Ticket
from pos.ticket_store import store_ticket
from scheduling.reservations import Hold, SlotTaken

logger = logging.getLogger(__name__)


class TicketFormValidation(RequestFormValidation):
    @abstractmethod
    def build_ticket(self, tracker: Tracker, playbook: Playbook, key: str) -> Ticket:
        """The canonical ticket from the filled slots."""

    def holds(self, tracker: Tracker, playbook: Playbook) -> Sequence[Hold]:
        """The slots, windows or nights the ticket takes; none for trades that book no time."""
        return ()

    def slot_taken(self, dispatcher: CollectingDispatcher, tracker: Tracker, playbook: Playbook) -> Dict[Text, Any]:
        """Called in a worker thread when the time went to someone else: say the nearest free ones, clear the time."""
        return {}

    async def extract_confirmed(self, dispatcher, tracker: Tracker, domain) -> Dict[Text, Any]:
        if not requested(tracker, "confirmed"):
            return {}
        intent = latest_intent(tracker)
        if intent == "deny":
            return {"confirmed": None, "awaiting_change": True}
        if intent != "affirm":
            return {}
        playbook = playbook_for(tracker)
        if playbook is None:
            dispatcher.utter_message(response="utter_unknown_business")
            return {"confirmed": None}
        return await self.place(dispatcher, tracker, playbook)

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        """A "yes" to a request the owner's escalation rules keep for a person goes to staff, not the POS."""
        playbook = playbook_for(tracker)
        if playbook is not None and requested(tracker, "confirmed") and latest_intent(tracker) == "affirm":
            escalation = escalation_of(self.build_ticket(tracker, playbook, idempotency_key(tracker)), playbook,
                                       said_so_far(tracker))
            if escalation is not None:
                rule, reason = escalation
                await escalate(dispatcher, tracker, domain, playbook, rule.then, reason)
                return [ActiveLoop(None), SlotSet("requested_slot", None)] + [
                    SlotSet(slot, None) for slot in slots_of(self.form_name(), domain)]
        return await super().run(dispatcher, tracker, domain)

    async def place(self, dispatcher: CollectingDispatcher, tracker: Tracker, playbook: Playbook) -> Dict[Text, Any]:
        ticket = with_caller_email(with_reward(self.build_ticket(tracker, playbook, idempotency_key(tracker)), tracker), tracker)
        business_date = now().astimezone(playbook.timezone).date()
        try:
            holds = await asyncio.to_thread(self.holds, tracker, playbook)
            stored = await asyncio.to_thread(store_ticket, database(), ticket, business_date, holds=holds)
        except SlotTaken:
            changes = await asyncio.to_thread(self.slot_taken, dispatcher, tracker, playbook)
            return {"confirmed": None, **changes}
        except SQLAlchemyError:
            logger.exception("could not store the ticket for %s", playbook.id)
            dispatcher.utter_message(response="utter_request_not_saved")
            return {"confirmed": None}
        return {"confirmed": True, "ticket_number": str(stored.number), **{e["name"]: None for e in REWARD_CLEARED}}
