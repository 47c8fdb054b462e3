"""Read-only access, from a channel's webhook, to the conversation Rasa has stored for a sender.

A channel needs it for what happens outside a message: a call that hung up mid-order, a text that arrives
after the business's session expiry. Rasa's server keeps its agent (and so its tracker store) on the app.
"""

from typing import Optional

from rasa.shared.core.trackers import DialogueStateTracker
from sanic.request import Request


async def stored_conversation(request: Request, sender_id: str) -> Optional[DialogueStateTracker]:
    agent = getattr(request.app.ctx, "agent", None)
    if agent is None or agent.tracker_store is None:
        return None
    return await agent.tracker_store.retrieve(sender_id)
