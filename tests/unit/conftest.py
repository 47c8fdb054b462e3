"""Fixtures shared by the unit tests: the demo playbooks and a database on SQLite and on PostgreSQL."""

import os
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from playbooks import Playbook, PlaybookRegistry
from storage import Database

PLAYBOOKS = Path(__file__).resolve().parents[2] / "playbooks"
POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")


@pytest.fixture(scope="session")
def registry():
    return PlaybookRegistry(PLAYBOOKS)


@pytest.fixture
def pizzeria(registry):
    return registry.by_id("tonys-pizzeria")


@pytest.fixture
def bookable():
    """Builds a bookable business's playbook: a New York salon open 9-17 Monday to Saturday unless overridden."""

    def build(booking=None, items=None, **sections):
        data = {
            "id": "test-salon",
            "name": "Test Salon",
            "trade": "salon",
            "timezone": "America/New_York",
            "languages": ["en"],
            "currency": "USD",
            "hours": {day: ["09:00-17:00"] for day in ("mon", "tue", "wed", "thu", "fri", "sat")},
            "booking": {"slot_minutes": 15, "lead_minutes": 60, "max_days_ahead": 30, **(booking or {})},
            "pos": {"provider": "house"},
            "catalog": {"items": items or [
                {"id": "haircut", "name": "haircut", "duration_minutes": 45,
                 "variations": [{"id": "haircut-regular", "name": "regular", "price": 40}]},
                {"id": "colour", "name": "colour", "duration_minutes": 60,
                 "variations": [{"id": "colour-regular", "name": "regular", "price": 80}]},
            ]},
            **sections,
        }
        return Playbook.from_dict(data)

    return build


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request, tmp_path):
    """The same tests on both engines; PostgreSQL gets a fresh schema per test."""
    if request.param == "sqlite":
        database = Database(f"sqlite:///{tmp_path / 'test.db'}")
        yield database
        database.dispose()
        return
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_URL, future=True)
    with admin.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    database = Database(f"{POSTGRES_URL}?options=-csearch_path%3D{schema}")
    yield database
    database.dispose()
    with admin.begin() as connection:
        connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    admin.dispose()
