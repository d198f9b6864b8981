"""Entries, or every version of the groups' statements, as CSV or JSON, for archiving and public-records requests.
Every field as stored."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Sequence
from typing import Any, TextIO

from core.archive.records import STATEMENT_FIELDS  # the statements' columns, the same in the archive package
from storage.models import Entry, StatementVersion

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
    _write(
        records, fmt=fmt, out=out, fields=FIELDS, cell=lambda r: {**r, "municipalities": ", ".join(r["municipalities"])}
    )


def _write(
    records: list[dict[str, Any]],
    *,
    fmt: str,
    out: TextIO,
    fields: Sequence[str],
    cell: Callable[[dict[str, Any]], dict[str, Any]],
) -> None:
    """JSON as the records are, or CSV with one row per record, each made flat by `cell`."""
    if fmt == "json":
        json.dump(records, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(cell(r) for r in records)


def statement_record(version: StatementVersion) -> dict[str, Any]:
    """One version of a statement: its assessment, the activities' statuses ("1": "done"), its text per part and
    its sign-off (approved_by and approved_at are empty for a draft)."""
    return {
        "group": version.group_key,
        "year": version.year,
        "version": version.version,
        "assessment": version.assessment,
        "reason": version.reason,
        "statuses": dict(version.statuses),
        "parts": dict(version.parts),
        "submitted_by": version.submitted_by,
        "submitted_at": version.submitted_at.isoformat(),
        "approved": version.approved_at is not None,
        "approved_by": version.approved_by,
        "approved_at": version.approved_at.isoformat() if version.approved_at else None,
    }


def write_statements_export(versions: Sequence[StatementVersion], *, fmt: str, out: TextIO) -> None:
    records = [statement_record(version) for version in versions]
    # The statuses and parts as JSON in their cells: a part's text may hold any character.
    _write(
        records,
        fmt=fmt,
        out=out,
        fields=STATEMENT_FIELDS,
        cell=lambda r: {
            **r,
            "statuses": json.dumps(r["statuses"], ensure_ascii=False),
            "parts": json.dumps(r["parts"], ensure_ascii=False),
        },
    )
