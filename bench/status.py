"""How fast `/mlr status` answers for all groups with many entries in the database.

    .venv/bin/python bench/status.py --entries 100000 [--database-url URL] [--runs 30]

Fills a fresh database (a temporary SQLite file unless --database-url names an empty one) with
entries spread over the plan's groups and three years, then times the same code the slash
command runs: the grouped status queries and the rendering of the answer. It measures and
prints; it asserts nothing."""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import cast

from scale import COORDINATOR, fill  # bench/ is the script's folder, so its modules import by name
from slack_sdk import WebClient

from bot.config import load_settings
from core.commands import ShowStatus
from handlers.context import Services
from handlers.status import status_reply
from storage.db import Database


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--database-url", help="an empty database to fill (default: a temporary SQLite file)")
    args = parser.parse_args()

    url = args.database_url or f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.db'}"
    db = Database(url)
    db.upgrade()
    now = datetime.now(UTC)
    started = time.perf_counter()
    fill(db, start=0, stop=args.entries, now=now)
    print(f"filled {args.entries} entries into {db.engine.dialect.name} in {time.perf_counter() - started:.1f} s")

    services = Services(settings=load_settings({"DATABASE_URL": url}), db=db)
    timings = []
    for _ in range(args.runs):
        started = time.perf_counter()
        # A coordinator's status never calls Slack (access.readable_group_keys), so no client is needed.
        reply = status_reply(
            services, ShowStatus(), user_id=COORDINATOR, channel_id="C0ANY", client=cast(WebClient, None)
        )
        timings.append((time.perf_counter() - started) * 1000)
    assert reply.blocks  # the answer was built, not an error
    timings.sort()
    print(
        f"/mlr status, all groups, {args.runs} runs: median {statistics.median(timings):.1f} ms, "
        f"p95 {timings[int(0.95 * (len(timings) - 1))]:.1f} ms, max {timings[-1]:.1f} ms"
    )
    db.dispose()


if __name__ == "__main__":
    main()
