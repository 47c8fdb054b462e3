"""VIPs from a POS customer group (`rules.vips.pos_group`): a sync copies the group's members into the database and
session start looks callers up there, so nobody waits on the POS while the phone rings.

A sync asks the POS for the whole group first and replaces the business's list in one transaction only after that
answer came in full: a POS that fails or refuses leaves the last good list in place.
"""

import asyncio
import logging
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Dict, List, Optional

from sqlalchemy import and_, delete, insert, or_, select

from ordering.contact import normalise_phone, region_of
from playbooks import Playbook, PlaybookRegistry
from playbooks.rules import Vip
from pos.adapters import GroupMember, PermanentPosError, TransientPosError, adapter_for
from storage import Database
from storage.tables import vip_group_members

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class VipSyncReport:
    business_id: str
    provider: str
    group: str
    kept: int
    # Members with no name to greet them by, or neither a phone nor an email to recognise them by.
    left_out: int

    def __str__(self) -> str:
        text = f"{self.business_id}: {self.kept} VIPs from the {self.provider} customer group {self.group!r}"
        if self.left_out:
            text += f"; {self.left_out} left out (no name, or no phone number or email to recognise them by)"
        return text


def member_row(member: GroupMember, region: str) -> Optional[Dict[str, Any]]:
    """The member as callers are looked up (phone in E.164, email lower-cased); None when there is no name to greet
    them by or neither a phone nor an email to recognise them by."""
    phone = normalise_phone(member.phone, region) if member.phone else None
    email = (member.email or "").strip().lower() or None
    if not member.name.strip() or not (phone or email):
        return None
    return {"name": member.name.strip(), "phone": phone, "email": email}


def _replace_members(db: Database, business_id: str, group_name: str, rows: List[Dict[str, Any]]) -> None:
    synced_at = datetime.now(timezone.utc)
    with db.engine.begin() as connection:
        connection.execute(delete(vip_group_members).where(vip_group_members.c.business_id == business_id))
        if rows:
            connection.execute(insert(vip_group_members),
                               [{**row, "business_id": business_id, "group_name": group_name, "synced_at": synced_at}
                                for row in rows])


async def sync_vip_group(playbook: Playbook, db: Database) -> VipSyncReport:
    """Fetches the group the playbook names from its POS, then replaces the business's synced VIPs with it."""
    group = playbook.rules.vip_pos_group
    if not group:
        raise PermanentPosError(f"{playbook.id}: the playbook names no rules.vips.pos_group to sync")
    members = await adapter_for(playbook, db).customer_group_members(group)
    region = region_of(playbook.phone_numbers)
    found = [member_row(member, region) for member in members]
    # A customer filed twice with the same contact details is one VIP.
    rows = list({(row["phone"], row["email"]): row for row in found if row is not None}.values())
    await asyncio.to_thread(_replace_members, db, playbook.id, group, rows)
    return VipSyncReport(playbook.id, playbook.pos["provider"], group, len(rows), found.count(None))


def group_vip(db: Database, business_id: str, group_name: str, phone: Optional[str], email: Optional[str]) -> Optional[Vip]:
    """The synced member of the business's VIP group with this E.164 phone or this email; None for anyone else."""
    who = []
    if phone:
        who.append(vip_group_members.c.phone == phone)
    if email and email.strip():
        who.append(vip_group_members.c.email == email.strip().lower())
    if not who:
        return None
    query = (
        select(vip_group_members.c.name, vip_group_members.c.phone, vip_group_members.c.email)
        .where(and_(vip_group_members.c.business_id == business_id, vip_group_members.c.group_name == group_name,
                    or_(*who)))
        .order_by(vip_group_members.c.id)
        .limit(1)
    )
    with db.engine.connect() as connection:
        row = connection.execute(query).first()
    if row is None:
        return None
    return Vip(name=row.name, phones=(row.phone,) if row.phone else (), emails=(row.email,) if row.email else ())


def vip_of(db: Database, playbook: Playbook, phone: Optional[str], email: Optional[str]) -> Optional[Vip]:
    """The caller as one of the owner's VIPs: listed in the playbook, or in the synced POS group (phone in E.164)."""
    listed = playbook.rules.vip(phone, email)
    if listed is not None or not playbook.rules.vip_pos_group:
        return listed
    return group_vip(db, playbook.id, playbook.rules.vip_pos_group, phone, email)


async def refresh_vip_groups_forever(registry: PlaybookRegistry, db: Database, stop: asyncio.Event,
                                     tick_seconds: float = 5.0) -> None:
    """Syncs each business that names a `rules.vips.pos_group` and sets `pos.sync_minutes`, at start and then every
    that many minutes, as the catalog is."""
    last: Dict[str, float] = {}
    loop = asyncio.get_running_loop()
    while not stop.is_set():
        for playbook in await asyncio.to_thread(registry.load_all):
            minutes = int(playbook.pos.get("sync_minutes") or 0)
            if not playbook.rules.vip_pos_group or minutes <= 0:
                continue
            if playbook.id in last and loop.time() - last[playbook.id] < minutes * 60:
                continue
            last[playbook.id] = loop.time()
            try:
                logger.info("%s", await sync_vip_group(playbook, db))
            except (PermanentPosError, TransientPosError) as error:
                logger.warning("VIP group sync for %s failed, keeping the last list: %s", playbook.id, error)
            except Exception as error:
                # A database error quotes the rows it was writing, members' numbers included: only its kind is logged.
                logger.warning("VIP group sync for %s failed, keeping the last list: %s", playbook.id, type(error).__name__)
        try:
            await asyncio.wait_for(stop.wait(), tick_seconds)
        except asyncio.TimeoutError:
            pass
