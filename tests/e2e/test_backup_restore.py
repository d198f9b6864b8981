"""mlr-bot db backup, restore and verify as an operator runs them, on SQLite and PostgreSQL: a
backup taken while people log holds what they were told was saved; an altered backup is refused
and nothing is written; verify names what was removed behind the bot's back."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from alembic import command
from sqlalchemy import inspect, text
from sqlalchemy.engine import make_url

from bot.backup import pg_schema
from storage.copy import table_checksums
from storage.db import Database, alembic_config, make_engine
from tests.conftest import _libpq
from tests.e2e.test_cli import mlr_bot
from tests.e2e.test_commands import answer_text, linked_channel
from tests.harness import BotProcess
from tests.records import fill_records


def fresh_target(source_url: str, tmp_path: Path) -> Iterator[str]:
    """A database of the same kind that nothing has touched: a new SQLite file, or a new PostgreSQL
    database whose search_path names the source's schema (a backup restores the schema it holds)."""
    if make_url(source_url).get_backend_name() == "sqlite":
        yield f"sqlite:///{tmp_path / f'restored-{uuid.uuid4().hex[:6]}.db'}"
        return
    name = f"r_{uuid.uuid4().hex[:12]}"
    admin = _libpq(os.environ["MLR_TEST_DATABASE_URL"])
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    url = make_url(source_url).set(database=name)
    with psycopg.connect(_libpq(url.render_as_string(hide_password=False)), autocommit=True) as connection:
        connection.execute(f'CREATE SCHEMA "{pg_schema(source_url)}"')  # as a new database has its public schema
    yield url.render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def target_url(database_url: str, tmp_path: Path) -> Iterator[str]:
    yield from fresh_target(database_url, tmp_path)


def tables_in(url: str) -> list[str]:
    if make_url(url).get_backend_name() == "sqlite" and not Path(str(make_url(url).database)).exists():
        return []
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            schema = connection.execute(text("SELECT current_schema()")).scalar() if "postgresql" in url else None
            return inspect(connection).get_table_names(schema=schema) if schema or "sqlite" in url else []
    finally:
        engine.dispose()


def lived_in(url: str, entries: int = 300) -> Database:
    db = Database(url)
    db.upgrade()
    fill_records(db, entries=entries)
    return db


def backup_of(url: str, folder: Path) -> Path:
    folder.mkdir()
    result = mlr_bot(["db", "backup", "--out", str(folder)], database_url=url, cwd=folder.parent)
    assert result.returncode == 0, result.stderr
    [snapshot] = [path for path in folder.iterdir() if not path.name.endswith(".json")]
    return snapshot


def test_a_backup_taken_while_twenty_people_log_holds_every_confirmed_entry(bot: BotProcess, tmp_path: Path) -> None:
    channel = linked_channel(bot, "bostad")
    confirmed: list[tuple[float, int]] = []  # when the confirmation arrived, and the id it named
    failures: list[str] = []
    stop = threading.Event()

    def sender(number: int) -> None:
        n = 0
        while not stop.is_set():
            n += 1
            answer = bot.command(f"resultat Möte {number}-{n} om bostäder i Höör", channel_id=channel)
            shown = answer_text(answer.json()) if answer.status == 200 else ""
            found = re.search(r"\*#(\d+)\*", shown)
            if found is None:
                failures.append(f"{answer.status} {shown[:200]}")
                continue
            confirmed.append((time.monotonic(), int(found.group(1))))

    senders = [threading.Thread(target=sender, args=(number,)) for number in range(20)]
    for thread in senders:
        thread.start()
    try:
        while len(confirmed) < 60 and not failures:
            time.sleep(0.05)
        (tmp_path / "backups").mkdir()
        started = time.monotonic()
        backup = mlr_bot(
            ["db", "backup", "--out", str(tmp_path / "backups")], database_url=bot.database_url, cwd=tmp_path
        )
        finished = time.monotonic()
        while len([at for at, _ in confirmed if at > finished]) < 20 and not failures:
            time.sleep(0.05)
    finally:
        stop.set()
        for thread in senders:
            thread.join(30)
    assert backup.returncode == 0, backup.stderr
    assert failures == []
    assert any(started < at < finished for at, _ in confirmed)  # the bot kept answering during the backup
    [snapshot] = [path for path in (tmp_path / "backups").iterdir() if path.suffix != ".json"]
    before = {entry_id for at, entry_id in confirmed if at < started}

    for target in fresh_target(bot.database_url, tmp_path):
        restored = mlr_bot(["db", "restore", str(snapshot)], database_url=target, cwd=tmp_path)
        assert restored.returncode == 0, restored.stdout + restored.stderr
        assert restored.stdout.strip().endswith("Databasen är hel."), restored.stdout
        db = Database(target)
        with db.read() as session:
            ids = {int(row[0]) for row in session.execute(text("SELECT id FROM entries"))}
        db.dispose()
        assert before and before <= ids, sorted(before - ids)
        manifest = json.loads(snapshot.with_name(snapshot.name + ".json").read_text())
        assert manifest["counts"]["entries"] == len(ids)  # counted in the snapshot, not in the live database


def test_a_backup_with_one_byte_changed_is_refused_and_nothing_is_written(
    database_url: str, target_url: str, tmp_path: Path
) -> None:
    lived_in(database_url).dispose()
    snapshot = backup_of(database_url, tmp_path / "backups")
    content = bytearray(snapshot.read_bytes())
    content[len(content) // 2] ^= 0x01
    snapshot.write_bytes(bytes(content))

    result = mlr_bot(["db", "restore", str(snapshot)], database_url=target_url, cwd=tmp_path)

    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "kontrollsumma" in result.stderr and "inget skrevs" in result.stderr
    assert tables_in(target_url) == []


def test_a_cut_short_file_and_a_file_that_is_no_backup_are_refused(
    database_url: str, target_url: str, tmp_path: Path
) -> None:
    lived_in(database_url, entries=20).dispose()
    snapshot = backup_of(database_url, tmp_path / "backups")
    snapshot.write_bytes(snapshot.read_bytes()[:1000])
    stranger = tmp_path / "anteckningar.txt"
    stranger.write_text("inte en säkerhetskopia", encoding="utf-8")

    cut = mlr_bot(["db", "restore", str(snapshot)], database_url=target_url, cwd=tmp_path)
    alien = mlr_bot(["db", "restore", str(stranger)], database_url=target_url, cwd=tmp_path, env={"MLR_LANGUAGE": "en"})

    assert (cut.returncode, alien.returncode) == (2, 2)
    assert "kontrollsumma" in cut.stderr
    assert (
        alien.stderr
        == f"mlr-bot: {stranger} is not a backup made by mlr-bot (no readable anteckningar.txt.json beside it)\n"
    )
    assert tables_in(target_url) == []


def test_restore_into_a_database_with_entries_needs_replace(database_url: str, target_url: str, tmp_path: Path) -> None:
    source = lived_in(database_url, entries=50)
    snapshot = backup_of(database_url, tmp_path / "backups")
    target = lived_in(target_url, entries=7)
    with target.engine.connect() as connection:
        before = table_checksums(connection)

    refused = mlr_bot(["db", "restore", str(snapshot)], database_url=target_url, cwd=tmp_path)
    with target.engine.connect() as connection:
        assert table_checksums(connection) == before
    replaced = mlr_bot(["db", "restore", str(snapshot), "--replace"], database_url=target_url, cwd=tmp_path)

    assert refused.returncode == 2 and "har redan 7 poster" in refused.stderr and "--replace" in refused.stderr
    assert replaced.returncode == 0, replaced.stderr
    target.dispose()
    with source.engine.connect() as theirs, make_engine(target_url).connect() as ours:
        assert table_checksums(ours) == table_checksums(theirs)
    source.dispose()


def test_a_backup_of_a_newer_schema_is_refused_and_an_older_one_is_restored_and_upgraded(
    database_url: str, target_url: str, tmp_path: Path
) -> None:
    engine = make_engine(database_url)
    with engine.connect() as connection:
        config = alembic_config(database_url)
        config.attributes["connection"] = connection
        command.upgrade(config, "0008")
    engine.dispose()
    snapshot = backup_of(database_url, tmp_path / "backups")
    manifest_file = snapshot.with_name(snapshot.name + ".json")
    newer = json.loads(manifest_file.read_text())
    assert newer["revision"] == "0008"
    shutil.copy(snapshot, tmp_path / "newer.bin")
    (tmp_path / "newer.bin.json").write_text(json.dumps(newer | {"revision": "0042", "file": "newer.bin"}))

    refused = mlr_bot(["db", "restore", str(tmp_path / "newer.bin")], database_url=target_url, cwd=tmp_path)
    restored = mlr_bot(["db", "restore", str(snapshot)], database_url=target_url, cwd=tmp_path)

    assert refused.returncode == 2 and "0042" in refused.stderr and "nyare" in refused.stderr
    assert restored.returncode == 0, restored.stderr
    assert "schema 0008, uppgraderad till 0009" in restored.stdout
    assert restored.stdout.strip().endswith("Databasen är hel.")


def test_a_backup_of_another_kind_of_database_is_refused(database_url: str, tmp_path: Path) -> None:
    lived_in(database_url, entries=5).dispose()
    snapshot = backup_of(database_url, tmp_path / "backups")
    other = (
        f"sqlite:///{tmp_path / 'other.db'}"
        if "postgresql" in database_url
        else "postgresql+psycopg://postgres@127.0.0.1:1/none"
    )
    result = mlr_bot(["db", "restore", str(snapshot)], database_url=other, cwd=tmp_path)
    assert result.returncode == 2 and "db copy" in result.stderr


def test_bad_input_gets_one_line_and_exit_2(database_url: str, tmp_path: Path) -> None:
    lived_in(database_url, entries=5).dispose()
    (tmp_path / "fil").write_text("en vanlig fil")
    no_pg_dump = {"PATH": str(Path(os.__file__).parent)}  # no PostgreSQL tools there

    below_a_file = mlr_bot(
        ["db", "backup", "--out", str(tmp_path / "fil" / "b")], database_url=database_url, cwd=tmp_path
    )
    no_folder = mlr_bot(["db", "backup"], database_url=database_url, cwd=tmp_path)
    unreachable = mlr_bot(
        ["db", "verify", "--database-url", "postgresql+psycopg://postgres@127.0.0.1:1/ingen"],
        database_url=database_url,
        cwd=tmp_path,
    )
    not_a_url = mlr_bot(["db", "verify", "--database-url", "mysql://x"], database_url=database_url, cwd=tmp_path)

    for result in (below_a_file, no_folder, unreachable, not_a_url):
        assert result.returncode == 2, result.stderr
        assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr, result.stderr
    assert "MLR_BACKUP_DIR" in no_folder.stderr
    assert "går inte att nå" in unreachable.stderr
    assert list(tmp_path.glob("**/*.partial*")) == []
    if "postgresql" in database_url:
        missing = mlr_bot(
            ["db", "backup", "--out", str(tmp_path)], database_url=database_url, cwd=tmp_path, env=no_pg_dump
        )
        assert missing.returncode == 2 and "pg_dump finns inte i PATH" in missing.stderr


def test_verify_names_a_version_and_audit_events_removed_behind_the_bots_back(
    database_url: str, tmp_path: Path
) -> None:
    db = lived_in(database_url, entries=120)
    whole = mlr_bot(["db", "verify"], database_url=database_url, cwd=tmp_path)
    with db.engine.begin() as connection:
        connection.execute(
            text("DELETE FROM statement_versions WHERE group_key = 'bostad' AND year = 2016 AND version = 2")
        )
        connection.execute(text("DELETE FROM audit_events WHERE subject = 'entry:11' AND action = 'entry.update'"))
        connection.execute(text("DELETE FROM audit_events WHERE subject = 'entry:5' AND action = 'entry.add'"))
        connection.execute(text("DELETE FROM audit_events WHERE subject = 'entry:26' AND action = 'entry.delete'"))
        connection.execute(text("DELETE FROM entries WHERE id = 7"))
    db.dispose()

    broken = mlr_bot(["db", "verify"], database_url=database_url, cwd=tmp_path)

    assert whole.returncode == 0 and whole.stdout.strip().endswith("Databasen är hel."), whole.stdout
    assert "entries 120" in whole.stdout and "statement_versions 16" in whole.stdout
    assert broken.returncode == 1, broken.stderr
    lines = broken.stdout.splitlines()
    for expected in (
        "resultaten för bostad 2016: version 2 saknas",
        "post #11 (version 2): ingen händelse i granskningsloggen för version 2",
        "post #5 (version 1): ingen händelse i granskningsloggen för version 1",
        "post #26 är raderad men granskningsloggen saknar raderingen",
        "post #7 finns i granskningsloggen men inte bland posterna",
        "5 fel hittade",
    ):
        assert expected in lines, (expected, lines)


def test_a_disk_without_room_leaves_no_partial_file(database_url: str, tmp_path: Path) -> None:
    lived_in(database_url, entries=300).dispose()
    small = tmp_path / "liten-disk"
    small.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=32k", "tmpfs", str(small)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"a small disk needs mount (root): {mounted.stderr!r}")
    try:
        result = mlr_bot(["db", "backup", "--out", str(small)], database_url=database_url, cwd=tmp_path)
        left = list(small.iterdir())
    finally:
        subprocess.run(["umount", str(small)], check=True)
    assert result.returncode == 2
    assert (
        result.stderr
        == f"mlr-bot: det får inte plats på disken vid {small}; inget skrevs (den halva filen är borttagen)\n"
    )
    assert left == []


def test_a_sqlite_backup_is_one_file_that_reading_leaves_alone(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'mlr.db'}"
    lived_in(url, entries=30).dispose()
    snapshot = backup_of(url, tmp_path / "backups")
    checksum = json.loads(snapshot.with_name(snapshot.name + ".json").read_text())["sha256"]

    for target in fresh_target(url, tmp_path):
        assert mlr_bot(["db", "restore", str(snapshot)], database_url=target, cwd=tmp_path).returncode == 0

    assert sorted(path.name for path in snapshot.parent.iterdir()) == [snapshot.name, f"{snapshot.name}.json"]
    assert hashlib.sha256(snapshot.read_bytes()).hexdigest() == checksum


def test_the_manifest_names_its_source_without_the_password(database_url: str, tmp_path: Path) -> None:
    lived_in(database_url, entries=12).dispose()
    url = database_url
    if "postgresql" in database_url:  # the test server trusts its users, so any password connects
        url = make_url(database_url).set(password="hemligt-lösenord").render_as_string(hide_password=False)
    snapshot = backup_of(url, tmp_path / "backups")
    manifest_text = snapshot.with_name(snapshot.name + ".json").read_text(encoding="utf-8")
    manifest = json.loads(manifest_text)

    assert "hemligt" not in manifest_text
    assert manifest["source"] == make_url(url).render_as_string(hide_password=True)
    assert manifest["counts"]["entries"] == 12 and manifest["revision"] == "0009"
    assert re.fullmatch(r"mlr-\d{8}T\d{6}Z\.(sqlite|pgdump)", snapshot.name)
    assert manifest["sha256"] == hashlib.sha256(snapshot.read_bytes()).hexdigest()
