"""The archive package's reads: a year's records with their whole history, in one read transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlmodel import Session, col, select

from storage import plans
from storage.db import Database
from storage.entries import entry_record
from storage.groups import list_groups_in_plan_order
from storage.models import AuditEvent, Entry, Group, Plan, PlannedActivity, StatementVersion

CREATED, EDITED, DELETED = "created", "edited", "deleted"


@dataclass(frozen=True)
class EntryVersion:
    """One event in an entry's history: a version as it was logged or edited, or its deletion (the content as it
    stood when it was deleted)."""

    entry_id: int
    version: int
    event: str  # CREATED, EDITED or DELETED
    at: datetime
    by: str
    group_key: str
    kind: str
    text: str
    occurred_on: date
    activity_number: int | None
    municipalities: tuple[str, ...]
    channel_id: str | None

    @property
    def plan_year(self) -> int:
        return self.occurred_on.year


@dataclass(frozen=True)
class ArchiveRows:
    year: int
    groups: list[Group]  # every group, in the plan's order
    plans: list[Plan]  # the year's plans and the next year's, by year and group
    activities: list[PlannedActivity]  # their numbered activities
    entries: list[Entry]  # the year's entries, deleted ones too, by id
    history: list[EntryVersion]  # every version and deletion of those entries, by entry and time
    statements: list[StatementVersion]  # every version of the year's statements, by group and version


def read_archive_rows(db: Database, *, year: int) -> ArchiveRows:
    with db.read() as session:
        entries = list(session.exec(select(Entry).where(Entry.plan_year == year).order_by(col(Entry.id))))
        plan_rows = [plan for y in (year, year + 1) for plan in plans.list_plans(session, year=y)]
        return ArchiveRows(
            year=year,
            groups=list_groups_in_plan_order(session),
            plans=plan_rows,
            activities=[a for y in (year, year + 1) for a in plans.list_planned_activities_of_year(session, year=y)],
            entries=entries,
            history=_history(session, entries),
            statements=plans.list_statement_versions_of_year(session, year=year),
        )


def _history(session: Session, entries: list[Entry]) -> list[EntryVersion]:
    """Each entry's versions from the audit trail, which keeps what every change replaced; an entry the trail has
    no creation of (a database older than the trail) starts from its row as it stands."""
    subjects = {f"entry:{entry.id}": entry for entry in entries}
    events: dict[str, list[AuditEvent]] = {subject: [] for subject in subjects}
    if subjects:
        query = select(AuditEvent).where(col(AuditEvent.subject).in_(list(subjects))).order_by(col(AuditEvent.id))
        for event in session.exec(query):
            events[event.subject].append(event)
    history: list[EntryVersion] = []
    for subject, entry in subjects.items():
        trail = events[subject]
        versions: list[EntryVersion] = []
        if not any(event.action == "entry.add" for event in trail):
            row = entry_record(entry)
            versions.append(_version(entry, CREATED, entry.version, entry.created_at, entry.user_id, row))
        for event in trail:
            if event.action == "entry.add":
                versions.append(_version(entry, CREATED, 1, event.at, event.actor, event.details["after"]))
            elif event.action == "entry.update":
                number = int(event.details["version"])
                versions.append(_version(entry, EDITED, number, event.at, event.actor, event.details["after"]))
            elif event.action == "entry.delete":
                number = versions[-1].version if versions else entry.version
                versions.append(_version(entry, DELETED, number, event.at, event.actor, event.details["before"]))
        history.extend(versions)
    return history


def _version(entry: Entry, event: str, number: int, at: datetime, by: str, record: dict[str, Any]) -> EntryVersion:
    assert entry.id is not None
    return EntryVersion(
        entry_id=entry.id,
        version=number,
        event=event,
        at=at,
        by=by,
        group_key=record["group"],
        kind=record["kind"],
        text=record["text"],
        occurred_on=date.fromisoformat(record["occurred_on"]),
        activity_number=record.get("activity_number"),
        municipalities=tuple(record.get("municipalities") or ()),
        channel_id=entry.channel_id,
    )
