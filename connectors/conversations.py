"""What a channel needs from Rasa outside a message: the conversation stored for a sender, whether its
session has run out, the channel's own lines from the domain, and whether staff have the conversation.

A sender declined twice today, a VIP the owner always puts through, a call that hung up mid-order, a text after
the business's session expiry, a picture or attachment the channel does not open: none of these is a message to
the assistant. Rasa's server keeps its agent (and so
its tracker store, domain and response generator) on the app as `app.ctx.agent`.
"""

import asyncio
import time
from dataclasses import dataclass
from typing import Any, Optional

from rasa.core.agent import Agent
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from handoff import hold, request_handoff, staff_have, take_over
from notify.staff import board_link, text_staff
from playbooks import Playbook
from playbooks.rules import TRANSFER, Vip
from pos.vip_group import vip_of
from safety.flags import rate_limited
from storage import Database

SESSION_START = "/session_start"


async def stored_conversation(agent: Optional[Agent], sender_id: str) -> Optional[DialogueStateTracker]:
    if agent is None or agent.tracker_store is None:
        return None
    return await agent.tracker_store.retrieve(sender_id)


def session_expired(conversation: Optional[DialogueStateTracker], minutes: float, now: Optional[float] = None) -> bool:
    """Whether the customer's last message is older than the business's session for this channel; the channel
    then sends SESSION_START first (Rasa's rules run action_session_start for it), so an old half-finished
    request does not come back."""
    last = conversation.get_last_event_for(UserUttered) if conversation is not None else None
    return last is not None and (time.time() if now is None else now) - last.timestamp > minutes * 60


async def channel_line(
    agent: Agent, conversation: Optional[DialogueStateTracker], sender_id: str, response_name: str, channel: str,
    **values: Any,
) -> str:
    """One of the domain's responses, chosen for the channel and the conversation's slots (its language), so
    designers edit what a channel says on its own like every other sentence."""
    tracker = conversation or DialogueStateTracker(sender_id, agent.domain.slots)
    generated = await agent.nlg.generate(response_name, tracker, channel, **values)
    return (generated or {}).get("text") or ""


RATE_LIMITED, KEPT_FOR_STAFF, VIP_FOR_STAFF = "rate_limited", "kept_for_staff", "vip_for_staff"


@dataclass(frozen=True)
class Turned:
    """Why a message does not reach the assistant; `vip` names the VIP whose conversation staff just took."""

    why: str
    vip: Optional[str] = None

    def __str__(self) -> str:
        return {RATE_LIMITED: "declined twice today", KEPT_FOR_STAFF: "kept for staff, who have the conversation",
                VIP_FOR_STAFF: "a VIP the owner always puts through: staff have the conversation"}[self.why]


def _vip_to_put_through(db: Database, playbook: Playbook, caller: str) -> Optional[Vip]:
    if playbook.rules.vip_then != TRANSFER:
        return None
    return vip_of(db, playbook, caller if "@" not in caller else None, caller if "@" in caller else None)


def _not_for_the_assistant(db: Database, playbook: Playbook, caller: str, sender_id: str, text: str) -> Optional[Turned]:
    if rate_limited(db, playbook.id, caller):
        return Turned(RATE_LIMITED)
    handoff_id = staff_have(db, sender_id)
    if handoff_id is not None:
        hold(db, handoff_id, text)
        return Turned(KEPT_FOR_STAFF)
    vip = _vip_to_put_through(db, playbook, caller)
    if vip is None:
        return None
    handoff_id = request_handoff(db, playbook.id, sender_id, "vip", False, f"VIP {vip.name}")
    take_over(db, handoff_id, sender_id)
    hold(db, handoff_id, text)
    return Turned(VIP_FOR_STAFF, vip.name)


async def not_for_the_assistant(db: Database, playbook: Playbook, caller: str, sender_id: str, text: str) -> Optional[Turned]:
    """Why a text or email does not reach the assistant, if it does not: the sender was declined twice today
    (safety/flags.py: nothing is answered), staff have taken the conversation over (handoff/takeover.py: the
    text is kept for them on the board), or the sender is a VIP the owner always puts through (staff take the
    conversation over now, with this text). One trip to the database, so messages keep their order."""
    return await asyncio.to_thread(_not_for_the_assistant, db, playbook, caller, sender_id, text)


async def tell_staff_vip_wrote(playbook: Playbook, vip: str, channel: str, text: str) -> None:
    """The text that puts a VIP through: staff have the conversation now and answer from their own phone or
    mailbox, handing it back on the board."""
    await text_staff(playbook, "vip", (
        f"{playbook.name}: VIP {vip} wrote by {channel}: \"{text[:200]}\" You have the conversation: answer them, "
        f"then press Done: {board_link(playbook.id)}"
    ))
