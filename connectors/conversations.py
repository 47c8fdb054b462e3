"""What a channel needs from Rasa outside a message: the conversation stored for a sender, whether its
session has run out, the channel's own lines from the domain, and whether staff have the conversation.

A sender declined twice today, a call that hung up mid-order, a text after the business's session expiry, a picture or attachment the
channel does not open: none of these is a message to the assistant. Rasa's server keeps its agent (and so
its tracker store, domain and response generator) on the app as `app.ctx.agent`.
"""

import asyncio
import time
from typing import Any, Optional

from rasa.core.agent import Agent
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from handoff import hold, staff_have
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


RATE_LIMITED, KEPT_FOR_STAFF = "rate_limited", "kept_for_staff"


def _not_for_the_assistant(db: Database, business_id: str, caller: str, sender_id: str, text: str) -> Optional[str]:
    if rate_limited(db, business_id, caller):
        return RATE_LIMITED
    handoff_id = staff_have(db, sender_id)
    if handoff_id is None:
        return None
    hold(db, handoff_id, text)
    return KEPT_FOR_STAFF


async def not_for_the_assistant(db: Database, business_id: str, caller: str, sender_id: str, text: str) -> Optional[str]:
    """Why a text or email does not reach the assistant, if it does not: the sender was declined twice today
    (safety/flags.py: nothing is answered), or staff have taken the conversation over (handoff/takeover.py:
    the text is kept for them on the board). One trip to the database, so messages keep their order."""
    return await asyncio.to_thread(_not_for_the_assistant, db, business_id, caller, sender_id, text)
