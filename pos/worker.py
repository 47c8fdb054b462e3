"""The background work of the POS side: push tickets from the outbox, apply chosen rewards, request deposits
and release bookings left unpaid past their hold, refresh catalogs and VIP customer groups.

The board runs these tasks in its own process in the embedded default; `python -m pos worker` runs them alone
(production-shaped deployments, and the crash test that kills a worker mid-push).
"""

import asyncio
import os
from typing import Any, Awaitable, Callable, Dict, List, Optional

from notify.sms import TwilioRestSms
from payments.deposits import release_unpaid_forever, request_deposit
from playbooks import PlaybookRegistry, default_registry
from pos.adapters import adapter_for
from pos.catalog_sync import refresh_catalogs_forever
from pos.loyalty import apply_chosen_reward
from pos.outbox import Outbox
from pos.vip_group import refresh_vip_groups_forever
from storage import Database


def build_outbox(db: Database, registry: PlaybookRegistry,
                 on_pushed: Optional[Callable[[Dict[str, Any]], Awaitable[None]]] = None) -> Outbox:
    sms = TwilioRestSms.from_environment()

    async def after_push(adapter, ticket):
        playbook = registry.by_id(ticket["business_id"])
        sender = playbook.phone_numbers[0] if playbook and playbook.phone_numbers else None
        await apply_chosen_reward(db, adapter, ticket)
        await request_deposit(db, adapter, ticket, playbook.name if playbook else ticket["business_id"], sender, sms,
                              playbook.booking.deposit_hold_hours if playbook else None)

    return Outbox(
        db,
        lambda business_id: adapter_for(registry.by_id(business_id), db),
        on_pushed,
        lease_seconds=float(os.environ.get("OUTBOX_LEASE_SECONDS", "60")),
        after_push=after_push,
    )


def worker_tasks(db: Database, registry: PlaybookRegistry, stop: asyncio.Event,
                 on_pushed: Optional[Callable[[Dict[str, Any]], Awaitable[None]]] = None) -> List[asyncio.Task]:
    outbox = build_outbox(db, registry, on_pushed)
    return [
        asyncio.get_running_loop().create_task(outbox.run_forever(stop)),
        asyncio.get_running_loop().create_task(refresh_catalogs_forever(registry, db, stop)),
        asyncio.get_running_loop().create_task(refresh_vip_groups_forever(registry, db, stop)),
        asyncio.get_running_loop().create_task(release_unpaid_forever(db, registry, TwilioRestSms.from_environment(), stop)),
    ]


async def run_worker(db: Database) -> None:
    """Runs until interrupted."""
    stop = asyncio.Event()
    await asyncio.gather(*worker_tasks(db, default_registry(), stop))
