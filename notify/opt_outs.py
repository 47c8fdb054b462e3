"""Who has texted STOP to a business: nothing more is sent to that number from that business until START.

Kept per business (each business texts from its own number, as carriers count opt-outs per sender) and read
before any text the assistant sends, replies and payment links alike.
"""

from datetime import datetime, timezone
from typing import Optional

from sqlalchemy import and_, delete, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from storage import Database
from storage.tables import sms_opt_outs


def _key(business_id: str, phone: str):
    return and_(sms_opt_outs.c.business_id == business_id, sms_opt_outs.c.phone == phone)


def opt_out(db: Database, business_id: str, phone: str, now: Optional[datetime] = None) -> None:
    with db.engine.begin() as connection:
        dialect_insert = pg_insert if connection.dialect.name == "postgresql" else sqlite_insert
        connection.execute(
            dialect_insert(sms_opt_outs)
            .values(business_id=business_id, phone=phone, opted_out_at=now or datetime.now(timezone.utc))
            .on_conflict_do_nothing(index_elements=["business_id", "phone"])
        )


def opt_in(db: Database, business_id: str, phone: str) -> None:
    with db.engine.begin() as connection:
        connection.execute(delete(sms_opt_outs).where(_key(business_id, phone)))


def opted_out(db: Database, business_id: str, phone: str) -> bool:
    with db.engine.connect() as connection:
        return connection.execute(select(sms_opt_outs.c.phone).where(_key(business_id, phone))).first() is not None
