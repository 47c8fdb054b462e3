"""Kill the outbox worker while the POS is creating the order, start another: the POS ends with exactly one order.

For each POS: the worker is a real `python -m pos worker` process; the vendor's double takes the order and then
holds its answer back, the test kills the worker with SIGKILL at that moment, and a second worker takes the
ticket over once the first one's lease has run out. Square replays the idempotency key; the others look the
order up by our reference before creating it again.
"""

import asyncio
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from playbooks import PlaybookRegistry
from pos.catalog_sync import sync_catalog
from pos.outbox_admin import outbox_entries, ticket_history
from pos.ticket import Customer, LineItem, Modifier, Ticket
from pos.ticket_store import store_ticket
from tests.doubles.vendors import VENDORS, business_on

ROOT = Path(__file__).resolve().parents[2]


def _wait_for(condition, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def _worker(db, playbooks: Path, catalogs: Path, vendor, log: Path) -> subprocess.Popen:
    env = {**os.environ, **vendor.environment, "DATABASE_URL": db.url, "PLAYBOOKS_DIR": str(playbooks),
           "CATALOG_CACHE_DIR": str(catalogs), "OUTBOX_LEASE_SECONDS": "2", "PYTHONPATH": str(ROOT),
           "TWILIO_ACCOUNT_SID": ""}
    return subprocess.Popen([sys.executable, "-m", "pos", "worker"], cwd=ROOT, env=env,
                            stdout=log.open("a"), stderr=subprocess.STDOUT)


def _pepperoni_ticket(catalog) -> Ticket:
    pizza = next(item for item in catalog.items if item.name.lower() == "pepperoni pizza")
    large = next(v for v in pizza.variations if v.name.lower() == "large")
    cheese = next(m for m in catalog.modifiers_for(pizza) if m.name.lower() == "extra cheese")
    return Ticket(
        business_id="tonys-pizzeria", kind="pickup_order", customer=Customer("Dana", "+14155550199"),
        lines=[LineItem(pizza.id, pizza.name, 2, str(large.price + cheese.price), large.id, large.name,
                        [Modifier(cheese.id, cheese.name, str(cheese.price))], "cut in squares")],
        scheduled_for=None, channel="sms", language="en", conversation_id="crash-1",
    )


@pytest.mark.parametrize("provider", sorted(VENDORS))
def test_killing_the_worker_mid_push_neither_loses_nor_doubles_the_order(provider, db, tmp_path, monkeypatch):
    vendor = VENDORS[provider]
    double = vendor.double_for_demo_menu().start()
    try:
        for name, value in vendor.environment.items():
            monkeypatch.setenv(name, value)
        playbooks, catalogs = business_on(vendor, double, tmp_path)
        registry = PlaybookRegistry(playbooks, catalogs)
        asyncio.run(sync_catalog(registry.by_id("tonys-pizzeria"), db, registry.synced_catalog_path("tonys-pizzeria")))
        stored = store_ticket(db, _pepperoni_ticket(registry.by_id("tonys-pizzeria").catalog), vendor.today())
        double.delay_next(*vendor.order_call, 60)

        log = tmp_path / "workers.log"
        first = _worker(db, playbooks, catalogs, vendor, log)
        try:
            _wait_for(lambda: double.requests_to(*vendor.order_call), 30, "the first worker's order request")
        finally:
            first.send_signal(signal.SIGKILL)
            first.wait(10)
        assert len(vendor.orders(double)) == 1, "the POS took the order before the worker died"
        assert outbox_entries(db)[0].state == "in_flight"

        second = _worker(db, playbooks, catalogs, vendor, log)
        try:
            _wait_for(lambda: outbox_entries(db)[0].state == "pushed", 45, f"the second worker to push (log: {log.read_text()[-2000:]})")
        finally:
            second.terminate()
            second.wait(10)
        [order] = vendor.orders(double)
        assert len(vendor.units(double, order)) == 2
        [entry] = outbox_entries(db)
        assert entry.pos_id == vendor.order_id(order) and entry.attempts == 2
        assert [state for _at, state, _detail in ticket_history(db, stored.id)] == ["stored", "pushed"]
    finally:
        double.stop()
