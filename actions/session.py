"""Seeds each conversation with the business it is for, the channel and the caller, from the connector's metadata.

A caller whose phone number (or email address) this business already knows is greeted back by name, and
their name is not asked for again; a VIP from the owner's rules (or the POS customer group they name) is greeted
by name and offered a person.
"""

import asyncio
import logging
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, EventType, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.exc import SQLAlchemyError

from actions.context import database, default_business_id
from customers import known_customer
from ordering.contact import normalise_phone, region_of
from handoff import request_handoff
from playbooks import Playbook, default_registry
from playbooks.rules import TRANSFER, Vip
from pos.vip_group import vip_of

logger = logging.getLogger(__name__)


async def returning_caller(playbook: Playbook, phone: Optional[str], email: Optional[str]) -> List[EventType]:
    """The slots for a caller this business knows by name; none for a stranger or when the lookup fails."""
    if not (phone or email):
        return []
    try:
        known = await asyncio.to_thread(
            known_customer, database(), playbook.id, phone, email, region_of(playbook.phone_numbers)
        )
    except SQLAlchemyError:
        logger.exception("could not look up the caller for %s; greeting them as new", playbook.id)
        return []
    if known is None or not known.name:
        return []
    return [SlotSet("returning_customer", known.name), SlotSet("customer_name", known.name), SlotSet("known_caller", True)]


async def known_vip(playbook: Playbook, phone: Optional[str], email: Optional[str]) -> Optional[Vip]:
    """The caller as one of the owner's VIPs (the playbook's list, or the POS customer group as last synced);
    None when they are not, or when the lookup fails (they are then served like anyone else)."""
    try:
        return await asyncio.to_thread(vip_of, database(), playbook, phone, email)
    except SQLAlchemyError as error:
        logger.error("could not look up the VIP group for %s (%s); treating the caller as not a VIP",
                     playbook.id, type(error).__name__)
        return None


async def vip_caller(playbook: Playbook, phone: Optional[str], email: Optional[str], channel: str,
                     conversation_id: str) -> List[EventType]:
    """A VIP in the playbook's rules or in the owner's POS customer group is greeted by name and offered a person
    (or, on a call, put straight through: the greeting's voice variation transfers, and the handoff is recorded
    here with its reason)."""
    vip = await known_vip(playbook, phone, email)
    if vip is None:
        return []
    if playbook.rules.vip_then == TRANSFER and channel == "voice":
        await asyncio.to_thread(request_handoff, database(), playbook.id, conversation_id, "vip", False, f"VIP {vip.name}")
    return [SlotSet("returning_customer", vip.name), SlotSet("customer_name", vip.name), SlotSet("known_caller", False),
            SlotSet("vip", playbook.rules.vip_then)]


def opening_language(asked: Optional[str], playbook: Optional[Playbook]) -> str:
    """The channel's hint (a browser's language) if the business offers it, else the business's first language."""
    offered = playbook.languages if playbook else ("en",)
    return asked if asked in offered else offered[0]


class ActionSessionStart(Action):
    def name(self) -> Text:
        return "action_session_start"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        metadata = tracker.get_slot("session_started_metadata") or tracker.latest_message.get("metadata") or {}
        business_id = metadata.get("business_id") or (None if metadata else default_business_id())
        playbook = default_registry().by_id(business_id) if business_id else None
        region = region_of(playbook.phone_numbers) if playbook else "US"
        caller_phone = metadata.get("caller_phone")
        caller_email = metadata.get("caller_email")
        events: List[EventType] = [SessionStarted()]
        events += [
            SlotSet("business_id", playbook.id if playbook else None),
            SlotSet("business_name", playbook.name if playbook else None),
            SlotSet("business_known", playbook is not None),
            SlotSet("trade", playbook.trade if playbook else None),
            SlotSet("channel", metadata.get("channel") or "web"),
            SlotSet("language", opening_language(metadata.get("language"), playbook)),
            SlotSet("caller_phone", caller_phone),
            SlotSet("caller_email", caller_email),
        ]
        if playbook is not None:
            phone = normalise_phone(caller_phone, region) if caller_phone else None
            events += (await vip_caller(playbook, phone, caller_email, metadata.get("channel") or "web", tracker.sender_id)
                       or await returning_caller(playbook, phone, caller_email))
        if business_id and playbook is None:
            dispatcher.utter_message(response="utter_unknown_business")
        events.append(ActionExecuted("action_listen"))
        return events
