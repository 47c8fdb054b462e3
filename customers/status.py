"""Where a ticket stands, as staff and the caller see it.

`ticket_events` already records what the system did (stored, pending, pushed, failed). Staff add two
states from the ticket board: "ready" (the food, the phone, the car can be collected) and "done"
(collected, delivered, finished). The caller hears one of four states:

    received     stored, and not yet in the business's POS (or the push failed and staff enter it by hand)
    in_progress  in the POS: the kitchen or workshop has it
    ready        staff marked it ready
    done         staff marked it done

The latest staff state wins over anything the system recorded, so staff can also take "ready" back
by pressing "done" or "ready" again.
"""

from datetime import datetime, timezone
from typing import Dict, Iterable, Optional

from sqlalchemy import and_, insert, select

from storage import Database
from storage.tables import ticket_events, tickets

STAFF_STATES = ("ready", "done")
IN_POS = "pushed"


def _caller_state(states: Iterable[str]) -> str:
    """From one ticket's event states in the order they happened."""
    states = list(states)
    staff = [state for state in states if state in STAFF_STATES]
    if staff:
        return staff[-1]
    return "in_progress" if IN_POS in states else "received"


def ticket_statuses(db: Database, ticket_ids: Iterable[int]) -> Dict[int, str]:
    """The caller-facing state of each known ticket, in one query (the board shows a day's tickets)."""
    ids = sorted(set(ticket_ids))
    if not ids:
        return {}
    with db.engine.connect() as connection:
        rows = connection.execute(
            select(ticket_events.c.ticket_id, ticket_events.c.state)
            .where(ticket_events.c.ticket_id.in_(ids))
            .order_by(ticket_events.c.ticket_id, ticket_events.c.id)
        ).all()
    states: Dict[int, list] = {}
    for row in rows:
        states.setdefault(row.ticket_id, []).append(row.state)
    return {ticket_id: _caller_state(found) for ticket_id, found in states.items()}


def ticket_status(db: Database, ticket_id: int) -> Optional[str]:
    """"received", "in_progress", "ready" or "done"; None for a ticket we never stored."""
    return ticket_statuses(db, [ticket_id]).get(ticket_id)


def set_ticket_status(
    db: Database, business_id: str, ticket_id: int, state: str, now: Optional[datetime] = None
) -> bool:
    """Records a staff state for one of this business's tickets; False when the ticket is not theirs.

    Raises ValueError for a state staff cannot set (the system's own states are not theirs to fake).
    """
    if state not in STAFF_STATES:
        raise ValueError(f"staff can set {', '.join(STAFF_STATES)}, not {state!r}")
    with db.engine.begin() as connection:
        owned = connection.execute(
            select(tickets.c.id).where(and_(tickets.c.id == ticket_id, tickets.c.business_id == business_id))
        ).first()
        if owned is None:
            return False
        connection.execute(
            insert(ticket_events).values(
                ticket_id=ticket_id, at=now or datetime.now(timezone.utc), state=state, detail="staff"
            )
        )
    return True
