"""Our own tables (tickets, outbox, customers) behind one SQLAlchemy URL: SQLite by default, PostgreSQL in production."""

from storage.database import Database, database_url

__all__ = ["Database", "database_url"]
