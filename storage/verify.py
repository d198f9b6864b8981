"""Is the database whole? SQLite's own checks, the schema's revision, every entry's and statement's
version chain against the audit trail, and the row count of every table. Findings are data (a
message id and what it names); the CLI says them in MLR_LANGUAGE."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Integer, and_, case, cast, func, inspect, literal, or_, select
from sqlalchemy import String as SqlString
from sqlmodel import SQLModel

from storage.db import alembic_config
from storage.models import AuditEvent, Entry, Statement, StatementVersion

# How many findings of one kind are named one by one; the rest are counted.
NAMED = 20


@dataclass(frozen=True)
class Finding:
    message_id: str  # core/texts.py `verify.<message_id>`
    params: dict[str, Any] = field(default_factory=dict)


@dataclass
class Verification:
    revision: str | None
    head: str
    counts: dict[str, int]
    findings: list[Finding]

    @property
    def whole(self) -> bool:
        return not self.findings


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    return {script.revision for script in ScriptDirectory.from_config(alembic_config("sqlite://")).walk_revisions()}


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def table_names() -> list[str]:
    """Every table of the schema, parents before children (the order a copy inserts them in)."""
    return [table.name for table in SQLModel.metadata.sorted_tables]


def count_rows(connection: Connection) -> dict[str, int]:
    """Rows per table, of the tables there are (a snapshot of an older schema may lack some)."""
    present = set(inspect(connection).get_table_names())
    counts = {}
    for table in SQLModel.metadata.sorted_tables:
        if table.name in present:
            counts[table.name] = int(connection.execute(select(func.count()).select_from(table)).scalar_one())
    return counts


def verify(connection: Connection) -> Verification:
    findings: list[Finding] = []
    if connection.dialect.name == "sqlite":
        findings += _sqlite_checks(connection)
    revision, head = current_revision(connection), head_revision()
    if revision != head:
        findings.append(Finding("schema_behind", {"current": revision or "-", "head": head}))
        # Tables of an older (or no) schema cannot be read with this code's models.
        return Verification(revision, head, {}, findings)
    findings += _entry_chains(connection)
    findings += _statement_chains(connection)
    return Verification(revision, head, count_rows(connection), findings)


def _sqlite_checks(connection: Connection) -> list[Finding]:
    findings = []
    problems = [row[0] for row in connection.exec_driver_sql("PRAGMA integrity_check")]
    if problems != ["ok"]:
        findings += [Finding("integrity", {"problem": problem}) for problem in problems[:NAMED]]
    for table, rowid, parent, _fk in list(connection.exec_driver_sql("PRAGMA foreign_key_check"))[:NAMED]:
        findings.append(Finding("foreign_key", {"table": table, "row": rowid, "parent": parent}))
    return findings


def _entry_subject() -> Any:
    return literal("entry:") + cast(Entry.id, SqlString)


def _entry_chains(connection: Connection) -> list[Finding]:
    """Each entry has one `entry.add` event, one `entry.update` event for each later version (2, 3, …
    up to its version), an `entry.delete` event when it is deleted; each entry event has its entry."""
    audit = AuditEvent.__table__  # type: ignore[attr-defined]
    version = audit.c.details["version"].as_integer()
    is_update = audit.c.action == "entry.update"
    events = (
        select(
            audit.c.subject,
            func.sum(case((audit.c.action == "entry.add", 1), else_=0)).label("adds"),
            func.sum(case((is_update, 1), else_=0)).label("updates"),
            func.count(func.distinct(case((is_update, version)))).label("versions"),
            func.min(case((is_update, version))).label("lowest"),
            func.max(case((is_update, version))).label("highest"),
            func.sum(case((audit.c.action == "entry.delete", 1), else_=0)).label("deletes"),
        )
        .where(audit.c.subject.like("entry:%"))
        .group_by(audit.c.subject)
        .subquery()
    )
    entries = Entry.__table__  # type: ignore[attr-defined]
    later = entries.c.version - 1
    joined = entries.outerjoin(events, events.c.subject == _entry_subject())
    broken = connection.execute(
        select(entries.c.id, entries.c.version)
        .select_from(joined)
        .where(
            or_(
                events.c.subject.is_(None),
                events.c.adds != 1,
                events.c.updates != later,
                events.c.versions != later,
                and_(entries.c.version > 1, or_(events.c.lowest != 2, events.c.highest != entries.c.version)),
                and_(entries.c.deleted_at.is_not(None), events.c.deletes < 1),
            )
        )
        .order_by(entries.c.id)
    ).all()
    findings = [_entry_finding(connection, entry_id, entry_version) for entry_id, entry_version in broken[:NAMED]]
    if len(broken) > NAMED:
        findings.append(Finding("more_entries", {"count": len(broken) - NAMED}))

    # Audit events of entries that are not there any more: a row removed behind the bot's back.
    entry_id = cast(func.substr(audit.c.subject, 7), Integer)
    orphans = connection.execute(
        select(entry_id.label("id"))
        .where(audit.c.subject.like("entry:%"), audit.c.action == "entry.add")
        .where(~select(entries.c.id).where(entries.c.id == entry_id).exists())
        .order_by(entry_id)
    ).all()
    findings += [Finding("entry_missing", {"id": row.id}) for row in orphans[:NAMED]]
    if len(orphans) > NAMED:
        findings.append(Finding("more_entries", {"count": len(orphans) - NAMED}))
    return findings


def _entry_finding(connection: Connection, entry_id: int, version: int) -> Finding:
    """Which of the entry's versions has no (or more than one) audit event."""
    audit = AuditEvent.__table__  # type: ignore[attr-defined]
    rows = connection.execute(
        select(audit.c.action, audit.c.details).where(audit.c.subject == f"entry:{entry_id}")
    ).all()
    seen: dict[int, int] = {}
    for action, details in rows:
        if action == "entry.add":
            seen[1] = seen.get(1, 0) + 1
        elif action == "entry.update":
            number = int((details or {}).get("version") or 0)
            seen[number] = seen.get(number, 0) + 1
    missing = [number for number in range(1, version + 1) if number not in seen]
    if missing:
        return Finding("entry_version_missing", {"id": entry_id, "versions": _listed(missing), "version": version})
    twice = [number for number, times in sorted(seen.items()) if times > 1 or number > version]
    if twice:
        return Finding("entry_version_extra", {"id": entry_id, "versions": _listed(twice), "version": version})
    return Finding("entry_delete_missing", {"id": entry_id})


def _statement_chains(connection: Connection) -> list[Finding]:
    """Each statement has its versions 1 … its version, each submitted with an audit event; the
    statement row says what its latest version says; an approval has both who and when."""
    findings: list[Finding] = []
    statements = connection.execute(select(Statement.__table__)).all()  # type: ignore[attr-defined]
    versions: dict[tuple[str, int], dict[int, Any]] = {}
    for row in connection.execute(select(StatementVersion.__table__)):  # type: ignore[attr-defined]
        versions.setdefault((row.group_key, row.year), {})[row.version] = row
        if (row.approved_by is None) != (row.approved_at is None):
            findings.append(
                Finding("approval_half", {"group": row.group_key, "year": row.year, "version": row.version})
            )
    audit = AuditEvent.__table__  # type: ignore[attr-defined]
    submits: dict[str, int] = dict(
        connection.execute(
            select(audit.c.subject, func.count()).where(audit.c.action == "statement.submit").group_by(audit.c.subject)
        ).all()
    )
    for statement in statements:
        key = (statement.group_key, statement.year)
        named = {"group": statement.group_key, "year": statement.year}
        have = versions.pop(key, {})
        # A statement submitted before sign-off existed kept only its latest version (migration 0009).
        first = min(have, default=1)
        missing = [number for number in range(first, statement.version + 1) if number not in have]
        if missing:
            findings.append(Finding("statement_version_missing", named | {"versions": _listed(missing)}))
        latest = have.get(statement.version)
        if latest is not None and (
            latest.parts != statement.parts
            or latest.approved_by != statement.approved_by
            or latest.approved_at != statement.approved_at
        ):
            findings.append(Finding("statement_differs", named | {"version": statement.version}))
        told = submits.get(f"statement:{statement.group_key}:{statement.year}", 0)
        if told < statement.version:
            findings.append(Finding("statement_audit_missing", named | {"events": told, "version": statement.version}))
    for group_key, year in versions:
        findings.append(Finding("statement_missing", {"group": group_key, "year": year}))
    return findings


def _listed(numbers: list[int]) -> str:
    return ", ".join(str(number) for number in numbers)
