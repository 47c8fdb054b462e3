"""The service-call ticket: the job's address, its arrival window, the matched service (or the visit fee), the
emergency surcharge when it is an emergency, and the problem, urgency and access notes in `details`."""

from dataclasses import dataclass
from datetime import datetime
from typing import List, Optional

from catalog import Catalog, Item
from playbooks.model import Playbook
from pos.ticket import Customer, LineItem, Ticket
from trades.home_services import EMERGENCY, NO_ACCESS_NOTES, fee_items

KIND = "service_call"


@dataclass(frozen=True)
class ServiceCall:
    """Everything the form collected, as plain values."""

    problem: str
    urgency: str
    address: str
    window_start: datetime
    window_end: datetime
    access_notes: str
    customer_name: Optional[str]
    customer_phone: Optional[str]
    service_id: Optional[str] = None


def _line(item: Item) -> LineItem:
    variation = item.default_variation or item.variations[0]
    return LineItem(item_id=item.id, name=item.name, quantity=1, unit_price=str(variation.price),
                    variation_id=variation.id, variation=variation.name)


def job_item(menu: Catalog, service_id: Optional[str]) -> Optional[Item]:
    """The matched service, else the visit fee: a technician comes out and finds the problem."""
    service = menu.item(service_id) if service_id else None
    return service or fee_items(menu)[0]


def service_lines(menu: Catalog, service_id: Optional[str], urgency: str) -> List[LineItem]:
    lines = []
    job = job_item(menu, service_id)
    if job is not None:
        lines.append(_line(job))
    surcharge = fee_items(menu)[1]
    if urgency == EMERGENCY and surcharge is not None:
        lines.append(_line(surcharge))
    return lines


def staff_notes(call: ServiceCall) -> str:
    """What the board shows on the card: the problem and how to get in, in the caller's words."""
    parts = [call.problem]
    if call.access_notes and call.access_notes != NO_ACCESS_NOTES:
        parts.append(call.access_notes)
    return " / ".join(part for part in parts if part)


def service_call_ticket(
    playbook: Playbook, call: ServiceCall, *, channel: str, language: str, conversation_id: str, key: str
) -> Ticket:
    zone = playbook.timezone
    return Ticket(
        business_id=playbook.id,
        kind=KIND,
        customer=Customer(name=call.customer_name, phone=call.customer_phone),
        lines=service_lines(playbook.catalog, call.service_id, call.urgency),
        scheduled_for=call.window_start.astimezone(zone),
        scheduled_until=call.window_end.astimezone(zone),
        channel=channel,
        language=language,
        conversation_id=conversation_id,
        address=call.address,
        notes=staff_notes(call),
        details={"problem": call.problem, "urgency": call.urgency, "access_notes": call.access_notes},
        idempotency_key=key,
    )
