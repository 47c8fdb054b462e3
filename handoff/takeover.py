"""Staff take a text conversation over: once a customer asks for a person by SMS or email, the assistant keeps
quiet in that conversation, keeping what the customer writes for staff, until staff hand it back (Done on
the board closes the request, and the next message is the assistant's again).

Calls are put through instead (connectors/twilio_voice.py); a web chat has nobody waiting on the page for a
reply from staff, so there the assistant gives the number to call.
"""

from datetime import datetime, timezone
from typing import Dict, List, Optional, Sequence, Set

from sqlalchemy import insert, select

from storage import Database
from storage.tables import handoffs, held_messages, staff_takeovers

QUIET_CHANNELS = ("sms", "email")


def take_over(db: Database, handoff_id: int, conversation_id: str, now: Optional[datetime] = None) -> None:
    """From now until the request `handoff_id` is closed, staff have the conversation."""
    with db.engine.begin() as connection:
        connection.execute(insert(staff_takeovers).values(
            handoff_id=handoff_id, conversation_id=conversation_id, started_at=now or datetime.now(timezone.utc)))


def staff_have(db: Database, conversation_id: str) -> Optional[int]:
    """The open request that keeps the assistant quiet in this conversation, if any."""
    with db.engine.connect() as connection:
        return connection.execute(
            select(handoffs.c.id)
            .join(staff_takeovers, staff_takeovers.c.handoff_id == handoffs.c.id)
            .where(staff_takeovers.c.conversation_id == conversation_id, handoffs.c.state == "open")
            .order_by(staff_takeovers.c.started_at.desc())
            .limit(1)
        ).scalar()


def taken_over(db: Database, handoff_ids: Sequence[int]) -> Set[int]:
    """Which of these requests staff took the conversation over for (the board's "Hand back" button)."""
    if not handoff_ids:
        return set()
    with db.engine.connect() as connection:
        return set(connection.execute(
            select(staff_takeovers.c.handoff_id).where(staff_takeovers.c.handoff_id.in_(list(handoff_ids)))
        ).scalars())


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
