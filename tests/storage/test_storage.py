"""Storage on SQLite and PostgreSQL: the migrated schema, round trips, the audit trail, atomicity."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlmodel import SQLModel

from storage import audit
from storage.db import LOCK_WAIT_MS, Database
from storage.entries import add_entry, list_entries
from storage.groups import (
    add_coordinator,
    link_channel,
    list_groups,
    load_groups,
    remove_coordinator,
    seed_groups_if_empty,
)
from storage.groups_file import DEFAULT_GROUPS_FILE, GroupSpec, read_groups_file
from storage.models import EntryKind
from storage.plans import get_plan

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)


@pytest.fixture
def seeded(db: Database) -> Database:
    with db.write() as session:
        seed_groups_if_empty(session, specs=read_groups_file(DEFAULT_GROUPS_FILE), now=NOW)
    return db


def test_the_migrations_build_exactly_the_models(db: Database) -> None:
    with db.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), SQLModel.metadata)
    assert differences == []


def test_upgrading_again_keeps_the_schema_and_what_is_in_it(seeded: Database) -> None:
    from alembic.script import ScriptDirectory

    from storage.db import alembic_config

    seeded.upgrade()
    head = ScriptDirectory.from_config(alembic_config(seeded.url)).get_current_head()
    with seeded.engine.connect() as connection:
        assert MigrationContext.configure(connection).get_current_revision() == head
    with seeded.read() as session:
        assert len(list_groups(session)) == len(read_groups_file(DEFAULT_GROUPS_FILE))


def test_the_plans_groups_are_loaded_once(seeded: Database) -> None:
    with seeded.write() as session:
        assert seed_groups_if_empty(session, specs=[], now=NOW) is None
        groups = {group.key: group for group in list_groups(session)}
    assert set(groups) == {
        "kompetens",
        "bostad",
        "sysselsattning",
        "migration",
        "naringsliv",
        "op",
        "strukturplan",
        "transport",
        "praktisk",
        "forum",
    }
    assert groups["kompetens"].municipalities == ["Eslöv", "Höör", "Lund", "Lomma"]
    assert groups["kompetens"].goal.startswith("Den långsiktiga kompetensförsörjningen")
    assert not groups["migration"].active


def test_an_entry_round_trips_exactly(seeded: Database) -> None:
    text = "Beslut om Industrinatten 2017 🎉 <!channel> & ÅÄÖ\n\tindrag"
    stockholm_evening = datetime(2026, 3, 29, 23, 30, tzinfo=timezone(timedelta(hours=2)))
    with seeded.write() as session:
        entry = add_entry(
            session,
            group_key="kompetens",
            kind=EntryKind.RESULT,
            text=text,
            user_id="U0A",
            channel_id="C0K",
            occurred_on=date(2026, 3, 29),
            now=stockholm_evening,
        )
    with seeded.read() as session:
        [stored] = list_entries(session, group_key="kompetens")
    assert stored.id == entry.id
    assert stored.text == text
    assert stored.created_at == datetime(2026, 3, 29, 21, 30, tzinfo=UTC)
    assert stored.created_at.tzinfo == UTC
    assert (stored.occurred_on, stored.plan_year) == (date(2026, 3, 29), 2026)


def test_naive_timestamps_are_refused(seeded: Database) -> None:
    with pytest.raises(Exception, match="naive datetime"), seeded.write() as session:
        add_entry(
            session,
            group_key="op",
            kind=EntryKind.ACTIVITY,
            text="x",
            user_id="U0A",
            channel_id=None,
            occurred_on=date(2026, 1, 1),
            now=datetime(2026, 1, 1, 12),
        )


def test_a_failed_transaction_leaves_nothing_behind(seeded: Database) -> None:
    with pytest.raises(RuntimeError), seeded.write() as session:
        add_entry(
            session,
            group_key="op",
            kind=EntryKind.ACTIVITY,
            text="halv",
            user_id="U0A",
            channel_id=None,
            occurred_on=date(2026, 1, 1),
            now=NOW,
        )
        raise RuntimeError("the process fails after the entry, before its commit")
    with seeded.read() as session:
        assert list_entries(session) == []
        assert audit.list_audit_events(session, subject="entry:1") == []


def test_an_entry_for_an_unknown_group_is_refused_by_the_database(seeded: Database) -> None:
    from storage.db import DatabaseError

    with pytest.raises(DatabaseError), seeded.write() as session:
        add_entry(
            session,
            group_key="finnsinte",
            kind=EntryKind.RESULT,
            text="x",
            user_id="U0A",
            channel_id=None,
            occurred_on=date(2026, 1, 1),
            now=NOW,
        )


@pytest.mark.parametrize("text", ["", "   \n", "x" * 3001])
def test_empty_and_overlong_texts_are_refused(seeded: Database, text: str) -> None:
    with pytest.raises(ValueError), seeded.write() as session:
        add_entry(
            session,
            group_key="op",
            kind=EntryKind.RESULT,
            text=text,
            user_id="U0A",
            channel_id=None,
            occurred_on=date(2026, 1, 1),
            now=NOW,
        )


def test_changes_to_groups_links_and_coordinators_are_audited(seeded: Database) -> None:
    with seeded.write() as session:
        link_channel(session, channel_id="C0B", group_key="bostad", actor="U0K", now=NOW)
        assert add_coordinator(session, user_id="U0N", actor="U0K", now=NOW)
        assert not add_coordinator(session, user_id="U0N", actor="U0K", now=NOW)
        assert remove_coordinator(session, user_id="U0N", actor="U0K", now=NOW)
        spec = GroupSpec(key="bostad", name="Bostadsbyggande", kind="focus")
        report = load_groups(session, specs=[spec], actor="cli", now=NOW)
    assert report.updated == ["bostad"]
    with seeded.read() as session:
        actions = [(e.action, e.subject) for e in audit.list_audit_events(session) if e.actor != "system"]
        [update] = audit.list_audit_events(session, subject="group:bostad")[1:]
    assert actions == [
        ("channel.link", "channel:C0B"),
        ("coordinator.add", "coordinator:U0N"),
        ("coordinator.remove", "coordinator:U0N"),
        ("group.update", "group:bostad"),
    ]
    assert update.details["before"]["name"] == "Stimulera ökat bostadsbyggande"
    assert update.details["after"]["name"] == "Bostadsbyggande"


def test_sqlite_runs_with_wal_a_busy_timeout_and_foreign_keys(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'pragmas.db'}")
    with db.engine.connect() as connection:
        pragma = connection.exec_driver_sql
        assert pragma("PRAGMA journal_mode").scalar() == "wal"
        assert pragma("PRAGMA busy_timeout").scalar() == LOCK_WAIT_MS
        assert pragma("PRAGMA foreign_keys").scalar() == 1
    db.dispose()


def test_upgrading_a_database_seeded_before_closing_days_closes_migration_on_2016_12_31(database_url: str) -> None:
    """A database seeded from the groups file of before 0007 has Migration & integration closed without a day;
    the upgrade gives it the day the plan closed it, and the plans their (empty) text after the activities."""
    from alembic import command
    from sqlalchemy import text

    from storage.db import alembic_config, make_engine

    engine = make_engine(database_url)
    try:
        with engine.connect() as connection:  # the migrations' env commits on the connection it is given
            config = alembic_config(database_url)
            config.attributes["connection"] = connection
            command.upgrade(config, "0006")
            connection.execute(
                text(
                    "INSERT INTO groups (key, name, kind, municipalities, goal, active, position) VALUES "
                    "('migration', 'Migration & integration', 'focus', '[]', '', false, 3), "
                    "('op', 'ÖP-gruppen', 'standing', '[]', '', true, 8)"
                )
            )
            connection.execute(
                text(
                    "INSERT INTO plans (group_key, year, goal, description, updated_by, updated_at) "
                    "VALUES ('op', 2017, '', 'Planen.', 'cli', :at)"
                ),
                {"at": NOW},
            )
            connection.commit()
            command.upgrade(config, "head")
    finally:
        engine.dispose()
    db = Database(database_url)
    try:
        with db.read() as session:
            groups = {group.key: group for group in list_groups(session)}
            plan = get_plan(session, group_key="op", year=2017)
        assert (groups["migration"].closed_on, groups["op"].closed_on) == (date(2016, 12, 31), None)
        assert plan is not None and (plan.description, plan.after_activities) == ("Planen.", "")
    finally:
        db.dispose()


def test_upgrading_keeps_a_statement_submitted_before_sign_off_as_its_version_a_draft(database_url: str) -> None:
    """0009: a statement of before sign-off becomes its own version in statement_versions, unapproved, with no
    assessment; the statement keeps its text and version."""
    from alembic import command
    from sqlalchemy import text

    from storage import plans
    from storage.db import alembic_config, make_engine

    engine = make_engine(database_url)
    try:
        with engine.connect() as connection:
            config = alembic_config(database_url)
            config.attributes["connection"] = connection
            command.upgrade(config, "0008")
            connection.execute(
                text(
                    "INSERT INTO groups (key, name, kind, municipalities, goal, active, position) VALUES "
                    "('bostad', 'Bostad', 'focus', '[]', '', true, 1)"
                )
            )
            connection.execute(
                text(
                    "INSERT INTO statements (group_key, year, parts, version, submitted_by, submitted_at) "
                    "VALUES ('bostad', 2025, '{\"other\": \"Business Arena.\"}', 3, 'U0B', :at)"
                ),
                {"at": NOW},
            )
            connection.commit()
            command.upgrade(config, "head")
    finally:
        engine.dispose()
    db = Database(database_url)
    try:
        with db.read() as session:
            statement = plans.get_statement(session, group_key="bostad", year=2025)
            [version] = plans.list_statement_versions(session, group_key="bostad", year=2025)
        assert statement is not None and (statement.version, statement.statuses, statement.approved_at) == (3, {}, None)
        assert (version.version, version.parts, version.assessment, version.reason) == (
            3,
            {"other": "Business Arena."},
            None,
            "",
        )
        assert (version.statuses, version.submitted_by, version.approved_at) == ({}, "U0B", None)
        assert version.submitted_at == NOW
    finally:
        db.dispose()


def test_sign_off_freezes_the_latest_version_and_refuses_the_rest(seeded: Database) -> None:
    from storage import plans

    later = NOW + timedelta(days=1)
    with seeded.write() as session:
        goals = plans.Goals("met", "Klart.", {"1": "done"})
        plans.submit_statement(
            session, group_key="bostad", year=2026, parts={"other": "v1"}, actor="U0B", now=NOW, goals=goals
        )
        with pytest.raises(plans.ApprovalError, match="unknown"):
            plans.approve_statement(session, group_key="bostad", year=2026, version=7, actor="U0L", now=NOW)
        plans.approve_statement(session, group_key="bostad", year=2026, version=1, actor="U0L", now=NOW)
        with pytest.raises(plans.ApprovalError, match="approved"):
            plans.approve_statement(session, group_key="bostad", year=2026, version=1, actor="U0L", now=NOW)
        plans.submit_statement(session, group_key="bostad", year=2026, parts={"other": "v2"}, actor="U0B", now=later)
        plans.submit_statement(session, group_key="bostad", year=2026, parts={"other": "v3"}, actor="U0B", now=later)
        with pytest.raises(plans.ApprovalError, match="superseded"):
            plans.approve_statement(session, group_key="bostad", year=2026, version=2, actor="U0L", now=later)
        with pytest.raises(ValueError, match="unknown assessment"):
            plans.submit_statement(
                session,
                group_key="bostad",
                year=2026,
                parts={"other": "x"},
                actor="U0B",
                now=later,
                goals=plans.Goals("great"),
            )
    with seeded.read() as session:
        versions = plans.list_statement_versions(session, group_key="bostad", year=2026)
        shown = plans.reported_statements(session, year=2026)["bostad"]
        statement = plans.get_statement(session, group_key="bostad", year=2026)
        events = audit.list_audit_events(session, subject="statement:bostad:2026")
    assert [(v.version, v.parts["other"], v.approved_by) for v in versions] == [
        (1, "v1", "U0L"),
        (2, "v2", None),
        (3, "v3", None),
    ]
    assert (versions[0].approved_at, versions[0].assessment, versions[0].statuses) == (NOW, "met", {"1": "done"})
    assert shown.version == 1  # the report shows the approved version, not the later drafts
    assert statement is not None and (statement.version, statement.approved_at, statement.assessment) == (3, None, None)
    assert [e.action for e in events] == [
        "statement.submit",
        "statement.approve",
        "statement.submit",
        "statement.submit",
    ]


def test_last_years_answer_is_its_approved_version_else_its_latest_draft(seeded: Database) -> None:
    from storage import plans

    with seeded.write() as session:
        for year, text in ((2024, "a"), (2025, "b"), (2025, "c")):
            plans.submit_statement(
                session,
                group_key="bostad",
                year=year,
                parts={"other": text},
                actor="U0B",
                now=NOW,
                goals=plans.Goals("partly", text),
            )
        assert plans.previous_answer(session, group_key="bostad", year=2024) is None
        answer = plans.previous_answer(session, group_key="bostad", year=2026)
        assert answer is not None and (answer.year, answer.reason) == (2025, "c")
        plans.approve_statement(session, group_key="bostad", year=2025, version=2, actor="U0L", now=NOW)
        plans.submit_statement(session, group_key="bostad", year=2025, parts={"other": "d"}, actor="U0B", now=NOW)
        answer = plans.previous_answer(session, group_key="bostad", year=2026)
        assert answer is not None and (answer.version, answer.reason) == (2, "c")


def test_group_leads_are_added_once_removed_and_audited(seeded: Database) -> None:
    from storage import plans

    with seeded.write() as session:
        assert plans.add_lead(session, group_key="bostad", user_id="U0L", actor="U0C", now=NOW)
        assert not plans.add_lead(session, group_key="bostad", user_id="U0L", actor="U0C", now=NOW)
        assert plans.add_lead(session, group_key="op", user_id="U0L", actor="U0C", now=NOW)
    with seeded.write() as session:
        assert plans.is_lead(session, group_key="bostad", user_id="U0L")
        assert [(lead.group_key, lead.user_id) for lead in plans.list_leads(session)] == [
            ("bostad", "U0L"),
            ("op", "U0L"),
        ]
        assert plans.remove_lead(session, group_key="bostad", user_id="U0L", actor="U0C", now=NOW)
        assert not plans.remove_lead(session, group_key="bostad", user_id="U0L", actor="U0C", now=NOW)
        assert not plans.is_lead(session, group_key="bostad", user_id="U0L")
        events = audit.list_audit_events(session, subject="lead:bostad")
    assert [(e.action, e.details) for e in events] == [("lead.add", {"user": "U0L"}), ("lead.remove", {"user": "U0L"})]
