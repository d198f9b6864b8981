"""Where every group stands: the figures behind `/mlr status` and the App Home, in a few grouped
queries (not one per group), so that they stay fast with hundreds of thousands of entries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, func, select

from storage import plans
from storage.entries import LIVE, as_utc
from storage.groups import list_channel_links, list_groups
from storage.models import Entry, EntryKind, Group, PlannedActivity, Statement


@dataclass(frozen=True)
class GroupStatus:
    group: Group
    week_results: int
    week_activities: int
    this_year: int
    newest_result: Entry | None
    last_logged_at: datetime | None
    unresulted: list[PlannedActivity]  # planned activities of the year with no result logged yet
    statement: Statement | None
    channels: list[str]

    @property
    def this_week(self) -> int:
        return self.week_results + self.week_activities


def list_group_status(
    session: Session,
    *,
    year: int,
    week_start: datetime,
    week_end: datetime,
    group_keys: list[str] | None = None,
    until: datetime | None = None,
    past_year: bool = False,
) -> list[GroupStatus]:
    """Every active group (or those of `group_keys`); the newest result, by the day it happened, and the last
    entry are those logged before `until` (a past week's overview), or the newest of all. For a past year
    (`past_year`) the groups of `group_keys` count whether closed since or not, and the newest result is
    that year's."""
    groups = [
        g for g in list_groups(session) if (g.active or past_year) and (group_keys is None or g.key in group_keys)
    ]
    keys = [g.key for g in groups]
    in_groups = col(Entry.group_key).in_(keys)

    def counts(*where: Any) -> dict[str, int]:
        query = select(Entry.group_key, func.count()).where(in_groups, LIVE, *where).group_by(col(Entry.group_key))
        return {key: int(n) for key, n in session.exec(query)}

    week: dict[tuple[str, str], int] = {
        (key, kind): int(n)
        for key, kind, n in session.exec(
            select(Entry.group_key, Entry.kind, func.count())
            .where(in_groups, LIVE, col(Entry.created_at) >= week_start, col(Entry.created_at) < week_end)
            .group_by(col(Entry.group_key), col(Entry.kind))
        )
    }
    before = [col(Entry.created_at) < until] if until is not None else []
    year_counts = counts(Entry.plan_year == year)
    # One small query per group: each walks its index from the newest end and stops at the first
    # live row, where a MAX() over all groups would read every row to skip the deleted ones.
    last: dict[str, datetime | None] = {}
    newest: dict[str, Entry] = {}
    for key in keys:
        last[key] = session.exec(
            select(Entry.created_at)
            .where(Entry.group_key == key, LIVE, *before)
            .order_by(col(Entry.created_at).desc())
            .limit(1)
        ).first()
        in_year = [Entry.plan_year == year] if past_year else []
        result = session.exec(
            select(Entry)
            .where(Entry.kind == EntryKind.RESULT.value, Entry.group_key == key, LIVE, *before, *in_year)
            .order_by(col(Entry.occurred_on).desc(), col(Entry.id).desc())
            .limit(1)
        ).first()
        if result is not None:
            newest[key] = result
    resulted = set(
        session.exec(
            select(Entry.group_key, Entry.activity_number)
            .distinct()
            .where(
                in_groups,
                LIVE,
                Entry.plan_year == year,
                Entry.kind == EntryKind.RESULT.value,
                col(Entry.activity_number).is_not(None),
            )
        ).all()
    )
    activities = [a for a in plans.list_planned_activities_of_year(session, year=year) if a.group_key in keys]
    statements = {s.group_key: s for s in plans.list_statements(session, year=year)}
    channels: dict[str, list[str]] = {}
    for link in list_channel_links(session):
        channels.setdefault(link.group_key, []).append(link.channel_id)
    return [
        GroupStatus(
            group=g,
            week_results=week.get((g.key, EntryKind.RESULT.value), 0),
            week_activities=week.get((g.key, EntryKind.ACTIVITY.value), 0),
            this_year=year_counts.get(g.key, 0),
            newest_result=newest.get(g.key),
            last_logged_at=as_utc(last.get(g.key)),
            unresulted=[a for a in activities if a.group_key == g.key and (g.key, a.number) not in resulted],
            statement=statements.get(g.key),
            channels=channels.get(g.key, []),
        )
        for g in groups
    ]
