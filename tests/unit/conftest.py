"""Fixtures shared by the unit tests: the demo playbooks and a database on SQLite and on PostgreSQL."""

import os
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from playbooks import PlaybookRegistry
from storage import Database

PLAYBOOKS = Path(__file__).resolve().parents[2] / "playbooks"
POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")


@pytest.fixture(scope="session")
def registry():
    return PlaybookRegistry(PLAYBOOKS)


@pytest.fixture
def pizzeria(registry):
    return registry.by_id("tonys-pizzeria")


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
