"""The ticket a finished shop conversation becomes: a held pickup order, or a quote request for staff."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Dict, List, Optional

from pos.ticket import Customer, LineItem, Ticket

PICKUP = "pickup_order"
QUOTE = "quote_request"


@dataclass(frozen=True)
class RetailRequest:
    """What the caller asked for, as the form holds it."""

    kind: str
    lines: List[Dict[str, Any]]
    customer_name: Optional[str]
    customer_phone: Optional[str]
    pickup: Optional[datetime] = None
    held_until: Optional[datetime] = None
    quote_request: str = ""


def build_retail_ticket(
    request: RetailRequest, business_id: str, channel: str, language: str, conversation_id: str, idempotency_key: str
) -> Ticket:
    """A pickup order is scheduled from the pickup time until the hold runs out; a quote request has no time,
    only the caller's words (`details.quote_request`) and whatever of them matched the catalog as lines."""
    quote = request.kind == QUOTE
    return Ticket(
        business_id=business_id,
        kind=QUOTE if quote else PICKUP,
        customer=Customer(name=request.customer_name, phone=request.customer_phone),
        lines=[LineItem.from_dict(line) for line in request.lines],
        scheduled_for=None if quote else request.pickup,
        scheduled_until=None if quote else request.held_until,
        channel=channel,
        language=language,
        conversation_id=conversation_id,
        idempotency_key=idempotency_key,
        details={"quote_request": request.quote_request} if quote else {},
    )
