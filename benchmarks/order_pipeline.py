"""Times the order path outside Rasa: parsing an order against the catalog, storing tickets, pushing them.

    python -m benchmarks.order_pipeline [--database-url URL] [--tickets N]

Prints latency percentiles and the process's peak memory. Uses a fresh SQLite file unless a URL is given
(its tables must be empty of benchmark tickets: each run uses new idempotency keys and a new day).
"""

import argparse
import asyncio
import random
import resource
import statistics
import tempfile
import time
import uuid
from datetime import date, datetime, timedelta
from pathlib import Path

import catalog
from ordering.ticket_builder import build_order_ticket
from playbooks import PlaybookRegistry
from pos.adapters import HousePos
from pos.outbox import Outbox
from pos.ticket_store import store_ticket
from storage import Database

UTTERANCES = [
    "two large pepperoni pizzas, one with extra cheese, and a coke, pickup at 6:30, name's Dana",
    "can I get a 12 piece wings with bbq sauce and 3 cokes",
    "one medium veggie and a caesar salad with ranch",
    "make the coke a sprite",
    "remove the wings",
]


def percentiles(samples_ms):
    ordered = sorted(samples_ms)
    return {
        "p50": statistics.median(ordered),
        "p95": ordered[int(len(ordered) * 0.95) - 1],
        "max": ordered[-1],
    }


def show(label, samples_ms):
    figures = percentiles(samples_ms)
    print(f"{label:34} n={len(samples_ms):5}  p50 {figures['p50']:7.2f} ms  p95 {figures['p95']:7.2f} ms  max {figures['max']:7.2f} ms")


def bench_parser(menu, rounds):
    samples = []
    lines = []
    for index in range(rounds):
        text = UTTERANCES[index % len(UTTERANCES)]
        started = time.perf_counter()
        lines = catalog.apply_utterance(text, menu, lines if index % len(UTTERANCES) else []).lines
        samples.append((time.perf_counter() - started) * 1000)
    show("parse one utterance", samples)


def bench_store_and_push(db, playbook, count):
    lines = catalog.apply_utterance(UTTERANCES[0], playbook.catalog, []).lines
    day = date(2000, 1, 1) + timedelta(days=random.randrange(300000))
    pickup = datetime.now(playbook.timezone).replace(microsecond=0)
    store_ms = []
    for _ in range(count):
        ticket = build_order_ticket(playbook.id, lines, "pickup", pickup, "Bench", "+15005550100", "web", "en",
                                    "benchmark", uuid.uuid4().hex)
        started = time.perf_counter()
        store_ticket(db, ticket, day)
        store_ms.append((time.perf_counter() - started) * 1000)
    show("store ticket (outbox first)", store_ms)

    outbox = Outbox(db, lambda business_id: HousePos(db))

    async def drain():
        pushed = 0
        started = time.perf_counter()
        while True:
            done = await outbox.run_once()
            if not done:
                return pushed, time.perf_counter() - started
            pushed += done

    pushed, seconds = asyncio.run(drain())
    print(f"{'push to the house POS':34} n={pushed:5}  {pushed / seconds:7.1f} tickets/s  ({seconds * 1000 / max(pushed, 1):.2f} ms each)")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url")
    parser.add_argument("--tickets", type=int, default=300)
    parser.add_argument("--parses", type=int, default=2000)
    args = parser.parse_args()
    playbook = PlaybookRegistry(Path(__file__).resolve().parent.parent / "playbooks").by_id("tonys-pizzeria")
    url = args.database_url or f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.db'}"
    db = Database(url)
    print(f"database: {url.split('@')[-1]}")
    bench_parser(playbook.catalog, args.parses)
    bench_store_and_push(db, playbook, args.tickets)
    print(f"{'peak memory (max RSS)':34} {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
