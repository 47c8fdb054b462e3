"""One engine per process, created on first use (never at import), for the URL in DATABASE_URL."""

import os
import threading
from pathlib import Path
from typing import Optional

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine

from storage.tables import metadata

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = f"sqlite:///{PROJECT_ROOT / 'var' / 'assistant.db'}"


def database_url() -> str:
    return os.environ.get("DATABASE_URL") or DEFAULT_URL


def _tune_sqlite(engine: Engine) -> None:
    """WAL and a busy timeout let Rasa, the action server and the outbox worker share one file."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()


class Database:
    def __init__(self, url: Optional[str] = None):
        self.url = url or database_url()
        self._engine: Optional[Engine] = None
        # Worker threads (asyncio.to_thread) may ask for the engine at the same moment on a fresh database; one
        # creates it and its tables, the others wait, rather than racing to create the same tables.
        self._creating = threading.Lock()

    @property
    def is_sqlite(self) -> bool:
        return self.url.startswith("sqlite")

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            with self._creating:
                if self._engine is None:
                    self._engine = self._created_engine()
        return self._engine

    def _created_engine(self) -> Engine:
        if self.is_sqlite:
            path = self.url.split("///", 1)[-1]
            if path and path != ":memory:":
                Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(self.url, future=True, pool_pre_ping=True)
        if self.is_sqlite:
            _tune_sqlite(engine)
        metadata.create_all(engine)
        return engine

    def dispose(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None
