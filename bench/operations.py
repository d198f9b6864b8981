"""What backup, restore, verify and copy cost at scale, and what a running backup does to `/mlr result`.

    .venv/bin/python bench/operations.py --entries 100000 [--postgresql URL] [--workdir DIR]

Builds a lived-in SQLite database of N entries (tests/records.py: every 10th entry edited, every
50th twice more, every 25th deleted, each version with its audit events; statements, approvals,
plans, the run ledger), then times the real commands as an operator runs them: `mlr-bot db backup`,
`db verify`, `db restore` into a new file, and with --postgresql (a database URL; a schema of its own
is made in it) `db copy --to` PostgreSQL and PostgreSQL's backup, verify and restore. Then it starts
the real bot (`mlr-bot run --http`, fake Slack on loopback) on each database and sends `/mlr result`
one after another, first with nothing else running, then while `db backup` runs over and over, and
prints p50, p99 and max of each. It measures and prints; it asserts nothing."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import psycopg
from sqlalchemy.engine import make_url

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/records.py builds the data

from ack_latency import bot_settings, free_port, run_level, start, summary

from bot.loopback_slack import LoopbackSlack
from storage.db import Database
from tests.records import fill_records

REQUESTS = 200


def mlr_bot(*args: str, url: str) -> float:
    """Run one command; its wall time in seconds (it must succeed)."""
    env = {**os.environ, "DATABASE_URL": url}
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "bot", *args], env=env, capture_output=True, text=True)
    took = time.perf_counter() - started
    if result.returncode != 0:
        raise RuntimeError(f"mlr-bot {' '.join(args)}: {result.stderr}")
    return took


def latency(url: str, workdir: Path, slack: LoopbackSlack, backups: Path) -> tuple[str, str]:
    """/mlr result, one sender, idle and while backups run back to back."""
    port = free_port()
    env = {**os.environ, **bot_settings(slack_api_url=slack.api_url, database_url=url), "PORT": str(port)}
    bot = start([sys.executable, "-m", "bot", "run", "--http", "--host", "127.0.0.1"], env, port, workdir / "bot.log")
    try:
        run_level(port, senders=1, requests=1, text="koppla bostad")
        run_level(port, senders=1, requests=20, text="resultat uppvärmning")
        idle = run_level(port, senders=1, requests=REQUESTS, text="resultat Möte om bostäder i Höör")
        stop = threading.Event()
        count = [0]

        def keep_backing_up() -> None:
            while not stop.is_set():
                mlr_bot("db", "backup", "--out", str(backups), url=url)
                count[0] += 1

        backing_up = threading.Thread(target=keep_backing_up)
        backing_up.start()
        time.sleep(0.5)  # the first backup has begun
        during = run_level(port, senders=1, requests=REQUESTS, text="resultat Möte under säkerhetskopian")
        stop.set()
        backing_up.join()
    finally:
        bot.terminate()
        bot.wait(10)
    return summary(idle), f"{summary(during)} ({count[0]} backups)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--postgresql", help="a PostgreSQL URL, e.g. postgresql+psycopg://postgres@127.0.0.1/test")
    parser.add_argument("--workdir", type=Path)
    args = parser.parse_args()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="mlr-ops-"))
    workdir.mkdir(parents=True, exist_ok=True)
    sqlite_url = f"sqlite:///{workdir / 'mlr.db'}"
    print(f"{args.entries} entries, work in {workdir}")

    started = time.perf_counter()
    db = Database(sqlite_url)
    db.upgrade()
    fill_records(db, entries=args.entries)
    db.dispose()
    size = os.path.getsize(workdir / "mlr.db") / 1e6
    print(f"build (not an operation): {time.perf_counter() - started:.1f} s, {size:.0f} MB")

    for folder in ("sqlite-backups", "pg-backups", "SQLite-latency-backups", "PostgreSQL-latency-backups"):
        (workdir / folder).mkdir(exist_ok=True)
    rows = [("SQLite", "db backup", mlr_bot("db", "backup", "--out", str(workdir / "sqlite-backups"), url=sqlite_url))]
    [snapshot] = [p for p in (workdir / "sqlite-backups").iterdir() if p.suffix == ".sqlite"]
    rows.append(("SQLite", "db verify", mlr_bot("db", "verify", url=sqlite_url)))
    rows.append(
        (
            "SQLite",
            "db restore (+ verify)",
            mlr_bot("db", "restore", str(snapshot), url=f"sqlite:///{workdir / 'restored.db'}"),
        )
    )
    pg_url: str | None = None
    if args.postgresql:
        schema = f"bench_{uuid.uuid4().hex[:8]}"
        admin = make_url(args.postgresql).set(drivername="postgresql").render_as_string(hide_password=False)
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'CREATE SCHEMA "{schema}"')
        in_schema = make_url(args.postgresql).update_query_dict({"options": f"-csearch_path={schema}"})
        pg_url = in_schema.render_as_string(hide_password=False)
        rows.append(("SQLite → PostgreSQL", "db copy --to", mlr_bot("db", "copy", "--to", pg_url, url=sqlite_url)))
        rows.append(
            ("PostgreSQL", "db backup", mlr_bot("db", "backup", "--out", str(workdir / "pg-backups"), url=pg_url))
        )
        rows.append(("PostgreSQL", "db verify", mlr_bot("db", "verify", url=pg_url)))
        [dump] = [p for p in (workdir / "pg-backups").iterdir() if p.suffix == ".pgdump"]
        restored = f"r_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{restored}"')
        target = make_url(pg_url).set(database=restored).render_as_string(hide_password=False)
        rows.append(("PostgreSQL", "db restore (+ verify)", mlr_bot("db", "restore", str(dump), url=target)))
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE "{restored}" WITH (FORCE)')
    for database, operation, seconds in rows:
        print(f"| {database} | `{operation}` | {seconds:.1f} s |")

    slack = LoopbackSlack().start()
    try:
        print("/mlr result latency, ms: p50 | p99 | max | over 3 s")
        for name, url in (("SQLite", sqlite_url), ("PostgreSQL", pg_url)):
            if url is None:
                continue
            idle, during = latency(url, workdir, slack, workdir / f"{name}-latency-backups")
            print(f"| {name} | idle | {idle} |")
            print(f"| {name} | during db backup | {during} |")
    finally:
        slack.stop()
        if pg_url:
            with psycopg.connect(admin, autocommit=True) as connection:
                connection.execute(f'DROP SCHEMA "{schema}" CASCADE')


if __name__ == "__main__":
    main()
