"""When the POS refuses a ticket for good, staff get the whole order to key in by hand, on the board's hand-off list."""

from typing import Any, Dict

from handoff import request_handoff
from storage import Database


def order_text(ticket: Dict[str, Any]) -> str:
    """Everything staff need to re-enter the ticket: who, what, when, where, and the notes."""
    customer = ticket.get("customer") or {}
    parts = [f"Ticket {ticket.get('number')} ({ticket['kind'].replace('_', ' ')})"]
    who = ", ".join(value for value in (customer.get("name"), customer.get("phone"), customer.get("email")) if value)
    if who:
        parts.append(f"for {who}")
    for line in ticket.get("lines") or []:
        extras = ", ".join(modifier["name"] for modifier in line.get("modifiers") or [])
        text = f"{line['quantity']} x {(line.get('variation') + ' ') if line.get('variation') else ''}{line['name']}"
        text += f" ({extras})" if extras else ""
        text += f" - {line['note']}" if line.get("note") else ""
        parts.append(text)
    if ticket.get("scheduled_for"):
        parts.append(f"at {ticket['scheduled_for']}" + (f" until {ticket['scheduled_until']}" if ticket.get("scheduled_until") else ""))
    if ticket.get("address"):
        parts.append(f"address: {ticket['address']}")
    for name, value in sorted((ticket.get("details") or {}).items()):
        parts.append(f"{name.replace('_', ' ')}: {value}")
    if ticket.get("notes"):
        parts.append(f"notes: {ticket['notes']}")
    parts.append(f"total {ticket.get('total')}")
    return "; ".join(parts)


def alert_staff(db: Database, ticket: Dict[str, Any], error: str) -> int:
    """An urgent hand-off record carrying the POS's reason and the whole order."""
    return request_handoff(
        db, ticket["business_id"], ticket.get("conversation_id") or f"ticket-{ticket['id']}", "pos_rejected",
        urgent=True, summary=f"The POS refused this ticket ({error}). Enter it by hand: {order_text(ticket)}",
    )
