"""Returning callers: who they are, what they ordered before, what they have booked, and where each ticket stands.

Plain, synchronous database functions; actions call them through `asyncio.to_thread`.
"""

from customers.history import (
    BOOKING_KINDS,
    ORDER_KINDS,
    KnownCustomer,
    PastTicket,
    UsualOrder,
    known_customer,
    latest_ticket,
    previous_tickets,
    upcoming_appointment,
    usual_order,
)
from customers.status import STAFF_STATES, set_ticket_status, ticket_status, ticket_statuses

__all__ = [
    "BOOKING_KINDS",
    "ORDER_KINDS",
    "STAFF_STATES",
    "KnownCustomer",
    "PastTicket",
    "UsualOrder",
    "known_customer",
    "latest_ticket",
    "previous_tickets",
    "set_ticket_status",
    "ticket_status",
    "ticket_statuses",
    "upcoming_appointment",
    "usual_order",
]
