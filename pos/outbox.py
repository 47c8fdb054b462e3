"""Delivers stored tickets to the POS: claim with a lease, push, record; retry with backoff and jitter.

A worker that dies mid-push leaves its claim to expire; the next claim pushes again as a retry, and the
adapter either sends the same idempotency key or looks the order up first, so the POS sees it once.
A POS that refuses a ticket for good stops the retries and puts the whole order in front of staff.
"""

import asyncio
import logging
import random
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any, Awaitable, Callable, Dict, List, Optional

from sqlalchemy import and_, insert, or_, select, update

from pos.adapters.base import PermanentPosError, PosAdapter, TransientPosError
from pos.staff_alert import alert_staff
from pos.ticket_store import load_ticket
from storage import Database
from storage.tables import outbox, ticket_events, tickets

logger = logging.getLogger(__name__)

AdapterLookup = Callable[[str], PosAdapter]
PushedCallback = Callable[[Dict[str, Any]], Awaitable[None]]
AfterPush = Callable[[PosAdapter, Dict[str, Any]], Awaitable[None]]


@dataclass(frozen=True)
class RetryPolicy:
    base_seconds: float = 2.0
    max_seconds: float = 300.0
    jitter: float = 0.2

    def delay(self, attempts: int, retry_after: Optional[float] = None) -> float:
        backoff = min(self.max_seconds, self.base_seconds * 2 ** max(0, attempts - 1))
        backoff *= 1 + random.uniform(-self.jitter, self.jitter)
        return max(backoff, retry_after or 0.0)


class Outbox:
    def __init__(
        self,
        db: Database,
        adapters: AdapterLookup,
        on_pushed: Optional[PushedCallback] = None,
        lease_seconds: float = 60.0,
        retry: RetryPolicy = RetryPolicy(),
        after_push: Optional[AfterPush] = None,
    ):
        self.db = db
        self.adapters = adapters
        self.on_pushed = on_pushed
        self.after_push = after_push
        self.lease = timedelta(seconds=lease_seconds)
        self.retry = retry
        self.worker_id = uuid.uuid4().hex[:8]

    def claim_due(self, now: Optional[datetime] = None, limit: int = 10) -> List[int]:
        """Claims due rows by a conditional UPDATE, so two workers never push one ticket at once."""
        now = now or datetime.now(timezone.utc)
        due = or_(
            and_(outbox.c.state == "pending", outbox.c.next_attempt_at <= now),
            and_(outbox.c.state == "in_flight", outbox.c.claimed_until < now),
        )
        claimed = []
        with self.db.engine.begin() as connection:
            candidates = connection.execute(
                select(outbox.c.id, outbox.c.ticket_id, outbox.c.attempts).where(due).order_by(outbox.c.id).limit(limit)
            ).all()
            for row in candidates:
                result = connection.execute(
                    update(outbox)
                    .where(and_(outbox.c.id == row.id, outbox.c.attempts == row.attempts, due))
                    .values(state="in_flight", attempts=row.attempts + 1, claimed_until=now + self.lease, updated_at=now)
                )
                if result.rowcount == 1:
                    claimed.append(row.ticket_id)
        return claimed

    def _record(self, ticket_id: int, state: str, detail: Optional[str], **outbox_values) -> None:
        now = datetime.now(timezone.utc)
        with self.db.engine.begin() as connection:
            connection.execute(
                update(outbox).where(outbox.c.ticket_id == ticket_id).values(state=state, updated_at=now, **outbox_values)
            )
            connection.execute(insert(ticket_events).values(ticket_id=ticket_id, at=now, state=state, detail=detail))

    def _mark_pushed(self, ticket_id: int, pos_id: str) -> None:
        with self.db.engine.begin() as connection:
            connection.execute(update(tickets).where(tickets.c.id == ticket_id).values(pos_id=pos_id))
        self._record(ticket_id, "pushed", pos_id, claimed_until=None, last_error=None)

    def _attempts(self, ticket_id: int) -> int:
        with self.db.engine.connect() as connection:
            return connection.execute(select(outbox.c.attempts).where(outbox.c.ticket_id == ticket_id)).scalar_one()

    async def push(self, ticket_id: int) -> None:
        ticket = await asyncio.to_thread(load_ticket, self.db, ticket_id)
        attempts = await asyncio.to_thread(self._attempts, ticket_id)
        try:
            adapter = self.adapters(ticket["business_id"])
            result = await adapter.push(ticket, retrying=attempts > 1)
        except TransientPosError as error:
            delay = self.retry.delay(attempts, error.retry_after)
            logger.warning("ticket %s push failed (attempt %s), retrying in %.1fs: %s", ticket_id, attempts, delay, error)
            await asyncio.to_thread(
                self._record,
                ticket_id,
                "pending",
                f"retry in {delay:.1f}s: {error}",
                next_attempt_at=datetime.now(timezone.utc) + timedelta(seconds=delay),
                claimed_until=None,
                last_error=str(error),
            )
            return
        except PermanentPosError as error:
            logger.error("ticket %s for %s cannot be pushed; staff alerted: %s", ticket_id, ticket["business_id"], error)
            await asyncio.to_thread(self._record, ticket_id, "failed", str(error), claimed_until=None, last_error=str(error))
            await asyncio.to_thread(alert_staff, self.db, ticket, str(error))
            return
        await asyncio.to_thread(self._mark_pushed, ticket_id, result.pos_id)
        pushed = {**ticket, "pos_id": result.pos_id}
        if self.after_push is not None:
            await self.after_push(adapter, pushed)
        if self.on_pushed is not None:
            await self.on_pushed(pushed)

    async def run_once(self) -> int:
        ticket_ids = await asyncio.to_thread(self.claim_due)
        for ticket_id in ticket_ids:
            await self.push(ticket_id)
        return len(ticket_ids)

    async def run_forever(self, stop: asyncio.Event, poll_seconds: float = 0.3) -> None:
        while not stop.is_set():
            try:
                pushed = await self.run_once()
            except Exception:
                logger.exception("outbox pass failed; trying again")
                pushed = 0
            if not pushed:
                try:
                    await asyncio.wait_for(stop.wait(), poll_seconds)
                except asyncio.TimeoutError:
                    pass
