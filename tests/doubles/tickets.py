"""Canonical tickets, exactly as the outbox hands them to an adapter (`pos.ticket_store.load_ticket`), for contract tests."""

from datetime import datetime
from typing import Any, Dict, List, Optional, Sequence
from zoneinfo import ZoneInfo

from pos.ticket import Customer, LineItem, Modifier, Ticket

ZONE = ZoneInfo("America/New_York")


def line(item_id: str, name: str, quantity: int, unit_price: str, variation_id: Optional[str] = None,
         variation: Optional[str] = None, modifiers: Sequence[tuple] = (), note: str = "") -> LineItem:
    """`modifiers` as (id, name, price) triples."""
    return LineItem(item_id, name, quantity, unit_price, variation_id, variation,
                    [Modifier(*modifier) for modifier in modifiers], note)


def canonical(
    lines: List[LineItem],
    kind: str = "pickup_order",
    scheduled_for: Optional[datetime] = datetime(2026, 12, 4, 18, 30, tzinfo=ZONE),
    address: Optional[str] = None,
    notes: str = "",
    customer: Customer = Customer("Dana Whitfield", "+15551234567", "dana@example.com"),
    number: int = 7,
    key: str = "0f3c9a6e6b1f4b8e9d2e0c5f7a1e2b44",
    business_id: str = "tonys-pizzeria",
    deposit: Optional[str] = None,
    details: Optional[Dict[str, str]] = None,
    scheduled_until: Optional[datetime] = None,
) -> Dict[str, Any]:
    ticket = Ticket(
        business_id=business_id, kind=kind, customer=customer, lines=lines, scheduled_for=scheduled_for,
        channel="sms", language="en", conversation_id="conv-1", address=address, notes=notes, deposit=deposit,
        scheduled_until=scheduled_until, details=dict(details or {}), idempotency_key=key,
    )
    return {**ticket.to_dict(), "id": 41, "number": number, "business_date": (scheduled_for or datetime(2026, 12, 4, tzinfo=ZONE)).date().isoformat(),
            "created_at": "2026-12-04T22:50:00+00:00", "pos_id": None}
