"""Entries: logging, corrections, lists and search, and the annual report's reads. Every function
takes the session first and keyword arguments after it; every change writes its audit event in the
same transaction."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Text, case, cast, insert
from sqlmodel import Session, col, func, select

from storage.audit import add_audit_event
from storage.models import (
    MAX_TEXT_LENGTH,
    Entry,
    EntryKind,
)

_INSERT_ENTRY = insert(Entry).returning(col(Entry.id))


def add_entry(
    session: Session,
    *,
    group_key: str,
    kind: EntryKind,
    text: str,
    user_id: str,
    channel_id: str | None,
    occurred_on: date,
    now: datetime,
    activity_number: int | None = None,
    municipalities: tuple[str, ...] = (),
) -> Entry:
    if not text.strip():
        raise ValueError("an entry needs text")
    if len(text) > MAX_TEXT_LENGTH:
        raise ValueError(f"an entry's text is at most {MAX_TEXT_LENGTH} characters")
    entry = Entry(
        group_key=group_key,
        kind=kind.value,
        text=text,
        user_id=user_id,
        channel_id=channel_id,
        created_at=now,
        occurred_on=occurred_on,
        plan_year=occurred_on.year,
        activity_number=activity_number,
        municipalities=list(municipalities),
    )
    # A plain insert in the session's transaction instead of the ORM's flush, which costs a
    # `/mlr result` more than all the rest of its database work. The entry given back is not in
    # the session: it is what was stored, with the id the confirmation names.
    values = entry.model_dump(exclude={"id"})
    entry.id = session.connection().execute(_INSERT_ENTRY, values).scalar_one()
    add_audit_event(
        session,
        actor=user_id,
        action="entry.add",
        subject=f"entry:{entry.id}",
        at=now,
        details={"after": entry_record(entry)},
    )
    return entry


def entry_record(entry: Entry) -> dict[str, Any]:
    """What an entry says, as the audit trail keeps each version of it."""
    return {
        "group": entry.group_key,
        "kind": entry.kind,
        "text": entry.text,
        "occurred_on": entry.occurred_on.isoformat(),
        "activity_number": entry.activity_number,
        "municipalities": list(entry.municipalities),
    }


LIVE = col(Entry.deleted_at).is_(None)  # not deleted: what digests, reports and lists show


def list_entries(
    session: Session, *, group_key: str | None = None, year: int | None = None, include_deleted: bool = False
) -> list[Entry]:
    query = select(Entry).order_by(col(Entry.id))
    if not include_deleted:
        query = query.where(LIVE)
    if group_key is not None:
        query = query.where(Entry.group_key == group_key)
    if year is not None:
        query = query.where(Entry.plan_year == year)
    return list(session.exec(query))


def list_entries_created(
    session: Session, *, start: datetime, end: datetime, group_key: str | None = None
) -> list[Entry]:
    """Entries logged in [start, end), results first, then by the day they happened."""
    query = select(Entry).where(col(Entry.created_at) >= start, col(Entry.created_at) < end, LIVE)
    if group_key is not None:
        query = query.where(Entry.group_key == group_key)
    kind_order = case((col(Entry.kind) == EntryKind.RESULT.value, 0), else_=1)
    return list(session.exec(query.order_by(kind_order, col(Entry.occurred_on), col(Entry.id))))


def as_utc(value: datetime | str | None) -> datetime | None:
    """MAX() over a column comes back without the column's type on SQLite: make it aware UTC."""
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def get_entry(session: Session, *, entry_id: int) -> Entry | None:
    return session.get(Entry, entry_id)


def update_entry(
    session: Session,
    *,
    entry: Entry,
    actor: str,
    now: datetime,
    group_key: str,
    kind: EntryKind,
    text: str,
    occurred_on: date,
    activity_number: int | None,
    municipalities: tuple[str, ...],
) -> bool:
    """Change an entry; the audit trail keeps the version it replaces. False when nothing changed."""
    if not text.strip() or len(text) > MAX_TEXT_LENGTH:
        raise ValueError(f"an entry's text is 1 to {MAX_TEXT_LENGTH} characters")
    before = entry_record(entry)
    entry.group_key, entry.kind, entry.text, entry.occurred_on = group_key, kind.value, text, occurred_on
    entry.plan_year, entry.activity_number, entry.municipalities = (
        occurred_on.year,
        activity_number,
        list(municipalities),
    )
    after = entry_record(entry)
    if after == before:
        return False
    entry.version += 1
    session.add(entry)
    add_audit_event(
        session,
        actor=actor,
        action="entry.update",
        subject=f"entry:{entry.id}",
        at=now,
        details={"version": entry.version, "before": before, "after": after},
    )
    return True


def delete_entry(session: Session, *, entry: Entry, actor: str, now: datetime) -> bool:
    """Hide an entry from digests, lists and reports; the row and its history stay."""
    if entry.deleted_at is not None:
        return False
    entry.deleted_at, entry.deleted_by = now, actor
    session.add(entry)
    add_audit_event(
        session,
        actor=actor,
        action="entry.delete",
        subject=f"entry:{entry.id}",
        at=now,
        details={"before": entry_record(entry)},
    )
    return True


@dataclass(frozen=True)
class EntryPage:
    entries: list[Entry]
    total: int


def page_entries(
    session: Session,
    *,
    group_keys: list[str] | None,
    logged: tuple[datetime, datetime] | None = None,
    year: int | None = None,
    words: list[str] | None = None,
    offset: int = 0,
    limit: int = 20,
) -> EntryPage:
    """Live entries, newest first, filtered by groups, when they were logged (a week: from, until), the plan
    year (the year they happened) and words."""
    conditions: list[Any] = [LIVE]
    if group_keys is not None:
        conditions.append(col(Entry.group_key).in_(group_keys))
    if logged is not None:
        conditions += [col(Entry.created_at) >= logged[0], col(Entry.created_at) < logged[1]]
    if year is not None:
        conditions.append(Entry.plan_year == year)
    for word in words or []:
        conditions.append(_folded_text(session).like(f"%{_like_escape(word.casefold())}%", escape="\\"))
    total = session.exec(select(func.count()).select_from(Entry).where(*conditions)).one()
    query = select(Entry).where(*conditions).order_by(col(Entry.occurred_on).desc(), col(Entry.id).desc())
    return EntryPage(list(session.exec(query.offset(offset).limit(limit))), int(total))


def list_entry_years(session: Session, *, group_keys: list[str] | None = None) -> list[int]:
    """The plan years that have live entries (of these groups), oldest first."""
    query = select(Entry.plan_year).distinct().where(LIVE)
    if group_keys is not None:
        query = query.where(col(Entry.group_key).in_(group_keys))
    return sorted(int(year) for year in session.exec(query))


def _folded_text(session: Session) -> Any:
    # SQLite's lower() knows only ASCII; db.py registers casefold() on every SQLite connection.
    if session.get_bind().dialect.name == "sqlite":
        return func.casefold(Entry.text)
    return func.lower(Entry.text)


def _like_escape(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def list_user_entries(session: Session, *, user_id: str, limit: int = 5) -> list[Entry]:
    query = select(Entry).where(Entry.user_id == user_id, LIVE).order_by(col(Entry.id).desc()).limit(limit)
    return list(session.exec(query))


@dataclass(frozen=True)
class YearResults:
    """A group's results logged in a year: how many, and the latest few of them, oldest first."""

    total: int
    latest: list[Entry]


def count_entries_of_year(session: Session, *, year: int) -> dict[str, int]:
    query = select(Entry.group_key, func.count()).where(Entry.plan_year == year, LIVE).group_by(col(Entry.group_key))
    return {key: int(n) for key, n in session.exec(query)}


def list_year_results(session: Session, *, group_key: str, year: int, limit: int) -> YearResults:
    where = (Entry.group_key == group_key, Entry.plan_year == year, Entry.kind == EntryKind.RESULT.value, LIVE)
    total = session.exec(select(func.count()).select_from(Entry).where(*where)).one()
    latest = session.exec(
        select(Entry).where(*where).order_by(col(Entry.occurred_on).desc(), col(Entry.id).desc()).limit(limit)
    ).all()
    return YearResults(int(total), sorted(latest, key=lambda e: (e.occurred_on, e.id or 0)))


def count_participation(session: Session, *, year: int) -> Counter[tuple[str, str]]:
    """(municipality, group) -> entries of the year that name the municipality."""
    query = select(Entry.group_key, Entry.municipalities).where(
        Entry.plan_year == year, LIVE, cast(Entry.municipalities, Text) != "[]"
    )
    return Counter((town, key) for key, towns in session.exec(query) for town in towns or [])
