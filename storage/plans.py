"""The plan per group and year, the yearly follow-up campaign, and the groups' statements of results."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlmodel import Session, col, delete, select

from storage.audit import add_audit_event
from storage.models import Followup, FollowupStatus, Plan, PlannedActivity, Statement

MAX_ACTIVITIES = 20


@dataclass(frozen=True)
class PlanSpec:
    description: str = ""
    activities: tuple[str, ...] = ()
    after_activities: str = ""  # text that follows the numbered activities in the plan
    goal: str | None = None  # None: the group's long-term goal


def get_plan(session: Session, *, group_key: str, year: int) -> Plan | None:
    return session.get(Plan, (group_key, year))


def list_plans(session: Session, *, year: int) -> list[Plan]:
    return list(session.exec(select(Plan).where(Plan.year == year).order_by(col(Plan.group_key))))


def plan_years(session: Session) -> list[int]:
    return sorted(set(session.exec(select(Plan.year))))


def list_planned_activities(session: Session, *, group_key: str, year: int) -> list[PlannedActivity]:
    query = select(PlannedActivity).where(PlannedActivity.group_key == group_key, PlannedActivity.year == year)
    return list(session.exec(query.order_by(col(PlannedActivity.number))))


def list_planned_activities_of_year(session: Session, *, year: int) -> list[PlannedActivity]:
    query = select(PlannedActivity).where(PlannedActivity.year == year)
    return list(session.exec(query.order_by(col(PlannedActivity.group_key), col(PlannedActivity.number))))


def set_plan(
    session: Session, *, group_key: str, year: int, goal: str, spec: PlanSpec, actor: str, now: datetime
) -> bool:
    """Create or replace a group's plan for a year; False when nothing changed."""
    plan = get_plan(session, group_key=group_key, year=year)
    activities = list_planned_activities(session, group_key=group_key, year=year)
    before = (
        None
        if plan is None
        else _plan_record(plan.goal, plan.description, [a.text for a in activities], plan.after_activities)
    )
    after = _plan_record(goal, spec.description, list(spec.activities), spec.after_activities)
    if before == after:
        return False
    if plan is None:
        plan = Plan(
            group_key=group_key,
            year=year,
            goal=goal,
            description=spec.description,
            after_activities=spec.after_activities,
            updated_by=actor,
            updated_at=now,
        )
    else:
        plan.goal, plan.description, plan.after_activities = goal, spec.description, spec.after_activities
        plan.updated_by, plan.updated_at = actor, now
    session.add(plan)
    session.execute(
        delete(PlannedActivity).where(col(PlannedActivity.group_key) == group_key, col(PlannedActivity.year) == year)
    )
    for number, text in enumerate(spec.activities, start=1):
        session.add(PlannedActivity(group_key=group_key, year=year, number=number, text=text))
    add_audit_event(
        session,
        actor=actor,
        action="plan.set",
        subject=f"plan:{group_key}:{year}",
        at=now,
        details={"before": before, "after": after},
    )
    return True


def latest_plan_before(session: Session, *, group_key: str, year: int) -> Plan | None:
    query = select(Plan).where(Plan.group_key == group_key, col(Plan.year) < year)
    return session.exec(query.order_by(col(Plan.year).desc()).limit(1)).first()


def carry_plan(session: Session, *, group_key: str, to_year: int, actor: str, now: datetime) -> int | None:
    """Copy the group's latest plan before `to_year` (goal, description, activities, the text after them) into
    `to_year`, the start of the yearly revision; the year it came from, or None when there is none. A plan that
    `to_year` already has is kept as it is (None)."""
    if get_plan(session, group_key=group_key, year=to_year) is not None:
        return None
    latest = latest_plan_before(session, group_key=group_key, year=to_year)
    if latest is None:
        return None
    activities = tuple(a.text for a in list_planned_activities(session, group_key=group_key, year=latest.year))
    spec = PlanSpec(description=latest.description, activities=activities, after_activities=latest.after_activities)
    set_plan(session, group_key=group_key, year=to_year, goal=latest.goal, spec=spec, actor=actor, now=now)
    return latest.year


@dataclass
class CarryReport:
    carried: list[tuple[str, int]] = field(default_factory=list)  # (group, the year its plan came from)
    kept: list[str] = field(default_factory=list)  # already had a plan for the year
    without: list[str] = field(default_factory=list)  # had no earlier plan to carry


def carry_plans(session: Session, *, group_keys: list[str], to_year: int, actor: str, now: datetime) -> CarryReport:
    """The yearly revision's start: each of these groups' latest plan carried into `to_year`, in their order."""
    report = CarryReport()
    for key in group_keys:
        if get_plan(session, group_key=key, year=to_year) is not None:
            report.kept.append(key)
            continue
        source = carry_plan(session, group_key=key, to_year=to_year, actor=actor, now=now)
        if source is None:
            report.without.append(key)
        else:
            report.carried.append((key, source))
    return report


def _plan_record(goal: str, description: str, activities: list[str], after_activities: str) -> dict[str, Any]:
    record: dict[str, Any] = {"goal": goal, "description": description, "activities": activities}
    if after_activities:
        record["after_activities"] = after_activities
    return record


# ---------------------------------------------------------------- the follow-up campaign


def get_followup(session: Session, *, year: int) -> Followup | None:
    return session.get(Followup, year)


def list_followups(session: Session) -> list[Followup]:
    return list(session.exec(select(Followup).order_by(col(Followup.year))))


def start_followup(session: Session, *, year: int, deadline: date, actor: str, now: datetime) -> Followup:
    """Open the campaign for `year` (or open it again, with this deadline)."""
    followup = get_followup(session, year=year)
    if followup is None:
        followup = Followup(year=year, status=FollowupStatus.OPEN, deadline=deadline, started_by=actor, started_at=now)
    else:
        followup.status, followup.deadline, followup.closed_by, followup.closed_at = (
            FollowupStatus.OPEN,
            deadline,
            None,
            None,
        )
    session.add(followup)
    add_audit_event(
        session,
        actor=actor,
        action="followup.start",
        subject=f"followup:{year}",
        at=now,
        details={"deadline": deadline.isoformat()},
    )
    return followup


def close_followup(session: Session, *, year: int, actor: str, now: datetime) -> Followup | None:
    followup = get_followup(session, year=year)
    if followup is None or followup.status == FollowupStatus.CLOSED:
        return None
    followup.status, followup.closed_by, followup.closed_at = FollowupStatus.CLOSED, actor, now
    session.add(followup)
    add_audit_event(session, actor=actor, action="followup.close", subject=f"followup:{year}", at=now)
    return followup


# ---------------------------------------------------------------- statements of results


def get_statement(session: Session, *, group_key: str, year: int) -> Statement | None:
    query = select(Statement).where(Statement.group_key == group_key, Statement.year == year)
    return session.exec(query).first()


def list_statements(session: Session, *, year: int) -> list[Statement]:
    return list(session.exec(select(Statement).where(Statement.year == year).order_by(col(Statement.group_key))))


def submit_statement(
    session: Session, *, group_key: str, year: int, parts: dict[str, str], actor: str, now: datetime
) -> Statement:
    """Store the group's statement for the year; a resubmission replaces it and the audit trail keeps
    the version it replaced."""
    if not any(text.strip() for text in parts.values()):
        raise ValueError("a statement needs text")
    statement = get_statement(session, group_key=group_key, year=year)
    before = (
        None
        if statement is None
        else {"version": statement.version, "parts": statement.parts, "submitted_by": statement.submitted_by}
    )
    if statement is None:
        statement = Statement(group_key=group_key, year=year, parts=parts, submitted_by=actor, submitted_at=now)
    else:
        statement.parts, statement.version = parts, statement.version + 1
        statement.submitted_by, statement.submitted_at = actor, now
    session.add(statement)
    session.flush()
    add_audit_event(
        session,
        actor=actor,
        action="statement.submit",
        subject=f"statement:{group_key}:{year}",
        at=now,
        details={"before": before, "after": {"version": statement.version, "parts": parts}},
    )
    return statement
