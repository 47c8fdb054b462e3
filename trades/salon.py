"""A salon appointment as the canonical ticket, and the figures its read-back says.

The ticket carries the services as priced lines, the start and the end (start plus every service's
duration from the catalog), the deposit the playbook asks for, and in `details` the stylist booked,
the stylist asked for ("anyone" when the caller had no preference) and the total duration in minutes.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Dict, Optional, Sequence

from playbooks.model import Playbook
from pos.ticket import Customer, LineItem, Ticket
from scheduling.calendar import Offer
from trades.salon_services import deposit, duration_minutes, items_of, price, total
from trades.salon_staff import ANYONE


@dataclass(frozen=True)
class Appointment:
    """What the form settled: services, when, with whom, and who asked for whom."""

    services: Sequence[str]
    start: datetime
    staff_id: str
    requested: str

    def offer(self, playbook: Playbook) -> Offer:
        person = playbook.booking.staff_member(self.staff_id)
        end = self.start + timedelta(minutes=duration_minutes(self.services, playbook.catalog))
        return Offer(self.start, end, self.staff_id, person.name if person else None)


def deposit_for(services: Sequence[str], playbook: Playbook) -> Optional[Decimal]:
    booking = playbook.booking
    if not booking.needs_deposit(services):
        return None
    return deposit(total(services, playbook.catalog), booking.deposit_percent, booking.deposit_amount)


def requested_name(requested: Optional[str], playbook: Playbook) -> str:
    person = playbook.booking.staff_member(requested)
    return person.name if person else ANYONE


def details(appointment: Appointment, playbook: Playbook) -> Dict[str, str]:
    person = playbook.booking.staff_member(appointment.staff_id)
    return {
        "stylist": person.name if person else "",
        "stylist_id": person.id if person else "",
        "stylist_requested": requested_name(appointment.requested, playbook),
        "duration_minutes": str(duration_minutes(appointment.services, playbook.catalog)),
    }


def lines(services: Sequence[str], playbook: Playbook) -> list:
    result = []
    for item in items_of(services, playbook.catalog):
        variation = item.default_variation or item.variations[0]
        result.append(LineItem(item_id=item.id, name=item.name, quantity=1, unit_price=str(price(item)),
                               variation_id=variation.id, variation=variation.name))
    return result


def build_ticket(
    appointment: Appointment, playbook: Playbook, customer: Customer, channel: str, language: str,
    conversation_id: str, idempotency_key: str,
) -> Ticket:
    offer = appointment.offer(playbook)
    owed = deposit_for(appointment.services, playbook)
    return Ticket(
        business_id=playbook.id,
        kind="appointment",
        customer=customer,
        lines=lines(appointment.services, playbook),
        scheduled_for=offer.start.astimezone(playbook.timezone),
        scheduled_until=offer.end.astimezone(playbook.timezone),
        channel=channel,
        language=language,
        conversation_id=conversation_id,
        deposit=str(owed) if owed is not None else None,
        details=details(appointment, playbook),
        idempotency_key=idempotency_key,
    )
