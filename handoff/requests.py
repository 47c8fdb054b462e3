"""Records that a conversation needs a person and why (asked, unclear twice, medical emergency, a call that
ended mid-order, a caller waiting for a callback, the owner's rule, a caller declined for abuse or a prank).

The board lists the open requests ("Needs a person"); staff close them there once dealt with.
"""

from datetime import datetime, timezone
from typing import Any, Dict, List, Optional

from sqlalchemy import insert, select, update

from storage import Database
from storage.tables import handoffs

REASONS = (
    "asked", "unclear", "medical_emergency", "playbook_rule", "pos_rejected", "missed_call", "callback", "declined", "vip",
    "deposit_unpaid",
)


def request_handoff(
    db: Database, business_id: str, conversation_id: str, reason: str, urgent: bool = False,
    summary: str = "", now: Optional[datetime] = None,
) -> int:
    if reason not in REASONS:
        raise ValueError(f"unknown handoff reason {reason!r}")
    with db.engine.begin() as connection:
        return connection.execute(
            insert(handoffs).values(
                business_id=business_id,
                conversation_id=conversation_id,
                reason=reason,
                urgent=urgent,
                summary=summary,
                state="open",
                created_at=now or datetime.now(timezone.utc),
            )
        ).inserted_primary_key[0]


def open_handoffs(db: Database, business_id: str) -> List[Dict[str, Any]]:
    """Urgent first, then oldest first: what staff should pick up next."""
    with db.engine.connect() as connection:
        rows = connection.execute(
            select(handoffs)
            .where(handoffs.c.business_id == business_id, handoffs.c.state == "open")
            .order_by(handoffs.c.urgent.desc(), handoffs.c.created_at)
        ).mappings()
        return [dict(row) for row in rows]


def handoffs_for_conversation(db: Database, conversation_id: str) -> List[Dict[str, Any]]:
    """Every request a conversation raised, open or closed: a channel checks it before raising another."""
    with db.engine.connect() as connection:
        rows = connection.execute(
            select(handoffs).where(handoffs.c.conversation_id == conversation_id).order_by(handoffs.c.created_at)
        ).mappings()
        return [dict(row) for row in rows]


def close_handoff(db: Database, business_id: str, handoff_id: int) -> bool:
    """Staff dealt with it (the Done button on the board); False unless it is an open request of this business,
    so one business's board cannot close another's."""
    with db.engine.begin() as connection:
        closed = connection.execute(
            update(handoffs)
            .where(handoffs.c.id == handoff_id, handoffs.c.business_id == business_id, handoffs.c.state == "open")
            .values(state="closed")
        ).rowcount
    return closed == 1
