"""What the end-to-end tests read back after a conversation: stored rows, tickets, handoffs, and the number
the assistant said."""

import json
import re
import time
from typing import Dict, List

from sqlalchemy import Table, select

from handoff import open_handoffs
from storage import Database
from storage.tables import tickets


def rows(stack, table: Table, business_id: str) -> list:
    """One business's rows of `table` in the stack's database, oldest first."""
    database = Database(stack["database_url"])
    try:
        with database.engine.connect() as connection:
            return connection.execute(
                select(table).where(table.c.business_id == business_id).order_by(table.c.id)
            ).all()
    finally:
        database.dispose()


def stored_tickets(stack, business_id: str) -> List[dict]:
    """One business's tickets, oldest first, each with its database id and number."""
    return [{**json.loads(row.payload), "id": row.id, "number": row.number} for row in rows(stack, tickets, business_id)]


def tickets_by_number(stack, business_id: str) -> Dict[int, dict]:
    """One business's tickets as stored, by the number the caller was told."""
    return {row.number: json.loads(row.payload) for row in rows(stack, tickets, business_id)}


def staff_handoffs(stack, business_id: str) -> list:
    database = Database(stack["database_url"])
    try:
        return open_handoffs(database, business_id)
    finally:
        database.dispose()


def number_said(replies: List[str], label: str = "ticket number") -> int:
    """The number after `label` ("ticket number 12") in the assistant's replies; fails the test without one."""
    match = re.search(rf"{label} (?:is )?(\d+)", " ".join(replies), re.IGNORECASE)
    assert match, replies
    return int(match.group(1))


def wait_for(condition, seconds: float, what: str):
    """Polls `condition` until it returns something truthy (the outbox pushes in the background)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def pushed_ticket(stack, business_id: str, number: int, seconds: float = 20):
    """The ticket's row once the outbox has pushed it to the business's POS (its pos_id is set)."""
    return wait_for(lambda: next((row for row in rows(stack, tickets, business_id) if row.number == number and row.pos_id),
                                 None), seconds, f"ticket {number} of {business_id} in its POS")
