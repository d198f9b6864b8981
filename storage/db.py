"""The database connection: engine set-up for SQLite and PostgreSQL, sessions and migrations."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

MIGRATIONS = Path(__file__).parent / "migrations"

# How long a statement waits for another transaction's lock before it gives up: long enough for
# any of our short transactions (milliseconds), short enough that a command, which may meet the
# lock twice (the replay check, then its own write), still answers well within Slack's 3 s.
LOCK_WAIT_MS = 1000
# The replay check's wait: a single small insert, which gives up sooner (a request whose check
# cannot be made is let through, and its own write then meets the lock and says so), so that the
# two waits together leave a loaded machine a second and more of Slack's 3 s.
REPLAY_LOCK_WAIT_MS = 250

# How long a replica starting up waits for another one's migration before it gives up.
MIGRATION_WAIT_MS = 10 * 60 * 1000

# Any 64-bit numbers of our own: several replicas starting together migrate one at a time, then
# seed one at a time.
_MIGRATION_LOCK_ID = 0x4D4C52424F54
_ONE_AT_A_TIME_LOCK_ID = _MIGRATION_LOCK_ID + 1

# What callers catch to tell a user that nothing was saved, without importing SQLAlchemy.
DatabaseError = SQLAlchemyError


def _configure_sqlite(engine: Engine, lock_wait_ms: int) -> None:
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the driver, say when transactions begin (so BEGIN IMMEDIATE works).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={lock_wait_ms}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()
        dbapi_connection.create_function("casefold", 1, _casefold, deterministic=True)

    @event.listens_for(engine, "begin")
    def on_begin(connection: Any) -> None:
        # A write transaction takes the write lock up front; otherwise two writers that
        # both read first could not upgrade, and SQLite fails one at once instead of waiting.
        immediate = connection.get_execution_options().get("sqlite_immediate", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _casefold(text: str | None) -> str | None:
    return text.casefold() if text is not None else None


def make_engine(url: str, *, lock_wait_ms: int = LOCK_WAIT_MS, autocommit: bool = False) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(url, connect_args={"timeout": lock_wait_ms / 1000})
        _configure_sqlite(engine, lock_wait_ms)
        return engine
    # Keep any libpq options the URL carries (a search_path, say) and add the lock wait.
    libpq_options = " ".join(filter(None, [str(parsed.query.get("options", "")), f"-c lock_timeout={lock_wait_ms}"]))
    # Single statements in autocommit are each over in a round trip: a few connections serve them all.
    pool: dict[str, Any] = (
        {"pool_size": 4, "max_overflow": 8, "isolation_level": "AUTOCOMMIT"}
        if autocommit
        else {"pool_size": 10, "max_overflow": 20}
    )
    connect_args = {"options": libpq_options, "connect_timeout": 5}
    return create_engine(url, pool_pre_ping=True, connect_args=connect_args, **pool)


class Database:
    """One engine for the process; sessions for reading, `write()` for changes."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        self._write_engine = self.engine.execution_options(sqlite_immediate=True)
        sqlite = self.engine.dialect.name == "sqlite"
        self._write_lock: AbstractContextManager[object] = threading.Lock() if sqlite else nullcontext()
        if not sqlite:
            self._statement_engine = make_engine(url, lock_wait_ms=REPLAY_LOCK_WAIT_MS, autocommit=True)
        elif make_url(url).database in (None, "", ":memory:"):
            self._statement_engine = self._write_engine  # a second engine would open a second database
        else:
            self._statement_engine = make_engine(url, lock_wait_ms=REPLAY_LOCK_WAIT_MS).execution_options(
                sqlite_immediate=True
            )

    @contextmanager
    def read(self) -> Iterator[Session]:
        with Session(self.engine) as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A transaction that commits on success and rolls back whole on any error."""
        # SQLite has one writer at a time. Threads of this process queue here, promptly, instead of
        # in SQLite's busy handler, which sleeps up to 100 ms between tries; other processes still
        # meet the busy timeout.
        with self._write_lock, Session(self._write_engine, expire_on_commit=False) as session, session.begin():
            yield session

    @contextmanager
    def write_one_at_a_time(self) -> Iterator[Session]:
        """A write transaction that no other process runs at the same time, for work that reads what
        is there and then adds what is missing (start-up's seeding, in replicas starting together).
        SQLite's writes are like that already (BEGIN IMMEDIATE); on PostgreSQL the transaction first
        waits for an advisory lock of its own, which it lets go when it ends."""
        with self.write() as session:
            if self.engine.dialect.name == "postgresql":
                session.execute(text("SET LOCAL lock_timeout = 0"))  # wait however long the others take
                session.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": _ONE_AT_A_TIME_LOCK_ID})
            yield session

    @contextmanager
    def write_statements(self) -> Iterator[Connection]:
        """Writes that need no transaction around them, without the ORM's bookkeeping: the replay
        check, which every request makes. On PostgreSQL each statement commits by itself (one round
        trip instead of three); on SQLite they share one transaction under the write lock."""
        with self._write_lock, self._statement_engine.begin() as connection:
            yield connection

    def ping(self) -> bool:
        try:
            with self.engine.connect() as connection:
                connection.execute(text("SELECT 1"))
        except SQLAlchemyError:
            return False
        return True

    def upgrade(self) -> None:
        """Create or migrate the schema to the newest revision."""
        if self.engine.dialect.name == "sqlite":
            self._upgrade_sqlite()
        else:
            self._upgrade_postgresql()

    def _upgrade_postgresql(self) -> None:
        with self.engine.connect() as connection:
            # Replicas starting together wait here for the first one's migration, however long.
            connection.execute(text("SET lock_timeout = 0"))
            connection.execute(text("SELECT pg_advisory_lock(:id)"), {"id": _MIGRATION_LOCK_ID})
            connection.commit()
            try:
                config = alembic_config(self.url)
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
            finally:
                connection.execute(text("SELECT pg_advisory_unlock(:id)"), {"id": _MIGRATION_LOCK_ID})
                connection.execute(text("RESET lock_timeout"))  # back to the pool as it came
                connection.commit()

    def _upgrade_sqlite(self) -> None:
        # The whole migration is one transaction that holds the write lock from its first statement:
        # replicas starting together queue for it (for up to MIGRATION_WAIT_MS), and the ones after
        # the first find the schema current. A plain BEGIN would read the revision first and then
        # fail at once with "database is locked" when it tried to write after another migrator.
        engine = make_engine(self.url, lock_wait_ms=MIGRATION_WAIT_MS).execution_options(sqlite_immediate=True)
        try:
            with engine.connect() as connection, connection.begin():
                config = alembic_config(self.url)
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
        finally:
            engine.dispose()

    def dispose(self) -> None:
        self.engine.dispose()
        self._statement_engine.dispose()


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config
