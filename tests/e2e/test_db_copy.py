"""mlr-bot db copy: a lived-in SQLite database of 10,000 entries moved to PostgreSQL (and to another
SQLite file) with every row, the ids and the schema revision; the bot started on the copy answers as
before and the next entry gets the next id. A target with entries is refused; a copy killed half-way
leaves the target as it was."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, inspect, select

from bot.loopback_slack import LoopbackSlack
from storage.copy import table_checksums
from storage.db import Database, make_engine
from storage.entries import add_entry
from storage.models import Entry, EntryKind
from storage.verify import current_revision, head_revision
from tests.conftest import BACKENDS, drop_schema, new_database_url
from tests.e2e.test_cli import mlr_bot
from tests.e2e.test_commands import answer_text
from tests.harness import BotProcess
from tests.records import CHANNEL, START, fill_records

ENTRIES = 10_000


@pytest.fixture(scope="module")
def source_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The lived-in SQLite database, built once; each test copies the file and works on its copy."""
    path = tmp_path_factory.mktemp("source") / "mlr.db"
    db = Database(f"sqlite:///{path}")
    db.upgrade()
    fill_records(db, entries=ENTRIES)
    db.dispose()
    return path


@pytest.fixture
def source_url(source_file: Path, tmp_path: Path) -> str:
    copy = tmp_path / "mlr.db"
    shutil.copy(source_file, copy)
    return f"sqlite:///{copy}"


@pytest.fixture(params=BACKENDS)
def target(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database: a PostgreSQL schema, or (without PostgreSQL) another SQLite file."""
    folder = tmp_path / "target"
    folder.mkdir()
    url, schema = new_database_url(request.param, folder)
    yield url
    if schema:
        drop_schema(schema)


def checksums(url: str) -> dict[str, object]:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return dict(table_checksums(connection))
    finally:
        engine.dispose()


def table_names(url: str) -> list[str]:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return inspect(connection).get_table_names()
    finally:
        engine.dispose()


def status_and_next_id(url: str, workdir: Path, slack: LoopbackSlack) -> tuple[str, int]:
    bot = BotProcess(workdir=workdir, database_url=url, slack_api_url=slack.api_url).start()
    try:
        status = answer_text(bot.command("status").json())
        saved = answer_text(bot.command("resultat Flytten till PostgreSQL klar", channel_id=CHANNEL).json())
    finally:
        bot.stop()
    found = re.search(r"\*#(\d+)\*", saved)
    assert found, saved
    return status, int(found.group(1))


def test_a_copy_holds_every_row_and_the_bot_on_it_answers_as_before(
    source_url: str, target: str, tmp_path: Path, fake_slack: LoopbackSlack
) -> None:
    result = mlr_bot(["db", "copy", "--to", target], database_url=source_url, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "antal och kontrollsummor lika på båda sidor (schema 0009)" in result.stdout
    assert f"entries: {ENTRIES}/{ENTRIES}" in result.stderr  # the progress, one line a table off a terminal

    sums = checksums(source_url)
    assert checksums(target) == sums
    assert sums["entries"].rows == ENTRIES  # type: ignore[attr-defined]
    engine = make_engine(target)
    with engine.connect() as connection:
        assert current_revision(connection) == head_revision()
    engine.dispose()
    verified = mlr_bot(["db", "verify"], database_url=target, cwd=tmp_path)
    assert verified.returncode == 0, verified.stdout

    before, source_next = status_and_next_id(source_url, tmp_path, fake_slack)
    after, target_next = status_and_next_id(target, tmp_path, fake_slack)
    assert after == before and "(`bostad`)" in after
    assert target_next == source_next == ENTRIES + 1

    back = f"sqlite:///{tmp_path / 'back.db'}"  # and back again, from what the bot has added since
    returned = mlr_bot(["db", "copy", "--to", back], database_url=target, cwd=tmp_path)
    assert returned.returncode == 0, returned.stderr
    assert checksums(back) == checksums(target)


def test_a_copy_into_a_database_with_entries_is_refused_and_changes_nothing(
    source_url: str, target: str, tmp_path: Path
) -> None:
    db = Database(target)
    db.upgrade()
    fill_records(db, entries=3)
    with db.write() as session:
        add_entry(
            session,
            group_key="bostad",
            kind=EntryKind.RESULT,
            text="Redan här",
            user_id="U0ANNA",
            channel_id=None,
            occurred_on=START.date(),
            now=START,
        )
    db.dispose()
    before = checksums(target)

    result = mlr_bot(["db", "copy", "--to", target], database_url=source_url, cwd=tmp_path)

    assert result.returncode == 2
    assert "har redan 4 poster, 8 resultatredovisningar" in result.stderr and "inget ändrades" in result.stderr
    assert checksums(target) == before


def test_a_copy_into_a_database_a_first_start_seeded_replaces_the_seeding(
    source_url: str, target: str, tmp_path: Path
) -> None:
    first_start = {"MLR_COORDINATORS": "U0FRAN"}  # what every start does first: upgrade, groups, coordinators
    seeded = mlr_bot(["export", "--format", "csv"], database_url=target, cwd=tmp_path, env=first_start)
    assert seeded.returncode == 0 and table_names(target), seeded.stderr
    result = mlr_bot(["db", "copy", "--to", target], database_url=source_url, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert checksums(target) == checksums(source_url)


def test_a_copy_killed_half_way_leaves_the_target_empty(source_url: str, target: str, tmp_path: Path) -> None:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "MLR_", "DATABASE_URL"))}
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "db", "copy", "--to", target],
        cwd=tmp_path,
        env={**clean, "DATABASE_URL": source_url},
        stderr=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stderr is not None
    first_table = process.stderr.readline()  # the first table is in; the entries are still to come
    process.send_signal(signal.SIGKILL)
    process.wait(30)

    assert first_table.startswith("audit_events: "), first_table
    assert process.returncode == -signal.SIGKILL
    assert table_names(target) == []


def test_a_copy_onto_itself_or_to_no_database_is_refused(source_url: str, tmp_path: Path) -> None:
    itself = mlr_bot(["db", "copy", "--to", source_url], database_url=source_url, cwd=tmp_path)
    nowhere = mlr_bot(["db", "copy", "--to", "ftp://x"], database_url=source_url, cwd=tmp_path)
    unreachable = mlr_bot(
        ["db", "copy", "--to", "postgresql+psycopg://postgres@127.0.0.1:1/ingen"], database_url=source_url, cwd=tmp_path
    )
    assert [r.returncode for r in (itself, nowhere, unreachable)] == [2, 2, 2]
    assert "samma databas" in itself.stderr and "--to: 'ftp://x'" in nowhere.stderr
    assert "går inte att nå" in unreachable.stderr
    engine = make_engine(source_url)
    with engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(Entry)).scalar_one() == ENTRIES
    engine.dispose()
