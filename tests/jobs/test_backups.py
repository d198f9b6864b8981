"""Backups on a schedule, with time as a parameter: one backup per slot however many bots run on the
database, the newest MLR_BACKUP_KEEP kept, a failure told to the coordinator once and never raised;
`mlr-bot jobs` lists the job and `mlr-bot check` says what a schedule lacks."""

from __future__ import annotations

import json
import threading
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from slack_sdk import WebClient

from bot.config import load_settings
from bot.jobs.backups import BackupRun, make_scheduled_backup
from bot.loopback_slack import LoopbackSlack
from handlers.context import Services
from storage import ledger
from storage.db import Database
from storage.models import PostStatus
from tests.e2e.test_cli import mlr_bot
from tests.records import fill_records

STOCKHOLM = ZoneInfo("Europe/Stockholm")
COORDINATION = "C0KOORD"
NIGHTLY = "30 2 * * *"
SLOT = datetime(2026, 12, 3, 2, 30, 20, tzinfo=STOCKHOLM)  # twenty seconds into the 02:30 run


def bot_services(database_url: str, fake_slack: LoopbackSlack, folder: Path, keep: str = "") -> Services:
    """What one bot process has: its settings and its own connections to the shared database."""
    settings = load_settings(
        {
            "DATABASE_URL": database_url,
            "SLACK_BOT_TOKEN": "xoxb-test",
            "SLACK_API_URL": fake_slack.api_url,
            "MLR_BACKUP_CRON": NIGHTLY,
            "MLR_BACKUP_DIR": str(folder),
            "MLR_BACKUP_KEEP": keep,
        }
    )
    return Services(settings=replace(settings, coordinator_channel=COORDINATION), db=Database(database_url))


def both_at_once(bots: list[Services], client: WebClient, now: datetime) -> list[BackupRun | None]:
    """Each bot's scheduler fires the job at the same moment, in its own thread."""
    start = threading.Barrier(len(bots))
    runs: list[BackupRun | None] = [None] * len(bots)

    def fire(index: int) -> None:
        start.wait()
        runs[index] = make_scheduled_backup(bots[index], client, now=now, worker=f"bot-{index}")

    threads = [threading.Thread(target=fire, args=(index,)) for index in range(len(bots))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return runs


def backups_in(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.glob("mlr-*") if not path.name.endswith(".json"))


@pytest.fixture
def client(fake_slack: LoopbackSlack) -> WebClient:
    return WebClient(token="xoxb-test", base_url=fake_slack.api_url)


def test_two_bots_on_one_database_make_one_backup_per_slot(
    db: Database, fake_slack: LoopbackSlack, client: WebClient, tmp_path: Path
) -> None:
    fill_records(db, entries=200)
    folder = tmp_path / "backups"
    bots = [bot_services(db.url, fake_slack, folder, keep="2") for _ in range(2)]

    first = both_at_once(bots, client, SLOT)
    later_that_night = both_at_once(bots, client, SLOT + timedelta(minutes=40))
    nights = [both_at_once(bots, client, SLOT + timedelta(days=day)) for day in (1, 2)]

    made = [run for run in first if run is not None and run.made is not None]
    assert len(made) == 1, first
    assert later_that_night == [None, None]
    assert all(len([run for run in night if run and run.made]) == 1 for night in nights), nights
    # Three nights, one backup each, the newest two kept (MLR_BACKUP_KEEP=2), each with its manifest.
    assert backups_in(folder) == ["mlr-20261204T013020Z.sqlite", "mlr-20261205T013020Z.sqlite"] or (
        "postgresql" in db.url and backups_in(folder) == ["mlr-20261204T013020Z.pgdump", "mlr-20261205T013020Z.pgdump"]
    )
    for name in backups_in(folder):
        assert json.loads((folder / f"{name}.json").read_text())["counts"]["entries"] == 200
    with db.read() as session:
        slots = [(p.period, p.status) for p in ledger.list_posts(session) if p.kind == "backup"]
    assert slots == [
        ("2026-12-03T02:30", PostStatus.POSTED),
        ("2026-12-04T02:30", PostStatus.POSTED),
        ("2026-12-05T02:30", PostStatus.POSTED),
    ]
    for bot in bots:
        bot.db.dispose()


def test_a_failing_backup_tells_the_coordinator_once_and_is_tried_again(
    db: Database, fake_slack: LoopbackSlack, client: WebClient, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    plain_file = tmp_path / "inte-en-mapp"
    plain_file.write_text("en vanlig fil")
    bots = [bot_services(db.url, fake_slack, plain_file / "backups") for _ in range(2)]
    fake_slack.clear()

    first = both_at_once(bots, client, SLOT)
    retries = [both_at_once(bots, client, SLOT + timedelta(minutes=minutes)) for minutes in (3, 10, 30)]

    failed = [run for run in first if run is not None]
    assert len(failed) == 1 and "inte-en-mapp" in failed[0].error, first
    assert any(run is not None and run.error for night in retries for run in night), retries  # tried again
    notices = fake_slack.calls_to("chat.postMessage")
    assert len(notices) == 1, [call.args for call in notices]
    assert notices[0].args["channel"] == COORDINATION
    assert "säkerhetskopian 2026-12-03T02:30 misslyckades" in notices[0].args["text"]
    assert "inte-en-mapp" in notices[0].args["text"]
    assert "the scheduled backup 2026-12-03T02:30 failed" in caplog.text
    for bot in bots:
        bot.db.dispose()


def test_jobs_lists_the_scheduled_backup_and_check_says_what_it_lacks(database_url: str, tmp_path: Path) -> None:
    (tmp_path / "fil").write_text("en vanlig fil")
    nowhere = {"SLACK_API_URL": "http://127.0.0.1:9/"}  # check's Slack line fails at once, as it may here
    schedule = nowhere | {
        "MLR_BACKUP_CRON": NIGHTLY,
        "MLR_BACKUP_DIR": str(tmp_path / "backups"),
        "MLR_BACKUP_KEEP": "14",
    }

    listed = mlr_bot(["jobs"], database_url=database_url, cwd=tmp_path, env=schedule)
    unlisted = mlr_bot(["jobs"], database_url=database_url, cwd=tmp_path)
    no_folder = mlr_bot(["check"], database_url=database_url, cwd=tmp_path, env=nowhere | {"MLR_BACKUP_CRON": NIGHTLY})
    below_a_file = mlr_bot(
        ["check"], database_url=database_url, cwd=tmp_path, env=schedule | {"MLR_BACKUP_DIR": str(tmp_path / "fil/b")}
    )
    no_pg_dump = mlr_bot(["check"], database_url=database_url, cwd=tmp_path, env=schedule | {"PATH": "/nonexistent"})
    bad_keep = mlr_bot(["jobs"], database_url=database_url, cwd=tmp_path, env=schedule | {"MLR_BACKUP_KEEP": "0"})

    assert listed.returncode == 0, listed.stderr
    assert "backups" in listed.stdout and f"cron '{NIGHTLY}', de 14 nyaste behålls" in listed.stdout
    assert "backups" not in unlisted.stdout
    assert "FEL   säkerhetskopior: MLR_BACKUP_CRON är satt men inte MLR_BACKUP_DIR" in no_folder.stdout
    assert "fil/b går inte att skriva i" in below_a_file.stdout
    if "postgresql" in database_url:
        assert "FEL   säkerhetskopior: pg_dump finns inte i PATH" in no_pg_dump.stdout
    else:
        assert "ok    säkerhetskopior:" in no_pg_dump.stdout
    assert bad_keep.returncode == 2 and "MLR_BACKUP_KEEP" in bad_keep.stderr


def test_a_claim_renewed_while_a_long_backup_runs_is_not_taken_over(db: Database) -> None:
    def claim(worker: str, now: datetime) -> bool:
        with db.write() as session:
            return (
                ledger.claim_post(session, kind="backup", period="s", channel_id="-", worker=worker, now=now)
                is not None
            )

    assert claim("bot-0", SLOT)
    with db.write() as session:
        assert ledger.renew_claim(session, post_id=1, worker="bot-0", now=SLOT + timedelta(minutes=8))
        assert not ledger.renew_claim(session, post_id=1, worker="bot-1", now=SLOT + timedelta(minutes=8))
    assert not claim("bot-1", SLOT + timedelta(minutes=11))  # ten minutes after the claim, but not after its renewal
    assert claim("bot-1", SLOT + timedelta(minutes=19))  # a backup that died: its claim runs out after all
