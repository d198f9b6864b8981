"""A year's records as the archive keeps them: each table as CSV (UTF-8, RFC 4180) and as XML that the shipped
XSD (`records.xsd`) describes. Pure functions of the rows: the same database gives the same bytes."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from importlib.resources import files
from typing import Any

from lxml import etree

from core.years import in_year
from storage.archive import DELETED, ArchiveRows, EntryVersion
from storage.models import Group, Plan, PlannedActivity, StatementVersion

NAMESPACE = "urn:mlr-bot:arkiv:1"
SCHEMA_NAME = "records.xsd"
_NS = f"{{{NAMESPACE}}}"
# A package read back may come from anywhere: no entities expanded, nothing fetched.
SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)

GROUP_FIELDS = ("key", "name", "kind", "municipalities", "active", "closed_on")
PLAN_FIELDS = ("group", "year", "goal", "description", "after_activities", "updated_by", "updated_at")
ACTIVITY_FIELDS = ("group", "year", "number", "text")
ENTRY_FIELDS = (
    "entry_id",
    "version",
    "event",
    "at",
    "by",
    "group",
    "kind",
    "occurred_on",
    "plan_year",
    "activity_number",
    "municipalities",
    "text",
    "author",
    "channel_id",
)
# Also what `mlr-bot export --statements` writes: a statement reads the same in an export and in the archive.
STATEMENT_FIELDS = (
    "group",
    "year",
    "version",
    "assessment",
    "reason",
    "statuses",
    "parts",
    "submitted_by",
    "submitted_at",
    "approved",
    "approved_by",
    "approved_at",
)


@dataclass(frozen=True)
class DataFile:
    name: str  # the file's name in the representation's data folder
    content: bytes
    mime: str
    format_name: str  # what PREMIS and the documentation call its format


def schema() -> bytes:
    """The XSD the XML files follow, as shipped beside this module."""
    return files("core.archive").joinpath(SCHEMA_NAME).read_bytes()


def groups_of(rows: ArchiveRows) -> list[Group]:
    """The groups the year's records concern: those that worked in the year, and any other an entry, plan or
    statement names."""
    named = {v.group_key for v in rows.history} | {p.group_key for p in rows.plans}
    named |= {s.group_key for s in rows.statements}
    return [group for group in rows.groups if in_year(group, rows.year) or group.key in named]


def data_files(rows: ArchiveRows) -> list[DataFile]:
    """Every table of the year as CSV and XML, in the order the documentation lists them."""
    groups = groups_of(rows)
    authors = {entry.id: entry.user_id for entry in rows.entries}
    tables: list[tuple[str, Sequence[str], list[dict[str, Any]], bytes]] = [
        ("groups", GROUP_FIELDS, [_group_row(g) for g in groups], _groups_xml(groups, rows.year)),
        ("plans", PLAN_FIELDS, [_plan_row(p) for p in rows.plans], _plans_xml(rows.plans, rows.activities, rows.year)),
        ("planned_activities", ACTIVITY_FIELDS, [_activity_row(a) for a in rows.activities], b""),
        (
            "entries",
            ENTRY_FIELDS,
            [_entry_row(v, authors[v.entry_id]) for v in rows.history],
            _entries_xml(rows),
        ),
        ("statements", STATEMENT_FIELDS, [_statement_row(s) for s in rows.statements], _statements_xml(rows)),
    ]
    made: list[DataFile] = []
    for name, fields, records, xml in tables:
        made.append(DataFile(f"{name}.csv", to_csv(fields, records), "text/csv", "CSV (RFC 4180), UTF-8"))
        if xml:
            made.append(DataFile(f"{name}.xml", xml, "application/xml", f"XML 1.0, UTF-8 ({SCHEMA_NAME})"))
    return made


def to_csv(fields: Sequence[str], records: Iterable[dict[str, Any]]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(records)
    return out.getvalue().encode("utf-8")


def _time(value: datetime | None) -> str:
    return value.isoformat() if value is not None else ""


def _yes(value: bool) -> str:
    return "true" if value else "false"


def _group_row(group: Group) -> dict[str, Any]:
    return {
        "key": group.key,
        "name": group.name,
        "kind": group.kind,
        "municipalities": ", ".join(group.municipalities),
        "active": _yes(group.active),
        "closed_on": group.closed_on.isoformat() if group.closed_on else "",
    }


def _plan_row(plan: Plan) -> dict[str, Any]:
    return {
        "group": plan.group_key,
        "year": plan.year,
        "goal": plan.goal,
        "description": plan.description,
        "after_activities": plan.after_activities,
        "updated_by": plan.updated_by,
        "updated_at": _time(plan.updated_at),
    }


def _activity_row(activity: PlannedActivity) -> dict[str, Any]:
    return {"group": activity.group_key, "year": activity.year, "number": activity.number, "text": activity.text}


def _entry_row(version: EntryVersion, author: str) -> dict[str, Any]:
    return {
        "entry_id": version.entry_id,
        "version": version.version,
        "event": version.event,
        "at": _time(version.at),
        "by": version.by,
        "group": version.group_key,
        "kind": version.kind,
        "occurred_on": version.occurred_on.isoformat(),
        "plan_year": version.plan_year,
        "activity_number": "" if version.activity_number is None else version.activity_number,
        "municipalities": ", ".join(version.municipalities),
        "text": version.text,
        "author": author,
        "channel_id": version.channel_id or "",
    }


def _statement_row(version: StatementVersion) -> dict[str, Any]:
    return {
        "group": version.group_key,
        "year": version.year,
        "version": version.version,
        "assessment": version.assessment or "",
        "reason": version.reason,
        "statuses": json.dumps(dict(sorted(version.statuses.items(), key=_number_first)), ensure_ascii=False),
        "parts": json.dumps(dict(sorted(version.parts.items(), key=_number_first)), ensure_ascii=False),
        "submitted_by": version.submitted_by,
        "submitted_at": _time(version.submitted_at),
        "approved": _yes(version.approved_at is not None),
        "approved_by": version.approved_by or "",
        "approved_at": _time(version.approved_at),
    }


def _number_first(item: tuple[str, Any]) -> tuple[int, str]:
    """Activity keys "1", "2", … in number order, then "other"."""
    key = item[0]
    return (int(key), "") if key.isdigit() else (1_000_000, key)


# ------------------------------------------------------------------ XML


def _element(parent: etree._Element, tag: str, text: str | None = None, **attributes: str) -> etree._Element:
    child = etree.SubElement(parent, _NS + tag, {k: v for k, v in attributes.items()})
    if text is not None:
        child.text = text
    return child


def _root(tag: str, year: int) -> etree._Element:
    return etree.Element(_NS + tag, {"year": str(year)}, nsmap={None: NAMESPACE})


def _serialise(root: etree._Element) -> bytes:
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))


def _municipalities(parent: etree._Element, names: Iterable[str]) -> None:
    holder = _element(parent, "municipalities")
    for name in names:
        _element(holder, "municipality", name)


def _groups_xml(groups: list[Group], year: int) -> bytes:
    root = _root("groups", year)
    for group in groups:
        node = _element(root, "group", key=group.key)
        _element(node, "name", group.name)
        _element(node, "kind", group.kind)
        _municipalities(node, group.municipalities)
        _element(node, "active", _yes(group.active))
        if group.closed_on is not None:
            _element(node, "closedOn", group.closed_on.isoformat())
    return _serialise(root)


def _plans_xml(plans: list[Plan], activities: list[PlannedActivity], year: int) -> bytes:
    root = _root("plans", year)
    for plan in plans:
        node = _element(root, "plan", group=plan.group_key, year=str(plan.year))
        _element(node, "goal", plan.goal)
        _element(node, "description", plan.description)
        for activity in activities:
            if (activity.group_key, activity.year) == (plan.group_key, plan.year):
                _element(node, "activity", activity.text, number=str(activity.number))
        _element(node, "afterActivities", plan.after_activities)
        _element(node, "updated", by=plan.updated_by, at=_time(plan.updated_at))
    return _serialise(root)


def _entries_xml(rows: ArchiveRows) -> bytes:
    root = _root("entries", rows.year)
    for entry in rows.entries:
        attributes = {"id": str(entry.id), "author": entry.user_id}
        if entry.channel_id:
            attributes["channel"] = entry.channel_id
        node = _element(root, "entry", **attributes)
        for version in rows.history:
            if version.entry_id != entry.id:
                continue
            if version.event == DELETED:
                _element(node, "deleted", by=version.by, at=_time(version.at))
                continue
            child = _element(
                node, "version", number=str(version.version), by=version.by, at=_time(version.at), event=version.event
            )
            _element(child, "group", version.group_key)
            _element(child, "kind", version.kind)
            _element(child, "occurredOn", version.occurred_on.isoformat())
            _element(child, "planYear", str(version.plan_year))
            if version.activity_number is not None:
                _element(child, "activityNumber", str(version.activity_number))
            _municipalities(child, version.municipalities)
            _element(child, "text", version.text)
    return _serialise(root)


def _statements_xml(rows: ArchiveRows) -> bytes:
    root = _root("statements", rows.year)
    for version in rows.statements:
        node = _element(
            root, "statement", group=version.group_key, year=str(version.year), version=str(version.version)
        )
        if version.assessment:
            _element(node, "assessment", version.assessment)
        _element(node, "reason", version.reason)
        for number, status in sorted(version.statuses.items(), key=_number_first):
            _element(node, "activityStatus", activity=number, status=status)
        for key, text in sorted(version.parts.items(), key=_number_first):
            _element(node, "part", text, key=key)
        _element(node, "submitted", by=version.submitted_by, at=_time(version.submitted_at))
        if version.approved_at is not None and version.approved_by:
            _element(node, "approved", by=version.approved_by, at=_time(version.approved_at))
    return _serialise(root)


def validate_xml(content: bytes, xsd: bytes | None = None) -> list[str]:
    """What the XSD finds wrong with one of the XML files: each error with its line, or nothing."""
    validator = etree.XMLSchema(etree.fromstring(xsd or schema(), SAFE_PARSER))
    try:
        document = etree.fromstring(content, SAFE_PARSER)
    except etree.XMLSyntaxError as error:
        return [str(error)]
    if validator.validate(document):
        return []
    return [f"line {e.line}: {e.message}" for e in validator.error_log]
