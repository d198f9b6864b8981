"""`mlr-bot archive`: a plan year's records as one E-ARK submission information package (FGS Paketstruktur 2.0),
a folder or a zip named by its id. Everything is written in a temporary folder beside the target, checked, and only
then renamed into place: an error leaves nothing half-written."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import sys
import tempfile
import uuid
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from bot.archive.verify import verify_folder
from core.archive.description import Description, build_description, title
from core.archive.mets import (
    REPRESENTATION,
    Header,
    PackageFile,
    build_mets,
    build_representation_mets,
    representation_mets_path,
)
from core.archive.premis import SLACK_USER, Packaging, actors, build_premis
from core.archive.readme import ReadmeFacts, build_readme
from core.archive.records import SCHEMA_NAME, data_files, groups_of, schema, validate_xml
from core.report import ReportError, build_report, render
from core.settings import Settings
from core.texts import say
from storage.archive import DELETED, ArchiveRows, read_archive_rows
from storage.db import Database
from storage.entries import list_entry_years
from storage.report import read_report_rows

SOFTWARE = "mlr-bot"
PACKAGE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")
MIME = {
    ".csv": "text/csv",
    ".xml": "application/xml",
    ".xsd": "application/xml",
    ".txt": "text/plain",
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


class ArchiveError(Exception):
    """Bad input or a missing tool: said in one line, and no package is left behind."""


@dataclass(frozen=True)
class Request:
    year: int
    out: Path
    as_zip: bool = False
    replaces: str | None = None
    draft: bool = False


@dataclass(frozen=True)
class Made:
    package_id: str
    path: Path
    files: int
    draft: bool


def software_version() -> str:
    try:
        return version("mlr-bot")
    except PackageNotFoundError:
        return "0"


def make_package(
    settings: Settings,
    db: Database,
    request: Request,
    *,
    now: datetime,
    client: WebClient | None,
    to_pdf: Callable[[bytes], bytes],
    warn: Callable[[str], None] = lambda line: print(line, file=sys.stderr),
) -> Made:
    """The package of `request.year`, written under `request.out`. `client` asks Slack for display names (None: ids
    alone); `to_pdf` turns the Word report into PDF/A and raises ArchiveError when it cannot."""
    lang = settings.language
    _check_folder(request.out, lang)
    if request.replaces is not None and not PACKAGE_ID.match(request.replaces):
        raise ArchiveError(say(lang, "archive.bad_replaces", value=request.replaces))
    rows = read_archive_rows(db, year=request.year)
    if not rows.entries and not rows.statements and not any(plan.year == request.year for plan in rows.plans):
        with db.read() as session:
            years = ", ".join(str(y) for y in list_entry_years(session)) or say(lang, "archive.no_years")
        raise ArchiveError(say(lang, "archive.unknown_year", year=request.year, years=years))
    today = now.astimezone(settings.timezone).date()
    reasons = draft_reasons(rows, today_year=today.year, lang=lang)
    if reasons and not request.draft:
        raise ArchiveError(say(lang, "archive.needs_draft", year=request.year, reasons="; ".join(reasons)))

    package_id = f"mlr-{request.year}-{uuid.uuid4()}"
    final = request.out / (f"{package_id}.zip" if request.as_zip else package_id)
    if final.exists():
        raise ArchiveError(say(lang, "archive.exists", path=final))
    try:
        report = build_report(
            read_report_rows(db, year=request.year),
            lang=lang,
            today=today,
            organisation=settings.organisation,
            plan_period=settings.plan_period,
        )
    except ReportError as error:
        raise ArchiveError(str(error)) from error
    docx = render(report, "docx")
    pdf = to_pdf(docx)
    if not settings.organisation_id:
        warn(say(lang, "archive.no_org_id"))
    names = display_names(client, actors(rows), lang=lang, warn=warn)
    if client is None:
        warn(say(lang, "archive.no_names"))

    created = now.replace(microsecond=0)
    files = _contents(
        rows,
        settings,
        package_id,
        docx=docx,
        pdf=pdf,
        names_asked=client is not None,
        now=created,
        reasons=reasons,
        replaces=request.replaces,
    )
    header = Header(
        package_id=package_id,
        label=("UTKAST: " if reasons else "") + title(request.year, settings.organisation),
        created=created,
        software=SOFTWARE,
        software_version=software_version(),
        organisation=settings.organisation,
        organisation_id=settings.organisation_id,
        submission_agreement=settings.submission_agreement,
        replaces=request.replaces,
    )
    # The representation's METS lists its data files; the package's METS lists the rest and points to it.
    folder = f"representations/{REPRESENTATION}/"
    data = [_described(path[len(folder) :], content) for path, content in files.items() if path.startswith(folder)]
    files[representation_mets_path()] = build_representation_mets(header, data)
    packaging = Packaging(
        package_id=package_id,
        created=created,
        software=SOFTWARE,
        software_version=header.software_version,
        organisation=settings.organisation,
        organisation_id=settings.organisation_id,
        names=names,
    )
    files["metadata/preservation/premis.xml"] = build_premis(
        rows, [_described(path, content) for path, content in files.items()], packaging
    )
    files["METS.xml"] = build_mets(
        header, [_described(path, content) for path, content in files.items() if not path.startswith(folder + "data/")]
    )
    _write(files, package_id=package_id, final=final, as_zip=request.as_zip, lang=lang)
    return Made(package_id=package_id, path=final, files=len(files), draft=bool(reasons))


def draft_reasons(rows: ArchiveRows, *, today_year: int, lang: str) -> list[str]:
    """Why the year's package can only be a draft: the year is not over, or a statement's latest version waits for
    approval."""
    reasons = [say(lang, "archive.not_over", year=rows.year)] if today_year <= rows.year else []
    latest = {}
    for statement in rows.statements:
        latest[statement.group_key] = statement
    waiting = [key for key, statement in latest.items() if statement.approved_at is None]
    if waiting:
        reasons.append(say(lang, "archive.unapproved", count=len(waiting), groups=", ".join(waiting)))
    return reasons


def display_names(
    client: WebClient | None, people: list[str], *, lang: str, warn: Callable[[str], None]
) -> dict[str, str]:
    """The name Slack shows for each person now, asked once per person (`users.info`); a person Slack gives no
    name for keeps the id alone."""
    names: dict[str, str] = {}
    if client is None:
        return names
    for user_id in people:
        if not SLACK_USER.match(user_id):
            continue
        try:
            user = client.users_info(user=user_id).get("user") or {}
        except (SlackApiError, SlackClientError, OSError) as error:
            detail = error.response.get("error") if isinstance(error, SlackApiError) else error
            warn(say(lang, "archive.name_failed", user=user_id, error=detail))
            continue
        profile = user.get("profile") or {}
        name = profile.get("display_name") or profile.get("real_name") or user.get("real_name") or user.get("name")
        if name:
            names[user_id] = str(name)
    return names


def _contents(
    rows: ArchiveRows,
    settings: Settings,
    package_id: str,
    *,
    docx: bytes,
    pdf: bytes,
    names_asked: bool,
    now: datetime,
    reasons: list[str],
    replaces: str | None,
) -> dict[str, bytes]:
    """Every file but the PREMIS and the METS, which describe these: path under the root -> bytes."""
    data = f"representations/{REPRESENTATION}/data/"
    files: dict[str, bytes] = {"documentation/README.txt": b""}  # first in the listing; filled in below
    files[f"schemas/{SCHEMA_NAME}"] = schema()
    for made in data_files(rows):
        if made.name.endswith(".xml"):
            errors = validate_xml(made.content)
            assert not errors, (made.name, errors)  # our own XML breaking our own XSD is a bug, not bad input
        files[data + made.name] = made.content
    files[f"{data}arsredovisning-{rows.year}.pdf"] = pdf
    files[f"{data}arsredovisning-{rows.year}.docx"] = docx
    files["documentation/README.txt"] = build_readme(
        ReadmeFacts(
            year=rows.year,
            organisation=settings.organisation,
            package_id=package_id,
            entries=len(rows.entries),
            versions=len(rows.history),
            deleted=sum(1 for version in rows.history if version.event == DELETED),
            statement_versions=len(rows.statements),
            plans=len(rows.plans),
            names_asked=names_asked,
            names_as_of=now.astimezone(settings.timezone).date().isoformat(),
            draft_reasons=reasons,
            replaces=replaces,
        )
    )
    files["metadata/descriptive/description.xml"] = build_description(
        Description(
            package_id=package_id,
            year=rows.year,
            organisation=settings.organisation,
            groups=[group.name for group in groups_of(rows)],
            draft_reasons=reasons,
            replaces=replaces,
        )
    )
    return files


def _described(path: str, content: bytes) -> PackageFile:
    return PackageFile(
        path=path, size=len(content), sha256=hashlib.sha256(content).hexdigest(), mime=MIME[Path(path).suffix]
    )


def _check_folder(out: Path, lang: str) -> None:
    if not out.is_dir():
        raise ArchiveError(say(lang, "archive.bad_out", out=out, error=_no_folder(out)))
    try:
        with tempfile.TemporaryFile(dir=out):
            pass
    except OSError as error:
        raise ArchiveError(say(lang, "archive.bad_out", out=out, error=error.strerror or error)) from error


def _no_folder(out: Path) -> str:
    return os.strerror(20) if out.exists() else os.strerror(2)  # ENOTDIR, ENOENT


def _write(files: dict[str, bytes], *, package_id: str, final: Path, as_zip: bool, lang: str) -> None:
    """Write the package in a temporary folder beside `final`, check it as `archive verify` would, then rename it
    into place (one rename: the package is there whole, or not at all)."""
    work = Path(tempfile.mkdtemp(prefix=".mlr-arkiv-", dir=final.parent))
    try:
        root = work / package_id
        for path, content in files.items():
            target = root / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        verdict = verify_folder(root)
        assert not verdict.findings, verdict.findings  # what was just written must read back as written
        if as_zip:
            packed = work / f"{package_id}.zip"
            with zipfile.ZipFile(packed, "w", compression=zipfile.ZIP_DEFLATED) as archive:
                for path, content in sorted(files.items()):
                    archive.writestr(f"{package_id}/{path}", content)
            os.replace(packed, final)
        else:
            os.rename(root, final)
    except OSError as error:
        raise ArchiveError(say(lang, "archive.bad_out", out=final.parent, error=error.strerror or error)) from error
    finally:
        shutil.rmtree(work, ignore_errors=True)
