"""The annual report's reads: everything the report of one year shows, in one read transaction."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from storage import plans
from storage.db import Database
from storage.entries import YearResults, count_entries_of_year, count_participation, list_year_results
from storage.groups import list_groups_in_plan_order
from storage.models import Group, Plan, PlannedActivity, Statement

# Where a group submitted no statement, its logged results stand in, the latest this many of them;
# the cell then says how many more there are and where to find them.
LOGGED_RESULTS_SHOWN = 30


@dataclass(frozen=True)
class ReportRows:
    groups: list[Group]  # in the plan's order
    plans: dict[str, Plan]
    statements: dict[str, Statement]
    entry_counts: dict[str, int]
    activities: dict[str, list[PlannedActivity]]
    logged: dict[str, YearResults]  # the latest logged results of groups with entries and no statement
    participation: Counter[tuple[str, str]]  # (municipality, group key) -> entries naming it


def read_report_rows(db: Database, *, year: int, logged_limit: int = LOGGED_RESULTS_SHOWN) -> ReportRows:
    with db.read() as session:
        return _report_rows(session, year=year, logged_limit=logged_limit)


def _report_rows(session: Any, *, year: int, logged_limit: int) -> ReportRows:
    groups = list_groups_in_plan_order(session)
    statements = {s.group_key: s for s in plans.list_statements(session, year=year)}
    entry_counts = count_entries_of_year(session, year=year)
    return ReportRows(
        groups=groups,
        plans={plan.group_key: plan for plan in plans.list_plans(session, year=year)},
        statements=statements,
        entry_counts=entry_counts,
        activities={g.key: plans.list_planned_activities(session, group_key=g.key, year=year) for g in groups},
        logged={
            g.key: list_year_results(session, group_key=g.key, year=year, limit=logged_limit)
            for g in groups
            if g.key not in statements and entry_counts.get(g.key)
        },
        participation=count_participation(session, year=year),
    )
