"""Copying every table from one database to another (SQLite and PostgreSQL either way): ids kept,
PostgreSQL's sequences set past the highest id, the same schema revision, all in one transaction on
the target; and the per-table row counts and checksums that show both sides hold the same rows."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from alembic import command
from sqlalchemy import Connection, Table, func, inspect, select, text
from sqlmodel import SQLModel

from storage.db import alembic_config
from storage.models import AuditEvent, Entry, Plan, Statement
from storage.verify import count_rows, current_revision, head_revision, known_revisions

BATCH = 5000
SEEDER = "system"  # the actor of what a first start seeds (the plan's groups, MLR_COORDINATORS)

Progress = Callable[[str, int, int], None]  # table, rows copied, rows in all


class Refused(Exception):
    """An operation on a database not done, and the database as it was: a message id of core/texts.py
    (`db.<id>`) and what it names. The CLI and the scheduled backup say it in MLR_LANGUAGE."""

    def __init__(self, message_id: str, **params: Any) -> None:
        super().__init__(message_id, params)
        self.message_id, self.params = message_id, params


@dataclass(frozen=True)
class TableSum:
    rows: int
    checksum: str


def tables() -> list[Table]:
    """Every table, parents before children."""
    return list(SQLModel.metadata.sorted_tables)


def table_checksums(connection: Connection) -> dict[str, TableSum]:
    """Per table, the row count and a checksum of its rows that does not depend on the database's
    order or types: each row is written out the same way on SQLite and PostgreSQL and hashed, and
    the hashes are added up."""
    sums = {}
    for table in tables():
        total, rows = 0, 0
        for row in connection.execute(select(table)).yield_per(BATCH):
            digest = hashlib.sha256("\x1f".join(_canonical(value) for value in row).encode()).digest()
            total = (total + int.from_bytes(digest, "big")) % (1 << 256)
            rows += 1
        sums[table.name] = TableSum(rows, f"{total:064x}")
    return sums


def _canonical(value: Any) -> str:
    if value is None:
        return "\x00"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict | list):
        return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return str(value)


def made_by_people(connection: Connection) -> dict[str, int]:
    """What the target holds that a person made (entries, statements, plans, any change in the audit
    trail not by the first start's seeding), table by table: what a copy must not overwrite."""
    present = set(inspect(connection).get_table_names())
    found: dict[str, int] = {}
    checks = [
        ("entries", select(func.count()).select_from(Entry)),
        ("statements", select(func.count()).select_from(Statement)),
        ("plans", select(func.count()).select_from(Plan).where(Plan.updated_by != SEEDER)),  # type: ignore[arg-type]
        ("audit_events", select(func.count()).select_from(AuditEvent).where(AuditEvent.actor != SEEDER)),  # type: ignore[arg-type]
    ]
    for name, query in checks:
        if name in present:
            count = int(connection.execute(query).scalar_one())
            if count:
                found[name] = count
    return found


def copy_database(source: Connection, target: Connection, *, progress: Progress | None = None) -> dict[str, TableSum]:
    """Copy every row of `source` into `target`, both inside transactions the caller began and ends.
    The target is brought to the source's schema first (in the same transaction); what its first
    start seeded is replaced. Raises Refused, with the target untouched, when the source is not
    at this code's newest schema, the target is newer, holds what a person made, or the copy does
    not come out the same on both sides (the caller then rolls back)."""
    head = head_revision()
    source_revision = current_revision(source)
    if source_revision != head:
        raise Refused("source_behind", current=source_revision or "-", head=head)
    target_revision = current_revision(target)
    if target_revision is not None and target_revision not in known_revisions():
        raise Refused("target_newer", current=target_revision, head=head)
    if target_revision is not None:
        people = made_by_people(target)
        if people:
            raise Refused("target_not_empty", found=people)
    config = alembic_config(target.engine.url.render_as_string(hide_password=False))
    config.attributes["connection"] = target
    config.attributes["inside_transaction"] = True
    command.upgrade(config, "head")

    for table in reversed(tables()):
        target.execute(table.delete())
    totals = count_rows(source)
    for table in tables():
        total, done = totals.get(table.name, 0), 0
        if progress:
            progress(table.name, 0, total)
        for batch in _batches(source, table):
            target.execute(table.insert(), batch)
            done += len(batch)
            if progress:
                progress(table.name, done, total)
    if target.dialect.name == "postgresql":
        _set_sequences(target)

    source_sums, target_sums = table_checksums(source), table_checksums(target)
    for name, theirs in source_sums.items():
        ours = target_sums[name]
        if ours != theirs:
            raise Refused(
                "copy_mismatch",
                table=name,
                source=theirs.rows,
                source_sum=theirs.checksum[:12],
                target=ours.rows,
                target_sum=ours.checksum[:12],
            )
    return source_sums


def _batches(source: Connection, table: Table) -> Iterator[list[dict[str, Any]]]:
    order = list(table.primary_key.columns)
    result = source.execute(select(table).order_by(*order)).yield_per(BATCH)
    for part in result.partitions(BATCH):
        yield [dict(row._mapping) for row in part]


def _set_sequences(target: Connection) -> None:
    """Each id's sequence past the highest id copied, so the next /mlr resultat gets the next id."""
    for table in tables():
        for column in table.primary_key.columns:
            if not (column.autoincrement is True or (column.autoincrement == "auto" and _integer(column))):
                continue
            sequence = target.execute(
                text("SELECT pg_get_serial_sequence(:table, :column)"), {"table": table.name, "column": column.name}
            ).scalar_one()
            if sequence is None:
                continue
            highest = target.execute(select(func.max(column))).scalar_one()
            target.execute(
                text("SELECT setval(:sequence, :value, :called)"),
                {"sequence": sequence, "value": highest or 1, "called": highest is not None},
            )


def _integer(column: Any) -> bool:
    try:
        return column.type.python_type is int and len(column.table.primary_key.columns) == 1
    except NotImplementedError:
        return False
