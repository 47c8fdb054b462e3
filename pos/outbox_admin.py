"""What staff and operators ask of the outbox: what is pending, pushed or failed and why; push a failed ticket again."""

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import List, Optional

from sqlalchemy import and_, insert, select, update

from storage import Database
from storage.tables import outbox, ticket_events, tickets


@dataclass(frozen=True)
class OutboxEntry:
    ticket_id: int
    business_id: str
    number: int
    business_date: str
    kind: str
    state: str
    attempts: int
    next_attempt_at: Optional[datetime]
    last_error: Optional[str]
    pos_id: Optional[str]
    updated_at: datetime


def outbox_entries(db: Database, business_id: Optional[str] = None, state: Optional[str] = None) -> List[OutboxEntry]:
    """Newest first; optionally one business or one state (pending, in_flight, pushed, failed)."""
    query = (
        select(
            tickets.c.id, tickets.c.business_id, tickets.c.number, tickets.c.business_date, tickets.c.kind,
            tickets.c.pos_id, outbox.c.state, outbox.c.attempts, outbox.c.next_attempt_at, outbox.c.last_error,
            outbox.c.updated_at,
        )
        .select_from(outbox.join(tickets, tickets.c.id == outbox.c.ticket_id))
        .order_by(outbox.c.updated_at.desc(), tickets.c.id.desc())
    )
    if business_id:
        query = query.where(tickets.c.business_id == business_id)
    if state:
        query = query.where(outbox.c.state == state)
    with db.engine.connect() as connection:
        rows = connection.execute(query).all()
    return [
        OutboxEntry(row.id, row.business_id, row.number, row.business_date.isoformat(), row.kind, row.state,
                    row.attempts, row.next_attempt_at, row.last_error, row.pos_id, row.updated_at)
        for row in rows
    ]


def ticket_history(db: Database, ticket_id: int) -> List[tuple]:
    """Every state change of one ticket, with its time and detail."""
    with db.engine.connect() as connection:
        return [tuple(row) for row in connection.execute(
            select(ticket_events.c.at, ticket_events.c.state, ticket_events.c.detail)
            .where(ticket_events.c.ticket_id == ticket_id).order_by(ticket_events.c.id)
        ).all()]


class NotReplayable(Exception):
    pass


def replay(db: Database, ticket_id: int, who: str = "operator", now: Optional[datetime] = None) -> None:
    """Queues a failed ticket for an immediate push (after the cause is fixed: credentials, a catalog id).

    Only failed tickets: a pushed one would be pushed twice, a pending one is already queued.
    """
    now = now or datetime.now(timezone.utc)
    with db.engine.begin() as connection:
        changed = connection.execute(
            update(outbox)
            .where(and_(outbox.c.ticket_id == ticket_id, outbox.c.state == "failed"))
            .values(state="pending", next_attempt_at=now, claimed_until=None, updated_at=now)
        ).rowcount
        if not changed:
            state = connection.execute(select(outbox.c.state).where(outbox.c.ticket_id == ticket_id)).scalar()
            raise NotReplayable(f"ticket {ticket_id} is {state or 'not in the outbox'}; only failed tickets are replayed")
        connection.execute(insert(ticket_events).values(ticket_id=ticket_id, at=now, state="pending", detail=f"replayed by {who}"))
