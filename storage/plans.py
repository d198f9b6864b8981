"""The plan per group and year, the yearly follow-up campaign, and the groups' statements of results."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlmodel import Session, col, delete, select

from storage.audit import add_audit_event
from storage.models import (
    Assessment,
    Followup,
    FollowupStatus,
    GroupLead,
    Plan,
    PlannedActivity,
    Statement,
    StatementVersion,
)

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


@dataclass(frozen=True)
class Goals:
    """A statement's assessment of the long-term goal, its reason, and a status per planned activity ("1": "done")."""

    assessment: str | None = None
    reason: str = ""
    statuses: dict[str, str] = field(default_factory=dict)


def submit_statement(
    session: Session,
    *,
    group_key: str,
    year: int,
    parts: dict[str, str],
    actor: str,
    now: datetime,
    goals: Goals | None = None,
) -> Statement:
    """Store a new version of the group's statement for the year, a draft until it is approved; the statement row
    holds the latest version, statement_versions every one (an approved one stays as it was approved), and the
    audit trail what each replaced."""
    if not any(text.strip() for text in parts.values()):
        raise ValueError("a statement needs text")
    goals = goals or Goals()
    if goals.assessment is not None and goals.assessment not in set(Assessment):
        raise ValueError(f"unknown assessment {goals.assessment!r}")
    statement = get_statement(session, group_key=group_key, year=year)
    before = None if statement is None else _statement_record(statement)
    if statement is None:
        statement = Statement(group_key=group_key, year=year, parts=parts, submitted_by=actor, submitted_at=now)
    else:
        statement.parts, statement.version = parts, statement.version + 1
        statement.submitted_by, statement.submitted_at = actor, now
    statement.assessment, statement.reason, statement.statuses = goals.assessment, goals.reason, dict(goals.statuses)
    statement.approved_by = statement.approved_at = None
    session.add(statement)
    session.add(
        StatementVersion(
            group_key=group_key,
            year=year,
            version=statement.version,
            parts=parts,
            assessment=goals.assessment,
            reason=goals.reason,
            statuses=dict(goals.statuses),
            submitted_by=actor,
            submitted_at=now,
        )
    )
    session.flush()
    add_audit_event(
        session,
        actor=actor,
        action="statement.submit",
        subject=f"statement:{group_key}:{year}",
        at=now,
        details={"before": before, "after": _statement_record(statement)},
    )
    return statement


def _statement_record(statement: Statement) -> dict[str, Any]:
    record: dict[str, Any] = {
        "version": statement.version,
        "parts": statement.parts,
        "submitted_by": statement.submitted_by,
    }
    if statement.assessment is not None:
        record |= {"assessment": statement.assessment, "reason": statement.reason}
    if statement.statuses:
        record["statuses"] = statement.statuses
    return record


def list_statement_versions(session: Session, *, group_key: str, year: int) -> list[StatementVersion]:
    query = select(StatementVersion).where(StatementVersion.group_key == group_key, StatementVersion.year == year)
    return list(session.exec(query.order_by(col(StatementVersion.version))))


def list_statement_versions_of_year(session: Session, *, year: int) -> list[StatementVersion]:
    query = select(StatementVersion).where(StatementVersion.year == year)
    return list(session.exec(query.order_by(col(StatementVersion.group_key), col(StatementVersion.version))))


def list_all_statement_versions(
    session: Session, *, group_key: str | None = None, year: int | None = None
) -> list[StatementVersion]:
    """Every version of every statement (of one group, of one year), by year, group and version."""
    query = select(StatementVersion)
    if group_key is not None:
        query = query.where(StatementVersion.group_key == group_key)
    if year is not None:
        query = query.where(StatementVersion.year == year)
    order = (col(StatementVersion.year), col(StatementVersion.group_key), col(StatementVersion.version))
    return list(session.exec(query.order_by(*order)))


def reported_statements(session: Session, *, year: int) -> dict[str, StatementVersion]:
    """What the report of `year` shows per group: the latest approved version, else (a draft) the latest one."""
    shown: dict[str, StatementVersion] = {}
    for version in list_statement_versions_of_year(session, year=year):
        current = shown.get(version.group_key)
        if current is None or version.approved_at is not None or current.approved_at is None:
            shown[version.group_key] = version
    return shown


class ApprovalError(ValueError):
    """Why a version cannot be approved: "unknown", "superseded" (a newer version exists) or "approved" (already)."""


def approve_statement(
    session: Session, *, group_key: str, year: int, version: int, actor: str, now: datetime
) -> StatementVersion:
    """Approve the latest version of the group's statement: it is frozen with who approved it and when."""
    statement = get_statement(session, group_key=group_key, year=year)
    query = select(StatementVersion).where(
        StatementVersion.group_key == group_key, StatementVersion.year == year, StatementVersion.version == version
    )
    found = session.exec(query).first()
    if statement is None or found is None:
        raise ApprovalError("unknown")
    if found.approved_at is not None:
        raise ApprovalError("approved")
    if statement.version != version:
        raise ApprovalError("superseded")
    found.approved_by, found.approved_at = actor, now
    statement.approved_by, statement.approved_at = actor, now
    session.add(found)
    session.add(statement)
    add_audit_event(
        session,
        actor=actor,
        action="statement.approve",
        subject=f"statement:{group_key}:{year}",
        at=now,
        details={"version": version},
    )
    return found


def previous_answer(session: Session, *, group_key: str, year: int) -> StatementVersion | None:
    """The group's answer of the latest earlier year: its approved version, else its latest draft."""
    query = select(StatementVersion).where(StatementVersion.group_key == group_key, col(StatementVersion.year) < year)
    versions = list(session.exec(query.order_by(col(StatementVersion.year).desc(), col(StatementVersion.version))))
    if not versions:
        return None
    latest_year = [v for v in versions if v.year == versions[0].year]
    approved = [v for v in latest_year if v.approved_at is not None]
    return (approved or latest_year)[-1]


# ---------------------------------------------------------------- group leads


def list_leads(session: Session, *, group_key: str | None = None) -> list[GroupLead]:
    query = select(GroupLead)
    if group_key is not None:
        query = query.where(GroupLead.group_key == group_key)
    return list(session.exec(query.order_by(col(GroupLead.group_key), col(GroupLead.added_at))))


def is_lead(session: Session, *, group_key: str, user_id: str) -> bool:
    return session.get(GroupLead, (group_key, user_id)) is not None


def add_lead(session: Session, *, group_key: str, user_id: str, actor: str, now: datetime) -> bool:
    """False when the person already leads the group."""
    if is_lead(session, group_key=group_key, user_id=user_id):
        return False
    session.add(GroupLead(group_key=group_key, user_id=user_id, added_by=actor, added_at=now))
    add_audit_event(
        session, actor=actor, action="lead.add", subject=f"lead:{group_key}", at=now, details={"user": user_id}
    )
    return True


def remove_lead(session: Session, *, group_key: str, user_id: str, actor: str, now: datetime) -> bool:
    """False when the person did not lead the group."""
    lead = session.get(GroupLead, (group_key, user_id))
    if lead is None:
        return False
    session.delete(lead)
    session.flush()  # so that the same transaction no longer finds the lead
    add_audit_event(
        session, actor=actor, action="lead.remove", subject=f"lead:{group_key}", at=now, details={"user": user_id}
    )
    return True
