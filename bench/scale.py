"""How the bot's heavier work grows from 10,000 to 1,000,000 entries.

    .venv/bin/python bench/scale.py [--sizes 10000,100000,1000000] [--database-url URL]

Fills a fresh database step by step (a temporary SQLite file unless --database-url names an empty
one) and at each size starts a fresh worker process, as a bot process would be, that times:
logging one entry (the /mlr result handler), /mlr status for all groups, one group's weekly digest
and this year's annual report (built and rendered as Word), then reports its peak memory. It
measures and prints; it asserts nothing."""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import cast

from slack_sdk import WebClient
from sqlalchemy import insert

from bot.config import load_settings
from bot.jobs.digests import render_group_digest
from core.commands import LogEntry, ShowStatus
from core.dates import Week
from core.report import build_report, render
from handlers.commands import answer
from handlers.context import Services
from handlers.status import status_reply
from storage.db import Database
from storage.groups import add_coordinator, link_channel, list_groups, seed_groups_if_empty
from storage.groups_file import DEFAULT_GROUPS_FILE, read_groups_file
from storage.models import Entry, EntryKind
from storage.report import read_report_rows

COORDINATOR, CHANNEL = "U0BENCH", "C0BENCH"


def fill(db: Database, *, start: int, stop: int, now: datetime) -> None:
    rng = random.Random(start)
    with db.write() as session:
        if seed_groups_if_empty(session, specs=read_groups_file(DEFAULT_GROUPS_FILE), now=now):
            add_coordinator(session, user_id=COORDINATOR, actor="bench", now=now)
            link_channel(session, channel_id=CHANNEL, group_key="bostad", actor="bench", now=now)
        keys = [g.key for g in list_groups(session) if g.active]
    batch: list[dict[str, object]] = []
    for n in range(start, stop):
        created = now - timedelta(minutes=rng.randrange(3 * 365 * 24 * 60))
        batch.append(
            {
                "group_key": rng.choice(keys),
                "kind": rng.choice(("result", "activity")),
                "text": f"Post {n}: möte och resultat om samverkan i regionen",
                "user_id": f"U{rng.randrange(300):05d}",
                "channel_id": CHANNEL,
                "created_at": created,
                "occurred_on": created.date(),
                "plan_year": created.year,
                "activity_number": rng.choice((None, 1, 2, 3)),
                "municipalities": [],
                "version": 1,
            }
        )
        if len(batch) == 10_000 or n == stop - 1:
            with db.write() as session:
                session.execute(insert(Entry), batch)
            batch = []
    if db.engine.dialect.name == "postgresql":  # what autovacuum does soon after a bulk load
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.exec_driver_sql("VACUUM ANALYZE entries")


def timed(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def worker(url: str) -> None:
    db = Database(url)
    services = Services(settings=load_settings({"DATABASE_URL": url}), db=db)
    today = services.today()
    week = Week.containing(today)
    n = iter(range(10**9))
    result = {
        "log one entry": timed(
            lambda: answer(
                services,
                LogEntry(EntryKind.RESULT, "resultat", f"Bänk {next(n)}"),
                user_id=COORDINATOR,
                channel_id=CHANNEL,
                # Logging an entry never calls Slack, so no client is needed; `answer` only hands
                # the client on to the follow-up and report commands.
                client=cast(WebClient, None),
            ),
            20,
        ),
        "status, all groups": timed(
            lambda: status_reply(services, ShowStatus(), user_id=COORDINATOR, channel_id=CHANNEL), 10
        ),
        "one group's weekly digest": timed(
            lambda: render_group_digest(services, group_key="bostad", week=week, author=str, include_empty=True), 10
        ),
        "annual report (build + Word)": timed(
            lambda: render(
                build_report(
                    read_report_rows(db, year=today.year),
                    lang="sv",
                    today=today,
                    organisation=services.settings.organisation,
                    plan_period=services.settings.plan_period,
                ),
                "docx",
            ),
            3,
        ),
    }
    result["peak memory MB"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--database-url")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    url = args.database_url or f"sqlite:///{Path(tempfile.mkdtemp()) / 'scale.db'}"
    if args.worker:
        worker(url)
        return
    db = Database(url)
    db.upgrade()
    now = datetime.now(UTC)
    filled, rows = 0, []
    for size in (int(s) for s in args.sizes.split(",")):
        fill(db, start=filled, stop=size, now=now)
        filled = size
        out = subprocess.run(
            [sys.executable, __file__, "--worker", "--database-url", url], capture_output=True, text=True, check=True
        )
        rows.append((size, json.loads(out.stdout.strip().splitlines()[-1])))
        print(f"{size} entries: {rows[-1][1]}", file=sys.stderr)
    names = list(rows[0][1])
    print(f"| measure ({db.engine.dialect.name}) | " + " | ".join(f"{size:,} entries" for size, _ in rows) + " |")
    print("| --- |" + " --- |" * len(rows))
    for name in names:
        unit = "" if name.endswith("MB") else " ms"
        print(f"| {name} | " + " | ".join(f"{values[name]:.1f}{unit}" for _, values in rows) + " |")
    db.dispose()


if __name__ == "__main__":
    main()
