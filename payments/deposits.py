"""A ticket that owes a deposit gets one payment link from its POS, texted once; the POS's webhook marks it paid.

Each step is recorded before the next, so a worker restarted between them finishes the job without a second
link (the POS dedupes by our key) or a second text (the row says it was sent).
"""

import asyncio
import logging
from datetime import datetime, timezone
from decimal import Decimal
from typing import Any, Dict, Iterable, Optional

from sqlalchemy import and_, insert, select, update
from sqlalchemy.exc import IntegrityError

from connectors.privacy import mask_phone
from notify.opt_outs import opted_out
from notify.sms import SmsNotSent, TwilioRestSms
from pos.adapters import PAYMENT_LINKS, PermanentPosError, PosAdapter, TransientPosError
from storage import Database
from storage.tables import deposits, ticket_events

logger = logging.getLogger(__name__)


def _event(connection, ticket_id: int, state: str, detail: str, now: datetime) -> None:
    connection.execute(insert(ticket_events).values(ticket_id=ticket_id, at=now, state=state, detail=detail))


def deposit_row(db: Database, ticket_id: int) -> Optional[Dict[str, Any]]:
    with db.engine.connect() as connection:
        row = connection.execute(select(deposits).where(deposits.c.ticket_id == ticket_id)).mappings().first()
    return dict(row) if row else None


def deposit_states(db: Database, ticket_ids: Iterable[int]) -> Dict[int, str]:
    """pending (link made or sent) or paid, per ticket that owes a deposit."""
    with db.engine.connect() as connection:
        rows = connection.execute(select(deposits.c.ticket_id, deposits.c.state).where(deposits.c.ticket_id.in_(list(ticket_ids))))
        return {row.ticket_id: ("paid" if row.state == "paid" else "pending") for row in rows}


def _store_link(db: Database, ticket: Dict[str, Any], link, now: datetime) -> None:
    try:
        with db.engine.begin() as connection:
            connection.execute(insert(deposits).values(
                ticket_id=ticket["id"], business_id=ticket["business_id"], amount=str(link.amount), link_id=link.id,
                url=link.url, pos_order_id=link.order_id, state="link_created", created_at=now, updated_at=now,
            ))
            _event(connection, ticket["id"], "deposit", f"payment link {link.id} for {link.amount}", now)
    except IntegrityError:
        pass


def _mark_sent(db: Database, ticket_id: int, detail: str, now: datetime) -> None:
    with db.engine.begin() as connection:
        connection.execute(update(deposits).where(and_(deposits.c.ticket_id == ticket_id, deposits.c.state == "link_created"))
                           .values(state="link_sent", updated_at=now))
        _event(connection, ticket_id, "deposit", detail, now)


def _note_failure(db: Database, ticket_id: int, detail: str) -> None:
    with db.engine.begin() as connection:
        _event(connection, ticket_id, "deposit", detail, datetime.now(timezone.utc))


def link_text(business_name: str, ticket: Dict[str, Any], amount: str, url: str) -> str:
    return (f"{business_name}: your booking (ticket {ticket['number']}) is held with a ${amount} deposit. "
            f"Pay securely here: {url}")


async def request_deposit(
    db: Database, adapter: PosAdapter, ticket: Dict[str, Any], business_name: str, sender: Optional[str],
    sms: Optional[TwilioRestSms],
) -> None:
    """Makes (or finds) the ticket's payment link and texts it to the customer once; failures are recorded, not raised."""
    if not ticket.get("deposit") or PAYMENT_LINKS not in adapter.capabilities:
        return
    row = await asyncio.to_thread(deposit_row, db, ticket["id"])
    if row is None:
        try:
            link = await adapter.create_payment_link(ticket, Decimal(ticket["deposit"]))
        except (TransientPosError, PermanentPosError) as error:
            logger.warning("no payment link for ticket %s: %s", ticket["id"], error)
            await asyncio.to_thread(_note_failure, db, ticket["id"], f"payment link not created: {error}")
            return
        await asyncio.to_thread(_store_link, db, ticket, link, datetime.now(timezone.utc))
        row = await asyncio.to_thread(deposit_row, db, ticket["id"])
    if row["state"] != "link_created":
        return
    phone = (ticket.get("customer") or {}).get("phone")
    if phone and await asyncio.to_thread(opted_out, db, ticket["business_id"], phone):
        await asyncio.to_thread(_note_failure, db, ticket["id"], f"payment link not texted (the customer texted STOP); staff can send {row['url']}")
        return
    if not phone or not sender or sms is None:
        why = "no customer phone" if not phone else "SMS is not configured (TWILIO_ACCOUNT_SID)"
        await asyncio.to_thread(_note_failure, db, ticket["id"], f"payment link not texted ({why}); staff can send {row['url']}")
        return
    try:
        await sms.send(phone, sender, link_text(business_name, ticket, row["amount"], row["url"]))
    except SmsNotSent as error:
        await asyncio.to_thread(_note_failure, db, ticket["id"], str(error))
        return
    await asyncio.to_thread(_mark_sent, db, ticket["id"], f"payment link texted to {mask_phone(phone)}", datetime.now(timezone.utc))


def mark_paid(db: Database, business_id: str, pos_order_id: str, now: Optional[datetime] = None) -> Optional[int]:
    """The ticket whose deposit the POS says is paid; None when no deposit of this business has that order."""
    now = now or datetime.now(timezone.utc)
    with db.engine.begin() as connection:
        row = connection.execute(select(deposits.c.ticket_id, deposits.c.state).where(
            and_(deposits.c.business_id == business_id, deposits.c.pos_order_id == pos_order_id))).first()
        if row is None:
            return None
        if row.state != "paid":
            connection.execute(update(deposits).where(deposits.c.ticket_id == row.ticket_id).values(state="paid", updated_at=now))
            _event(connection, row.ticket_id, "deposit", "deposit paid", now)
        return row.ticket_id
