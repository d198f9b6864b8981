"""A database that looks lived in, built quickly through storage functions and bulk inserts: entries
with edits and deletions (each with its audit events, as the bot writes them), statements with
approvals, plans a person carried into a new year, and the run ledger. For the backup, restore, verify
and copy tests, and for bench/operations.py."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import insert
from sqlmodel import col

from storage import ledger
from storage.db import Database
from storage.entries import entry_record
from storage.groups import add_coordinator, link_channel, list_groups, seed_groups_if_empty
from storage.groups_file import DEFAULT_GROUPS_FILE, read_groups_file
from storage.models import AuditEvent, Entry
from storage.plans import add_lead, approve_statement, carry_plans, submit_statement

COORDINATOR, CHANNEL, LEAD = "U0KOORD", "C0BOSTAD", "U0LEDARE"
BATCH = 5000
START = datetime(2016, 1, 4, 8, 0, tzinfo=UTC)


def fill_records(db: Database, *, entries: int, seed: int = 19) -> None:
    """`entries` entries over 2016–2018; every 10th edited once, every 50th twice more, every 25th deleted."""
    rng = random.Random(seed)
    with db.write() as session:
        seed_groups_if_empty(session, specs=read_groups_file(DEFAULT_GROUPS_FILE), now=START)
        add_coordinator(session, user_id=COORDINATOR, actor="system", now=START)
        link_channel(session, channel_id=CHANNEL, group_key="bostad", actor=COORDINATOR, now=START)
        keys = [group.key for group in list_groups(session) if group.active]
    for first in range(0, entries, BATCH):
        rows = [_entry(n, rng, keys) for n in range(first, min(first + BATCH, entries))]
        with db.write() as session:
            connection = session.connection()
            ids = connection.execute(insert(Entry).returning(col(Entry.id), sort_by_parameter_order=True), rows)
            events = []
            for entry_id, row in zip(ids.scalars(), rows, strict=True):
                events += _history(int(str(entry_id)), row)
            connection.execute(insert(AuditEvent), events)
    with db.write() as session:
        for year in (2016, 2017):
            for key in keys[:4]:
                parts = {"1": f"Resultat {year} för {key}: årsmöte i Höör", "other": "Övrigt"}
                submit_statement(session, group_key=key, year=year, parts=parts, actor=LEAD, now=START)
                submit_statement(
                    session, group_key=key, year=year, parts=parts | {"1": "Ändrat"}, actor=LEAD, now=START
                )
                if key != keys[3]:
                    approve_statement(session, group_key=key, year=year, version=2, actor=COORDINATOR, now=START)
        add_lead(session, group_key=keys[0], user_id=LEAD, actor=COORDINATOR, now=START)
        carry_plans(session, group_keys=keys, to_year=2019, actor=COORDINATOR, now=START)
        for week in ("2016-W10", "2016-W11"):
            claimed = ledger.claim_post(session, kind="digest", period=week, channel_id=CHANNEL, worker="w", now=START)
            assert claimed is not None
            post, _ = claimed
            assert post.id is not None
            ledger.mark_posted(session, post_id=post.id, worker="w", now=START)


def _entry(n: int, rng: random.Random, keys: list[str]) -> dict[str, Any]:
    created = START + timedelta(minutes=rng.randrange(3 * 365 * 24 * 60))
    versions = 1 + (n % 10 == 0) + 2 * (n % 50 == 0)
    return {
        "group_key": rng.choice(keys),
        "kind": rng.choice(("result", "activity")),
        "text": f"Post {n}: möte om samverkan i Malmö, Lund och Höör"
        + (f" (ändrad {versions})" if versions > 1 else ""),
        "user_id": f"U{rng.randrange(300):05d}",
        "channel_id": CHANNEL,
        "created_at": created,
        "occurred_on": created.date(),
        "plan_year": created.year,
        "activity_number": rng.choice((None, 1, 2, 3)),
        "municipalities": rng.choice(([], ["Lund"], ["Malmö", "Höör"])),
        "version": versions,
        "deleted_at": created + timedelta(days=1) if n % 25 == 0 else None,
        "deleted_by": COORDINATOR if n % 25 == 0 else None,
    }


def _history(entry_id: int, row: dict[str, Any]) -> list[dict[str, Any]]:
    """The audit events the bot would have written for this entry's versions and its deletion."""
    entry = Entry(**{key: value for key, value in row.items() if key not in ("version", "deleted_at", "deleted_by")})
    final = entry_record(entry)
    version = int(str(row["version"]))
    created = row["created_at"]
    assert isinstance(created, datetime)
    first = final | {"text": final["text"].split(" (ändrad")[0]}
    events: list[dict[str, Any]] = [
        _event(entry_id, "entry.add", str(row["user_id"]), created, {"after": first if version > 1 else final})
    ]
    before = first
    for number in range(2, version + 1):
        after = final if number == version else before | {"text": f"{first['text']} (utkast {number})"}
        details = {"version": number, "before": before, "after": after}
        events.append(_event(entry_id, "entry.update", COORDINATOR, created + timedelta(hours=number), details))
        before = after
    if row["deleted_at"] is not None:
        deleted_at = row["deleted_at"]
        assert isinstance(deleted_at, datetime)
        events.append(_event(entry_id, "entry.delete", COORDINATOR, deleted_at, {"before": final}))
    return events


def _event(entry_id: int, action: str, actor: str, at: datetime, details: dict[str, Any]) -> dict[str, Any]:
    return {"at": at, "actor": actor, "action": action, "subject": f"entry:{entry_id}", "details": details}
