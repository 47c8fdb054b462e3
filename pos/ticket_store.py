"""Writes a ticket, its slots, outbox row, first event and customer in one transaction, before any POS call.

The caller is told the ticket number only after this commit, so a confirmed order always exists here, and a
booking whose slot filled meanwhile (SlotTaken) leaves nothing behind.
"""

import json
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Any, Dict, List, Optional, Sequence

from sqlalchemy import and_, func, insert, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection

from pos.ticket import Ticket
from scheduling.reservations import Hold, reserve
from storage import Database
from storage.tables import customers, outbox, ticket_counters, ticket_events, tickets


@dataclass(frozen=True)
class StoredTicket:
    id: int
    number: int
    business_date: date
    idempotency_key: str
    created: bool


def _insert_ignoring_conflict(connection: Connection, table, values: Dict[str, Any], keys: List[str]) -> None:
    dialect_insert = pg_insert if connection.dialect.name == "postgresql" else sqlite_insert
    connection.execute(dialect_insert(table).values(**values).on_conflict_do_nothing(index_elements=keys))


def _next_number(connection: Connection, business_id: str, business_date: date) -> int:
    """Per business per local day; the UPDATE's row lock serialises concurrent writers."""
    _insert_ignoring_conflict(
        connection,
        ticket_counters,
        {"business_id": business_id, "business_date": business_date, "last_number": 0},
        ["business_id", "business_date"],
    )
    key = and_(ticket_counters.c.business_id == business_id, ticket_counters.c.business_date == business_date)
    connection.execute(update(ticket_counters).where(key).values(last_number=ticket_counters.c.last_number + 1))
    return connection.execute(select(ticket_counters.c.last_number).where(key)).scalar_one()


def _remember_customer(connection: Connection, ticket: Ticket, now: datetime) -> None:
    phone = ticket.customer.phone
    if not phone:
        return
    key = and_(customers.c.business_id == ticket.business_id, customers.c.phone == phone)
    values = {"name": ticket.customer.name, "email": ticket.customer.email, "last_seen": now}
    if connection.execute(update(customers).where(key).values(**values)).rowcount == 0:
        _insert_ignoring_conflict(
            connection, customers, {"business_id": ticket.business_id, "phone": phone, **values}, ["business_id", "phone"]
        )


def store_ticket(
    db: Database, ticket: Ticket, business_date: date, now: Optional[datetime] = None, holds: Sequence[Hold] = ()
) -> StoredTicket:
    """Stores the ticket once per idempotency key with the slots it holds, and queues it for the POS.

    Raises SlotTaken, with nothing stored, when a hold no longer fits; a repeated key returns the stored
    ticket, which already owns its slots.
    """
    now = now or datetime.now(timezone.utc)
    with db.engine.begin() as connection:
        existing = connection.execute(
            select(tickets.c.id, tickets.c.number, tickets.c.business_date).where(
                tickets.c.idempotency_key == ticket.idempotency_key
            )
        ).first()
        if existing:
            return StoredTicket(existing.id, existing.number, existing.business_date, ticket.idempotency_key, False)
        number = _next_number(connection, ticket.business_id, business_date)
        ticket_id = connection.execute(
            insert(tickets).values(
                business_id=ticket.business_id,
                business_date=business_date,
                number=number,
                kind=ticket.kind,
                customer_name=ticket.customer.name,
                customer_phone=ticket.customer.phone,
                customer_email=ticket.customer.email,
                scheduled_for=ticket.scheduled_for.isoformat() if ticket.scheduled_for else None,
                total=str(ticket.total),
                channel=ticket.channel,
                language=ticket.language,
                conversation_id=ticket.conversation_id,
                idempotency_key=ticket.idempotency_key,
                payload=json.dumps(ticket.to_dict()),
                created_at=now,
            )
        ).inserted_primary_key[0]
        reserve(connection, ticket.business_id, holds, ticket_id, now)
        connection.execute(
            insert(outbox).values(ticket_id=ticket_id, state="pending", attempts=0, next_attempt_at=now, updated_at=now)
        )
        connection.execute(insert(ticket_events).values(ticket_id=ticket_id, at=now, state="stored", detail=None))
        _remember_customer(connection, ticket, now)
    return StoredTicket(ticket_id, number, business_date, ticket.idempotency_key, True)


def load_ticket(db: Database, ticket_id: int) -> Dict[str, Any]:
    """The stored ticket as the canonical dict plus its number and creation time."""
    with db.engine.connect() as connection:
        row = connection.execute(select(tickets).where(tickets.c.id == ticket_id)).one()
    data = json.loads(row.payload)
    data.update(
        id=row.id,
        number=row.number,
        business_date=row.business_date.isoformat(),
        created_at=row.created_at.replace(tzinfo=row.created_at.tzinfo or timezone.utc).isoformat(),
        pos_id=row.pos_id,
    )
    return data


def pushed_tickets_for_day(db: Database, business_id: str, business_date: date) -> List[Dict[str, Any]]:
    """A business's tickets of one day that reached its POS, newest first: the board's list for an outside POS,
    whose own screens may not show them (Square hides unpaid API orders)."""
    with db.engine.connect() as connection:
        ids = connection.execute(
            select(tickets.c.id)
            .where(and_(tickets.c.business_id == business_id, tickets.c.business_date == business_date,
                        tickets.c.pos_id.is_not(None)))
            .order_by(tickets.c.number.desc())
        ).scalars().all()
    return [load_ticket(db, ticket_id) for ticket_id in ids]


def ticket_count(db: Database, business_id: str) -> int:
    with db.engine.connect() as connection:
        return connection.execute(
            select(func.count()).select_from(tickets).where(tickets.c.business_id == business_id)
        ).scalar_one()
