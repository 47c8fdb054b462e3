"""Remembers callers declined for abuse or a prank, and orders abandoned mid-way, so a repeat offender is
rate-limited: for a day after a second decline (or after too many abandoned orders) their calls, texts and
emails get one short answer and reach neither the assistant nor the POS.

A caller is the phone's digits or the lower-cased email address.
"""

from datetime import datetime, timedelta, timezone
from typing import Optional

from sqlalchemy import func, insert, select

from storage import Database
from storage.tables import caller_flags

DECLINE_KINDS = ("insult", "threat", "sexual", "joke_name", "absurd_order", "constant_changes", "repeat_abandoned")
ABANDONED = "abandoned_order"
WINDOW = timedelta(hours=24)
DECLINES_BEFORE_LIMIT = 2
ABANDONED_BEFORE_LIMIT = 4


def caller_key(phone_or_email: str) -> str:
    text = phone_or_email.strip().lower()
    return text if "@" in text else "".join(ch for ch in text if ch.isdigit())


def flag_caller(db: Database, business_id: str, caller: str, conversation_id: str, kind: str,
                now: Optional[datetime] = None) -> None:
    if kind not in DECLINE_KINDS + (ABANDONED,):
        raise ValueError(f"unknown caller flag {kind!r}")
    key = caller_key(caller)
    if not key:
        return
    with db.engine.begin() as connection:
        connection.execute(insert(caller_flags).values(
            business_id=business_id, caller=key, conversation_id=conversation_id, kind=kind,
            created_at=now or datetime.now(timezone.utc)))


def recent_flags(db: Database, business_id: str, caller: str, kinds, now: Optional[datetime] = None) -> int:
    """How many flags of these kinds the caller earned at this business in the last day."""
    key = caller_key(caller)
    if not key:
        return 0
    since = (now or datetime.now(timezone.utc)) - WINDOW
    with db.engine.connect() as connection:
        return connection.execute(
            select(func.count()).select_from(caller_flags).where(
                caller_flags.c.business_id == business_id, caller_flags.c.caller == key,
                caller_flags.c.kind.in_(list(kinds)), caller_flags.c.created_at >= since)
        ).scalar_one()


def abandoned_recently(db: Database, business_id: str, caller: str, now: Optional[datetime] = None) -> int:
    return recent_flags(db, business_id, caller, (ABANDONED,), now)


def rate_limited(db: Database, business_id: str, caller: str, now: Optional[datetime] = None) -> bool:
    """Declined twice in a day, or declined once for the repeated abandoned orders: not served for a day."""
    declines = recent_flags(db, business_id, caller, DECLINE_KINDS, now)
    return declines >= DECLINES_BEFORE_LIMIT or (
        declines >= 1 and abandoned_recently(db, business_id, caller, now) >= ABANDONED_BEFORE_LIMIT)
