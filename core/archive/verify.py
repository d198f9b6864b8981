"""Checking a package read back: every file against the size and SHA-256 its METS.xml gives, nothing unlisted, and
every XML record file against the package's own XSD. Works on a reader of paths, so a folder and a zip check
alike."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from lxml import etree

from core.archive.mets import METS, XLINK
from core.archive.records import SAFE_PARSER, SCHEMA_NAME, validate_xml


@dataclass(frozen=True)
class Finding:
    path: str
    problem: str  # a message id's last part: missing, size, checksum, unlisted, schema, unsafe, mets
    params: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Verdict:
    files: int  # the files METS.xml lists
    findings: list[Finding]


def safe_path(path: str) -> bool:
    parts = PurePosixPath(path).parts
    return bool(parts) and not path.startswith("/") and ".." not in parts and "\\" not in path and ":" not in path


def check_package(read: Callable[[str], bytes | None], present: set[str]) -> Verdict:
    """`read(path)` gives a file's bytes (None when it is not there); `present` is every file the package holds,
    as paths under its root folder. A representation's METS.xml that the package's lists is checked in turn."""
    if read("METS.xml") is None:
        return Verdict(0, [Finding("METS.xml", "missing")])
    findings: list[Finding] = []
    listed: list[str] = []
    _check_mets(read, "METS.xml", findings, listed)
    for path in sorted(present - set(listed) - {"METS.xml"}):
        findings.append(Finding(path, "unlisted"))
    failed = {finding.path for finding in findings}
    # The package's own schema decides, unless it is itself not what was packed.
    schema = None if f"schemas/{SCHEMA_NAME}" in failed else read(f"schemas/{SCHEMA_NAME}")
    for path in listed:
        if path in failed or not path.endswith(".xml") or "/data/" not in path or schema is None:
            continue
        content = read(path)
        errors = validate_xml(content, schema) if content is not None else []
        if errors:
            findings.append(Finding(path, "schema", {"error": errors[0]}))
    return Verdict(len(listed), findings)


def _check_mets(
    read: Callable[[str], bytes | None], mets_path: str, findings: list[Finding], listed: list[str]
) -> None:
    """Every file a METS document lists (its paths are relative to its own folder), into `findings`."""
    folder = str(PurePosixPath(mets_path).parent)
    base = "" if folder == "." else folder + "/"
    try:
        root = etree.fromstring(read(mets_path) or b"", SAFE_PARSER)
    except etree.XMLSyntaxError as error:
        findings.append(Finding(mets_path, "mets", {"error": str(error)}))
        return
    for element in root.iter(f"{{{METS}}}file", f"{{{METS}}}mdRef"):
        location = element if element.tag == f"{{{METS}}}mdRef" else element.find(f"{{{METS}}}FLocat")
        href = "" if location is None else location.get(f"{{{XLINK}}}href", "")
        if not safe_path(href):
            findings.append(Finding(href or "?", "unsafe"))
            continue
        path = base + href
        listed.append(path)
        content = read(path)
        if content is None:
            findings.append(Finding(path, "missing"))
            continue
        expected_size = element.get("SIZE", "")
        if str(len(content)) != expected_size:
            findings.append(Finding(path, "size", {"actual": str(len(content)), "expected": expected_size}))
        elif hashlib.sha256(content).hexdigest() != (element.get("CHECKSUM") or "").lower():
            findings.append(Finding(path, "checksum"))
        elif PurePosixPath(path).name == "METS.xml" and path != mets_path:
            _check_mets(read, path, findings, listed)
