"""The appointment ticket for a clinic visit: one line for the visit type, the time it takes, and the clinic's
own fields in `details` (reason in the caller's words, new or returning, date of birth, practitioner)."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Dict, Optional

from catalog import Item
from pos.ticket import Customer, LineItem, Ticket


@dataclass(frozen=True)
class Appointment:
    business_id: str
    visit: Item
    start: datetime
    customer_name: str
    customer_phone: Optional[str]
    patient_status: str
    date_of_birth: date
    practitioner_id: Optional[str]
    practitioner_name: Optional[str]
    reason: Optional[str] = None
    asked_visit: Optional[Item] = None
    patient_name: Optional[str] = None
    relation: Optional[str] = None


def _details(appointment: Appointment) -> Dict[str, str]:
    details = {
        "reason": appointment.reason or appointment.visit.name,
        "patient_status": appointment.patient_status,
        "date_of_birth": appointment.date_of_birth.isoformat(),
        "practitioner": appointment.practitioner_name or "",
        "practitioner_id": appointment.practitioner_id or "",
        "visit_type": appointment.visit.id,
    }
    if appointment.asked_visit and appointment.asked_visit.id != appointment.visit.id:
        details["requested_visit_type"] = appointment.asked_visit.id
    if appointment.patient_name:
        details["patient_name"] = appointment.patient_name
    if appointment.relation:
        details["booked_by_relation"] = appointment.relation
    return details


def build_appointment_ticket(
    appointment: Appointment, channel: str, language: str, conversation_id: str, idempotency_key: str
) -> Ticket:
    visit = appointment.visit
    variation = visit.default_variation or visit.variations[0]
    line = LineItem(
        item_id=visit.id, name=visit.name, quantity=1, unit_price=f"{variation.price:.2f}",
        variation_id=variation.id, variation=variation.name,
    )
    return Ticket(
        business_id=appointment.business_id,
        kind="appointment",
        customer=Customer(name=appointment.customer_name, phone=appointment.customer_phone),
        lines=[line],
        scheduled_for=appointment.start,
        scheduled_until=appointment.start + timedelta(minutes=visit.duration_minutes or 0),
        channel=channel,
        language=language,
        conversation_id=conversation_id,
        notes=appointment.reason or "",
        details=_details(appointment),
        idempotency_key=idempotency_key,
    )
