"""`mlr-bot db copy --to URL`: the move between SQLite and PostgreSQL, in one transaction on the
target, with a progress bar on a terminal and the row counts and checksums of both sides at the end."""

from __future__ import annotations

import sys
from typing import TextIO

from sqlalchemy import Connection, Engine
from sqlalchemy.engine import make_url

from bot.backup import OperationError, backend, first_line, pg_schema, shown, sqlite_path
from storage.copy import Refused, TableSum, copy_database
from storage.db import DatabaseError, make_engine

BAR = 30


def same_database(first: str, second: str) -> bool:
    if backend(first) != backend(second):
        return False
    if backend(first) == "sqlite":
        return sqlite_path(first).resolve() == sqlite_path(second).resolve()
    a, b = make_url(first), make_url(second)
    return (a.host or "", a.port or 5432, a.database, pg_schema(first)) == (
        b.host or "",
        b.port or 5432,
        b.database,
        pg_schema(second),
    )


class ProgressBar:
    """Rows copied per table: a bar redrawn in place on a terminal, one line per table elsewhere."""

    def __init__(self, out: TextIO) -> None:
        self.out, self.terminal = out, out.isatty()

    def __call__(self, table: str, done: int, total: int) -> None:
        if self.terminal:
            filled = BAR if total == 0 else BAR * done // total
            self.out.write(f"\r{table:<20} [{'#' * filled}{'.' * (BAR - filled)}] {done:>9}/{total}")
            if done >= total:
                self.out.write("\n")
            self.out.flush()
        elif done >= total:
            self.out.write(f"{table}: {done}/{total}\n")
            self.out.flush()


def copy(source_url: str, target_url: str, *, progress_out: TextIO = sys.stderr) -> dict[str, TableSum]:
    if same_database(source_url, target_url):
        raise OperationError("same_database", url=shown(target_url))
    if backend(source_url) == "sqlite" and not sqlite_path(source_url).is_file():
        raise OperationError("unreachable", url=shown(source_url), error="no such file")
    source_engine = make_engine(source_url)
    # SQLite: the target's write lock from the first statement, so nothing else writes in between.
    target_engine = make_engine(target_url).execution_options(sqlite_immediate=True)
    try:
        source, target = _connect(source_engine, source_url), _connect(target_engine, target_url)
        with source, target:
            if source.dialect.name == "postgresql":
                source = source.execution_options(isolation_level="REPEATABLE READ")  # one snapshot throughout
            with source.begin(), target.begin() as transaction:
                try:
                    sums = copy_database(source, target, progress=ProgressBar(progress_out))
                except Refused as refused:
                    transaction.rollback()
                    raise OperationError(refused.message_id, url=shown(target_url), **refused.params) from refused
    except DatabaseError as error:
        raise OperationError("copy_failed", error=first_line(error)) from error
    finally:
        source_engine.dispose()
        target_engine.dispose()
    return sums


def _connect(engine: Engine, url: str) -> Connection:
    try:
        return engine.connect()
    except DatabaseError as error:
        raise OperationError("unreachable", url=shown(url), error=first_line(error)) from error
