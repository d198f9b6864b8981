"""What a week's digest says: a group's results and activities logged that week (whatever day
they happened), and the coordinator's overview of every group (numbers, the newest result, the
silent ones). Content only; handlers/blocks/digest.py lays it out for Slack."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from core.dates import Week
from core.settings import Settings
from storage.models import Entry, EntryKind, Group
from storage.status import GroupStatus

SILENT_WEEKS = 3  # a group that has logged nothing for this many weeks is named in the overview


@dataclass(frozen=True)
class GroupDigest:
    group: Group
    week: Week
    results: list[Entry]
    activities: list[Entry]

    @property
    def empty(self) -> bool:
        return not self.results and not self.activities


def group_digest(*, group: Group, week: Week, entries: Sequence[Entry]) -> GroupDigest:
    return GroupDigest(
        group=group,
        week=week,
        results=[entry for entry in entries if entry.kind == EntryKind.RESULT.value],
        activities=[entry for entry in entries if entry.kind == EntryKind.ACTIVITY.value],
    )


def happened_in_week(entry: Entry, week: Week) -> bool:
    """A week's digest lists what was logged that week; an entry about a day outside it is shown with that day."""
    return week.monday <= entry.occurred_on <= week.sunday


def is_posted(digest: GroupDigest, settings: Settings) -> bool:
    """An empty week is posted only with MLR_DIGEST_EMPTY=post."""
    return not digest.empty or settings.digest_empty == "post"


def weeks_silent(last_logged_at: datetime | None, at: datetime) -> int | None:
    """Whole weeks since the group last logged anything; None when it never has."""
    return None if last_logged_at is None else (at - last_logged_at).days // 7


@dataclass(frozen=True)
class OverviewLine:
    status: GroupStatus
    weeks_silent: int | None

    @property
    def silent(self) -> bool:
        return self.weeks_silent is None or self.weeks_silent >= SILENT_WEEKS


@dataclass(frozen=True)
class Overview:
    week: Week
    lines: list[OverviewLine]

    @property
    def results(self) -> int:
        return sum(line.status.week_results for line in self.lines)

    @property
    def activities(self) -> int:
        return sum(line.status.week_activities for line in self.lines)

    @property
    def silent(self) -> int:
        return sum(1 for line in self.lines if line.silent)


def overview(*, week: Week, groups: Sequence[GroupStatus], week_end: datetime) -> Overview:
    return Overview(
        week=week, lines=[OverviewLine(status=g, weeks_silent=weeks_silent(g.last_logged_at, week_end)) for g in groups]
    )
