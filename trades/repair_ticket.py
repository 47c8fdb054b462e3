"""The work order a finished repair conversation becomes."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Dict, List, Optional

from pos.ticket import Customer, LineItem, Ticket
from trades.repair import Device


@dataclass(frozen=True)
class RepairRequest:
    """What the caller told us, as the form holds it."""

    device: Device
    symptom: str
    lines: List[Dict[str, Any]]
    dropoff: datetime
    slot_minutes: int
    quote_wanted: str
    customer_name: str
    customer_phone: Optional[str]


def build_work_order(
    request: RepairRequest, business_id: str, channel: str, language: str, conversation_id: str, idempotency_key: str
) -> Ticket:
    """A work order: the repair types as lines, the drop-off slot as the schedule, the device and symptom as details."""
    device = request.device
    return Ticket(
        business_id=business_id,
        kind="work_order",
        customer=Customer(name=request.customer_name, phone=request.customer_phone),
        lines=[LineItem.from_dict(line) for line in request.lines],
        scheduled_for=request.dropoff,
        scheduled_until=request.dropoff + timedelta(minutes=request.slot_minutes),
        channel=channel,
        language=language,
        conversation_id=conversation_id,
        idempotency_key=idempotency_key,
        details={
            "device_kind": device.kind or "",
            "brand": device.brand or "",
            "model": device.model or "",
            "symptom": request.symptom,
            "quote_wanted": request.quote_wanted,
        },
    )
