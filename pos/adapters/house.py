"""The built-in POS: orders live in our own database and show on the ticket board, numbered per business per day."""

import asyncio
import json
from datetime import date, datetime, timezone
from typing import Any, Dict, List

from sqlalchemy import and_, insert, select
from sqlalchemy.exc import IntegrityError

from pos.adapters.base import BOOKINGS, ORDERS, NoCustomerGroups, PushResult
from storage import Database
from storage.tables import house_pos_orders


class HousePos(NoCustomerGroups):
    """Takes every kind of ticket; it has no catalog of its own (the playbook is the catalog), no payments, no loyalty,
    and no customer store, so no customer groups (its VIPs are the playbook's `rules.vips.people`)."""

    provider = "house"
    capabilities = frozenset({ORDERS, BOOKINGS})

    def __init__(self, db: Database):
        self.db = db

    def _record(self, ticket: Dict[str, Any]) -> str:
        order_id = f"house-{ticket['business_id']}-{ticket['business_date']}-{ticket['number']}"
        try:
            with self.db.engine.begin() as connection:
                connection.execute(
                    insert(house_pos_orders).values(
                        id=order_id,
                        business_id=ticket["business_id"],
                        business_date=date.fromisoformat(ticket["business_date"]),
                        ticket_number=ticket["number"],
                        idempotency_key=ticket["idempotency_key"],
                        payload=json.dumps(ticket),
                        received_at=datetime.now(timezone.utc),
                    )
                )
        except IntegrityError:
            with self.db.engine.connect() as connection:
                order_id = connection.execute(
                    select(house_pos_orders.c.id).where(house_pos_orders.c.idempotency_key == ticket["idempotency_key"])
                ).scalar_one()
        return order_id

    async def push(self, ticket: Dict[str, Any], retrying: bool = False) -> PushResult:
        return PushResult(await asyncio.to_thread(self._record, ticket))

    def orders_for_day(self, business_id: str, business_date: date) -> List[Dict[str, Any]]:
        """Today's orders for the board, newest first."""
        with self.db.engine.connect() as connection:
            rows = connection.execute(
                select(house_pos_orders.c.id, house_pos_orders.c.payload)
                .where(and_(house_pos_orders.c.business_id == business_id, house_pos_orders.c.business_date == business_date))
                .order_by(house_pos_orders.c.ticket_number.desc())
            ).all()
        return [{**json.loads(row.payload), "pos_id": row.id} for row in rows]
