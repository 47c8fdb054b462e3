"""What staff read on a POS ticket: our reference, times in the business's local time, the unpaid headline, the trade's details.

Every adapter writes these the same way, so a business that changes POS keeps the ticket its staff know.
"""

from datetime import datetime
from typing import Any, Dict, List, Optional, Tuple
from zoneinfo import ZoneInfo

from scheduling.formatting import clock

KIND_LABELS = {
    "pickup_order": "Pickup",
    "delivery_order": "Delivery",
    "work_order": "Work order",
    "appointment": "Appointment",
    "service_call": "Service call",
    "reservation_hold": "Reservation",
    "quote_request": "Quote request",
}
# The kinds that are sales paid when collected; the headline keeps anyone from reading the order as settled.
UNPAID_HEADLINE = {
    "pickup_order": "UNPAID – pay at pickup",
    "delivery_order": "UNPAID – pay on delivery",
    "work_order": "UNPAID – pay at collection",
}
# What the ticket's time means for each of those kinds.
WHEN_LABEL = {"pickup_order": "Pickup", "delivery_order": "Delivery", "work_order": "Drop-off"}


def order_reference(ticket: Dict[str, Any]) -> str:
    """Our mark on the POS's order: the ticket number staff know plus enough of the key to be unique, so a retried
    push can find the order an earlier attempt made."""
    return f"T{ticket['number']}-{ticket['idempotency_key'][:10]}"


def local(moment: str, zone: ZoneInfo) -> datetime:
    """A ticket's ISO time on the business's clock, whatever offset it was stored with."""
    return datetime.fromisoformat(moment).astimezone(zone)


def day_and_clock(moment: datetime) -> str:
    """'Fri Dec 4, 6:30 PM'."""
    return f"{moment:%a %b} {moment.day}, {clock(moment)}"


def when(ticket: Dict[str, Any], zone: ZoneInfo) -> Optional[str]:
    """The ticket's time or window, 'Fri Dec 4, 6:30 PM to 7:15 PM' (the day repeated only when it changes);
    None when the customer asked for no time."""
    if not ticket.get("scheduled_for"):
        return None
    start = local(ticket["scheduled_for"], zone)
    if not ticket.get("scheduled_until"):
        return day_and_clock(start)
    end = local(ticket["scheduled_until"], zone)
    return f"{day_and_clock(start)} to {clock(end) if end.date() == start.date() else day_and_clock(end)}"


def short_name(name: Optional[str]) -> str:
    """'Dana W' for Dana Whitfield: enough to call out at the counter, short enough for a ticket title."""
    parts = (name or "").split()
    if not parts:
        return "Guest"
    return parts[0] if len(parts) == 1 else f"{parts[0]} {parts[-1][0]}"


def facts(ticket: Dict[str, Any]) -> List[Tuple[str, str]]:
    """The address, the trade's details (in the trade's order), the customer's notes and any deposit asked, as
    (label, value). Empty values and our internal ids (`stylist_id`, `loyalty_reward_id`...) are left out: they
    mean nothing to staff."""
    details = [
        (name.replace("_", " ").capitalize(), value)
        for name, value in (ticket.get("details") or {}).items()
        if not name.endswith("_id")
    ]
    pairs = [("Address", ticket.get("address")), *details, ("Notes", ticket.get("notes")),
             ("Deposit asked", ticket.get("deposit"))]
    return [(label, str(value)) for label, value in pairs if value not in (None, "")]


def fact_lines(ticket: Dict[str, Any]) -> List[str]:
    """The same facts as 'Label: value' lines."""
    return [f"{label}: {value}" for label, value in facts(ticket)]
