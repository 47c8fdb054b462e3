"""Operator commands for the POS side: `outbox` shows the queue, `replay` re-pushes a failed ticket,
`sync` pulls a business's catalog from its POS, `sync-vips` its VIP customer group, `worker` runs the outbox worker
on its own.

    python -m pos outbox [--business ID] [--state failed]
    python -m pos history TICKET_ID
    python -m pos replay TICKET_ID
    python -m pos sync BUSINESS_ID
    python -m pos sync-vips BUSINESS_ID
    python -m pos worker
"""

import argparse
import asyncio
import logging
import sys

from playbooks import default_registry
from pos.adapters import PermanentPosError, TransientPosError
from pos.catalog_sync import sync_catalog
from pos.outbox_admin import NotReplayable, outbox_entries, replay, ticket_history
from pos.vip_group import sync_vip_group
from pos.worker import run_worker
from storage import Database


def _show(db: Database, business: str, state: str) -> int:
    entries = outbox_entries(db, business, state)
    print(f"{'ticket':>7}  {'business':<20} {'no.':>4}  {'day':<10}  {'state':<9} {'tries':>5}  detail")
    for entry in entries:
        detail = entry.pos_id if entry.state == "pushed" else (entry.last_error or "")
        if entry.state == "pending" and entry.next_attempt_at:
            detail = f"next try {entry.next_attempt_at:%H:%M:%S}; {detail}"
        print(f"{entry.ticket_id:>7}  {entry.business_id:<20} {entry.number:>4}  {entry.business_date:<10}  "
              f"{entry.state:<9} {entry.attempts:>5}  {detail}")
    counts = {}
    for entry in entries:
        counts[entry.state] = counts.get(entry.state, 0) + 1
    print(", ".join(f"{count} {state}" for state, count in sorted(counts.items())) or "the outbox is empty")
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pos", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    show = commands.add_parser("outbox", help="pending, pushed and failed tickets with reasons")
    show.add_argument("--business")
    show.add_argument("--state", choices=["pending", "in_flight", "pushed", "failed"])
    commands.add_parser("history", help="every state change of one ticket").add_argument("ticket_id", type=int)
    commands.add_parser("replay", help="push a failed ticket again").add_argument("ticket_id", type=int)
    commands.add_parser("sync", help="pull a business's catalog from its POS").add_argument("business_id")
    commands.add_parser("sync-vips", help="pull the members of a business's VIP customer group (rules.vips.pos_group) "
                                          "from its POS").add_argument("business_id")
    commands.add_parser("worker", help="run the outbox worker (and periodic catalog and VIP group sync) in this process")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    db = Database()
    if args.command == "outbox":
        return _show(db, args.business, args.state)
    if args.command == "history":
        for at, state, detail in ticket_history(db, args.ticket_id):
            print(f"{at:%Y-%m-%d %H:%M:%S}  {state:<9} {detail or ''}")
        return 0
    if args.command == "replay":
        try:
            replay(db, args.ticket_id)
        except NotReplayable as error:
            print(error, file=sys.stderr)
            return 1
        print(f"ticket {args.ticket_id} queued; the worker pushes it within a second")
        return 0
    if args.command in ("sync", "sync-vips"):
        playbook = default_registry().by_id(args.business_id)
        if playbook is None:
            print(f"no playbook for business {args.business_id!r}", file=sys.stderr)
            return 1
        sync = sync_catalog if args.command == "sync" else sync_vip_group
        try:
            report = asyncio.run(sync(playbook, db))
        except (PermanentPosError, TransientPosError) as error:
            print(f"{args.command} failed: {error}", file=sys.stderr)
            return 1
        print(report)
        return 0
    asyncio.run(run_worker(db))
    return 0


if __name__ == "__main__":
    sys.exit(main())
