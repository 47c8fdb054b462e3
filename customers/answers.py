"""What to tell a caller who asks where their order or booking stands: a response name and its values.

The next appointment, reservation or service call comes first ("Your appointment is Friday at 3:00 PM
with Maria"); otherwise the latest order, work order or quote request the caller could still be
waiting on, with the state staff set on the ticket board. The responses live in domain/returning.yml.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Dict, Optional

from customers.history import PastTicket, previous_tickets, upcoming_appointment
from customers.status import ticket_status
from playbooks import Playbook
from scheduling.formatting import clock, spoken_time
from storage import Database

# How long after it was placed (or was due) a ticket is still something a caller asks about: an order
# from last week that staff never marked done is not "being made".
STILL_CURRENT = {
    "pickup_order": timedelta(hours=12),
    "delivery_order": timedelta(hours=12),
    "work_order": timedelta(days=60),
    "quote_request": timedelta(days=30),
}
# Response names by kind, so wording fits the trade ("ready for pickup", "on its way", "being worked on").
TOPIC = {"pickup_order": "order", "delivery_order": "delivery", "work_order": "work_order", "quote_request": "quote"}
BOOKING_RESPONSE = {
    "appointment": "utter_status_appointment",
    "reservation_hold": "utter_status_reservation",
    "service_call": "utter_status_service_call",
}


@dataclass(frozen=True)
class StatusAnswer:
    response: str
    values: Dict[str, str] = field(default_factory=dict)


def staff_name(ticket: PastTicket, playbook: Playbook) -> Optional[str]:
    """The person booked, whatever the trade's form named the field: a details value that is a staff id
    or name in the playbook."""
    for value in (ticket.ticket.get("details") or {}).values():
        for person in playbook.booking.staff:
            if str(value) in (person.id, person.name):
                return person.name
    return None


def _booking_answer(ticket: PastTicket, playbook: Playbook, now: datetime, language: str) -> StatusAnswer:
    start = ticket.scheduled_for.astimezone(playbook.timezone)
    values = {"when": spoken_time(start, now, language), "ticket_number": str(ticket.number)}
    response = BOOKING_RESPONSE[ticket.kind]
    person = staff_name(ticket, playbook)
    until = ticket.scheduled_until
    if person:
        values["staff_name"] = person
        response += "_with_staff"
    elif ticket.kind == "service_call" and until:
        values["until"] = clock(until.astimezone(playbook.timezone), language)
        response += "_window"
    return StatusAnswer(response, values)


def _still_current(ticket: PastTicket, now: datetime) -> bool:
    latest = max(moment for moment in (ticket.created_at, ticket.scheduled_for) if moment is not None)
    return latest >= now - STILL_CURRENT[ticket.kind]


def status_answer(
    db: Database, playbook: Playbook, phone: Optional[str], email: Optional[str], now: datetime, region: str = "US",
    language: str = "en",
) -> StatusAnswer:
    """Runs in a worker thread. `utter_status_not_found` when nothing current is stored under this caller.
    Times are said in the caller's `language`."""
    booking = upcoming_appointment(db, playbook.id, phone, now, email=email, region=region)
    if booking is not None:
        return _booking_answer(booking, playbook, now, language)
    waiting = [
        ticket
        for ticket in previous_tickets(db, playbook.id, phone, email, kinds=tuple(STILL_CURRENT), limit=10, region=region)
        if _still_current(ticket, now)
    ]
    if not waiting:
        return StatusAnswer("utter_status_not_found")
    ticket = waiting[0]
    state = ticket_status(db, ticket.id) or "received"
    values = {"ticket_number": str(ticket.number)}
    if ticket.scheduled_for is not None:
        values["when"] = spoken_time(ticket.scheduled_for.astimezone(playbook.timezone), now, language)
    return StatusAnswer(f"utter_status_{TOPIC[ticket.kind]}_{state}", values)

