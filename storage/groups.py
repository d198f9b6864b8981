"""Groups, their channels and the coordinators. Every function takes the session first and keyword
arguments after it; every change writes its audit event in the same transaction."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import bindparam
from sqlmodel import Session, col, func, select

from storage.audit import add_audit_event
from storage.groups_file import GroupSpec
from storage.models import (
    ChannelLink,
    Coordinator,
    Group,
)
from storage.plans import set_plan


@dataclass
class LoadReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    plans: list[str] = field(default_factory=list)  # "group:year" of every plan added or changed


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


def list_linked_channels(session: Session, *, group_key: str) -> list[str]:
    query = (
        select(ChannelLink.channel_id).where(ChannelLink.group_key == group_key).order_by(col(ChannelLink.linked_at))
    )
    return list(session.exec(query))
