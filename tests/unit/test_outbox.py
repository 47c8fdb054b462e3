import asyncio
import time
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from handoff import open_handoffs
from pos.adapters import HousePos, PermanentPosError, TransientPosError, UnclearPosError
from pos.outbox_admin import NotReplayable, outbox_entries, replay, ticket_history
from pos.outbox import Outbox, RetryPolicy
from pos.ticket_store import store_ticket
from storage.tables import house_pos_orders, outbox, ticket_events, tickets
from tests.unit.test_ticket_store import DAY, make_ticket


class FlakyPos:
    """Fails the first `failures` pushes the way a POS does under load, then behaves like the house POS."""

    def __init__(self, db, error):
        self.house = HousePos(db)
        self.errors = [error] if error else []
        self.calls = 0
        self.retrying = []

    async def push(self, ticket, retrying=False):
        self.calls += 1
        self.retrying.append(retrying)
        if self.errors:
            raise self.errors.pop()
        return await self.house.push(ticket)


def states(db, ticket_id):
    with db.engine.connect() as connection:
        return connection.execute(
            select(ticket_events.c.state).where(ticket_events.c.ticket_id == ticket_id).order_by(ticket_events.c.id)
        ).scalars().all()


def test_push_to_house_pos_records_pos_id_and_notifies(db):
    seen = []

    async def on_pushed(ticket):
        seen.append(ticket)

    stored = store_ticket(db, make_ticket(), DAY)
    box = Outbox(db, lambda business: HousePos(db), on_pushed)
    assert asyncio.run(box.run_once()) == 1
    assert seen[0]["number"] == 1 and seen[0]["pos_id"] == "house-tonys-pizzeria-2026-11-28-1"
    with db.engine.connect() as connection:
        assert connection.execute(select(tickets.c.pos_id)).scalar_one() == seen[0]["pos_id"]
    assert states(db, stored.id) == ["stored", "pushed"]
    assert HousePos(db).orders_for_day("tonys-pizzeria", DAY)[0]["customer"]["name"] == "Dana"
    assert asyncio.run(box.run_once()) == 0


def test_transient_error_retries_later_honouring_retry_after(db):
    stored = store_ticket(db, make_ticket(), DAY)
    pos = FlakyPos(db, TransientPosError("429 Too Many Requests", retry_after=30))
    box = Outbox(db, lambda business: pos, retry=RetryPolicy(base_seconds=1))
    asyncio.run(box.run_once())
    with db.engine.connect() as connection:
        row = connection.execute(select(outbox)).one()
    next_attempt = row.next_attempt_at if row.next_attempt_at.tzinfo else row.next_attempt_at.replace(tzinfo=timezone.utc)
    wait = (next_attempt - datetime.now(timezone.utc)).total_seconds()
    assert row.state == "pending" and 25 < wait <= 30
    assert asyncio.run(box.run_once()) == 0
    later = datetime.now(timezone.utc) + timedelta(seconds=31)
    assert box.claim_due(later) == [stored.id]


def test_permanent_error_stops_retrying_and_puts_the_whole_order_before_staff(db):
    stored = store_ticket(db, make_ticket(), DAY)
    box = Outbox(db, lambda business: FlakyPos(db, PermanentPosError("401 bad credentials")))
    asyncio.run(box.run_once())
    assert states(db, stored.id) == ["stored", "failed"]
    assert box.claim_due(datetime.now(timezone.utc) + timedelta(days=1)) == []
    [alert] = open_handoffs(db, "tonys-pizzeria")
    assert alert["reason"] == "pos_rejected" and alert["urgent"]
    for words in ("401 bad credentials", "Ticket 1 (pickup order)", "Dana, +15551234567",
                  "1 x large pepperoni pizza (extra cheese)", "2 x can coke", "2026-11-28T18:30:00-05:00", "total 22.50"):
        assert words in alert["summary"]


def test_a_retry_after_an_unclear_failure_tells_the_adapter_to_look_first(db):
    stored = store_ticket(db, make_ticket(), DAY)
    pos = FlakyPos(db, UnclearPosError("no answer within 10s"))
    box = Outbox(db, lambda business: pos, retry=RetryPolicy(base_seconds=0.01, jitter=0))
    asyncio.run(box.run_once())
    time.sleep(0.05)
    assert asyncio.run(box.run_once()) == 1
    assert pos.retrying == [False, True]
    assert states(db, stored.id)[-1] == "pushed"


def test_replay_queues_a_failed_ticket_again_and_only_a_failed_one(db):
    stored = store_ticket(db, make_ticket(), DAY)
    asyncio.run(Outbox(db, lambda business: FlakyPos(db, PermanentPosError("400 unknown item"))).run_once())
    [entry] = outbox_entries(db, state="failed")
    assert (entry.ticket_id, entry.number, entry.last_error) == (stored.id, 1, "400 unknown item")
    replay(db, stored.id, who="ops")
    assert asyncio.run(Outbox(db, lambda business: HousePos(db)).run_once()) == 1
    assert [e.state for e in outbox_entries(db)] == ["pushed"]
    assert [state for _at, state, _detail in ticket_history(db, stored.id)] == ["stored", "failed", "pending", "pushed"]
    assert ticket_history(db, stored.id)[2][2] == "replayed by ops"
    with pytest.raises(NotReplayable, match="is pushed"):
        replay(db, stored.id)


def test_worker_dying_mid_push_neither_loses_nor_doubles(db):
    """A claim whose worker died is re-claimed after its lease; the house POS dedupes by idempotency key."""
    store_ticket(db, make_ticket(), DAY)
    first = Outbox(db, lambda business: HousePos(db), lease_seconds=5)
    ticket_ids = first.claim_due()
    asyncio.run(HousePos(db).push({**make_ticket().to_dict(), "number": 1, "business_date": "2026-11-28"}))
    second = Outbox(db, lambda business: HousePos(db), lease_seconds=5)
    assert second.claim_due() == []
    assert second.claim_due(datetime.now(timezone.utc) + timedelta(seconds=6)) == ticket_ids
    asyncio.run(second.push(ticket_ids[0]))
    with db.engine.connect() as connection:
        assert len(connection.execute(select(house_pos_orders)).all()) == 1
        assert connection.execute(select(outbox.c.state)).scalar_one() == "pushed"


def test_two_workers_never_claim_the_same_ticket(db):
    for index in range(5):
        store_ticket(db, make_ticket(f"k{index}"), DAY)
    a, b = Outbox(db, lambda business: HousePos(db)), Outbox(db, lambda business: HousePos(db))
    claimed_a, claimed_b = a.claim_due(limit=3), b.claim_due(limit=10)
    assert set(claimed_a).isdisjoint(claimed_b) and len(claimed_a) + len(claimed_b) == 5


@pytest.mark.parametrize("attempt, low, high", [(1, 1.6, 2.4), (3, 6.4, 9.6), (20, 240, 360)])
def test_backoff_grows_with_jitter_and_a_cap(attempt, low, high):
    assert low <= RetryPolicy().delay(attempt) <= high
