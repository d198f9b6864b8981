"""Entries as CSV or JSON, for archiving and public-records requests. Every field as stored."""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from typing import Any, TextIO

from storage.models import Entry

FIELDS = (
    "id",
    "group",
    "kind",
    "text",
    "user_id",
    "channel_id",
    "created_at",
    "occurred_on",
    "plan_year",
    "activity_number",
    "municipalities",
    "version",
    "deleted",
    "deleted_at",
)
FORMATS = ("csv", "json")


def entry_record(entry: Entry) -> dict[str, Any]:
    return {
        "id": entry.id,
        "group": entry.group_key,
        "kind": entry.kind,
        "text": entry.text,
        "user_id": entry.user_id,
        "channel_id": entry.channel_id,
        "created_at": entry.created_at.isoformat(),
        "occurred_on": entry.occurred_on.isoformat(),
        "plan_year": entry.plan_year,
        "activity_number": entry.activity_number,
        "municipalities": list(entry.municipalities),
        "version": entry.version,
        "deleted": entry.deleted_at is not None,
        "deleted_at": entry.deleted_at.isoformat() if entry.deleted_at else None,
    }


def write_export(entries: Sequence[Entry], *, fmt: str, out: TextIO) -> None:
    records = [entry_record(entry) for entry in entries]
    if fmt == "json":
        json.dump(records, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    writer = csv.DictWriter(out, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows({**r, "municipalities": ", ".join(r["municipalities"])} for r in records)
