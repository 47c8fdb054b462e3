"""Builds the canonical ticket from a finished order conversation."""

from datetime import datetime
from typing import Any, Dict, List, Optional

from pos.ticket import Customer, LineItem, Ticket


def build_order_ticket(
    business_id: str,
    lines: List[Dict[str, Any]],
    fulfillment: str,
    scheduled_for: datetime,
    customer_name: str,
    customer_phone: Optional[str],
    channel: str,
    language: str,
    conversation_id: str,
    idempotency_key: str,
    address: Optional[str] = None,
) -> Ticket:
    return Ticket(
        business_id=business_id,
        kind="delivery_order" if fulfillment == "delivery" else "pickup_order",
        customer=Customer(name=customer_name, phone=customer_phone),
        lines=[LineItem.from_dict(line) for line in lines],
        scheduled_for=scheduled_for,
        channel=channel,
        language=language,
        conversation_id=conversation_id,
        address=address if fulfillment == "delivery" else None,
        idempotency_key=idempotency_key,
    )
