"""Reads and writes. Every function takes the session first and keyword arguments after it;
every change writes its audit event in the same transaction."""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Text, bindparam, case, cast, insert
from sqlmodel import Session, col, func, select

from storage.audit import add_audit_event
from storage.models import (
    MAX_TEXT_LENGTH,
    ChannelLink,
    Coordinator,
    Entry,
    EntryKind,
    Group,
    GroupKind,
)
from storage.plans import MAX_ACTIVITIES, PlanSpec, set_plan

MUNICIPALITIES = (
    "Burlöv",
    "Eslöv",
    "Höör",
    "Kävlinge",
    "Lomma",
    "Lund",
    "Malmö",
    "Staffanstorp",
    "Svedala",
    "Trelleborg",
    "Vellinge",
)

DEFAULT_GROUPS_FILE = Path(__file__).parent / "data" / "groups-2016-2018.json"
GROUP_KEY = re.compile(r"^[a-z][a-z0-9_-]{0,39}$")


# ---------------------------------------------------------------- groups


class GroupFileError(ValueError):
    """A groups file that cannot be loaded; the message names the file and the place."""


@dataclass(frozen=True)
class GroupSpec:
    key: str
    name: str
    kind: str
    municipalities: tuple[str, ...] = ()
    goal: str = ""
    active: bool = True
    closed_on: date | None = None
    closed_reason: str | None = None
    position: int = 0  # its place in the file, which is its place in the plan's table
    plans: tuple[tuple[int, PlanSpec], ...] = ()

    def values(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "kind": self.kind,
            "municipalities": list(self.municipalities),
            "goal": self.goal,
            "active": self.active,
            "closed_on": self.closed_on,
            "closed_reason": self.closed_reason,
            "position": self.position,
        }


@dataclass
class LoadReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    plans: list[str] = field(default_factory=list)  # "group:year" of every plan added or changed


def read_groups_file(path: Path) -> list[GroupSpec]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise GroupFileError(f"{path}: cannot be read ({error.strerror})") from error
    except json.JSONDecodeError as error:
        raise GroupFileError(f"{path}: not valid JSON (line {error.lineno}: {error.msg})") from error
    items = data.get("groups") if isinstance(data, dict) else None
    if not isinstance(items, list) or not items:
        raise GroupFileError(f'{path}: expected an object with a non-empty list "groups"')
    specs = [_group_spec(path, index, item) for index, item in enumerate(items)]
    keys = [spec.key for spec in specs]
    duplicates = sorted({key for key in keys if keys.count(key) > 1})
    if duplicates:
        raise GroupFileError(f"{path}: group keys appear twice: {', '.join(duplicates)}")
    return specs


def _group_spec(path: Path, index: int, item: Any) -> GroupSpec:
    where = f"{path}: groups[{index}]"
    if not isinstance(item, dict):
        raise GroupFileError(f"{where}: expected an object")
    key = item.get("key")
    if not isinstance(key, str) or not GROUP_KEY.match(key):
        raise GroupFileError(f"{where}: key must be lower-case ASCII letters, digits, - or _ (got {key!r})")
    name = item.get("name")
    if not isinstance(name, str) or not name.strip():
        raise GroupFileError(f"{where} ({key}): name is missing")
    kind = item.get("kind")
    if kind not in {k.value for k in GroupKind}:
        raise GroupFileError(f"{where} ({key}): kind must be one of {', '.join(k.value for k in GroupKind)}")
    municipalities = item.get("municipalities", [])
    if not isinstance(municipalities, list) or any(m not in MUNICIPALITIES for m in municipalities):
        raise GroupFileError(
            f"{where} ({key}): municipalities must be a list of {', '.join(MUNICIPALITIES)} (got {municipalities!r})"
        )
    closed_on = item.get("closed_on")
    try:
        closed = date.fromisoformat(closed_on) if closed_on else None
    except (TypeError, ValueError) as error:
        raise GroupFileError(f"{where} ({key}): closed_on must be YYYY-MM-DD") from error
    active = item.get("active", True)
    if not isinstance(active, bool):
        raise GroupFileError(f"{where} ({key}): active must be true or false")
    return GroupSpec(
        plans=_plan_specs(where, key, item.get("plans", {})),
        key=key,
        name=name.strip(),
        kind=kind,
        municipalities=tuple(municipalities),
        goal=str(item.get("goal", "")),
        active=active,
        closed_on=closed,
        closed_reason=item.get("closed_reason"),
        position=index,
    )


def _plan_specs(where: str, key: str, plans: Any) -> tuple[tuple[int, PlanSpec], ...]:
    if not isinstance(plans, dict):
        raise GroupFileError(f'{where} ({key}): plans must be an object like {{"2017": {{"activities": [...]}}}}')
    specs = []
    for year, plan in plans.items():
        if not str(year).isdigit() or not isinstance(plan, dict):
            raise GroupFileError(f"{where} ({key}): plans[{year!r}] must be a year with an object")
        activities = plan.get("activities", [])
        if not isinstance(activities, list) or not all(isinstance(a, str) and a.strip() for a in activities):
            raise GroupFileError(f"{where} ({key}): plans[{year}].activities must be a list of texts")
        if len(activities) > MAX_ACTIVITIES:
            raise GroupFileError(f"{where} ({key}): plans[{year}] has more than {MAX_ACTIVITIES} activities")
        goal = plan.get("goal")
        specs.append(
            (
                int(year),
                PlanSpec(
                    description=str(plan.get("description", "")),
                    activities=tuple(a.strip() for a in activities),
                    goal=str(goal) if goal is not None else None,
                ),
            )
        )
    return tuple(sorted(specs, key=lambda item: item[0]))


def load_groups(session: Session, *, specs: list[GroupSpec], actor: str, now: datetime) -> LoadReport:
    """Add new groups and update changed ones; loading the same file twice changes nothing."""
    report = LoadReport()
    for spec in specs:
        group = session.get(Group, spec.key)
        if group is None:
            session.add(Group(key=spec.key, **spec.values()))
            add_audit_event(
                session,
                actor=actor,
                action="group.add",
                subject=f"group:{spec.key}",
                at=now,
                details={"after": _jsonable(spec.values())},
            )
            report.added.append(spec.key)
            continue
        before = {name: getattr(group, name) for name in spec.values()}
        if before == spec.values():
            report.unchanged.append(spec.key)
            continue
        for name, value in spec.values().items():
            setattr(group, name, value)
        session.add(group)
        add_audit_event(
            session,
            actor=actor,
            action="group.update",
            subject=f"group:{spec.key}",
            at=now,
            details={"before": _jsonable(before), "after": _jsonable(spec.values())},
        )
        report.updated.append(spec.key)
    session.flush()
    for spec in specs:
        for year, plan in spec.plans:
            goal = plan.goal if plan.goal is not None else spec.goal
            if set_plan(session, group_key=spec.key, year=year, goal=goal, spec=plan, actor=actor, now=now):
                report.plans.append(f"{spec.key}:{year}")
    return report


def seed_groups_if_empty(session: Session, *, specs: list[GroupSpec], now: datetime) -> LoadReport | None:
    if session.exec(select(func.count()).select_from(Group)).one() > 0:
        return None
    return load_groups(session, specs=specs, actor="system", now=now)


def _jsonable(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, date) else v for k, v in values.items()}


def get_group(session: Session, *, key: str) -> Group | None:
    return session.get(Group, key)


def list_groups(session: Session) -> list[Group]:
    return list(session.exec(select(Group).order_by(col(Group.active).desc(), col(Group.key))))


def list_groups_in_plan_order(session: Session) -> list[Group]:
    return list(session.exec(select(Group).order_by(col(Group.position), col(Group.key))))


# ---------------------------------------------------------------- channels


# Every `/mlr result` runs this; built once, as building a statement costs about what running it does.
_LINKED_GROUP = (
    select(Group)
    .join(ChannelLink, col(ChannelLink.group_key) == col(Group.key))
    .where(col(ChannelLink.channel_id) == bindparam("channel_id"))
)


def get_linked_group(session: Session, *, channel_id: str) -> Group | None:
    return session.exec(_LINKED_GROUP, params={"channel_id": channel_id}).first()


def list_channel_links(session: Session) -> list[ChannelLink]:
    return list(session.exec(select(ChannelLink).order_by(col(ChannelLink.linked_at))))


def link_channel(session: Session, *, channel_id: str, group_key: str, actor: str, now: datetime) -> str | None:
    """Link a channel to a group; returns the key of the group it was linked to before, if any."""
    link = session.get(ChannelLink, channel_id)
    previous = link.group_key if link else None
    if previous == group_key:
        return previous
    if link is None:
        link = ChannelLink(channel_id=channel_id, group_key=group_key, linked_by=actor, linked_at=now)
    else:
        link.group_key, link.linked_by, link.linked_at = group_key, actor, now
    session.add(link)
    add_audit_event(
        session,
        actor=actor,
        action="channel.link",
        subject=f"channel:{channel_id}",
        at=now,
        details={"before": previous, "after": group_key},
    )
    return previous


# ---------------------------------------------------------------- coordinators


def is_coordinator(session: Session, *, user_id: str) -> bool:
    return session.get(Coordinator, user_id) is not None


def list_coordinators(session: Session) -> list[Coordinator]:
    return list(session.exec(select(Coordinator).order_by(col(Coordinator.added_at))))


def add_coordinator(session: Session, *, user_id: str, actor: str, now: datetime) -> bool:
    """Returns False when the user already was a coordinator."""
    if session.get(Coordinator, user_id) is not None:
        return False
    session.add(Coordinator(user_id=user_id, added_by=actor, added_at=now))
    add_audit_event(session, actor=actor, action="coordinator.add", subject=f"coordinator:{user_id}", at=now)
    return True


def remove_coordinator(session: Session, *, user_id: str, actor: str, now: datetime) -> bool:
    """Returns False when the user was not a coordinator."""
    coordinator = session.get(Coordinator, user_id)
    if coordinator is None:
        return False
    session.delete(coordinator)
    add_audit_event(session, actor=actor, action="coordinator.remove", subject=f"coordinator:{user_id}", at=now)
    return True


# ---------------------------------------------------------------- entries


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


def list_linked_channels(session: Session, *, group_key: str) -> list[str]:
    query = (
        select(ChannelLink.channel_id).where(ChannelLink.group_key == group_key).order_by(col(ChannelLink.linked_at))
    )
    return list(session.exec(query))


# ---------------------------------------------------------------- corrections: edit, delete, history


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


# ---------------------------------------------------------------- lists and search


@dataclass(frozen=True)
class EntryPage:
    entries: list[Entry]
    total: int


def page_entries(
    session: Session,
    *,
    group_keys: list[str] | None,
    start: date | None = None,
    end: date | None = None,
    year: int | None = None,
    words: list[str] | None = None,
    offset: int = 0,
    limit: int = 20,
) -> EntryPage:
    """Live entries, newest first, filtered by groups, the day they happened, the plan year and words."""
    conditions: list[Any] = [LIVE]
    if group_keys is not None:
        conditions.append(col(Entry.group_key).in_(group_keys))
    if start is not None:
        conditions.append(col(Entry.occurred_on) >= start)
    if end is not None:
        conditions.append(col(Entry.occurred_on) < end)
    if year is not None:
        conditions.append(Entry.plan_year == year)
    for word in words or []:
        conditions.append(_folded_text(session).like(f"%{_like_escape(word.casefold())}%", escape="\\"))
    total = session.exec(select(func.count()).select_from(Entry).where(*conditions)).one()
    query = select(Entry).where(*conditions).order_by(col(Entry.occurred_on).desc(), col(Entry.id).desc())
    return EntryPage(list(session.exec(query.offset(offset).limit(limit))), int(total))


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


# ---------------------------------------------------------------- the annual report's reads


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
