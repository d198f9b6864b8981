"""Fixtures: databases (SQLite always, PostgreSQL when MLR_TEST_DATABASE_URL is set), the fake
Slack Web API on loopback, and the real bot process."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import psycopg
import pytest
from sqlalchemy.engine import make_url

from bot.config import load_settings
from bot.loopback_slack import LoopbackSlack
from handlers.context import Services
from storage.db import Database
from storage.groups import add_coordinator, link_channel, seed_groups_if_empty
from storage.groups_file import DEFAULT_GROUPS_FILE, read_groups_file
from tests.harness import SPEC, BotProcess, payload_check

BACKENDS = ["sqlite", *(["postgresql"] if os.environ.get("MLR_TEST_DATABASE_URL") else [])]


def new_database_url(backend: str, directory: Path) -> tuple[str, str | None]:
    """A database of its own for one test or module: a new SQLite file, or a new PostgreSQL schema."""
    if backend == "sqlite":
        return f"sqlite:///{directory / 'mlr-test.db'}", None
    base = os.environ["MLR_TEST_DATABASE_URL"]
    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(_libpq(base), autocommit=True) as connection:
        connection.execute(f'CREATE SCHEMA "{schema}"')
    url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    return url.render_as_string(hide_password=False), schema


def drop_schema(schema: str) -> None:
    with psycopg.connect(_libpq(os.environ["MLR_TEST_DATABASE_URL"]), autocommit=True) as connection:
        connection.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


def _libpq(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    url, schema = new_database_url(request.param, tmp_path)
    yield url
    if schema:
        drop_schema(schema)


@pytest.fixture
def db(database_url: str) -> Iterator[Database]:
    database = Database(database_url)
    database.upgrade()
    yield database
    database.dispose()


def seeded_services(db: Database, slack: LoopbackSlack, *, now: datetime, coordinator: str) -> Services:
    """A listener's services on the plan's groups at `now`, with a coordinator and kompetens linked to C0KOMP."""
    settings = load_settings({"SLACK_BOT_TOKEN": "xoxb-test", "SLACK_API_URL": slack.api_url})
    with db.write() as session:
        seed_groups_if_empty(session, specs=read_groups_file(DEFAULT_GROUPS_FILE), now=now)
        add_coordinator(session, user_id=coordinator, actor="test", now=now)
        link_channel(session, channel_id="C0KOMP", group_key="kompetens", actor=coordinator, now=now)
    return Services(settings=settings, db=db, clock=lambda: now)


@pytest.fixture(scope="module")
def fake_slack() -> Iterator[LoopbackSlack]:
    assert SPEC.exists(), f"Slack's Web API spec is expected at {SPEC} (set MLR_SLACK_SPEC)"
    # every call the bot makes is checked against Slack's Block Kit rules too (tests/slack_rules.py)
    slack = LoopbackSlack(spec_path=SPEC, payload_check=payload_check).start()
    yield slack
    slack.stop()


@pytest.fixture(autouse=True)
def _calls_follow_the_spec(request: pytest.FixtureRequest) -> Iterator[None]:
    """Every test that used the fake Slack ends with no call that breaks Slack's spec or its Block Kit
    rules (tests/slack_rules.py)."""
    yield
    if "fake_slack" in request.fixturenames:
        slack: LoopbackSlack = request.getfixturevalue("fake_slack")
        violations = list(slack.violations)
        slack.clear()
        assert violations == [], violations


@pytest.fixture(scope="module", params=BACKENDS)
def bot(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, fake_slack: LoopbackSlack
) -> Iterator[BotProcess]:
    """One real bot process per test module and backend, on a fresh database."""
    workdir = tmp_path_factory.mktemp("bot")
    url, schema = new_database_url(request.param, workdir)
    process = BotProcess(workdir=workdir, database_url=url, slack_api_url=fake_slack.api_url).start()
    yield process
    process.stop()
    if schema:
        drop_schema(schema)


@pytest.fixture
def bot_db(bot: BotProcess) -> Iterator[Database]:
    """The module's bot process's database, to read what it stored."""
    database = Database(bot.database_url)
    yield database
    database.dispose()
