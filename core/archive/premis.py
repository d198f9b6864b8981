"""The package's history in PREMIS 3: each entry's creation, edits and deletion, each statement version's submission
and approval, as events with their time and agent; the package's own creation, with the checksum of every file."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from lxml import etree

from core.archive.mets import PackageFile
from storage.archive import CREATED, DELETED, EDITED, ArchiveRows

PREMIS = "http://www.loc.gov/premis/v3"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = f"{PREMIS} https://www.loc.gov/standards/premis/v3/premis.xsd"
SLACK_USER = re.compile(r"^[UW][A-Z0-9]{2,}$")
SLACK_ID_TYPE = "Slack user id"
LOCAL = "local"
ENTRY_ID_TYPE = "mlr-bot entry"
STATEMENT_ID_TYPE = "mlr-bot statement"
# PREMIS's eventType vocabulary (id.loc.gov/vocabulary/preservation/eventType) has creation, modification and
# deletion; a statement's approval is a term of our own.
EVENT_TYPES = {CREATED: "creation", EDITED: "modification", DELETED: "deletion"}
APPROVAL = "approval"


@dataclass(frozen=True)
class Packaging:
    package_id: str
    created: datetime
    software: str
    software_version: str
    organisation: str
    organisation_id: str | None
    names: dict[str, str]  # Slack user id -> the display name Slack gave when the package was made


def _p(name: str) -> str:
    return f"{{{PREMIS}}}{name}"


def _add(parent: etree._Element, name: str, text: str | None = None) -> etree._Element:
    child = etree.SubElement(parent, _p(name))
    if text is not None:
        child.text = text
    return child


def _identifier(parent: etree._Element, kind: str, id_type: str, value: str) -> None:
    holder = _add(parent, f"{kind}Identifier")
    _add(holder, f"{kind}IdentifierType", id_type)
    _add(holder, f"{kind}IdentifierValue", value)


def _link(parent: etree._Element, kind: str, id_type: str, value: str, role: str | None = None) -> None:
    holder = _add(parent, f"linking{kind}Identifier")
    _add(holder, f"linking{kind}IdentifierType", id_type)
    _add(holder, f"linking{kind}IdentifierValue", value)
    if role is not None:
        _add(holder, f"linking{kind}Role", role)


def actor_type(actor: str) -> str:
    """How PREMIS names who acted: a person by Slack user id, or the bot itself ("cli", "system")."""
    return SLACK_ID_TYPE if SLACK_USER.match(actor) else "mlr-bot"


def entry_subject(entry_id: int) -> str:
    return f"entry:{entry_id}"


def statement_subject(group_key: str, year: int) -> str:
    return f"statement:{group_key}:{year}"


def build_premis(rows: ArchiveRows, files: list[PackageFile], packaging: Packaging) -> bytes:
    root = etree.Element(_p("premis"), {"version": "3.0"}, nsmap={"premis": PREMIS, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", SCHEMA_LOCATION)

    for file in files:
        obj = _add(root, "object")
        obj.set(f"{{{XSI}}}type", "premis:file")
        _identifier(obj, "object", LOCAL, file.path)
        traits = _add(obj, "objectCharacteristics")
        _add(traits, "compositionLevel", "0")
        fixity = _add(traits, "fixity")
        _add(fixity, "messageDigestAlgorithm", "SHA-256")
        _add(fixity, "messageDigest", file.sha256)
        _add(fixity, "messageDigestOriginator", packaging.software)
        _add(traits, "size", str(file.size))
        designation = _add(_add(traits, "format"), "formatDesignation")
        _add(designation, "formatName", file.mime)
    for entry in rows.entries:
        assert entry.id is not None
        obj = _add(root, "object")
        obj.set(f"{{{XSI}}}type", "premis:intellectualEntity")
        _identifier(obj, "object", ENTRY_ID_TYPE, entry_subject(entry.id))
    for key, year in dict.fromkeys((s.group_key, s.year) for s in rows.statements):
        obj = _add(root, "object")
        obj.set(f"{{{XSI}}}type", "premis:intellectualEntity")
        _identifier(obj, "object", STATEMENT_ID_TYPE, statement_subject(key, year))

    for version in rows.history:
        event = _add(root, "event")
        suffix = "deleted" if version.event == DELETED else f"v{version.version}"
        _identifier(event, "event", LOCAL, f"entry-{version.entry_id}-{suffix}")
        _add(event, "eventType", EVENT_TYPES[version.event])
        _add(event, "eventDateTime", version.at.isoformat())
        detail = {
            CREATED: f"Posten loggades (version {version.version}).",
            EDITED: f"Posten ändrades till version {version.version}.",
            DELETED: f"Posten raderades (dold, version {version.version} sparad).",
        }[version.event]
        _add(_add(event, "eventDetailInformation"), "eventDetail", detail)
        _link(event, "Agent", actor_type(version.by), version.by, "implementer")
        _link(event, "Object", ENTRY_ID_TYPE, entry_subject(version.entry_id))
    for statement in rows.statements:
        subject = statement_subject(statement.group_key, statement.year)
        stem = f"statement-{statement.group_key}-{statement.year}-v{statement.version}"
        event = _add(root, "event")
        _identifier(event, "event", LOCAL, f"{stem}-submitted")
        _add(event, "eventType", "creation")
        _add(event, "eventDateTime", statement.submitted_at.isoformat())
        detail = f"Version {statement.version} av redovisningen lämnades in."
        _add(_add(event, "eventDetailInformation"), "eventDetail", detail)
        _link(event, "Agent", actor_type(statement.submitted_by), statement.submitted_by, "implementer")
        _link(event, "Object", STATEMENT_ID_TYPE, subject)
        if statement.approved_at is not None and statement.approved_by:
            event = _add(root, "event")
            _identifier(event, "event", LOCAL, f"{stem}-approved")
            _add(event, "eventType", APPROVAL)
            _add(event, "eventDateTime", statement.approved_at.isoformat())
            detail = f"Version {statement.version} av redovisningen godkändes."
            _add(_add(event, "eventDetailInformation"), "eventDetail", detail)
            _link(event, "Agent", actor_type(statement.approved_by), statement.approved_by, "authorizer")
            _link(event, "Object", STATEMENT_ID_TYPE, subject)

    made = _add(root, "event")
    _identifier(made, "event", LOCAL, "package-created")
    _add(made, "eventType", "information package creation")
    _add(made, "eventDateTime", packaging.created.isoformat(timespec="seconds"))
    detail = f"Paketet {packaging.package_id} skapades; SHA-256 beräknades för varje fil."
    _add(_add(made, "eventDetailInformation"), "eventDetail", detail)
    _link(made, "Agent", "software", f"{packaging.software} {packaging.software_version}", "executing program")
    _link(made, "Agent", "organisation", packaging.organisation, "implementer")
    for file in files:
        _link(made, "Object", LOCAL, file.path)

    software = _add(root, "agent")
    _identifier(software, "agent", "software", f"{packaging.software} {packaging.software_version}")
    _add(software, "agentName", packaging.software)
    _add(software, "agentType", "software")
    _add(software, "agentVersion", packaging.software_version)
    organisation = _add(root, "agent")
    _identifier(organisation, "agent", "organisation", packaging.organisation)
    if packaging.organisation_id:
        _identifier(organisation, "agent", "organisationsnummer", packaging.organisation_id)
    _add(organisation, "agentName", packaging.organisation)
    _add(organisation, "agentType", "organization")
    as_of = packaging.created.date().isoformat()
    for actor in actors(rows):
        agent = _add(root, "agent")
        _identifier(agent, "agent", actor_type(actor), actor)
        if actor_type(actor) != SLACK_ID_TYPE:
            _add(agent, "agentName", f"{packaging.software} ({actor})")
            _add(agent, "agentType", "software")
            continue
        name = packaging.names.get(actor)
        if name:
            _add(agent, "agentName", name)
        _add(agent, "agentType", "person")
        note = (
            f"Namnet är det Slack angav när paketet skapades ({as_of}), inte nödvändigtvis namnet vid händelsen."
            if name
            else "Slack tillfrågades inte om namnet när paketet skapades: bara användar-id:t är känt."
        )
        _add(agent, "agentNote", note)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))


def actors(rows: ArchiveRows) -> list[str]:
    """Everyone who logged, changed, deleted, submitted or approved a record of the year, in order of first act."""
    seen: dict[str, None] = {}
    for version in rows.history:
        seen.setdefault(version.by)
    for entry in rows.entries:
        seen.setdefault(entry.user_id)
    for statement in rows.statements:
        seen.setdefault(statement.submitted_by)
        if statement.approved_by:
            seen.setdefault(statement.approved_by)
    return list(seen)
