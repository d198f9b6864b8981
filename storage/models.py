"""The SQLModel tables: groups, channel links, entries, coordinators and the audit trail."""

from __future__ import annotations

from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Column, DateTime, Dialect, Index, Text, UniqueConstraint
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field, SQLModel


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes in and out, on SQLite (which keeps no zone) as on PostgreSQL."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: store aware UTC datetimes only")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class GroupKind(StrEnum):
    FOCUS = "focus"  # fokusfråga, run by four municipalities
    STANDING = "standing"  # stående arbetsgrupp
    ONGOING = "ongoing"  # pågående arbete


class EntryKind(StrEnum):
    ACTIVITY = "activity"
    RESULT = "result"


MAX_TEXT_LENGTH = 3000


class Group(SQLModel, table=True):
    __tablename__ = "groups"

    key: str = Field(primary_key=True, max_length=40)
    name: str = Field(max_length=200)
    kind: str = Field(max_length=20)
    municipalities: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    goal: str = Field(default="", sa_column=Column(Text, nullable=False))
    active: bool = True
    closed_on: date | None = None
    closed_reason: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    # The group's place in the plan's table: its place in the groups file that loaded it last.
    position: int = Field(default=0, sa_column_kwargs={"server_default": "0"})


class ChannelLink(SQLModel, table=True):
    __tablename__ = "channel_links"

    channel_id: str = Field(primary_key=True, max_length=30)
    group_key: str = Field(foreign_key="groups.key", index=True, max_length=40)
    linked_by: str = Field(max_length=30)
    linked_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))


class Entry(SQLModel, table=True):
    __tablename__ = "entries"
    __table_args__ = (
        Index("ix_entries_group_occurred", "group_key", "occurred_on"),
        Index("ix_entries_group_created", "group_key", "created_at"),
        # Covering indexes for status: counts per group come from the index alone.
        Index("ix_entries_created", "created_at", "group_key", "deleted_at"),
        Index("ix_entries_year", "plan_year", "group_key", "kind", "activity_number", "deleted_at"),
        Index("ix_entries_kind_group_id", "kind", "group_key", "id"),
        Index("ix_entries_user_id", "user_id", "id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    group_key: str = Field(foreign_key="groups.key", max_length=40)
    kind: str = Field(max_length=20)
    text: str = Field(sa_column=Column(Text, nullable=False))
    user_id: str = Field(max_length=30)
    channel_id: str | None = Field(default=None, max_length=30)
    created_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))
    occurred_on: date
    plan_year: int
    activity_number: int | None = None  # the planned activity of plan_year it belongs to, e.g. (2)
    municipalities: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    version: int = 1  # 1 when logged; each edit adds one (the audit trail has every version)
    deleted_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime, nullable=True))
    deleted_by: str | None = Field(default=None, max_length=30)


class Coordinator(SQLModel, table=True):
    __tablename__ = "coordinators"

    user_id: str = Field(primary_key=True, max_length=30)
    added_by: str = Field(max_length=30)
    added_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))


class AuditEvent(SQLModel, table=True):
    """One row per change, written in the same transaction as the change itself."""

    __tablename__ = "audit_events"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))
    actor: str = Field(max_length=30)  # a Slack user id, or "system" / "cli"
    action: str = Field(max_length=40)
    subject: str = Field(max_length=80, index=True)  # e.g. "entry:12", "channel:C0123"
    details: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


class PostStatus(StrEnum):
    CLAIMED = "claimed"  # a process is posting it now (until its lease runs out)
    POSTED = "posted"  # Slack said ok to every part
    FAILED = "failed"  # will be tried again from next_attempt_at


class ScheduledPost(SQLModel, table=True):
    """The run ledger: one row per scheduled post and channel, so that each goes out exactly once.

    The messages are rendered once, when the post is first claimed, and kept here, so that a retry
    posts exactly what the first try meant to, resuming after the parts Slack already took."""

    __tablename__ = "scheduled_posts"
    __table_args__ = (UniqueConstraint("kind", "period", "channel_id", name="uq_scheduled_posts_key"),)

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=40)  # e.g. "digest:bostad", "overview"
    period: str = Field(max_length=20)  # e.g. "2026-W47"
    channel_id: str = Field(max_length=30)
    status: str = Field(max_length=20)
    messages: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    parts_done: int = 0
    ts: str | None = Field(default=None, max_length=40)  # the first message's ts; later parts are its thread
    attempts: int = 0
    last_error: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    claimed_by: str | None = Field(default=None, max_length=80)
    claimed_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime, nullable=True))
    next_attempt_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime, nullable=True))
    posted_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime, nullable=True))
    created_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))


class Plan(SQLModel, table=True):
    """A group's plan for one year: the long-term goal and the planned work ("Beskrivning och genomförande")."""

    __tablename__ = "plans"

    group_key: str = Field(foreign_key="groups.key", primary_key=True, max_length=40)
    year: int = Field(primary_key=True)
    goal: str = Field(default="", sa_column=Column(Text, nullable=False))
    description: str = Field(default="", sa_column=Column(Text, nullable=False))
    # Text the plan has after its numbered activities (Sysselsättning's "I arbetet ska …" in 2017).
    after_activities: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))
    updated_by: str = Field(max_length=30)
    updated_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))


class PlannedActivity(SQLModel, table=True):
    __tablename__ = "planned_activities"
    __table_args__ = (UniqueConstraint("group_key", "year", "number", name="uq_planned_activities_number"),)

    id: int | None = Field(default=None, primary_key=True)
    group_key: str = Field(foreign_key="groups.key", max_length=40)
    year: int
    number: int  # (1), (2), (3) as the plan numbers them
    text: str = Field(sa_column=Column(Text, nullable=False))


class FollowupStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class Followup(SQLModel, table=True):
    """The yearly follow-up campaign: groups are asked for their statement of results."""

    __tablename__ = "followups"

    year: int = Field(primary_key=True)
    status: str = Field(max_length=20)
    deadline: date
    started_by: str = Field(max_length=30)
    started_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))
    closed_by: str | None = Field(default=None, max_length=30)
    closed_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime, nullable=True))


class Statement(SQLModel, table=True):
    """A group's statement of results for a year ("Resultat YYYY"): text per planned activity
    (keys "1", "2", … and "other"), the latest version. Each submission replaces it; statement_versions and the
    audit trail keep every version."""

    __tablename__ = "statements"
    __table_args__ = (UniqueConstraint("group_key", "year", name="uq_statements_group_year"),)

    id: int | None = Field(default=None, primary_key=True)
    group_key: str = Field(foreign_key="groups.key", max_length=40)
    year: int
    parts: dict[str, str] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    version: int = 1
    submitted_by: str = Field(max_length=30)
    submitted_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))
    # The latest version's assessment and activity statuses (StatementVersion keeps every version and its sign-off).
    assessment: str | None = Field(default=None, max_length=20)
    reason: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))
    statuses: dict[str, str] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False, server_default="{}"))
    approved_by: str | None = Field(default=None, max_length=30)  # the latest version's approval; None: a draft
    approved_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime, nullable=True))


class Assessment(StrEnum):
    """How far the group came towards its long-term goal in the year (the yearly follow-up's assessment)."""

    MET = "met"  # uppnås
    PARTLY = "partly"  # delvis
    NOT_MET = "not_met"  # uppnås inte
    NOT_ASSESSED = "not_assessed"  # ej bedömd


class ActivityStatus(StrEnum):
    """Where a planned activity stands at the follow-up."""

    DONE = "done"  # genomförd
    ONGOING = "ongoing"  # pågår
    NOT_STARTED = "not_started"  # ej påbörjad
    DELAYED = "delayed"  # försenad
    CANCELLED = "cancelled"  # utgår


class StatementVersion(SQLModel, table=True):
    """Every version of a group's statement for a year, as submitted, with its sign-off: a version is a draft
    until a group lead or a coordinator approves it, and an approved version is never changed again."""

    __tablename__ = "statement_versions"
    __table_args__ = (UniqueConstraint("group_key", "year", "version", name="uq_statement_versions_version"),)

    id: int | None = Field(default=None, primary_key=True)
    group_key: str = Field(foreign_key="groups.key", max_length=40)
    year: int
    version: int
    parts: dict[str, str] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    assessment: str | None = Field(default=None, max_length=20)  # an Assessment; None before the form asked
    reason: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))
    statuses: dict[str, str] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))  # "1": "done"
    submitted_by: str = Field(max_length=30)
    submitted_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))
    approved_by: str | None = Field(default=None, max_length=30)
    approved_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime, nullable=True))


class GroupLead(SQLModel, table=True):
    """A group's lead: approves the group's statement in the yearly follow-up."""

    __tablename__ = "group_leads"

    group_key: str = Field(foreign_key="groups.key", primary_key=True, max_length=40)
    user_id: str = Field(primary_key=True, max_length=30)
    added_by: str = Field(max_length=30)
    added_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))


class SeenRequest(SQLModel, table=True):
    """Signatures of requests already taken, for five minutes: a replayed request is refused,
    by whichever replica it reaches."""

    __tablename__ = "seen_requests"

    signature: str = Field(primary_key=True, max_length=80)
    seen_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False, index=True))
    # A retry (X-Slack-Retry-Num) is signed anew but carries the same body as the request it repeats.
    body_sha256: str | None = Field(default=None, max_length=64, index=True)


# The member municipalities of the 2016–2018 plan: what `kommuner:` and the report check names against.
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
