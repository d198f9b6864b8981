"""The annual report's reads: everything the report of one year shows, in one read transaction."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from storage import plans
from storage.db import Database
from storage.entries import YearResults, count_entries_of_year, count_participation, list_year_results
from storage.groups import list_groups_in_plan_order
from storage.models import Group, Plan, PlannedActivity, StatementVersion

# Where a group submitted no statement, its logged results stand in, the latest this many of them;
# the cell then says how many more there are and where to find them.
LOGGED_RESULTS_SHOWN = 30


@dataclass(frozen=True)
class ReportRows:
    year: int
    groups: list[Group]  # in the plan's order
    plan_years: list[int]  # every year that has a plan
    plans: dict[int, dict[str, Plan]]  # the plans of the report's year, the next one and the one asked for
    activities: dict[int, dict[str, list[PlannedActivity]]]  # the same years' numbered activities
    statements: dict[str, StatementVersion]  # per group its latest approved version, else its latest draft
    entry_counts: dict[str, int]
    logged: dict[str, YearResults]  # the latest logged results of groups with entries and no statement
    participation: Counter[tuple[str, str]]  # (municipality, group key) -> entries naming it
    compared_year: int | None = None  # the earlier year whose assessments stand beside the year's
    compared: dict[str, StatementVersion] = field(default_factory=dict)  # that year's statements, as `statements`


def read_report_rows(
    db: Database,
    *,
    year: int,
    plan_year: int | None = None,
    logged_limit: int = LOGGED_RESULTS_SHOWN,
    compare: int | None = None,
) -> ReportRows:
    """The rows of the report of `year`, with the plans that may stand beside its results: the year's own,
    the plan revised for the next year, and `plan_year` when one is asked for; and `compare`'s statements."""
    with db.read() as session:
        return _report_rows(session, year=year, plan_year=plan_year, logged_limit=logged_limit, compare=compare)


def _report_rows(
    session: Any, *, year: int, plan_year: int | None, logged_limit: int, compare: int | None = None
) -> ReportRows:
    groups = list_groups_in_plan_order(session)
    statements = plans.reported_statements(session, year=year)
    entry_counts = count_entries_of_year(session, year=year)
    years = sorted({year, year + 1, *([plan_year] if plan_year is not None else [])})
    return ReportRows(
        year=year,
        groups=groups,
        plan_years=plans.plan_years(session),
        plans={y: {plan.group_key: plan for plan in plans.list_plans(session, year=y)} for y in years},
        activities={
            y: {g.key: plans.list_planned_activities(session, group_key=g.key, year=y) for g in groups} for y in years
        },
        statements=statements,
        entry_counts=entry_counts,
        logged={
            g.key: list_year_results(session, group_key=g.key, year=year, limit=logged_limit)
            for g in groups
            if g.key not in statements and entry_counts.get(g.key)
        },
        participation=count_participation(session, year=year),
        compared_year=compare,
        compared=plans.reported_statements(session, year=compare) if compare is not None else {},
    )
