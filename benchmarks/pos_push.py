"""Times a ticket's push to each outside POS through its adapter, against the vendor's local double on loopback.

    python -m benchmarks.pos_push [--tickets N]

What it measures is our side (building the request, HTTP, reading the answer, the double's validation; for Square
also the check of every request against the official OpenAPI file), not the vendor's cloud. Prints per POS the
catalog sync time, push latency percentiles and pushes per second, and the process's peak memory.
"""

import argparse
import asyncio
import os
import resource
import tempfile
import time
import uuid
from pathlib import Path

from benchmarks.order_pipeline import percentiles
from playbooks import PlaybookRegistry
from pos.adapters import adapter_for
from pos.catalog_sync import sync_catalog
from pos.ticket import Customer, LineItem, Modifier, Ticket
from tests.doubles.vendors import VENDORS, business_on


def pepperoni_order(catalog, key: str) -> dict:
    pizza = next(item for item in catalog.items if item.name.lower() == "pepperoni pizza")
    large = next(v for v in pizza.variations if v.name.lower() == "large")
    cheese = next(m for m in catalog.modifiers_for(pizza) if m.name.lower() == "extra cheese")
    ticket = Ticket(
        business_id="tonys-pizzeria", kind="pickup_order", customer=Customer("Dana", "+14155550199"),
        lines=[LineItem(pizza.id, pizza.name, 2, str(large.price + cheese.price), large.id, large.name,
                        [Modifier(cheese.id, cheese.name, str(cheese.price))], "cut in squares")],
        scheduled_for=None, channel="sms", language="en", conversation_id="bench", idempotency_key=key,
    )
    return {**ticket.to_dict(), "id": 1, "number": 1, "business_date": "2026-11-29",
            "created_at": "2026-11-29T17:00:00+00:00", "pos_id": None}


async def measure(provider: str, tickets: int, directory: Path) -> dict:
    vendor = VENDORS[provider]
    double = vendor.double_for_demo_menu().start()
    try:
        os.environ.update(vendor.environment)
        registry = PlaybookRegistry(*business_on(vendor, double, directory / provider))
        started = time.perf_counter()
        await sync_catalog(registry.by_id("tonys-pizzeria"), None, registry.synced_catalog_path("tonys-pizzeria"))
        sync_ms = (time.perf_counter() - started) * 1000
        playbook = registry.by_id("tonys-pizzeria")
        adapter = adapter_for(playbook, None)
        samples = []
        for _ in range(tickets):
            ticket = pepperoni_order(playbook.catalog, uuid.uuid4().hex)
            started = time.perf_counter()
            await adapter.push(ticket)
            samples.append((time.perf_counter() - started) * 1000)
        return {"sync_ms": sync_ms, **percentiles(samples), "per_second": tickets / (sum(samples) / 1000)}
    finally:
        double.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tickets", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        for provider in sorted(VENDORS):
            figures = asyncio.run(measure(provider, args.tickets, Path(directory)))
            print(f"{provider:<9} catalog sync {figures['sync_ms']:6.1f} ms   push p50 {figures['p50']:5.1f} ms  "
                  f"p95 {figures['p95']:5.1f} ms  max {figures['max']:6.1f} ms   {figures['per_second']:5.0f} pushes/s")
    print(f"peak memory {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
