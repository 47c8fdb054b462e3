"""Turns businesses, tickets and requests for a person into HTML, formatting times and money here so the
browser never has to.

One card template serves both the page and the live socket event, so a card pushed to an open board looks
exactly like one served with the page; likewise one handoff template serves the page and the handoffs JSON
the board re-fetches. Template values are escaped unless their name ends in `_html`.
"""

import html
import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from string import Template
from typing import Any, Dict, Iterable, List, Optional, Sequence
from zoneinfo import ZoneInfo

import phonenumbers

from scheduling.formatting import clock

TEMPLATES = Path(__file__).resolve().parent / "templates"
SOCKETIO_CLIENT_URL = "/static/socket.io.min.js"
KINDS = {"pickup_order": "PICKUP", "delivery_order": "DELIVERY"}
STATE_LABELS = {"ready": "READY", "done": "DONE"}
CHANNELS = {"web": "Web chat", "sms": "SMS", "voice": "Phone", "email": "Email"}
REASON_LABELS = {
    "missed_call": "Hung up mid-order",
    "callback": "Wants a call back",
    "asked": "Asked for a person",
    "unclear": "Assistant could not understand",
    "medical_emergency": "Medical emergency",
    "playbook_rule": "Owner's rule",
    "pos_rejected": "POS refused the ticket",
    "declined": "Declined: abuse or prank",
    "vip": "VIP put through",
    "deposit_unpaid": "Deposit not paid: booking released",
}
# Conversation ids are "<channel>:<business>:<caller or thread>", except web chat's bare 32-hex session id.
CONVERSATION_CHANNELS = {"voice": "Phone call", "sms": "Text", "email": "Email"}
WEB_CHAT_ID = re.compile(r"[0-9a-fA-F]{32}")


@dataclass(frozen=True)
class Business:
    id: str
    name: str
    trade: str
    zone: ZoneInfo

    @classmethod
    def from_dict(cls, data: Dict[str, Any]) -> "Business":
        """Reads the caller's dict, failing at start-up on an unknown timezone rather than on the first ticket."""
        return cls(id=data["id"], name=data["name"], trade=data.get("trade", ""), zone=ZoneInfo(data["timezone"]))


@lru_cache(maxsize=None)
def _template(name: str) -> Template:
    return Template((TEMPLATES / name).read_text(encoding="utf-8"))


def _escape(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def fill(template: str, **values: Any) -> str:
    """Substitutes a template file; values are escaped unless the key ends in `_html` (already markup)."""
    safe = {key: value if key.endswith("_html") else _escape(value) for key, value in values.items()}
    return _template(template).substitute(safe)


def _page(title: str, page: str, content_html: str, scripts: Iterable[str] = ()) -> str:
    scripts_html = "".join(f'<script src="{_escape(src)}" defer></script>' for src in scripts)
    return fill("layout.html", title=title, page=page, content_html=content_html, scripts_html=scripts_html)


def _optional(tag: str, css_class: str, text: Optional[str]) -> str:
    """An element for a field that is often empty (address, notes), or nothing at all."""
    return f'<{tag} class="{css_class}">{_escape(text)}</{tag}>' if text else ""


def money(amount: Optional[str]) -> str:
    return f"${Decimal(amount):.2f}" if amount else ""


def phone_display(phone: str) -> str:
    """North American numbers read as "(555) 123-4567", others internationally; anything unparsable as given."""
    try:
        number = phonenumbers.parse(phone, None)
    except phonenumbers.NumberParseException:
        return phone
    style = phonenumbers.PhoneNumberFormat
    return phonenumbers.format_number(number, style.NATIONAL if number.country_code == 1 else style.INTERNATIONAL)


def local_day(moment: datetime, now: datetime) -> str:
    """Empty for today; otherwise the kitchen must see at a glance that the order is not for now."""
    days = (moment.date() - now.date()).days
    if days == 0:
        return ""
    if days == 1:
        return "tomorrow"
    return f"{moment:%a %b} {moment.day}"


def kind_label(kind: str) -> str:
    """"pickup_order" -> "PICKUP"; other trades' kinds keep a readable label ("work_order" -> "WORK ORDER")."""
    return KINDS.get(kind, kind.replace("_", " ").upper())


def _line(line: Dict[str, Any]) -> str:
    details = "".join(_optional("li", "line__modifier", f"+ {modifier['name']}") for modifier in line.get("modifiers") or [])
    details += _optional("li", "line__note", line.get("note"))
    return fill(
        "card_line.html",
        quantity=line["quantity"],
        description=f"{line['name']} — {line['variation']}" if line.get("variation") else line["name"],
        details_html=f'<ul class="line__details">{details}</ul>' if details else "",
    )


def _phone(phone: Optional[str]) -> str:
    if not phone:
        return ""
    return f'<a class="card__phone" href="tel:{_escape(phone)}">{_escape(phone_display(phone))}</a>'


def state_label(state: Optional[str]) -> str:
    """What the card's badge says: only the states staff set ("READY", "DONE"); nothing while it is new."""
    return STATE_LABELS.get(state or "", "")


def status_action(business_id: str, ticket_id: Any) -> str:
    return f"/board/{business_id}/tickets/{ticket_id}/status"


def _actions(ticket: Dict[str, Any]) -> str:
    """The Ready/Done buttons: a plain form (works without scripts, allowed by form-action 'self')."""
    if ticket.get("id") is None:
        return ""
    return fill("card_actions.html", action=status_action(ticket["business_id"], ticket["id"]))


def card(ticket: Dict[str, Any], zone: ZoneInfo, now: Optional[datetime] = None) -> str:
    """One ticket as the kitchen reads it, with times in the business's local time."""
    now = (now or datetime.now(zone)).astimezone(zone)
    scheduled = ticket.get("scheduled_for")
    when = datetime.fromisoformat(scheduled).astimezone(zone) if scheduled else None
    created = ticket.get("created_at")
    customer = ticket.get("customer") or {}
    channel = ticket.get("channel") or ""
    return fill(
        "card.html",
        number=ticket["number"],
        kind=ticket["kind"].replace("_", "-"),
        kind_label=kind_label(ticket["kind"]),
        time=clock(when) if when else "ASAP",
        day=local_day(when, now) if when else "",
        name=customer.get("name") or "(no name)",
        phone_html=_phone(customer.get("phone")),
        lines_html="".join(_line(line) for line in ticket.get("lines") or []),
        address_html=_optional("p", "card__address", ticket.get("address")),
        notes_html=_optional("p", "card__notes", ticket.get("notes")),
        total=money(ticket.get("total")),
        channel=CHANNELS.get(channel, channel),
        received=f"at {clock(datetime.fromisoformat(created).astimezone(zone))}" if created else "",
        ticket_id="" if ticket.get("id") is None else ticket["id"],
        state=ticket.get("status") or "new",
        state_label=state_label(ticket.get("status")),
        actions_html=_actions(ticket),
    )


def reason_label(reason: str) -> str:
    """Why a person is needed, in staff's words; a reason added later still reads ("new_reason" -> "New reason")."""
    return REASON_LABELS.get(reason, reason.replace("_", " ").capitalize())


def conversation_channel(conversation_id: str) -> str:
    """Staff call back by the channel the customer used; empty for an id of no known shape."""
    prefix = conversation_id.partition(":")[0]
    if prefix in CONVERSATION_CHANNELS:
        return CONVERSATION_CHANNELS[prefix]
    return "Web chat" if WEB_CHAT_ID.fullmatch(conversation_id) else ""


def _aware(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; every time we store is UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def handoff_action(business_id: str, handoff_id: Any) -> str:
    return f"/board/{business_id}/handoffs/{handoff_id}/done"


def _held_html(handoff: Dict[str, Any]) -> str:
    """What the customer wrote while staff had the conversation, oldest first."""
    texts = handoff.get("held") or []
    if not texts:
        return ""
    items = "".join(_optional("li", "handoff__held-text", text) for text in texts)
    return f'<p class="handoff__held-label">Since then they wrote:</p><ul class="handoff__held">{items}</ul>'


def handoff_item(handoff: Dict[str, Any], zone: ZoneInfo, now: datetime) -> str:
    """One open request for a person as a list item with its Done button (for a conversation staff took over,
    the button hands it back to the assistant); raised times in local time."""
    raised = _aware(handoff["created_at"]).astimezone(zone)
    return fill(
        "handoff.html",
        handoff_id=handoff["id"],
        urgency="urgent" if handoff.get("urgent") else "normal",
        urgent_html='<span class="handoff__urgent">URGENT</span>' if handoff.get("urgent") else "",
        reason=handoff["reason"],
        reason_label=reason_label(handoff["reason"]),
        channel=conversation_channel(handoff["conversation_id"]),
        time=clock(raised),
        day=local_day(raised, now),
        summary_html=_optional("p", "handoff__summary", handoff.get("summary")),
        held_html=_held_html(handoff),
        action=handoff_action(handoff["business_id"], handoff["id"]),
        action_label="Hand back to the assistant" if handoff.get("with_staff") else "Done",
    )


def handoff_view(handoff: Dict[str, Any], zone: ZoneInfo, now: Optional[datetime] = None) -> Dict[str, Any]:
    """A handoff as the JSON endpoint gives it: the stored fields with the raised time as local ISO, the labels
    staff see, and `item_html` so the board swaps in markup it did not have to build."""
    now = (now or datetime.now(zone)).astimezone(zone)
    return {
        "id": handoff["id"],
        "business_id": handoff["business_id"],
        "conversation_id": handoff["conversation_id"],
        "reason": handoff["reason"],
        "reason_label": reason_label(handoff["reason"]),
        "channel": conversation_channel(handoff["conversation_id"]),
        "urgent": bool(handoff.get("urgent")),
        "summary": handoff.get("summary") or "",
        "with_staff": bool(handoff.get("with_staff")),
        "held": list(handoff.get("held") or []),
        "created_at": _aware(handoff["created_at"]).astimezone(zone).isoformat(),
        "item_html": handoff_item(handoff, zone, now),
    }


def _until_tomorrow(now: datetime) -> timedelta:
    """Time to a few seconds past local midnight, counted in UTC so a DST change does not skew it."""
    midnight = datetime.combine(now.date() + timedelta(days=1), datetime.min.time(), tzinfo=now.tzinfo)
    return midnight.astimezone(timezone.utc) - now.astimezone(timezone.utc) + timedelta(seconds=5)


def board_page(
    business: Business, tickets: List[Dict[str, Any]], handoffs: Sequence[Dict[str, Any]] = (),
    now: Optional[datetime] = None,
) -> str:
    """The board: open requests for a person (urgent first) above today's tickets (newest first); the page
    refreshes its tickets after local midnight."""
    now = (now or datetime.now(business.zone)).astimezone(business.zone)
    content = fill(
        "board.html",
        business_id=business.id,
        name=business.name,
        handoffs_hidden="" if handoffs else "hidden",
        handoff_count=len(handoffs),
        handoffs_html="".join(handoff_item(handoff, business.zone, now) for handoff in handoffs),
        today=f"{now:%A, %B} {now.day}",
        count=len(tickets),
        empty_hidden="hidden" if tickets else "",
        cards_html="".join(card(ticket, business.zone, now) for ticket in tickets),
        refresh_in_ms=int(_until_tomorrow(now).total_seconds() * 1000),
    )
    return _page(f"{business.name} — tickets", "board", content, [SOCKETIO_CLIENT_URL, "/assets/board.js"])


def chat_page(business: Business, rasa_url: str) -> str:
    content = fill("chat.html", business_id=business.id, name=business.name, rasa_url=rasa_url)
    return _page(f"Chat with {business.name}", "chat", content, [SOCKETIO_CLIENT_URL, "/assets/chat.js"])


def index_page(businesses: Iterable[Business]) -> str:
    items = "".join(
        fill("index_business.html", id=business.id, name=business.name, trade=business.trade) for business in businesses
    )
    return _page("Businesses", "index", fill("index.html", businesses_html=items))


def not_found_page(reason: str) -> str:
    return _page("Not found", "not-found", fill("not_found.html", reason=reason))
