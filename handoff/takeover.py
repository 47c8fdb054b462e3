"""Staff take a text conversation over: once a customer asks for a person by SMS or email, the assistant keeps
quiet in that conversation, keeping what the customer writes for staff, until staff hand it back (Done on
the board closes the request, and the next message is the assistant's again).

Calls are put through instead (connectors/twilio_voice.py); a web chat has nobody waiting on the page for a
reply from staff, so there the assistant gives the number to call.
"""

from datetime import datetime, timezone
from typing import Any, Dict, List, Optional, Sequence

from sqlalchemy import insert, select

from storage import Database
from storage.tables import handoffs, held_messages

QUIET_CHANNELS = ("sms", "email")
TAKEN_OVER_REASON = "asked"


def holds_conversation(handoff: Dict[str, Any]) -> bool:
    """Whether this open request keeps the assistant quiet: a person asked for by SMS or email."""
    return handoff["reason"] == TAKEN_OVER_REASON and handoff["conversation_id"].partition(":")[0] in QUIET_CHANNELS


def staff_have(db: Database, conversation_id: str) -> Optional[int]:
    """The open request for a person that keeps the assistant quiet in this conversation, if any."""
    with db.engine.connect() as connection:
        return connection.execute(
            select(handoffs.c.id)
            .where(handoffs.c.conversation_id == conversation_id, handoffs.c.state == "open",
                   handoffs.c.reason == TAKEN_OVER_REASON)
            .order_by(handoffs.c.created_at.desc(), handoffs.c.id.desc())
            .limit(1)
        ).scalar()


def hold(db: Database, handoff_id: int, text: str, now: Optional[datetime] = None) -> None:
    with db.engine.begin() as connection:
        connection.execute(insert(held_messages).values(
            handoff_id=handoff_id, text=text, received_at=now or datetime.now(timezone.utc)))


def held(db: Database, handoff_ids: Sequence[int]) -> Dict[int, List[str]]:
    """What each request's customer wrote while waiting, oldest first."""
    if not handoff_ids:
        return {}
    with db.engine.connect() as connection:
        rows = connection.execute(
            select(held_messages.c.handoff_id, held_messages.c.text)
            .where(held_messages.c.handoff_id.in_(list(handoff_ids)))
            .order_by(held_messages.c.received_at, held_messages.c.id)
        ).all()
    kept: Dict[int, List[str]] = {}
    for handoff_id, text in rows:
        kept.setdefault(handoff_id, []).append(text)
    return kept
