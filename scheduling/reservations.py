"""Seats taken on time slots, arrival windows and hotel nights, so a slot that filled is never booked twice.

A unit (a UTC minute on the slot grid, or a night's date) of a resource has `capacity` seats; each taken
seat is one row, and the unique constraint on (business, resource, unit, seat) is what finally stops two
concurrent bookings from sharing a seat. Units are ISO strings, so they sort and compare as text.
"""

from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Dict, List, Sequence, Set, Tuple

from sqlalchemy import and_, func, insert, select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from storage import Database
from storage.tables import reservations


@dataclass(frozen=True)
class Hold:
    """What one ticket takes: one seat on every unit of one resource that has `capacity` seats per unit."""

    resource_id: str
    units: Tuple[str, ...]
    capacity: int


class SlotTaken(Exception):
    """The hold no longer fits: every seat of one of its units went to another booking."""

    def __init__(self, hold: Hold):
        super().__init__(f"{hold.resource_id} is full on one of {', '.join(hold.units)}")
        self.hold = hold


def minute_unit(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M")


def night_unit(day: date) -> str:
    return day.isoformat()


def _seats_in_use(connection: Connection, business_id: str, hold: Hold) -> Dict[str, Set[int]]:
    rows = connection.execute(
        select(reservations.c.unit, reservations.c.seat).where(
            and_(
                reservations.c.business_id == business_id,
                reservations.c.resource_id == hold.resource_id,
                reservations.c.unit.in_(hold.units),
            )
        )
    )
    in_use: Dict[str, Set[int]] = {unit: set() for unit in hold.units}
    for unit, seat in rows:
        in_use[unit].add(seat)
    return in_use


def _seat_rows(connection: Connection, business_id: str, hold: Hold, ticket_id: int, now: datetime) -> List[dict]:
    """The lowest free seat of every unit; SlotTaken when a unit has none left."""
    rows = []
    for unit, in_use in _seats_in_use(connection, business_id, hold).items():
        seat = next((seat for seat in range(hold.capacity) if seat not in in_use), None)
        if seat is None:
            raise SlotTaken(hold)
        rows.append(
            {"business_id": business_id, "resource_id": hold.resource_id, "unit": unit, "seat": seat,
             "ticket_id": ticket_id, "created_at": now}
        )
    return rows


def _reserve_hold(connection: Connection, business_id: str, hold: Hold, ticket_id: int, now: datetime) -> None:
    """Retries after losing a seat to a concurrent booking, since another seat of the unit may still be free.

    Every lost insert means someone else committed a seat, so after `capacity` tries the unit is as good
    as full and SlotTaken is the honest answer; it never double-books. The savepoint keeps PostgreSQL's
    transaction usable after the unique violation.
    """
    for _ in range(hold.capacity):
        rows = _seat_rows(connection, business_id, hold, ticket_id, now)
        try:
            with connection.begin_nested():
                connection.execute(insert(reservations), rows)
            return
        except IntegrityError:
            continue
    raise SlotTaken(hold)


def reserve(connection: Connection, business_id: str, holds: Sequence[Hold], ticket_id: int, now: datetime) -> None:
    """Takes a seat on every unit of every hold inside the caller's transaction, or raises SlotTaken.

    On SlotTaken the caller rolls its transaction back, so a booking takes all of its units or none.
    """
    for hold in holds:
        if hold.units:
            _reserve_hold(connection, business_id, hold, ticket_id, now)


def taken_seats(
    db: Database, business_id: str, resource_ids: Sequence[str], units_from: str, units_to: str
) -> Dict[Tuple[str, str], int]:
    """Seats taken per (resource, unit) for units in [units_from, units_to)."""
    if not resource_ids:
        return {}
    query = (
        select(reservations.c.resource_id, reservations.c.unit, func.count())
        .where(
            and_(
                reservations.c.business_id == business_id,
                reservations.c.resource_id.in_(list(resource_ids)),
                reservations.c.unit >= units_from,
                reservations.c.unit < units_to,
            )
        )
        .group_by(reservations.c.resource_id, reservations.c.unit)
    )
    with db.engine.connect() as connection:
        return {(resource_id, unit): count for resource_id, unit, count in connection.execute(query)}
