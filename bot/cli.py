"""The `mlr-bot` command: run the bot, migrate, load groups, try it in a console, export."""

from __future__ import annotations

import argparse
import gc
import logging
import os
import re
import sys
import tempfile
from collections.abc import Callable, Sequence
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TextIO

from slack_bolt.error import BoltError
from slack_sdk.errors import SlackApiError, SlackClientError
from sqlmodel import Session

from bot import export
from bot.config import early_language, read_settings
from core.report_formats import ReportDoc
from core.settings import ConfigError, Settings
from core.texts import say, say_plain
from handlers.context import Services, utc_now
from storage.db import Database, DatabaseError
from storage.entries import list_entries
from storage.groups import get_group, list_groups, list_groups_in_plan_order, load_groups
from storage.groups_file import GroupFileError, read_groups_file
from storage.plans import list_all_statement_versions
from storage.report import read_report_rows
from storage.verify import head_revision

log = logging.getLogger("mlr-bot")


class CliError(Exception):
    """A failure the user can act on: printed as one line, exit status 2."""


# The report's formats: those core renders, and the PDF that LibreOffice makes of the Word file (bot/pdf.py).
REPORT_FORMATS = ("md", "docx", "csv", "xlsx", "html", "pdf")
NOT_FOR_THE_TERMINAL = ("docx", "xlsx", "pdf")


# argparse's own words (Python 3.11's msgids), said from the catalogue: argparse looks each one up through its
# module's gettext function `_`, which is the hook gettext gives a program to translate them.
ARGPARSE_WORDS = {
    "usage: ": "argparse.usage",
    "positional arguments": "argparse.positional",
    "options": "argparse.options",
    "show this help message and exit": "argparse.help",
    "%(prog)s: error: %(message)s\n": "argparse.error",
    "argument %(argument_name)s: %(message)s": "argparse.argument",
    "the following arguments are required: %s": "argparse.required",
    "unrecognized arguments: %s": "argparse.unrecognized",
    "invalid choice: %(value)r (choose from %(choices)s)": "argparse.invalid_choice",
    "invalid %(type)s value: %(value)r": "argparse.invalid_value",
    "expected one argument": "argparse.expected_one",
    "ambiguous option: %(option)s could match %(matches)s": "argparse.ambiguous",
    "not allowed with argument %s": "argparse.not_allowed",
}


def _argparse_words(lang: str) -> None:
    def translate(message: str) -> str:
        key = ARGPARSE_WORDS.get(message)
        return say_plain(lang, key) if key else message

    argparse._ = translate  # type: ignore[attr-defined]


def build_parser(lang: str = "sv") -> argparse.ArgumentParser:
    """The command line in `lang`: every help text from the catalogue, and argparse's own words too."""
    _argparse_words(lang)
    help_text = partial(say_plain, lang)
    parser = argparse.ArgumentParser(prog="mlr-bot", description=help_text("cli.help.description"))
    commands = parser.add_subparsers(dest="command", required=True, metavar=help_text("cli.help.metavar.command"))

    run = commands.add_parser("run", help=help_text("cli.help.run"))
    run.add_argument("--http", action="store_true", help=help_text("cli.help.run.http"))
    run.add_argument("--port", type=int, help=help_text("cli.help.run.port"))
    run.add_argument("--host", default="0.0.0.0", help=help_text("cli.help.run.host"))

    db = commands.add_parser("db", help=help_text("cli.help.db"))
    db_commands = db.add_subparsers(dest="db_command", required=True, metavar=help_text("cli.help.metavar.action"))
    which_db = argparse.ArgumentParser(add_help=False)
    which_db.add_argument("--database-url", metavar="URL", help=help_text("cli.help.db.database_url"))
    db_commands.add_parser("upgrade", parents=[which_db], help=help_text("cli.help.db.upgrade"))
    backup = db_commands.add_parser("backup", parents=[which_db], help=help_text("cli.help.db.backup"))
    backup.add_argument("--out", type=Path, metavar="PATH", help=help_text("cli.help.db.backup.out"))
    restore = db_commands.add_parser("restore", parents=[which_db], help=help_text("cli.help.db.restore"))
    restore.add_argument("path", type=Path, metavar="PATH", help=help_text("cli.help.db.restore.path"))
    restore.add_argument("--replace", action="store_true", help=help_text("cli.help.db.restore.replace"))
    db_commands.add_parser("verify", parents=[which_db], help=help_text("cli.help.db.verify"))
    copy = db_commands.add_parser("copy", parents=[which_db], help=help_text("cli.help.db.copy"))
    copy.add_argument("--to", required=True, metavar="URL", help=help_text("cli.help.db.copy.to"))

    groups = commands.add_parser("groups", help=help_text("cli.help.groups"))
    group_commands = groups.add_subparsers(
        dest="groups_command", required=True, metavar=help_text("cli.help.metavar.action")
    )
    load = group_commands.add_parser("load", help=help_text("cli.help.groups.load"))
    load.add_argument("file", type=Path, help=help_text("cli.help.groups.load.file"))

    console = commands.add_parser("console", help=help_text("cli.help.console"))
    console.add_argument("--user", default="U0KONSOL", help=help_text("cli.help.console.user"))
    console.add_argument("--channel", default="C0KONSOL", help=help_text("cli.help.console.channel"))
    console.add_argument("--coordinator", action="store_true", help=help_text("cli.help.console.coordinator"))
    console.add_argument(
        "--logg",
        "--log",
        dest="log_file",
        type=Path,
        default=Path("mlr-console.log"),
        metavar="FIL",
        help=help_text("cli.help.console.log"),
    )

    digest = commands.add_parser("digest", help=help_text("cli.help.digest"))
    digest_commands = digest.add_subparsers(
        dest="digest_command", required=True, metavar=help_text("cli.help.metavar.action")
    )
    preview = digest_commands.add_parser("preview", help=help_text("cli.help.digest.preview"))
    post = digest_commands.add_parser("post", help=help_text("cli.help.digest.post"))
    for sub in (preview, post):
        sub.add_argument("--week", help=help_text("cli.help.digest.week"))
        sub.add_argument("--group", help=help_text("cli.help.digest.group"))
    post.add_argument("--force", action="store_true", help=help_text("cli.help.digest.force"))
    due = digest_commands.add_parser("due", help=help_text("cli.help.digest.due"))
    due.add_argument("--now", help=help_text("cli.help.digest.now"))

    commands.add_parser("jobs", help=help_text("cli.help.jobs"))
    commands.add_parser("check", help=help_text("cli.help.check"))

    report = commands.add_parser("report", help=help_text("cli.help.report"))
    report.add_argument("--year", type=int, required=True, help=help_text("cli.help.report.year"))
    report.add_argument(
        "--format",
        required=True,
        metavar="|".join(REPORT_FORMATS),
        help=help_text("cli.help.report.format"),
    )
    report.add_argument(
        "--plan-year",
        type=int,
        help=help_text("cli.help.report.plan_year"),
    )
    report.add_argument("--out", type=Path, help=help_text("cli.help.report.out"))
    report.add_argument(
        "--compare",
        type=int,
        metavar="YEAR",
        help=help_text("cli.help.report.compare"),
    )

    plan = commands.add_parser("plan", help=help_text("cli.help.plan"))
    plan_commands = plan.add_subparsers(
        dest="plan_command", required=True, metavar=help_text("cli.help.metavar.action")
    )
    carry = plan_commands.add_parser("carry", help=help_text("cli.help.plan.carry"))
    carry.add_argument("--to", type=int, required=True, dest="to_year", help=help_text("cli.help.plan.carry.to"))

    exp = commands.add_parser("export", help=help_text("cli.help.export"))
    exp.add_argument("--format", choices=export.FORMATS, required=True, help=help_text("cli.help.export.format"))
    exp.add_argument("--group", help=help_text("cli.help.export.group"))
    exp.add_argument("--year", type=int, help=help_text("cli.help.export.year"))
    exp.add_argument("--out", type=Path, help=help_text("cli.help.export.out"))
    exp.add_argument("--include-deleted", action="store_true", help=help_text("cli.help.export.include_deleted"))
    exp.add_argument(
        "--statements",
        action="store_true",
        help=help_text("cli.help.export.statements"),
    )
    _add_archive_parser(commands, lang)
    return parser


def _add_archive_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser], lang: str) -> None:
    help_text = partial(say_plain, lang)
    archive = commands.add_parser(
        "archive",
        help=help_text("cli.help.archive"),
    )
    archive.add_argument("--year", type=int, help=help_text("cli.help.archive.year"))
    archive.add_argument("--out", type=Path, default=Path("."), help=help_text("cli.help.archive.out"))
    archive.add_argument("--zip", action="store_true", dest="as_zip", help=help_text("cli.help.archive.zip"))
    archive.add_argument(
        "--ersätter", "--replaces", dest="replaces", metavar="ID", help=help_text("cli.help.archive.replaces")
    )
    archive.add_argument(
        "--utkast",
        "--draft",
        dest="draft",
        action="store_true",
        help=help_text("cli.help.archive.draft"),
    )
    archive_commands = archive.add_subparsers(dest="archive_command", metavar="verify")
    verify = archive_commands.add_parser("verify", help=help_text("cli.help.archive.verify"))
    verify.add_argument("path", type=Path, help=help_text("cli.help.archive.verify.path"))


def main(argv: Sequence[str] | None = None) -> int:
    # MLR_LANGUAGE before the arguments, so that --help and argparse's errors are in it, even with a broken .env.
    args = build_parser(early_language()).parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("alembic").setLevel(logging.WARNING)
    lang = "sv"
    try:
        settings = read_settings()
        lang = settings.language
        return _dispatch(args, settings)
    except (ConfigError, CliError) as error:
        print(f"mlr-bot: {error}", file=sys.stderr)
        return 2
    except DatabaseError as error:
        print(f"mlr-bot: {say(lang, 'cli.db_unusable', error=_first_line(error))}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def _first_line(error: BaseException) -> str:
    text = str(getattr(error, "orig", None) or error)
    return text.strip().splitlines()[0] if text.strip() else type(error).__name__


def _dispatch(args: argparse.Namespace, settings: Settings) -> int:
    from bot.startup import prepare_database

    if args.command == "db":
        return _db(settings, args)
    if args.command == "groups":
        return _load_groups(prepare_database(settings, now=utc_now()), args.file, lang=settings.language)
    if args.command == "export":
        return _export(prepare_database(settings, now=utc_now()), args, lang=settings.language)
    if args.command == "plan":
        return _carry_plans(prepare_database(settings, now=utc_now()), to_year=args.to_year, lang=settings.language)
    if args.command == "digest":
        return _digest(settings, args)
    if args.command == "jobs":
        from bot.scheduler import describe_jobs

        print("\n".join(describe_jobs(_services(settings, Database(settings.database_url)), utc_now())))
        return 0
    if args.command == "check":
        from bot.check import run_checks

        return run_checks(settings)
    if args.command == "report":
        return _report(settings, args)
    if args.command == "archive":
        return _archive(settings, args)
    if args.command == "console":
        from bot.console import run_console

        log_file = args.log_file.resolve()
        check_writable(log_file, option="--logg", lang=settings.language)
        return run_console(
            settings, user_id=args.user, channel_id=args.channel, coordinator=args.coordinator, log_file=log_file
        )
    return _run(settings, http=args.http or not settings.slack_app_token, host=args.host, port=args.port)


def _services(settings: Settings, db: Database) -> Services:
    return Services(settings=settings, db=db)


def _digest(settings: Settings, args: argparse.Namespace) -> int:
    from bot.app import create_web_client
    from bot.jobs.digests import post_digests, post_due_digests, render_group_digest, render_overview
    from bot.startup import prepare_database
    from core.dates import Week
    from core.schedule import latest_week
    from handlers.blocks.common import message_text

    now = utc_now()
    if args.digest_command == "due" and args.now:
        try:
            now = datetime.fromisoformat(args.now)
        except ValueError as error:
            raise CliError(say(settings.language, "cli.bad_now", value=args.now)) from error
        if now.tzinfo is None:
            now = now.replace(tzinfo=settings.timezone)
    services = _services(settings, prepare_database(settings, now=utc_now()))
    week = latest_week(services.settings, now)
    if getattr(args, "week", None):
        try:
            week = Week.parse(args.week)
        except ValueError as error:
            typed = re.fullmatch(r"\s*(\d{4})-W(\d{2})\s*", args.week)
            if typed:  # a week's form, but the year has no such week
                no_week = say(settings.language, "cli.no_such_week", year=typed.group(1), number=int(typed.group(2)))
                raise CliError(no_week) from error
            raise CliError(say(settings.language, "cli.bad_week", value=args.week)) from error
    group_key = getattr(args, "group", None)
    if group_key:
        with services.db.read() as session:
            if get_group(session, key=group_key) is None:
                keys = ", ".join(group.key for group in list_groups(session))
                raise CliError(say(settings.language, "cli.unknown_group", key=group_key, keys=keys))

    if args.digest_command == "preview":
        with services.db.read() as session:
            group_keys = [g.key for g in list_groups(session) if g.active and group_key in (None, g.key)]
        messages = []
        for key in group_keys:
            messages += render_group_digest(
                services, group_key=key, week=week, author=str, include_empty=bool(group_key)
            )
        if group_key is None:
            messages += render_overview(services, week=week)
        nothing = say(settings.language, "cli.nothing_logged", week=week.label(settings.language))
        print("\n\n".join(message_text(message) for message in messages) or nothing)
        return 0

    settings.require_slack(http=False)
    client = create_web_client(settings)
    if args.digest_command == "post":
        outcomes = post_digests(services, client, week=week, now=now, group_key=group_key, force=args.force)
    else:
        outcomes = post_due_digests(services, client, now=now)
    for outcome in outcomes:
        print(f"{outcome.kind} {outcome.period} → {outcome.channel_id}: {outcome.delivery} {outcome.detail}".rstrip())
    if not outcomes:
        print(say(settings.language, "cli.nothing_to_post", week=week))
    return 1 if any(outcome.delivery.undelivered for outcome in outcomes) else 0


def _report(settings: Settings, args: argparse.Namespace) -> int:
    from bot.startup import prepare_database
    from core.report import ReportError, build_report

    lang = settings.language
    if args.format not in REPORT_FORMATS:
        formats = ", ".join(REPORT_FORMATS)
        raise CliError(say(lang, "cli.unknown_report_format", format=args.format, formats=formats))
    if args.format in NOT_FOR_THE_TERMINAL and args.out is None:
        raise CliError(say(lang, "cli.file_needs_out", format=args.format))
    if args.out is not None:
        check_writable(args.out, option="--out", lang=lang)
    if args.compare is not None and args.compare >= args.year:
        raise CliError(say(settings.language, "cli.bad_compare", compare=args.compare, year=args.year))
    db = prepare_database(settings, now=utc_now())
    today = utc_now().astimezone(settings.timezone).date()
    try:
        report = build_report(
            read_report_rows(db, year=args.year, plan_year=args.plan_year, compare=args.compare),
            lang=settings.language,
            today=today,
            organisation=settings.organisation,
            plan_period=settings.plan_period,
            plan_year=args.plan_year,
            compare=args.compare is not None,
        )
    except ReportError as error:
        raise CliError(str(error)) from error
    content = _report_file(report, args.format, lang=lang)
    if args.out is None:
        sys.stdout.buffer.write(content)
        sys.stdout.flush()
        return 0
    _write_whole(args.out, content, lang=lang)
    print(say(lang, "cli.report_written", year=args.year, out=args.out), file=sys.stderr)
    return 0


def _report_file(report: ReportDoc, fmt: str, *, lang: str) -> bytes:
    from bot.pdf import PdfFailed, PdfUnavailable, docx_to_pdf
    from core.report import render

    if fmt != "pdf":
        return render(report, fmt)
    try:
        return docx_to_pdf(render(report, "docx"))
    except PdfUnavailable as error:
        raise CliError(say(lang, "cli.pdf_unavailable")) from error
    except PdfFailed as error:
        raise CliError(say(lang, "cli.pdf_failed", error=error)) from error


def _write_whole(path: Path, content: bytes, *, lang: str) -> None:
    """The file appears whole or not at all: written beside it under another name, then renamed over it."""
    part: Path | None = None
    try:
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{path.name}.", delete=False) as file:
            part = Path(file.name)
            file.write(content)
        umask = os.umask(0)
        os.umask(umask)
        part.chmod(0o666 & ~umask)  # as an ordinary new file, not the temporary file's 0600
        os.replace(part, path)
    except OSError as error:
        if part is not None:
            part.unlink(missing_ok=True)
        raise CliError(_cannot_write(error, path, option="--out", lang=lang)) from error


def _load_groups(db: Database, path: Path, *, lang: str) -> int:
    try:
        specs = read_groups_file(path)
    except GroupFileError as error:
        raise CliError(str(error)) from error
    with db.write() as session:
        report = load_groups(session, specs=specs, actor="cli", now=utc_now())
    line = say(
        lang,
        "cli.groups_loaded",
        added=len(report.added),
        updated=len(report.updated),
        unchanged=len(report.unchanged),
    )
    if report.plans:
        line += say(lang, "cli.plans_set", plans=", ".join(report.plans))
    print(line)
    return 0


def _carry_plans(db: Database, *, to_year: int, lang: str) -> int:
    """Every group active in `to_year` gets its latest plan copied in, unless it has one for that year already."""
    from core.years import in_year
    from storage.plans import carry_plans

    with db.write() as session:
        keys = [group.key for group in list_groups_in_plan_order(session) if in_year(group, to_year)]
        report = carry_plans(session, group_keys=keys, to_year=to_year, actor="cli", now=utc_now())
    carried = [say(lang, "cli.carried_from", key=key, year=source) for key, source in report.carried]
    line = say(lang, "cli.carried", count=len(carried), year=to_year)
    print(line + (f": {', '.join(carried)}" if carried else ""))
    if report.kept:
        print(say(lang, "cli.carried_kept", count=len(report.kept), year=to_year, keys=", ".join(report.kept)))
    if report.without:
        print(say(lang, "cli.carried_without", count=len(report.without), keys=", ".join(report.without)))
    if carried:
        print(say(lang, "cli.carried_revise", year=to_year))
    return 0


def check_writable(path: Path, *, option: str, lang: str) -> None:
    """A file the command is to write, refused before any work when it cannot be: its folder missing, or a folder."""
    if path.is_dir():
        raise CliError(say(lang, "cli.cannot_write", option=option, path=path, reason=say(lang, "cli.is_folder")))
    if not path.parent.is_dir():
        reason = say(lang, "cli.no_folder", folder=path.parent)
        raise CliError(say(lang, "cli.cannot_write", option=option, path=path, reason=reason))


def _cannot_write(error: OSError, path: Path, *, option: str, lang: str) -> str:
    reason = say(lang, "cli.no_permission") if isinstance(error, PermissionError) else error.strerror or str(error)
    return say(lang, "cli.cannot_write", option=option, path=path, reason=reason)


def _export(db: Database, args: argparse.Namespace, *, lang: str) -> int:
    if args.out is not None:
        check_writable(args.out, option="--out", lang=lang)
    with db.read() as session:
        if args.group and get_group(session, key=args.group) is None:
            keys = ", ".join(group.key for group in list_groups(session))
            raise CliError(say(lang, "cli.unknown_group", key=args.group, keys=keys))
        if args.statements:
            return _export_statements(session, args, lang=lang)
        entries = list_entries(session, group_key=args.group, year=args.year, include_deleted=args.include_deleted)
    if _write_text(args.out, lambda out: export.write_export(entries, fmt=args.format, out=out), lang=lang):
        print(say(lang, "cli.exported", count=len(entries), out=args.out), file=sys.stderr)
    return 0


def _export_statements(session: Session, args: argparse.Namespace, *, lang: str) -> int:
    versions = list_all_statement_versions(session, group_key=args.group, year=args.year)
    if _write_text(args.out, lambda out: export.write_statements_export(versions, fmt=args.format, out=out), lang=lang):
        print(say(lang, "cli.statements_exported", count=len(versions), out=args.out), file=sys.stderr)
    return 0


def _write_text(path: Path | None, write: Callable[[TextIO], None], *, lang: str) -> bool:
    """To standard output without a path, else to the file (True), or one line saying why it cannot be."""
    if path is None:
        write(sys.stdout)
        return False
    try:
        with path.open("w", encoding="utf-8", newline="") as out:
            write(out)
    except OSError as error:
        raise CliError(_cannot_write(error, path, option="--out", lang=lang)) from error
    return True


def _archive(settings: Settings, args: argparse.Namespace) -> int:
    from bot.archive.package import ArchiveError, Request, make_package
    from bot.archive.verify import NotAPackage, verify_path
    from bot.pdf import PdfFailed, PdfUnavailable, docx_to_pdf
    from bot.startup import prepare_database

    lang = settings.language
    if args.archive_command == "verify":
        try:
            verdict = verify_path(args.path)
        except NotAPackage as error:
            raise CliError(say(lang, "archive.not_package", path=args.path)) from error
        for finding in verdict.findings:
            print(f"{finding.path}: {say(lang, 'archive.problem.' + finding.problem, **finding.params)}")
        if verdict.findings:
            print(say(lang, "archive.differs", path=args.path, count=len(verdict.findings)), file=sys.stderr)
            return 1
        print(say(lang, "archive.verified", path=args.path, files=verdict.files))
        return 0
    if args.year is None:
        raise CliError(say(lang, "archive.needs_year"))

    def to_pdf(docx: bytes) -> bytes:
        try:
            return docx_to_pdf(docx)
        except PdfUnavailable as error:
            raise ArchiveError(say(lang, "archive.no_libreoffice")) from error
        except PdfFailed as error:
            raise ArchiveError(say(lang, "archive.pdf_failed", error=error)) from error

    db = prepare_database(settings, now=utc_now())
    client = None
    if settings.slack_bot_token:
        from bot.app import create_web_client

        client = create_web_client(settings)
    request = Request(year=args.year, out=args.out, as_zip=args.as_zip, replaces=args.replaces, draft=args.draft)
    try:
        made = make_package(settings, db, request, now=utc_now(), client=client, to_pdf=to_pdf)
    except ArchiveError as error:
        raise CliError(str(error)) from error
    written = "archive.written_draft" if made.draft else "archive.written"
    print(say(lang, written, id=made.package_id, path=made.path, files=made.files))
    return 0


def _run(settings: Settings, *, http: bool, host: str, port: int | None) -> int:
    from bot.app import create_app, create_web_client
    from bot.startup import prepare_database

    settings.require_slack(http=http)
    db = prepare_database(settings, now=utc_now())
    try:
        app = create_app(settings, db, client=create_web_client(settings))
    except BoltError as error:
        raise CliError(say(settings.language, "cli.token_refused", error=error)) from error
    except (SlackApiError, SlackClientError, OSError) as error:
        raise CliError(
            say(settings.language, "cli.slack_unreachable", url=settings.slack_api_url, error=error)
        ) from error
    from bot.scheduler import start_scheduler

    # What start-up made (modules, the app, the pools) lives as long as the process: kept out of
    # the collector's full passes, which otherwise stop every request for 150-250 ms now and then.
    gc.freeze()
    if not http:
        from slack_bolt.adapter.socket_mode import SocketModeHandler

        start_scheduler(_services(settings, db), app.client)
        log.info("mlr-bot running in Socket Mode")
        SocketModeHandler(app, settings.slack_app_token).start()
        return 0
    from bot.web import WebApp, serve

    scheduler = start_scheduler(_services(settings, db), app.client)
    try:
        serve(WebApp(app, db), host=host, port=settings.port if port is None else port)
    finally:
        scheduler.shutdown(wait=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())


def _db(settings: Settings, args: argparse.Namespace) -> int:
    """db upgrade, backup, restore, verify and copy, on --database-url (default DATABASE_URL)."""
    from bot import backup, dbcopy

    lang = settings.language
    try:
        url = backup.database_url(args.database_url or settings.database_url, option="--database-url")
        if args.db_command == "upgrade":
            Database(url).upgrade()
            print(say(lang, "cli.db_ready"))
            return 0
        if args.db_command == "backup":
            taken = backup.take_backup(url, out=args.out, folder=settings.backup_dir, now=utc_now())
            entries = taken.manifest["counts"].get("entries", 0)
            size = _size(taken.manifest["bytes"])
            print(
                say(
                    lang,
                    "db.backup_written",
                    path=taken.path,
                    size=size,
                    entries=entries,
                    revision=taken.manifest["revision"],
                )
            )
            return 0
        if args.db_command == "restore":
            restored = backup.restore_backup(backup.read_backup(args.path), url, replace=args.replace)
            upgraded = say(lang, "db.upgraded", head=head_revision()) if restored.upgraded else ""
            shown_url = backup.shown(url)
            print(
                say(lang, "db.restored", path=args.path, url=shown_url, revision=restored.revision, upgraded=upgraded)
            )
            return _verify(url, lang)
        if args.db_command == "verify":
            return _verify(url, lang)
        target = backup.database_url(args.to, option="--to")
        sums = dbcopy.copy(url, target)
        for table, table_sum in sums.items():
            print(say(lang, "db.copy_line", table=table, rows=table_sum.rows, checksum=table_sum.checksum[:16]))
        rows = sum(table_sum.rows for table_sum in sums.values())
        print(
            say(lang, "db.copy_done", url=backup.shown(target), tables=len(sums), rows=rows, revision=head_revision())
        )
        return 0
    except backup.OperationError as error:
        params = dict(error.params)
        if "found" in params:  # what a person made in a copy's target, table by table
            params["what"] = ", ".join(
                say(lang, f"db.found.{table}", count=n) for table, n in params.pop("found").items()
            )
        raise CliError(say(lang, f"db.{error.message_id}", **params)) from error


def _verify(url: str, lang: str) -> int:
    from bot import backup
    from storage.db import make_engine
    from storage.verify import verify

    if backup.backend(url) == "sqlite" and not backup.sqlite_path(url).is_file():
        raise CliError(say(lang, "db.unreachable", url=backup.shown(url), error="no such file"))
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            found = verify(connection)
    except DatabaseError as error:
        raise CliError(say(lang, "db.unreachable", url=backup.shown(url), error=_first_line(error))) from error
    finally:
        engine.dispose()
    print(say(lang, "db.verify_revision", revision=found.revision or "-", head=found.head))
    if found.counts:
        print(say(lang, "db.verify_counts", counts=", ".join(f"{table} {n}" for table, n in found.counts.items())))
    for finding in found.findings:
        print(say(lang, f"verify.{finding.message_id}", **finding.params))
    if found.whole:
        print(say(lang, "db.verify_whole"))
        return 0
    print(say(lang, "db.verify_found", count=len(found.findings)))
    return 1


def _size(size: int) -> str:
    for unit in ("B", "kB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024  # type: ignore[assignment]
    return str(size)
