"""A caller's previous tickets at one business, found by their phone number (or email address).

Tickets store the phone as E.164 (the forms normalise it), so the number a caller texts or calls from
finds the orders they placed on the web chat under the same number, and the other way round.
"""

import json
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Any, Dict, List, Optional, Sequence

from sqlalchemy import and_, func, or_, select

from ordering.contact import normalise_phone
from storage import Database
from storage.tables import customers, tickets

ORDER_KINDS = ("pickup_order", "delivery_order")
BOOKING_KINDS = ("appointment", "reservation_hold", "service_call")
FULFILLMENT_OF_KIND = {"pickup_order": "pickup", "delivery_order": "delivery"}


@dataclass(frozen=True)
class PastTicket:
    """A stored ticket as the caller's history sees it; `ticket` is the canonical dict (`pos/ticket.py`)."""

    id: int
    number: int
    kind: str
    business_date: date
    scheduled_for: Optional[datetime]
    created_at: datetime
    ticket: Dict[str, Any]

    @property
    def scheduled_until(self) -> Optional[datetime]:
        until = self.ticket.get("scheduled_until")
        return datetime.fromisoformat(until) if until else None


@dataclass(frozen=True)
class UsualOrder:
    """The order to re-create: its lines as the order form's draft holds them, and how it was fulfilled."""

    lines: List[Dict[str, Any]]
    fulfillment: str
    address: Optional[str]
    number: int


@dataclass(frozen=True)
class KnownCustomer:
    name: Optional[str]
    phone: Optional[str]
    email: Optional[str]


def _phone(phone: Optional[str], region: str) -> Optional[str]:
    return normalise_phone(phone, region) if phone else None


def _matching(phone_column, email_column, phone: Optional[str], email: Optional[str]):
    """The caller's rows: same phone, or same email ignoring case; None when there is nothing to match on."""
    conditions = []
    if phone:
        conditions.append(phone_column == phone)
    if email:
        conditions.append(func.lower(email_column) == email.strip().lower())
    return or_(*conditions) if conditions else None


def _aware(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; every time we store is UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def previous_tickets(
    db: Database,
    business_id: str,
    phone: Optional[str] = None,
    email: Optional[str] = None,
    kinds: Optional[Sequence[str]] = None,
    limit: int = 50,
    region: str = "US",
) -> List[PastTicket]:
    """The caller's tickets at this business, newest first."""
    who = _matching(tickets.c.customer_phone, tickets.c.customer_email, _phone(phone, region), email)
    if who is None:
        return []
    query = select(tickets).where(and_(tickets.c.business_id == business_id, who))
    if kinds:
        query = query.where(tickets.c.kind.in_(list(kinds)))
    query = query.order_by(tickets.c.created_at.desc(), tickets.c.id.desc()).limit(limit)
    with db.engine.connect() as connection:
        rows = connection.execute(query).all()
    return [
        PastTicket(
            id=row.id,
            number=row.number,
            kind=row.kind,
            business_date=row.business_date,
            scheduled_for=datetime.fromisoformat(row.scheduled_for) if row.scheduled_for else None,
            created_at=_aware(row.created_at),
            ticket=json.loads(row.payload),
        )
        for row in rows
    ]


def latest_ticket(
    db: Database,
    business_id: str,
    phone: Optional[str] = None,
    email: Optional[str] = None,
    kinds: Optional[Sequence[str]] = None,
    region: str = "US",
) -> Optional[PastTicket]:
    found = previous_tickets(db, business_id, phone, email, kinds=kinds, limit=1, region=region)
    return found[0] if found else None


def usual_order(
    db: Database, business_id: str, phone: Optional[str] = None, email: Optional[str] = None, region: str = "US"
) -> Optional[UsualOrder]:
    """"The usual" is the caller's MOST RECENT pickup or delivery order here, not their most frequent one.

    Why: callers say "same as last time" as often as "the usual", and both then mean one order they
    remember; the read-back names every line, so a caller whose habit changed hears it and corrects it
    ("but no onions"). A most-frequent order needs orders compared line by line (sizes, extras, notes,
    repriced items) and breaks ties arbitrarily, and most callers have two or three orders, where a
    count is noise. The most recent order is predictable for the caller and for staff checking a ticket.
    """
    ticket = latest_ticket(db, business_id, phone, email, kinds=ORDER_KINDS, region=region)
    if ticket is None or not ticket.ticket.get("lines"):
        return None
    return UsualOrder(
        lines=[dict(line) for line in ticket.ticket["lines"]],
        fulfillment=FULFILLMENT_OF_KIND[ticket.kind],
        address=ticket.ticket.get("address") if ticket.kind == "delivery_order" else None,
        number=ticket.number,
    )


def upcoming_appointment(
    db: Database,
    business_id: str,
    phone: Optional[str],
    now: datetime,
    email: Optional[str] = None,
    region: str = "US",
) -> Optional[PastTicket]:
    """The caller's next appointment, reservation hold or service call that has not started yet.

    Times are stored as local ISO strings with their offset, which do not sort as text across a DST
    change, so the comparison is made here on parsed datetimes (a caller has few bookings).
    """
    booked = previous_tickets(db, business_id, phone, email, kinds=BOOKING_KINDS, limit=200, region=region)
    ahead = [ticket for ticket in booked if ticket.scheduled_for is not None and ticket.scheduled_for > now]
    return min(ahead, key=lambda ticket: ticket.scheduled_for) if ahead else None


def known_customer(
    db: Database, business_id: str, phone: Optional[str] = None, email: Optional[str] = None, region: str = "US"
) -> Optional[KnownCustomer]:
    """The caller as this business knows them (the `customers` row written with each ticket), or None."""
    who = _matching(customers.c.phone, customers.c.email, _phone(phone, region), email)
    if who is None:
        return None
    query = (
        select(customers.c.name, customers.c.phone, customers.c.email)
        .where(and_(customers.c.business_id == business_id, who))
        .order_by(customers.c.last_seen.desc())
        .limit(1)
    )
    with db.engine.connect() as connection:
        row = connection.execute(query).first()
    return KnownCustomer(row.name, row.phone, row.email) if row else None
