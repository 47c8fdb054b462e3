"""Pulls a business's catalog from its POS into the synced-catalog file the playbook registry overlays.

The file is replaced only by a catalog that merges and validates, so a half-read or odd answer from the POS
never takes the menu away from the assistant.
"""

import asyncio
import logging
import os
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Dict, Optional

import yaml

from playbooks import Playbook, PlaybookRegistry, default_registry
from playbooks.loader import with_synced_catalog
from pos.adapters import CATALOG, UnsupportedByPos, adapter_for
from storage import Database

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class SyncReport:
    business_id: str
    provider: str
    items: int
    modifier_lists: int
    path: Path

    def __str__(self) -> str:
        return (f"{self.business_id}: {self.items} items and {self.modifier_lists} modifier lists from "
                f"{self.provider} written to {self.path}")


def _replace_if_valid(playbook: Playbook, destination: Path, text: str) -> None:
    """Writes beside the synced file (the registry reads only `.yml`), validates, then renames over it."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    candidate = destination.with_suffix(".candidate")
    candidate.write_text(text, encoding="utf-8")
    try:
        with_synced_catalog(playbook, candidate)
        os.replace(candidate, destination)
    finally:
        candidate.unlink(missing_ok=True)


async def sync_catalog(playbook: Playbook, db: Database, destination: Optional[Path] = None) -> SyncReport:
    """Fetches, merges with the owner's aliases, validates, then replaces the synced file in one rename."""
    destination = destination or default_registry().synced_catalog_path(playbook.id)
    adapter = adapter_for(playbook, db)
    if CATALOG not in adapter.capabilities:
        raise UnsupportedByPos(f"{playbook.id}: the {playbook.pos['provider']} POS has no catalog to sync")
    catalog = await adapter.fetch_catalog()
    header = (f"# Synced from {playbook.pos['provider']} for {playbook.id} at {datetime.now(timezone.utc):%Y-%m-%d %H:%M:%S} UTC"
              " by `python -m pos sync`; edit the playbook, not this file.\n")
    text = header + yaml.safe_dump({"catalog": catalog}, sort_keys=False, allow_unicode=True)
    await asyncio.to_thread(_replace_if_valid, playbook, destination, text)
    return SyncReport(playbook.id, playbook.pos["provider"], len(catalog["items"]),
                      len(catalog.get("modifier_lists") or []), destination)


async def refresh_catalogs_forever(registry: PlaybookRegistry, db: Database, stop: asyncio.Event, tick_seconds: float = 5.0) -> None:
    """Syncs each business whose playbook sets `pos.sync_minutes`, at start and then every that many minutes."""
    last: Dict[str, float] = {}
    loop = asyncio.get_running_loop()
    while not stop.is_set():
        for playbook in await asyncio.to_thread(registry.load_all):
            minutes = int(playbook.pos.get("sync_minutes") or 0)
            if playbook.pos["provider"] == "house" or minutes <= 0:
                continue
            if playbook.id in last and loop.time() - last[playbook.id] < minutes * 60:
                continue
            last[playbook.id] = loop.time()
            try:
                logger.info("%s", await sync_catalog(playbook, db, registry.synced_catalog_path(playbook.id)))
            except Exception as error:
                logger.warning("catalog sync for %s failed, keeping the last good catalog: %s", playbook.id, error)
        try:
            await asyncio.wait_for(stop.wait(), tick_seconds)
        except asyncio.TimeoutError:
            pass
