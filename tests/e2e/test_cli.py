"""The command line: db upgrade, groups load, export and the console, as a user runs them."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from storage import audit, plans
from storage.db import Database
from storage.entries import add_entry, list_entries
from storage.groups import get_group, list_coordinators, list_groups, load_groups
from storage.groups_file import DEFAULT_GROUPS_FILE, read_groups_file
from storage.models import EntryKind


def mlr_bot(
    args: list[str], *, database_url: str, cwd: Path, stdin: str = "", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "MLR_", "DATABASE_URL", "PORT"))}
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        env={**clean, "DATABASE_URL": database_url, **(env or {})},
    )


def test_db_upgrade_creates_the_schema(database_url: str, tmp_path: Path) -> None:
    result = mlr_bot(["db", "upgrade"], database_url=database_url, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    db = Database(database_url)
    with db.read() as session:
        assert list_entries(session) == []  # the table exists
        assert list_groups(session) == []  # upgrade alone loads nothing
    db.dispose()


def test_groups_load_is_idempotent_and_reports_what_changed(database_url: str, tmp_path: Path) -> None:
    path = tmp_path / "groups.json"
    groups = [{"key": "cykel", "name": "Regional cykelplan", "kind": "ongoing", "municipalities": ["Lund", "Höör"]}]
    path.write_text(json.dumps({"groups": groups}, ensure_ascii=False), encoding="utf-8")

    first = mlr_bot(["groups", "load", str(path)], database_url=database_url, cwd=tmp_path)
    second = mlr_bot(["groups", "load", str(path)], database_url=database_url, cwd=tmp_path)
    groups[0]["name"] = "Regional cykelplan för MLR"
    path.write_text(json.dumps({"groups": groups}, ensure_ascii=False), encoding="utf-8")
    third = mlr_bot(["groups", "load", str(path)], database_url=database_url, cwd=tmp_path)

    assert first.stdout.strip() == "1 tillagd, 0 ändrade, 0 oförändrade"
    assert second.stdout.strip() == "0 tillagda, 0 ändrade, 1 oförändrad"
    assert third.stdout.strip() == "0 tillagda, 1 ändrad, 0 oförändrade"
    english = mlr_bot(
        ["groups", "load", str(path)], database_url=database_url, cwd=tmp_path, env={"MLR_LANGUAGE": "en"}
    )
    assert english.stdout.strip() == "0 added, 0 updated, 1 unchanged"
    db = Database(database_url)
    with db.read() as session:
        group = get_group(session, key="cykel")
        assert group is not None and group.municipalities == ["Lund", "Höör"]
        # the plan's groups came on the first start, alongside
        assert get_group(session, key="kompetens") is not None
    db.dispose()


@pytest.mark.parametrize(
    ("content", "complaint"),
    [
        ("{not json", "not valid JSON"),
        ('{"groups": [{"key": "Bad Key", "name": "x", "kind": "ongoing"}]}', "key must be"),
        ('{"groups": [{"key": "x", "name": "x", "kind": "kommitté"}]}', "kind must be"),
        ('{"groups": [{"key": "x", "name": "x", "kind": "focus", "municipalities": ["Ystad"]}]}', "municipalities"),
    ],
)
def test_a_bad_groups_file_is_refused_in_one_line(
    database_url: str, tmp_path: Path, content: str, complaint: str
) -> None:
    path = tmp_path / "groups.json"
    path.write_text(content, encoding="utf-8")
    result = mlr_bot(["groups", "load", str(path)], database_url=database_url, cwd=tmp_path)
    assert result.returncode == 2
    assert complaint in result.stderr and "Traceback" not in result.stderr


def _log(db: Database, group: str, text: str, day: date, kind: EntryKind = EntryKind.RESULT) -> None:
    with db.write() as session:
        add_entry(
            session,
            group_key=group,
            kind=kind,
            text=text,
            user_id="U0ANNA",
            channel_id="C0GRP",
            occurred_on=day,
            now=datetime(2026, 11, 2, 9, 30, tzinfo=UTC),
        )


def test_export_gives_every_field_as_stored(database_url: str, tmp_path: Path) -> None:
    assert mlr_bot(["db", "upgrade"], database_url=database_url, cwd=tmp_path).returncode == 0
    mlr_bot(["export", "--format", "json"], database_url=database_url, cwd=tmp_path)  # loads the groups
    db = Database(database_url)
    _log(db, "bostad", 'Workshop "goda exempel", åäö & <!channel>\nrad två', date(2016, 10, 12))
    _log(db, "kompetens", "Industrinatten", date(2017, 10, 20), EntryKind.ACTIVITY)
    db.dispose()

    as_json = mlr_bot(["export", "--format", "json"], database_url=database_url, cwd=tmp_path)
    records = json.loads(as_json.stdout)
    assert [r["group"] for r in records] == ["bostad", "kompetens"]
    assert records[0] == {
        "id": records[0]["id"],
        "group": "bostad",
        "kind": "result",
        "text": 'Workshop "goda exempel", åäö & <!channel>\nrad två',
        "user_id": "U0ANNA",
        "channel_id": "C0GRP",
        "created_at": "2026-11-02T09:30:00+00:00",
        "occurred_on": "2016-10-12",
        "plan_year": 2016,
        "activity_number": None,
        "municipalities": [],
        "version": 1,
        "deleted": False,
        "deleted_at": None,
    }

    as_csv = mlr_bot(["export", "--format", "csv", "--year", "2017"], database_url=database_url, cwd=tmp_path)
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert [(r["group"], r["kind"], r["text"]) for r in rows] == [("kompetens", "activity", "Industrinatten")]

    out = tmp_path / "bostad.csv"
    to_file = mlr_bot(
        ["export", "--format", "csv", "--group", "bostad", "--out", str(out)], database_url=database_url, cwd=tmp_path
    )
    assert to_file.returncode == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    assert [r["text"] for r in rows] == ['Workshop "goda exempel", åäö & <!channel>\nrad två']


def test_export_of_an_unknown_group_lists_the_keys(database_url: str, tmp_path: Path) -> None:
    result = mlr_bot(["export", "--format", "json", "--group", "bostäder"], database_url=database_url, cwd=tmp_path)
    assert result.returncode == 2
    assert "bostäder" in result.stderr and "kompetens" in result.stderr and "Traceback" not in result.stderr


def test_console_runs_commands_through_the_app(database_url: str, tmp_path: Path) -> None:
    lines = "\n".join(
        [
            "/mlr hjälp",
            "/mlr koppla bostad",
            "/mlr resultat Workshop om goda exempel <!here>",
            "/mlr koppla Mig&<b>",
            "/mlr resultat grupp:migration Något",
            "/mlr resultat",
            ":avbryt",
            "hej",
            ":user U0ANDRA",
            "/mlr koppla kompetens",
            ":q",
        ]
    )
    result = mlr_bot(["console", "--coordinator"], database_url=database_url, cwd=tmp_path, stdin=lines)
    out = result.stdout
    assert result.returncode == 0, result.stderr
    assert "/mlr resultat <text>" in out  # help
    assert "Kanalen är nu kopplad till *Stimulera ökat bostadsbyggande*" in out
    assert "[2] svar (synligt i kanalen)" in out and "> Workshop om goda exempel <!here>" in out
    # escaped for Slack, read back as typed in the console
    assert "Det finns ingen grupp `mig&<b>`" in out and "*Migration & integration* (`migration`) avslutades" in out
    assert "&amp;" not in out and "&lt;" not in out
    assert "formulär öppnat" in out
    assert "Skriv en rad som börjar med /mlr" in out
    assert "Bara koordinatorer kan använda `/mlr koppla`" in out
    db = Database(database_url)
    with db.read() as session:
        [entry] = list_entries(session)
    db.dispose()
    assert (entry.group_key, entry.text, entry.user_id) == ("bostad", "Workshop om goda exempel <!here>", "U0KONSOL")


def test_console_speaks_english_on_request(database_url: str, tmp_path: Path) -> None:
    result = mlr_bot(
        ["console"], database_url=database_url, cwd=tmp_path, stdin="/mlr result x\n", env={"MLR_LANGUAGE": "en"}
    )
    assert "This channel is not linked to a group" in result.stdout


def test_check_says_what_is_ready_and_what_is_not(database_url: str, tmp_path: Path) -> None:
    from bot.loopback_slack import LoopbackSlack

    slack = LoopbackSlack().start()
    try:
        env = {"SLACK_BOT_TOKEN": "xoxb-check", "SLACK_SIGNING_SECRET": "s", "SLACK_API_URL": slack.api_url}
        before = mlr_bot(["check"], database_url=database_url, cwd=tmp_path, env=env)
        assert before.returncode == 1
        assert "FEL   databasen" in before.stdout and "kör `mlr-bot db upgrade`" in before.stdout
        assert mlr_bot(["db", "upgrade"], database_url=database_url, cwd=tmp_path).returncode == 0
        ready = mlr_bot(["check"], database_url=database_url, cwd=tmp_path, env=env)
        assert ready.returncode == 0, ready.stdout
        # settings, database, Slack, and LibreOffice (installed on every machine the tests run on, see README.md)
        assert ready.stdout.count("ok    ") == 4 and "token är boten @mlr-bot" in ready.stdout
        slack.fail("auth.test", error="invalid_auth")
        refused = mlr_bot(["check"], database_url=database_url, cwd=tmp_path, env=env)
        assert refused.returncode == 1 and "godtog inte token (invalid_auth)" in refused.stdout
        secretless = mlr_bot(
            ["check"], database_url=database_url, cwd=tmp_path, env={**env, "SLACK_SIGNING_SECRET": ""}
        )
        assert "FEL   inställningar: SLACK_SIGNING_SECRET är inte satt" in secretless.stdout
        english = mlr_bot(["check"], database_url=database_url, cwd=tmp_path, env={**env, "MLR_LANGUAGE": "en"})
        assert "ok    slack: the token is the bot @mlr-bot" in english.stdout and "time zone" in english.stdout
    finally:
        slack.stop()


def test_replicas_starting_together_migrate_once_and_all_start(database_url: str, tmp_path: Path) -> None:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "MLR_", "DATABASE_URL", "PORT"))}
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "bot", "db", "upgrade"],
            cwd=tmp_path,
            text=True,
            env={**clean, "DATABASE_URL": database_url},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for _ in range(8)
    ]
    results = [process.communicate(timeout=120) for process in processes]
    assert [process.returncode for process in processes] == [0] * 8, results
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    from storage.db import alembic_config

    head = ScriptDirectory.from_config(alembic_config(database_url)).get_current_head()
    db = Database(database_url)
    with db.engine.connect() as connection:
        assert MigrationContext.configure(connection).get_current_revision() == head
    db.dispose()


def test_replicas_starting_together_load_the_groups_and_coordinators_once(database_url: str, tmp_path: Path) -> None:
    """Every start migrates, then loads the plan's groups into an empty database and adds the
    MLR_COORDINATORS: replicas starting together on a fresh database must not trip over each other."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "MLR_", "DATABASE_URL", "PORT"))}
    env = {**clean, "DATABASE_URL": database_url, "MLR_COORDINATORS": "U0KOORD1,U0KOORD2"}
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "bot", "export", "--format", "json"],
            cwd=tmp_path,
            text=True,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for _ in range(8)
    ]
    results = [process.communicate(timeout=120) for process in processes]
    assert [process.returncode for process in processes] == [0] * 8, results
    db = Database(database_url)
    with db.read() as session:
        groups = list_groups(session)
        coordinators = list_coordinators(session)
        loads = [e for e in audit.list_audit_events(session) if e.action == "group.add"]
    db.dispose()
    assert len(groups) == len(read_groups_file(DEFAULT_GROUPS_FILE)) == len(loads)
    assert sorted(c.user_id for c in coordinators) == ["U0KOORD1", "U0KOORD2"]


def test_plan_carry_copies_each_active_groups_latest_plan_into_the_new_year_once(
    database_url: str, tmp_path: Path
) -> None:
    assert mlr_bot(["db", "upgrade"], database_url=database_url, cwd=tmp_path).returncode == 0
    db = Database(database_url)
    now = datetime(2017, 11, 20, tzinfo=UTC)
    with db.write() as session:
        load_groups(session, specs=read_groups_file(DEFAULT_GROUPS_FILE), actor="test", now=now)
        plans.set_plan(
            session,
            group_key="kompetens",
            year=2018,
            goal="Redan reviderad.",
            spec=plans.PlanSpec(description="Ny plan.", activities=("Industrinatten 2018",)),
            actor="U0KOORD",
            now=now,
        )

    first = mlr_bot(["plan", "carry", "--to", "2018"], database_url=database_url, cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    carried = [f"{key} (från 2017)" for key in ("bostad", "sysselsattning", "strukturplan", "transport")]
    carried += [f"{key} (från 2017)" for key in ("praktisk", "naringsliv", "op", "forum")]
    assert first.stdout.splitlines() == [
        f"8 planer kopierade till 2018: {', '.join(carried)}",
        "1 grupp hade redan en plan för 2018, som behölls: kompetens",
        "Ändra dem med /mlr plan GRUPP 2018",
    ]
    with db.read() as session:
        syss_2017 = plans.get_plan(session, group_key="sysselsattning", year=2017)
        syss_2018 = plans.get_plan(session, group_key="sysselsattning", year=2018)
        assert syss_2017 is not None and syss_2018 is not None
        assert (syss_2018.goal, syss_2018.description, syss_2018.after_activities) == (
            syss_2017.goal,
            syss_2017.description,
            syss_2017.after_activities,
        )
        assert [a.text for a in plans.list_planned_activities(session, group_key="sysselsattning", year=2018)] == [
            a.text for a in plans.list_planned_activities(session, group_key="sysselsattning", year=2017)
        ]
        kompetens = plans.get_plan(session, group_key="kompetens", year=2018)
        assert kompetens is not None and kompetens.goal == "Redan reviderad."  # not overwritten
        assert [a.text for a in plans.list_planned_activities(session, group_key="kompetens", year=2018)] == [
            "Industrinatten 2018"
        ]
        assert plans.get_plan(session, group_key="migration", year=2018) is None  # closed in 2016
        [event] = audit.list_audit_events(session, subject="plan:bostad:2018")
        assert (event.actor, event.action) == ("cli", "plan.set")

    again = mlr_bot(["plan", "carry", "--to", "2018"], database_url=database_url, cwd=tmp_path)
    assert again.stdout.splitlines()[0] == "0 planer kopierade till 2018"
    assert again.stdout.splitlines()[1].startswith("9 grupper hade redan en plan för 2018")
    db.dispose()


def test_report_files_that_are_not_for_the_terminal_need_out(database_url: str, tmp_path: Path) -> None:
    for fmt in ("docx", "xlsx"):
        result = mlr_bot(["report", "--year", "2016", "--format", fmt], database_url=database_url, cwd=tmp_path)
        assert result.returncode == 2
        assert (
            result.stderr.strip().splitlines()[-1]
            == f"mlr-bot: --format {fmt} behöver --out FIL (filen är inte för terminalen)"
        )
    missing = mlr_bot(
        ["report", "--year", "2016", "--plan-year", "2015", "--format", "md"], database_url=database_url, cwd=tmp_path
    )
    assert missing.returncode == 2
    assert (
        missing.stderr.strip().splitlines()[-1]
        == "mlr-bot: Det finns ingen plan för 2015 att ställa bredvid resultaten."
    )
    beside = mlr_bot(
        ["report", "--year", "2016", "--plan-year", "2016", "--format", "md"], database_url=database_url, cwd=tmp_path
    )
    assert beside.returncode == 2 and "Det finns ingen plan för 2016" in beside.stderr  # the shipped plan is 2017's
    revised = mlr_bot(["report", "--year", "2016", "--format", "md"], database_url=database_url, cwd=tmp_path)
    assert revised.returncode == 0, revised.stderr
    assert revised.stdout.startswith("# Verksamhetsplan reviderad inför 2017 · Resultat 2016\n")


@pytest.mark.parametrize(
    "args",
    [
        ["report", "--year", "2016", "--format", "docx"],
        ["report", "--year", "2016", "--format", "md"],
        ["export", "--format", "csv"],
        ["export", "--statements", "--format", "json"],
    ],
)
def test_out_into_a_folder_that_does_not_exist_is_one_line_and_exit_2(
    args: list[str], database_url: str, tmp_path: Path
) -> None:
    out = tmp_path / "finns" / "inte" / "fil.x"
    result = mlr_bot([*args, "--out", str(out)], database_url=database_url, cwd=tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    assert result.stderr.strip().splitlines()[-1] == (
        f"mlr-bot: --out: det går inte att skriva till {out} (mappen {out.parent} finns inte)"
    )
    folder = mlr_bot(
        [*args, "--out", str(tmp_path)], database_url=database_url, cwd=tmp_path, env={"MLR_LANGUAGE": "en"}
    )
    assert folder.returncode == 2 and folder.stderr.strip().splitlines()[-1] == (
        f"mlr-bot: --out: cannot write to {tmp_path} (it is a folder; name a file in it)"
    )
    assert not out.parent.exists()


# --help and argparse's refusals come before any setting is read: a database that is not there is never opened.
NO_DATABASE = "sqlite:////nonexistent/folder/mlr.db"


def test_help_reads_mlr_language_before_the_arguments(tmp_path: Path) -> None:
    swedish = mlr_bot(["--help"], database_url=NO_DATABASE, cwd=tmp_path)
    assert swedish.returncode == 0 and swedish.stdout.startswith("användning: mlr-bot"), swedish
    assert "kör boten" in swedish.stdout and "visa den här hjälpen och avsluta" in swedish.stdout
    english = mlr_bot(["report", "--help"], database_url=NO_DATABASE, cwd=tmp_path, env={"MLR_LANGUAGE": "en"})
    assert english.returncode == 0 and english.stdout.startswith("usage: mlr-bot report"), english
    assert "the annual report" not in english.stdout and "the plan year, e.g. 2026" in english.stdout


def test_help_works_with_a_broken_env_file(tmp_path: Path) -> None:
    """MLR_LANGUAGE from a .env whose other settings are wrong; a .env that cannot be read at all is passed by."""
    (tmp_path / ".env").write_text("MLR_LANGUAGE=en\nMLR_DIGEST_CRON=every monday\nPORT=eighty\nnot a setting\n")
    english = mlr_bot(["db", "--help"], database_url=NO_DATABASE, cwd=tmp_path)
    assert english.returncode == 0 and english.stdout.startswith("usage: mlr-bot db"), english
    (tmp_path / ".env").write_bytes(b"MLR_LANGUAGE=en\n\xff\xfe\x00SLACK_BOT_TOKEN=\x9b\n")
    unreadable = mlr_bot(["--help"], database_url=NO_DATABASE, cwd=tmp_path)
    assert unreadable.returncode == 0 and unreadable.stdout.startswith("användning: mlr-bot"), unreadable
    assert unreadable.stderr == ""


def test_argparse_refuses_in_swedish(tmp_path: Path) -> None:
    missing = mlr_bot(["report", "--year"], database_url=NO_DATABASE, cwd=tmp_path)
    assert missing.returncode == 2
    assert missing.stderr.splitlines()[-1] == "mlr-bot report: fel: argumentet --year: ett värde behövs"
    unknown = mlr_bot(["rapport"], database_url=NO_DATABASE, cwd=tmp_path)
    assert unknown.returncode == 2 and "mlr-bot: fel: argumentet KOMMANDO: ogiltigt val: 'rapport'" in unknown.stderr
