"""A ticket that owes a deposit gets one payment link from its POS, texted once; the POS's webhook marks it paid.
When the owner's rule holds the time only so long (`booking.deposit.hold_hours`), an unpaid booking is released
after it: the time is free to book again, the customer is texted, and staff see it on the board (to cancel it
in the POS too, which has no cancel call here).

Each step is recorded before the next, so a worker restarted between them finishes the job without a second
link (the POS dedupes by our key) or a second text (the row says it was sent).
"""

import asyncio
import logging
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from typing import Any, Dict, Iterable, List, Optional

from sqlalchemy import and_, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from connectors.privacy import mask_phone
from notify.opt_outs import opted_out
from notify.sms import SmsNotSent, TwilioRestSms
from pos.adapters import PAYMENT_LINKS, PermanentPosError, PosAdapter, TransientPosError
from storage import Database
from handoff import request_handoff
from playbooks import Playbook, PlaybookRegistry
from pos.staff_alert import order_text
from pos.ticket_store import load_ticket
from storage.tables import deposits, reservations, ticket_events

UNPAID = ("link_created", "link_sent")
RELEASE_CHECK_SECONDS = 60.0

logger = logging.getLogger(__name__)


def _event(connection, ticket_id: int, state: str, detail: str, now: datetime) -> None:
    connection.execute(insert(ticket_events).values(ticket_id=ticket_id, at=now, state=state, detail=detail))


def deposit_row(db: Database, ticket_id: int) -> Optional[Dict[str, Any]]:
    with db.engine.connect() as connection:
        row = connection.execute(select(deposits).where(deposits.c.ticket_id == ticket_id)).mappings().first()
    return dict(row) if row else None


def deposit_states(db: Database, ticket_ids: Iterable[int]) -> Dict[int, str]:
    """pending (link made or sent), paid or released (not paid in time), per ticket that owes a deposit."""
    with db.engine.connect() as connection:
        rows = connection.execute(select(deposits.c.ticket_id, deposits.c.state).where(deposits.c.ticket_id.in_(list(ticket_ids))))
        return {row.ticket_id: (row.state if row.state in ("paid", "released") else "pending") for row in rows}


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


def _note(db: Database, ticket_id: int, detail: str) -> None:
    with db.engine.begin() as connection:
        _event(connection, ticket_id, "deposit", detail, datetime.now(timezone.utc))


# The customer's texts, in the language the booking was made in.
TEXTS = {
    "en": {"link": "{business}: your booking (ticket {number}) is held{hours} with a ${amount} deposit. Pay securely here: {url}",
           "hours": " for {hours} hours",
           "released": "{business}: your booking (ticket {number}) was released because the deposit was not paid "
                       "within {hours} hours. To book again, reply here or call {contact}."},
    "es": {"link": "{business}: su reserva (ticket {number}) queda apartada{hours} con un depósito de ${amount}. "
                   "Pague de forma segura aquí: {url}",
           "hours": " por {hours} horas",
           "released": "{business}: su reserva (ticket {number}) se liberó porque el depósito no se pagó en {hours} "
                       "horas. Para reservar de nuevo, responda aquí o llame al {contact}."},
    "zh": {"link": "{business}：您的预约（单号{number}）已为您保留{hours}，需付${amount}定金。安全付款链接：{url}",
           "hours": "{hours}小时",
           "released": "{business}：您的预约（单号{number}）因{hours}小时内未付定金已被取消，时段已释放。"
                       "如需重新预约，请回复本短信或致电{contact}。"},
}


def _texts(ticket: Dict[str, Any]) -> Dict[str, str]:
    return TEXTS.get(ticket.get("language") or "en", TEXTS["en"])


def link_text(business_name: str, ticket: Dict[str, Any], amount: str, url: str, hold_hours: Optional[int] = None) -> str:
    texts = _texts(ticket)
    hours = texts["hours"].format(hours=hold_hours) if hold_hours else ""
    return texts["link"].format(business=business_name, number=ticket["number"], hours=hours, amount=amount, url=url)


async def request_deposit(
    db: Database, adapter: PosAdapter, ticket: Dict[str, Any], business_name: str, sender: Optional[str],
    sms: Optional[TwilioRestSms], hold_hours: Optional[int] = None,
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
            await asyncio.to_thread(_note, db, ticket["id"], f"payment link not created: {error}")
            return
        await asyncio.to_thread(_store_link, db, ticket, link, datetime.now(timezone.utc))
        row = await asyncio.to_thread(deposit_row, db, ticket["id"])
    if row["state"] != "link_created":
        return
    phone = (ticket.get("customer") or {}).get("phone")
    if phone and await asyncio.to_thread(opted_out, db, ticket["business_id"], phone):
        await asyncio.to_thread(_note, db, ticket["id"], f"payment link not texted (the customer texted STOP); staff can send {row['url']}")
        return
    if not phone or not sender or sms is None:
        why = "no customer phone" if not phone else "SMS is not configured (TWILIO_ACCOUNT_SID)"
        await asyncio.to_thread(_note, db, ticket["id"], f"payment link not texted ({why}); staff can send {row['url']}")
        return
    try:
        await sms.send(phone, sender, link_text(business_name, ticket, row["amount"], row["url"], hold_hours))
    except SmsNotSent as error:
        await asyncio.to_thread(_note, db, ticket["id"], str(error))
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


def unpaid_since(db: Database, business_id: str, before: datetime) -> List[int]:
    """Tickets of this business whose payment link was made before `before` and is still unpaid."""
    with db.engine.connect() as connection:
        rows = connection.execute(select(deposits.c.ticket_id).where(and_(
            deposits.c.business_id == business_id, deposits.c.state.in_(UNPAID), deposits.c.created_at <= before)))
        return [row.ticket_id for row in rows]


def release(db: Database, ticket_id: int, hold_hours: int, now: datetime) -> bool:
    """Frees the booking's time and marks the deposit released, in one transaction; False when it was paid or
    released meanwhile (a payment that lands first keeps the booking)."""
    with db.engine.begin() as connection:
        changed = connection.execute(update(deposits).where(and_(deposits.c.ticket_id == ticket_id, deposits.c.state.in_(UNPAID)))
                                     .values(state="released", updated_at=now)).rowcount
        if not changed:
            return False
        connection.execute(delete(reservations).where(reservations.c.ticket_id == ticket_id))
        _event(connection, ticket_id, "released", f"deposit not paid within {hold_hours} hours; the time is free again", now)
    return True


def release_text(playbook: Playbook, ticket: Dict[str, Any], hold_hours: int) -> str:
    return _texts(ticket)["released"].format(business=playbook.name, number=ticket["number"], hours=hold_hours,
                                             contact=playbook.staff_contact)


async def release_unpaid(db: Database, registry: PlaybookRegistry, sms: Optional[TwilioRestSms],
                         now: Optional[datetime] = None) -> List[int]:
    """Releases every booking whose deposit is unpaid past its business's hold; returns their ticket ids."""
    now = now or datetime.now(timezone.utc)
    released = []
    for playbook in await asyncio.to_thread(registry.load_all):
        hours = playbook.booking.deposit_hold_hours
        if not hours:
            continue
        for ticket_id in await asyncio.to_thread(unpaid_since, db, playbook.id, now - timedelta(hours=hours)):
            if not await asyncio.to_thread(release, db, ticket_id, hours, now):
                continue
            released.append(ticket_id)
            ticket = await asyncio.to_thread(load_ticket, db, ticket_id)
            await asyncio.to_thread(
                request_handoff, db, playbook.id, ticket.get("conversation_id") or f"ticket-{ticket_id}", "deposit_unpaid",
                False, f"Deposit not paid within {hours} hours, so the time was freed. Cancel it in the POS if it is "
                       f"there: {order_text(ticket)}")
            await _tell_customer(db, playbook, ticket, release_text(playbook, ticket, hours), sms)
    return released


async def _tell_customer(db: Database, playbook: Playbook, ticket: Dict[str, Any], text: str,
                         sms: Optional[TwilioRestSms]) -> None:
    phone = (ticket.get("customer") or {}).get("phone")
    sender = playbook.phone_numbers[0] if playbook.phone_numbers else None
    if not phone or not sender or sms is None or await asyncio.to_thread(opted_out, db, playbook.id, phone):
        return
    try:
        await sms.send(phone, sender, text)
    except SmsNotSent as error:
        await asyncio.to_thread(_note, db, ticket["id"], f"release not texted: {error}")
        return
    await asyncio.to_thread(_note, db, ticket["id"], f"release texted to {mask_phone(phone)}")


async def release_unpaid_forever(db: Database, registry: PlaybookRegistry, sms: Optional[TwilioRestSms],
                                 stop: asyncio.Event, interval: float = RELEASE_CHECK_SECONDS) -> None:
    while not stop.is_set():
        try:
            await release_unpaid(db, registry, sms)
        except Exception:
            logger.exception("releasing unpaid bookings failed; trying again in %ss", interval)
        try:
            await asyncio.wait_for(stop.wait(), timeout=interval)
        except asyncio.TimeoutError:
            pass
