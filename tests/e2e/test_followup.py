"""The yearly cycle end to end: plan, entries, campaign, prompts, the statement form, reminders,
the late list, and the report in the plan's layout (Markdown, CSV and Word, read back)."""

from __future__ import annotations

import csv
import io
import itertools
import json
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import docx
import pytest
from slack_sdk import WebClient
from sqlmodel import select

from bot.config import load_settings
from bot.jobs.delivery import Delivery
from bot.jobs.followup import LATE, PROMPT, REMINDER, post_due_followup
from bot.loopback_slack import LoopbackSlack
from core.dates import next_working_day
from handlers import ids
from handlers.context import Services
from storage import audit, plans
from storage.db import Database
from storage.groups import load_groups
from storage.groups_file import DEFAULT_GROUPS_FILE, read_groups_file
from storage.models import Entry, Statement
from tests.conftest import BACKENDS, drop_schema, new_database_url
from tests.e2e.test_commands import answer_text, wait_for_calls
from tests.harness import COORDINATOR, BotProcess

STOCKHOLM = ZoneInfo("Europe/Stockholm")
YEAR = datetime.now(STOCKHOLM).year
MEMBER_K, MEMBER_B, OUTSIDER = "U0KOMP01", "U0BOST01", "U0UTOM01"
CHANNELS = {"kompetens": "C0FKOMP", "bostad": "C0FBOST", "sysselsattning": "C0FSYSS"}
ENV = {"MLR_COORDINATOR_CHANNEL": "C0KOORD", "MLR_FOLLOWUP_DEADLINE": "01-01"}  # passed: deadline in two weeks


@pytest.fixture(scope="module", params=BACKENDS)
def cycle(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, fake_slack: LoopbackSlack
) -> Iterator[tuple[BotProcess, Database]]:
    """A bot with this year's plan for three groups, each group's channel linked, its members known."""
    workdir = tmp_path_factory.mktemp("cycle")
    url, schema = new_database_url(request.param, workdir)
    fake_slack.clear()
    fake_slack.uploads.clear()
    bot = BotProcess(workdir=workdir, database_url=url, slack_api_url=fake_slack.api_url, extra_env=ENV).start()
    db = Database(url)
    specs = {spec.key: spec for spec in read_groups_file(DEFAULT_GROUPS_FILE)}
    this_year = [
        replace(
            specs["kompetens"],
            plans=(
                (
                    YEAR,
                    plans.PlanSpec(
                        description="Handlingsplanen genomförs.",
                        activities=("Industrinatten", "Event med LTH:s teknologkår", "Nulägesanalys av bristyrken"),
                    ),
                ),
            ),
        ),
        replace(specs["bostad"], plans=((YEAR, plans.PlanSpec(description="Business Arena och goda exempel.")),)),
        replace(specs["sysselsattning"], plans=((YEAR, plans.PlanSpec(activities=("Etableringsöverenskommelse",))),)),
    ]
    with db.write() as session:
        load_groups(session, specs=this_year, actor="test", now=datetime.now(UTC))
    for key, channel in CHANNELS.items():
        assert bot.command(f"koppla {key}", channel_id=channel).json()["response_type"] == "in_channel"
    fake_slack.members.update({CHANNELS["kompetens"]: [MEMBER_K], CHANNELS["bostad"]: [MEMBER_B]})
    yield bot, db
    bot.stop()
    db.dispose()
    if schema:
        drop_schema(schema)


def services_for(db: Database, fake: LoopbackSlack) -> Services:
    settings = load_settings({"SLACK_BOT_TOKEN": "xoxb-test", "SLACK_API_URL": fake.api_url, **ENV})
    return Services(settings=settings, db=db)


def click(bot: BotProcess, fake: LoopbackSlack, *, user: str, group: str, channel: str) -> None:
    bot.interaction(
        {
            "type": "block_actions",
            "user": {"id": user, "team_id": "T0MLR"},
            "team": {"id": "T0MLR"},
            "api_app_id": "A0MLR",
            "trigger_id": f"trigger-{user}",
            "channel": {"id": channel},
            "container": {"type": "message", "message_ts": "1.1", "channel_id": channel},
            "response_url": fake.response_url(f"click-{user}"),
            "actions": [
                {
                    "type": "button",
                    "action_id": ids.FOLLOWUP_OPEN,
                    "block_id": "b",
                    "value": f"{group}:{YEAR}",
                    "action_ts": "1.2",
                }
            ],
        }
    )


_presses = itertools.count()


def approve(bot: BotProcess, fake: LoopbackSlack, *, user: str, group: str, version: int, channel: str) -> str:
    """Press the approve button under a submitted version; what the bot answered through the response_url."""
    name = f"approve-{user}-{group}-{version}-{next(_presses)}"  # a new body each press: no replay
    bot.interaction(
        {
            "type": "block_actions",
            "user": {"id": user, "team_id": "T0MLR"},
            "team": {"id": "T0MLR"},
            "api_app_id": "A0MLR",
            "trigger_id": f"trigger-{name}",
            "channel": {"id": channel},
            "container": {"type": "message", "message_ts": "1.1", "channel_id": channel},
            "response_url": fake.response_url(name),
            "actions": [
                {
                    "type": "button",
                    "action_id": ids.STATEMENT_APPROVE,
                    "block_id": "b",
                    "value": f"{group}:{YEAR}:{version}",
                    "action_ts": "1.2",
                }
            ],
        }
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        answers = [c for c in fake.calls_to("response_url") if c.path.endswith("/" + name)]
        if answers:
            return str(answers[0].args["text"])
        time.sleep(0.02)
    raise AssertionError(f"no answer to {name}")


def goal_state(assessment: str | None, reason: str = "", statuses: Mapping[str, str | None] | None = None) -> dict:
    """The form's assessment, reason and status blocks as Slack sends them in view.state."""
    chosen = {"selected_option": {"value": assessment} if assessment else None, "type": "static_select"}
    state: dict = {
        ids.ASSESSMENT_BLOCK: {ids.ASSESSMENT_ACTION: chosen},
        ids.REASON_BLOCK: {ids.REASON_ACTION: {"type": "plain_text_input", "value": reason or None}},
    }
    for number, status in (statuses or {}).items():
        state[ids.status_block(number)] = {
            ids.STATUS_ACTION: {"type": "static_select", "selected_option": {"value": status} if status else None}
        }
    return state


def submit(
    bot: BotProcess, *, user: str, group: str, channel: str, parts: dict[str, str], goals: dict | None = None
) -> dict:
    """Submit the statement form. Without `goals`, a form opened before it asked for an assessment."""
    response = bot.interaction(
        {
            "type": "view_submission",
            "user": {"id": user, "team_id": "T0MLR"},
            "team": {"id": "T0MLR"},
            "api_app_id": "A0MLR",
            "trigger_id": "t",
            "view": {
                "id": "V0STMT",
                "callback_id": ids.FOLLOWUP_VIEW,
                "type": "modal",
                "team_id": "T0MLR",
                "private_metadata": json.dumps({"group": group, "year": YEAR, "channel_id": channel}),
                "state": {
                    "values": {
                        **(goals or {}),
                        **{
                            ids.statement_block(part): {
                                ids.STATEMENT_ACTION: {"type": "plain_text_input", "value": text}
                            }
                            for part, text in parts.items()
                        },
                    }
                },
            },
        }
    )
    return response.json() if response.body else {}


def statement(db: Database, group: str) -> Statement | None:
    with db.read() as session:
        return plans.get_statement(session, group_key=group, year=YEAR)


def posted_kinds(db: Database, kind: str) -> list[tuple[str, str, str]]:
    from storage import ledger

    with db.read() as session:
        return [(p.period, p.channel_id, p.status) for p in ledger.list_posts(session) if p.kind == kind]


def test_a_whole_year(cycle: tuple[BotProcess, Database], fake_slack: LoopbackSlack, tmp_path: Path) -> None:
    bot, db = cycle
    k, b, s = CHANNELS["kompetens"], CHANNELS["bostad"], CHANNELS["sysselsattning"]

    # Entries through the year, naming planned activities and municipalities.
    logged = bot.command(
        "resultat (1) kommuner:Lund,Eslov Industrinatten genomförd med 400 elever", user_id=MEMBER_K, channel_id=k
    ).json()
    assert logged["response_type"] == "in_channel", logged
    bot.command("aktivitet (2) Möte med teknologkåren", user_id=MEMBER_K, channel_id=k)
    bot.command("resultat Workshop om goda exempel", user_id=MEMBER_B, channel_id=b)
    bot.command("resultat kommuner:Malmö,Svedala Kartläggning klar", user_id=COORDINATOR, channel_id=s)
    wrong = bot.command("resultat (7) Något", user_id=MEMBER_K, channel_id=k).json()
    assert "ingen planerad aktivitet (7)" in answer_text(wrong) and "(1) Industrinatten" in answer_text(wrong)

    # The coordinator starts the campaign; every group's channel gets one prompt with a button.
    started = bot.command(f"uppföljning start {YEAR}", channel_id="C0KOORD").json()
    assert f"Årsuppföljningen {YEAR} är startad" in answer_text(started), started
    prompts = wait_for_calls(fake_slack, "chat.postMessage", 3)
    services = services_for(db, fake_slack)
    again = post_due_followup(services, bot_client(fake_slack), now=datetime.now(UTC))
    assert {o.delivery for o in again if o.kind == PROMPT} <= {Delivery.ALREADY}
    time.sleep(0.3)  # a duplicate prompt from the bot's own scheduler would land now
    prompts = [c for c in fake_slack.calls_to("chat.postMessage") if "uppföljningen" in c.args["text"]]
    assert sorted(c.args["channel"] for c in prompts) == sorted(CHANNELS.values())
    assert all(ids.FOLLOWUP_OPEN in json.dumps(c.args["blocks"]) for c in prompts)

    # Started again, it says when the prompts went out, that they do not go again, and how groups are reminded.
    # "starta": the same command in other words, as a request of its own (the first one again would be a replay)
    restarted = answer_text(bot.command(f"uppföljning starta {YEAR}", channel_id="C0KOORD").json())
    with db.read() as session:
        first = plans.get_followup(session, year=YEAR)
    assert first is not None
    went_out = first.started_at.astimezone(STOCKHOLM).date().isoformat()
    assert f"Uppmaningarna gick ut {went_out} kl. " in restarted and "till 3 kanaler och skickas inte igen" in restarted
    assert "på måndagar kl. 09.00" in restarted and f"`/mlr uppföljning status {YEAR}`" in restarted
    assert "Uppmaningar skickas" not in restarted
    time.sleep(0.3)  # a prompt posted again would land now
    assert len([c for c in fake_slack.calls_to("chat.postMessage") if "uppföljningen" in c.args["text"]]) == 3

    # Someone outside the group cannot open the form; a member gets it filled in with the year's log.
    click(bot, fake_slack, user=OUTSIDER, group="kompetens", channel=k)
    [refusal] = wait_for_calls(fake_slack, "response_url", 1)
    assert "Bara medlemmar i gruppens kanal" in refusal.args["text"]
    assert fake_slack.calls_to("views.open") == []
    click(bot, fake_slack, user=MEMBER_K, group="kompetens", channel=k)
    [opened] = wait_for_calls(fake_slack, "views.open", 1)
    view = opened.args["view"] if isinstance(opened.args["view"], dict) else json.loads(opened.args["view"])
    initial = {
        block["block_id"]: block["element"].get("initial_value") for block in view["blocks"] if block["type"] == "input"
    }
    assert "Industrinatten genomförd med 400 elever" in initial["part_1"]
    assert "Aktivitet: Möte med teknologkåren" in initial["part_2"]
    assert initial["part_3"] is None and initial["part_other"] is None

    # Bad statements are refused with a clear answer and store nothing.
    empty = submit(bot, user=MEMBER_K, group="kompetens", channel=k, parts={"1": "  ", "other": ""})
    assert empty["response_action"] == "errors" and "minst ett fält" in json.dumps(empty, ensure_ascii=False)
    outsider = submit(bot, user=OUTSIDER, group="kompetens", channel=k, parts={"1": "Falskt"})
    assert "Bara medlemmar" in json.dumps(outsider, ensure_ascii=False)
    assert statement(db, "kompetens") is None

    # Two groups submit; one submits again, and the first version stays in the audit trail.
    assert (
        submit(
            bot,
            user=MEMBER_K,
            group="kompetens",
            channel=k,
            parts={"1": "Industrinatten 2026 med 400 elever.", "2": "Event med teknologkåren hölls i maj."},
        )
        == {}
    )
    assert submit(bot, user=MEMBER_B, group="bostad", channel=b, parts={"other": "Första versionen."}) == {}
    assert (
        submit(
            bot,
            user=MEMBER_B,
            group="bostad",
            channel=b,
            parts={"other": "Deltog i Business Arena Stockholm; workshop om goda exempel."},
        )
        == {}
    )

    bostad = statement(db, "bostad")
    assert bostad is not None
    assert bostad.version == 2 and bostad.parts == {
        "other": "Deltog i Business Arena Stockholm; workshop om goda exempel."
    }
    with db.read() as session:
        versions = audit.list_audit_events(session, subject=f"statement:bostad:{YEAR}")
    assert [v.details["after"]["parts"]["other"] for v in versions] == [
        "Första versionen.",
        "Deltog i Business Arena Stockholm; workshop om goda exempel.",
    ]
    status = bot.command("uppföljning status", channel_id="C0KOORD").json()
    assert "2 av 9 grupper har svarat" in json.dumps(status, ensure_ascii=False)

    # Reminders: weekly, only to the silent group, once.
    with db.read() as session:
        followup = plans.get_followup(session, year=YEAR)
    assert followup is not None
    started_local = followup.started_at.astimezone(STOCKHOLM)
    monday = started_local.date() + timedelta(days=7 - started_local.weekday())
    reminder_day = (
        next_working_day(monday - timedelta(days=1))
        if monday != next_working_day(monday - timedelta(days=1))
        else monday
    )
    at = datetime.combine(reminder_day, datetime.min.time(), tzinfo=STOCKHOLM).replace(hour=9, minute=5)
    assert reminder_day <= followup.deadline
    fake_slack.clear()
    post_due_followup(services, bot_client(fake_slack), now=at)
    post_due_followup(services, bot_client(fake_slack), now=at + timedelta(minutes=1))
    reminders = [c for c in fake_slack.calls_to("chat.postMessage") if "Påminnelse" in c.args["text"]]
    assert [c.args["channel"] for c in reminders] == [s]
    assert [(channel, status) for _, channel, status in posted_kinds(db, REMINDER)] == [(s, "posted")]

    # After the deadline the coordinator gets the list of late groups, once.
    after = datetime.combine(next_working_day(followup.deadline), datetime.min.time(), tzinfo=STOCKHOLM)
    post_due_followup(services, bot_client(fake_slack), now=after.replace(hour=9, minute=1))
    post_due_followup(services, bot_client(fake_slack), now=after.replace(hour=9, minute=2))
    late = [c for c in fake_slack.calls_to("chat.postMessage") if c.args["channel"] == "C0KOORD"]
    assert len(late) == 1 and "7 grupper har inte lämnat" in json.dumps(late[0].args["blocks"], ensure_ascii=False)
    assert "Sysselsättning och arbetsmarknad" in json.dumps(late[0].args["blocks"], ensure_ascii=False)
    # Not started, and then the drafts that wait for approval: both answers are drafts still.
    late_lines = "\n".join(b["text"]["text"] for b in late[0].args["blocks"] if b.get("text"))
    waiting = late_lines.split("Utkast som väntar på godkännande:")[1]
    assert "Stimulera ökat bostadsbyggande" in waiting and "Långsiktig kompetensförsörjning" in waiting
    assert "Sysselsättning" not in waiting
    assert [(c, st) for _, c, st in posted_kinds(db, LATE)] == [("C0KOORD", "posted")]

    # The coordinator approves both statements' latest versions: the report shows approved statements.
    approved = approve(bot, fake_slack, user=COORDINATOR, group="kompetens", version=1, channel=k)
    assert "har godkänt version 1" in approved, approved
    assert "har godkänt version 2" in approve(bot, fake_slack, user=COORDINATOR, group="bostad", version=2, channel=b)

    # The report holds exactly the submitted statements under the right groups.
    check_reports(bot, db, fake_slack, tmp_path)


def bot_client(fake: LoopbackSlack) -> WebClient:
    from bot.app import create_web_client

    return create_web_client(load_settings({"SLACK_BOT_TOKEN": "xoxb-test", "SLACK_API_URL": fake.api_url}))


def run_cli(bot: BotProcess, args: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args], cwd=bot.workdir, env=bot.env, capture_output=True, text=True, timeout=120
    )


def check_reports(bot: BotProcess, db: Database, fake: LoopbackSlack, tmp_path: Path) -> None:
    kompetens_result = "Industrinatten 2026 med 400 elever.\nEvent med teknologkåren hölls i maj."
    bostad_result = "Deltog i Business Arena Stockholm; workshop om goda exempel."
    # The date the bot gave the logged result, not today's: a run may cross midnight in Stockholm.
    with db.read() as session:
        [entry] = session.exec(select(Entry).where(Entry.text == "Kartläggning klar")).all()
    logged_on = entry.occurred_on.isoformat()

    md = run_cli(bot, ["report", "--year", str(YEAR), "--format", "md"])
    assert md.returncode == 0, md.stderr
    assert md.stdout.startswith(f"# Uppföljning {YEAR}\n")  # no plan revised for next year: the year's own
    rows = {
        line.split(" | ")[0].lstrip("| ").split("<br>")[0].strip("*"): line
        for line in md.stdout.splitlines()
        if line.startswith("| **")
    }
    assert "• " + kompetens_result.replace("\n", "<br>• ") in rows["Långsiktig kompetensförsörjning"]
    assert f"• {bostad_result}" in rows["Stimulera ökat bostadsbyggande"]
    assert "Första versionen" not in md.stdout
    assert (
        f"*Ingen redovisning inlämnad; loggade resultat:*<br>• *{logged_on} Kartläggning klar*"
        in rows["Sysselsättning och arbetsmarknad"]
    )
    assert (
        f"## Kommunernas deltagande {YEAR}" in md.stdout
        and "| **Lund** | Långsiktig kompetensförsörjning | Långsiktig kompetensförsörjning (1) |" in md.stdout
    )

    out = tmp_path / "rapport.csv"
    assert run_cli(bot, ["report", "--year", str(YEAR), "--format", "csv", "--out", str(out)]).returncode == 0
    assert out.read_bytes().startswith("\ufeff".encode())
    by_group = {row["Namn"]: row for row in csv.DictReader(out.open(encoding="utf-8-sig", newline=""), delimiter=";")}
    results = f"Resultat {YEAR}"
    kompetens, bostad = by_group["Långsiktig kompetensförsörjning"], by_group["Stimulera ökat bostadsbyggande"]
    assert (kompetens["Redovisning inlämnad"], kompetens[results]) == ("ja", kompetens_result)
    assert (bostad["Redovisning inlämnad"], bostad[results]) == ("ja", bostad_result)
    assert by_group["Sysselsättning och arbetsmarknad"]["Redovisning inlämnad"] == "nej"
    assert "Migration & integration" not in by_group  # closed before this year, with nothing in it

    word = tmp_path / "rapport.docx"
    assert run_cli(bot, ["report", "--year", str(YEAR), "--format", "docx", "--out", str(word)]).returncode == 0
    expected = docx_results_expected(kompetens_result, bostad_result, logged_on=entry.occurred_on)
    assert docx_results(word.read_bytes()) == expected

    # In chat the Word document goes to the asking coordinator's DM.
    answer = bot.command(f"rapport {YEAR}", channel_id="C0KOORD").json()
    assert "Word-dokument" in answer_text(answer)
    [complete] = wait_for_calls(fake, "files.completeUploadExternal", 1, timeout=20)
    assert complete.args["channel_id"] == f"D{COORDINATOR}"
    [uploaded] = fake.uploads.values()
    assert docx_results(uploaded) == expected

    future = bot.command(f"rapport {YEAR + 1}", channel_id="C0KOORD").json()
    assert "har inte hänt än" in answer_text(future)
    cli_future = run_cli(bot, ["report", "--year", str(YEAR + 1), "--format", "md"])
    assert cli_future.returncode == 2 and "har inte hänt än" in cli_future.stderr


def docx_results(content: bytes, year: int = YEAR) -> dict[str, str]:
    """Group name → its "Resultat" cell, from every group table of the Word document."""
    document = docx.Document(io.BytesIO(content))
    results = {}
    for table in document.tables:
        header = [cell.text for cell in table.rows[0].cells]
        if header[-1] != f"Resultat {year}":
            continue
        for row in table.rows[1:]:
            results[row.cells[0].text.split("\n")[0]] = row.cells[-1].text
    return results


def docx_results_expected(kompetens: str, bostad: str, *, logged_on: date) -> dict[str, str]:
    kept = logged_on.isoformat().replace("-", "\u2011")  # the renderer keeps a date on one line
    return {
        "Långsiktig kompetensförsörjning": kompetens,
        "Stimulera ökat bostadsbyggande": bostad,
        "Sysselsättning och arbetsmarknad": f"Ingen redovisning inlämnad; loggade resultat:\n{kept}: Kartläggning klar",
        **{
            name: "Inga resultat inlämnade eller loggade."
            for name in (
                "Näringslivsgruppen",
                "ÖP-gruppen",
                "Strukturplan MalmöLundregionen",
                "Planer för transportsystemet",
                "Praktisk samverkan",
                "Forum för viktiga gemensamma frågor",
            )
        },
    }


def test_a_followup_for_a_year_with_neither_plan_nor_entries_or_still_to_come_is_refused(
    cycle: tuple[BotProcess, Database],
) -> None:
    bot, db = cycle
    answer = bot.command("followup start 2019", channel_id="C0KOORD").json()
    assert "Det finns varken en plan eller några poster för 2019" in answer_text(answer)
    future = bot.command(f"uppföljning start {YEAR + 1}", channel_id="C0KOORD").json()
    assert f"{YEAR + 1} har inte börjat än" in answer_text(future)
    member = bot.command(f"uppföljning start {YEAR}", user_id=MEMBER_K, channel_id=CHANNELS["kompetens"]).json()
    assert "Bara koordinatorer" in answer_text(member)
    with db.read() as session:
        assert plans.get_followup(session, year=2019) is None
        assert plans.get_followup(session, year=YEAR + 1) is None


def test_a_coordinator_edits_the_plan_in_a_form(cycle: tuple[BotProcess, Database], fake_slack: LoopbackSlack) -> None:
    bot, db = cycle
    fake_slack.clear()
    refused = bot.command("plan op 2031", user_id=MEMBER_K, channel_id=CHANNELS["kompetens"]).json()
    assert "Bara koordinatorer" in answer_text(refused)
    unknown = bot.command("plan flygplan 2031", channel_id="C0KOORD").json()
    assert "Det finns ingen grupp `flygplan`" in answer_text(unknown)

    assert bot.command("plan kompetens 2031", channel_id="C0KOORD", trigger_id="plan-trigger").body == ""
    [opened] = wait_for_calls(fake_slack, "views.open", 1)
    view = opened.args["view"] if isinstance(opened.args["view"], dict) else json.loads(opened.args["view"])
    initial = {b["block_id"]: b["element"].get("initial_value") for b in view["blocks"] if b["type"] == "input"}
    assert initial["plan_goal"].startswith("Den långsiktiga kompetensförsörjningen")  # carried over
    # one field per planned activity, as many as a plan may have
    assert [initial[f"plan_activity_{n}"] for n in range(1, 5)] == [
        "Industrinatten",
        "Event med LTH:s teknologkår",
        "Nulägesanalys av bristyrken",
        None,
    ]
    assert len(initial) == 3 + plans.MAX_ACTIVITIES  # goal, description, the activities, the text after them

    def values(goal: str, activities: str) -> dict:
        fields = activities.split("|")
        return {
            "plan_goal": {"plan_text": {"type": "plain_text_input", "value": goal}},
            "plan_description": {"plan_text": {"type": "plain_text_input", "value": "Nytt år."}},
            **{
                f"plan_activity_{n}": {"plan_text": {"type": "plain_text_input", "value": field}}
                for n, field in enumerate(fields, start=1)
            },
            "plan_after_activities": {"plan_text": {"type": "plain_text_input", "value": "Det som följer."}},
        }

    def submit_plan(user: str, goal: str, activities: str) -> dict:
        response = bot.interaction(
            {
                "type": "view_submission",
                "user": {"id": user},
                "team": {"id": "T0MLR"},
                "api_app_id": "A0MLR",
                "view": {**view, "id": "V0PLAN", "team_id": "T0MLR", "state": {"values": values(goal, activities)}},
            }
        )
        return response.json() if response.body else {}

    assert submit_plan(COORDINATOR, "  ", "x")["errors"]["plan_goal"] == "Skriv den långsiktiga målbilden."
    old_form = bot.interaction(  # opened before one field per activity: refused, not saved without them
        {
            "type": "view_submission",
            "user": {"id": COORDINATOR},
            "team": {"id": "T0MLR"},
            "api_app_id": "A0MLR",
            "view": {
                **view,
                "id": "V0PLAN",
                "team_id": "T0MLR",
                "state": {
                    "values": {
                        **values("Mål", ""),
                        "plan_activities": {"plan_text": {"type": "plain_text_input", "value": "A\nB"}},
                    }
                },
            },
        }
    ).json()
    assert "äldre sort" in old_form["errors"]["plan_goal"]
    assert "Bara koordinatorer" in submit_plan(MEMBER_K, "Mål", "x")["errors"]["plan_goal"]
    assert submit_plan(COORDINATOR, "Mål 2031", "Första||  Andra\npå två rader  |") == {}
    with db.read() as session:
        plan = plans.get_plan(session, group_key="kompetens", year=2031)
        activities = plans.list_planned_activities(session, group_key="kompetens", year=2031)
    assert plan is not None and (plan.goal, plan.description) == ("Mål 2031", "Nytt år.")
    assert plan.after_activities == "Det som följer."
    assert [(a.number, a.text) for a in activities] == [(1, "Första"), (2, "Andra\npå två rader")]

    # A long plan: 20 activities of 2,000 characters (40,000 in all) are shown and saved whole.
    long = [f"({n}) " + "å" * 1995 for n in range(1, plans.MAX_ACTIVITIES + 1)]
    assert submit_plan(COORDINATOR, "Mål 2031", "|".join(long)) == {}
    fake_slack.clear()
    assert bot.command("plan kompetens 2031", channel_id="C0KOORD", trigger_id="plan-trigger-2").body == ""
    [opened] = wait_for_calls(fake_slack, "views.open", 1)
    again = opened.args["view"] if isinstance(opened.args["view"], dict) else json.loads(opened.args["view"])
    shown = {b["block_id"]: b["element"].get("initial_value") for b in again["blocks"] if b["type"] == "input"}
    assert [shown[f"plan_activity_{n}"] for n in range(1, plans.MAX_ACTIVITIES + 1)] == long
    with db.read() as session:
        saved = plans.list_planned_activities(session, group_key="kompetens", year=2031)
    assert [a.text for a in saved] == long

    # A text longer than a form field holds (set from the groups file) is refused, not shown in part.
    with db.write() as session:
        spec = plans.PlanSpec(description="x", activities=("Kort", "ö" * 3001))
        plans.set_plan(
            session, group_key="kompetens", year=2031, goal="Mål", spec=spec, actor="U0K", now=datetime.now(UTC)
        )
    fake_slack.clear()
    refused_long = bot.command("plan kompetens 2031", channel_id="C0KOORD", trigger_id="plan-trigger-3").json()
    assert "Aktivitet (2) är 3001 tecken" in answer_text(refused_long)
    assert "mlr-bot groups load" in answer_text(refused_long)
    assert fake_slack.calls_to("views.open") == []

    # A standing group has one description and no goal the plan would have to invent.
    fake_slack.clear()
    assert bot.command("plan op 2031", channel_id="C0KOORD", trigger_id="plan-trigger-op").body == ""
    [opened_op] = wait_for_calls(fake_slack, "views.open", 1)
    view = opened_op.args["view"] if isinstance(opened_op.args["view"], dict) else json.loads(opened_op.args["view"])
    op_initial = {b["block_id"]: b["element"].get("initial_value") for b in view["blocks"] if b["type"] == "input"}
    assert next(b for b in view["blocks"] if b["block_id"] == "plan_goal").get("optional") is True
    assert op_initial["plan_goal"] is None  # the shipped plan states no goal for it
    assert op_initial["plan_description"].startswith("MalmöLundregionens näringslivsgrupp och ÖP-grupp")  # from 2017
    assert submit_plan(COORDINATOR, "", "") == {}
    with db.read() as session:
        op_plan = plans.get_plan(session, group_key="op", year=2031)
    assert op_plan is not None and (op_plan.goal, op_plan.description) == ("", "Nytt år.")


def test_a_report_for_a_year_with_nothing_in_it_says_so(
    cycle: tuple[BotProcess, Database], fake_slack: LoopbackSlack
) -> None:
    bot, _ = cycle
    fake_slack.clear()
    answer = bot.command("rapport 2019", channel_id="C0KOORD").json()
    assert "tas fram" in answer_text(answer)
    [told] = wait_for_calls(fake_slack, "chat.postMessage", 1)
    assert told.args["channel"] == f"D{COORDINATOR}"
    assert "Det finns ingen plan, inga inlämnade resultat och inga poster för 2019" in told.args["text"]
    assert fake_slack.calls_to("files.completeUploadExternal") == []


def test_the_deadline_is_the_configured_day_or_two_weeks_on_when_that_day_has_come() -> None:
    from core.schedule import deadline_for, on_day

    settings = load_settings({"MLR_FOLLOWUP_DEADLINE": "11-30"})
    assert deadline_for(settings, year=2026, today=date(2026, 11, 1)) == date(2026, 11, 30)
    assert deadline_for(settings, year=2026, today=date(2026, 11, 30)) == date(2026, 12, 14)
    assert deadline_for(settings, year=2025, today=date(2026, 1, 10)) == date(2026, 1, 24)
    assert on_day(2027, (2, 29)) == date(2027, 2, 28)


def test_the_season_runs_from_the_start_day_at_nine_to_the_deadline() -> None:
    from core.schedule import in_season

    settings = load_settings({"MLR_FOLLOWUP_DATE": "11-01", "MLR_FOLLOWUP_DEADLINE": "11-30"})

    def at(year: int, month: int, day: int, hour: int, minute: int) -> datetime:
        return datetime(year, month, day, hour, minute, tzinfo=STOCKHOLM)

    assert not in_season(settings, at(2026, 11, 1, 8, 59))
    assert in_season(settings, at(2026, 11, 1, 9, 0))
    assert in_season(settings, at(2026, 11, 30, 23, 59))
    assert not in_season(settings, at(2026, 12, 1, 0, 0))
    assert not in_season(settings, at(2027, 1, 15, 12, 0))


def test_the_bot_processes_of_other_tests_meet_no_scheduled_post() -> None:
    """The harness keeps the real clock's follow-up season and weekly digests away from every
    test that is not about them, whatever the day it runs."""
    from core.schedule import due_weeks, in_season
    from tests.harness import schedules_away_from

    first = datetime(2028, 1, 1, tzinfo=STOCKHOLM)  # a leap year, and across its turn
    for hours in range(0, 367 * 24, 5):
        now = first + timedelta(hours=hours)
        settings = load_settings(schedules_away_from(now.date()))
        assert not in_season(settings, now), now
        assert due_weeks(settings, now) == [], now
