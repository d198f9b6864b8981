"""The seed's own year end to end, with the bot living in autumn 2016: the plan's 2016 results logged as they
happened (`datum:2016-…`), the 2016 follow-up in chat without a 2016 plan (prompts, forms pre-filled from the log,
a resubmission, an outsider refused, reminders, the late list), Migration & integration closed during the year,
the follow-up closed, next year's plans carried, and the report read back in md, docx, csv and xlsx: the seed's
table row for row, with the plan revised for 2017 beside Resultat 2016.

The bot's clock is a parameter: the real Bolt app of `mlr-bot run --http` (create_app and the WSGI app waitress
serves) is built in this process with a clock the test moves, and gets Slack's signed requests as waitress would
hand them over. Only Slack is faked (the loopback Web API)."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

import docx
import pytest
from docx.oxml.ns import qn
from openpyxl import load_workbook

from bot.app import create_app, create_web_client
from bot.config import load_settings
from bot.jobs.followup import LATE, REMINDER, post_due_followup
from bot.loopback_slack import LoopbackSlack
from bot.startup import prepare_database
from bot.web import EVENTS_PATH, WebApp
from core.report_formats import ReportDoc, to_csv, to_docx, to_markdown, to_xlsx
from handlers import ids
from handlers.context import Services
from storage import audit, ledger, plans
from storage.db import Database
from storage.models import FollowupStatus
from tests.core.test_report import SEED_STATEMENTS_2016
from tests.core.test_report_formats import seed_2016
from tests.e2e.test_commands import form_submission
from tests.harness import BOT_TOKEN, COORDINATOR, SIGNING_SECRET, signed_headers, slash_command

STOCKHOLM = ZoneInfo("Europe/Stockholm")
COORDINATION = "C0KOORD16"
CHANNELS = {
    key: f"C0{key.upper()[:6]}16"
    for key in (
        "kompetens",
        "bostad",
        "sysselsattning",
        "migration",
        "strukturplan",
        "transport",
        "praktisk",
        "naringsliv",
        "op",
        "forum",
    )
}
MEMBERS = {key: f"U0{key.upper()[:6]}" for key in CHANNELS}
OUTSIDER = "U0UTOMST"
EVERY_MUNICIPALITY = "Burlöv,Eslöv,Höör,Kävlinge,Lomma,Lund,Malmö,Staffanstorp,Svedala,Trelleborg,Vellinge"


def at(year: int, month: int, day: int, hour: int = 10, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=STOCKHOLM)


@dataclass
class Clock:
    now: datetime

    def __call__(self) -> datetime:
        return self.now


class Bot:
    """The bot's Bolt app in this process, behind the WSGI app `mlr-bot run --http` serves."""

    def __init__(self, web_app: WebApp) -> None:
        self.web_app = web_app
        self.sent = 0

    def _post(self, body: str, content_type: str = "application/x-www-form-urlencoded") -> tuple[str, str]:
        payload = body.encode()
        headers = signed_headers(body, content_type=content_type)
        environ: dict[str, Any] = {
            "REQUEST_METHOD": "POST",
            "PATH_INFO": EVENTS_PATH,
            "QUERY_STRING": "",
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "80",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(payload),
            "CONTENT_LENGTH": str(len(payload)),
            "CONTENT_TYPE": headers.pop("Content-Type"),
            **{"HTTP_" + name.upper().replace("-", "_"): value for name, value in headers.items()},
        }
        status: list[str] = []
        answer = b"".join(self.web_app(environ, lambda line, _headers, _exc=None: status.append(line)))  # type: ignore[arg-type]
        return status[0], answer.decode()

    def command(self, text: str, *, user_id: str = COORDINATOR, channel_id: str = COORDINATION) -> dict[str, Any]:
        self.sent += 1
        fields = slash_command(text, user_id=user_id, channel_id=channel_id, trigger_id=f"trigger-{self.sent}")
        status, body = self._post(urlencode(fields))
        assert status.startswith("200"), (status, body)
        return json.loads(body) if body else {}

    def interaction(self, payload: dict[str, Any]) -> dict[str, Any]:
        status, body = self._post(urlencode({"payload": json.dumps(payload)}))
        assert status.startswith("200"), (status, body)
        return json.loads(body) if body else {}


def said(answer: dict[str, Any]) -> str:
    return "\n".join(block["text"]["text"] for block in answer.get("blocks") or [] if block.get("text"))


@pytest.fixture
def year_2016(database_url: str, fake_slack: LoopbackSlack) -> Iterator[tuple[Bot, Database, Clock, Services]]:
    fake_slack.clear()
    env = {
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": fake_slack.api_url,
        "DATABASE_URL": database_url,
        "MLR_COORDINATORS": COORDINATOR,
        "MLR_COORDINATOR_CHANNEL": COORDINATION,
        "MLR_FOLLOWUP_DATE": "11-01",
        "MLR_FOLLOWUP_DEADLINE": "11-30",
    }
    settings = load_settings(env)
    clock = Clock(at(2016, 9, 5))
    db = prepare_database(settings, now=clock())
    client = create_web_client(settings)
    bot = Bot(WebApp(create_app(settings, db, client=client, clock=clock, process_before_response=True), db))
    yield bot, db, clock, Services(settings=settings, db=db, clock=clock)
    db.dispose()


def click(bot: Bot, fake: LoopbackSlack, *, user: str, group: str, name: str) -> None:
    channel = CHANNELS[group]
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
            "actions": [{"type": "button", "action_id": ids.FOLLOWUP_OPEN, "block_id": "b", "value": f"{group}:2016"}],
        }
    )


def press(bot: Bot, fake: LoopbackSlack, *, user: str, action: dict[str, Any], name: str) -> None:
    bot.interaction(
        {
            "type": "block_actions",
            "user": {"id": user, "team_id": "T0MLR"},
            "team": {"id": "T0MLR"},
            "api_app_id": "A0MLR",
            "trigger_id": f"trigger-{name}",
            "channel": {"id": COORDINATION},
            "container": {"type": "message", "message_ts": "1.1", "channel_id": COORDINATION},
            "response_url": fake.response_url(name),
            "actions": [{**action, "block_id": "b", "action_ts": "1.2"}],
        }
    )


def submit(bot: Bot, *, user: str, group: str, text: str) -> dict[str, Any]:
    return bot.interaction(
        {
            "type": "view_submission",
            "user": {"id": user, "team_id": "T0MLR"},
            "team": {"id": "T0MLR"},
            "api_app_id": "A0MLR",
            "trigger_id": "t",
            "view": {
                "id": f"V0{group.upper()[:6]}",
                "callback_id": ids.FOLLOWUP_VIEW,
                "type": "modal",
                "team_id": "T0MLR",
                "private_metadata": json.dumps({"group": group, "year": 2016, "channel_id": CHANNELS[group]}),
                "state": {
                    "values": {
                        # The plan's 2016 follow-up assessed no goal: each group says "ej bedömd".
                        ids.ASSESSMENT_BLOCK: {
                            ids.ASSESSMENT_ACTION: {
                                "type": "static_select",
                                "selected_option": {"value": "not_assessed"},
                            }
                        },
                        ids.REASON_BLOCK: {ids.REASON_ACTION: {"type": "plain_text_input", "value": None}},
                        ids.statement_block("other"): {
                            ids.STATEMENT_ACTION: {"type": "plain_text_input", "value": text}
                        },
                    }
                },
            },
        }
    )


def mlr_bot(database_url: str, cwd: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "MLR_", "DATABASE_URL", "PORT"))}
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=cwd,
        env={**clean, "DATABASE_URL": database_url},
        capture_output=True,
        timeout=120,
    )


def test_the_2016_cycle_gives_the_seeds_table(
    year_2016: tuple[Bot, Database, Clock, Services], fake_slack: LoopbackSlack, database_url: str, tmp_path: Path
) -> None:
    bot, db, clock, services = year_2016
    for key, channel in CHANNELS.items():
        assert bot.command(f"koppla {key}", channel_id=channel)["response_type"] == "in_channel"
        fake_slack.members[channel] = [MEMBERS[key]]

    # Through the autumn the groups log what happened, on the day it happened.
    clock.now = at(2016, 10, 24)
    logged = [
        ("bostad", "resultat datum:2016-10-18 Workshop med tema ”goda exempel inom bostadsbyggande” genomfördes."),
        ("kompetens", "resultat datum:2016-09-14 Handlingsprogram framtaget med tre konkreta aktiviteter."),
        ("kompetens", "resultat datum:2016-10-03 Beslut om Industrinatten 2017."),
        ("strukturplan", f"aktivitet datum:2016-10-11 kommuner:{EVERY_MUNICIPALITY} Samråd om strukturplanen"),
        ("praktisk", f"aktivitet datum:2016-05-02 kommuner:{EVERY_MUNICIPALITY} Inventering av samverkan"),
        ("migration", "resultat datum:2016-10-20 Kartläggningen av etableringsinsatser är klar."),
    ]
    for key, text in logged:
        answer = bot.command(text, user_id=MEMBERS[key], channel_id=CHANNELS[key])
        assert answer["response_type"] == "in_channel", (key, answer)
    future = bot.command("resultat datum:2016-11-02 För tidigt", user_id=MEMBERS["op"], channel_id=CHANNELS["op"])
    assert "har inte hänt än" in said(future)

    # 1 November: the coordinator starts the 2016 follow-up; there is no 2016 plan, only 2017's.
    clock.now = at(2016, 11, 1, 9, 30)
    fake_slack.clear()
    started = bot.command("uppföljning start 2016")
    assert "Årsuppföljningen 2016 är startad med sista dag 2016-11-30" in said(started), started
    assert "10 kanaler" in said(started)  # every group of 2016, Migration & integration too
    prompts = fake_slack.calls_to("chat.postMessage")
    assert sorted(c.args["channel"] for c in prompts) == sorted(CHANNELS.values())
    assert all(ids.FOLLOWUP_OPEN in json.dumps(c.args["blocks"]) for c in prompts)

    # An outsider is refused the form; a member gets it in one field, pre-filled from the year's log.
    click(bot, fake_slack, user=OUTSIDER, group="bostad", name="outsider")
    [refusal] = [c for c in fake_slack.calls_to("response_url") if c.path.endswith("/outsider")]
    assert "Bara medlemmar i gruppens kanal" in refusal.args["text"]
    click(bot, fake_slack, user=MEMBERS["kompetens"], group="kompetens", name="kompetens")
    [opened] = fake_slack.calls_to("views.open")
    view = opened.args["view"] if isinstance(opened.args["view"], dict) else json.loads(opened.args["view"])
    inputs = {b["block_id"]: b for b in view["blocks"] if b["type"] == "input"}
    assert list(inputs) == [ids.ASSESSMENT_BLOCK, ids.REASON_BLOCK, ids.statement_block("other")]
    assert inputs["part_other"]["label"]["text"] == "Resultat 2016"
    assert inputs["part_other"]["element"]["initial_value"] == (
        "• Handlingsprogram framtaget med tre konkreta aktiviteter. (2016-09-14)\n"
        "• Beslut om Industrinatten 2017. (2016-10-03)"
    )
    outsider = submit(bot, user=OUTSIDER, group="kompetens", text="Falskt")
    assert "Bara medlemmar" in json.dumps(outsider, ensure_ascii=False)

    # Two groups answer in the first week, Kompetens with a first version it later replaces.
    assert (
        submit(bot, user=MEMBERS["kompetens"], group="kompetens", text=inputs["part_other"]["element"]["initial_value"])
        == {}
    )
    assert (
        submit(
            bot,
            user=MEMBERS["sysselsattning"],
            group="sysselsattning",
            text=SEED_STATEMENTS_2016["sysselsattning"]["other"],
        )
        == {}
    )

    # Monday 7 November 09:05: one reminder to each silent group's channel, once.
    fake_slack.clear()
    for minute in (5, 6):
        post_due_followup(services, create_web_client(services.settings), now=at(2016, 11, 7, 9, minute))
    reminded = [c.args["channel"] for c in fake_slack.calls_to("chat.postMessage") if "Påminnelse" in c.args["text"]]
    silent = [CHANNELS[k] for k in CHANNELS if k not in ("kompetens", "sysselsattning")]
    assert sorted(reminded) == sorted(silent)
    with db.read() as session:
        assert sorted(p.channel_id for p in ledger.list_posts(session) if p.kind == REMINDER) == sorted(silent)

    # The rest answer, but Bostad, whose logged result will stand in; Kompetens submits its final version.
    clock.now = at(2016, 11, 20)
    for key, parts in SEED_STATEMENTS_2016.items():
        if key != "sysselsattning":
            assert submit(bot, user=MEMBERS[key], group=key, text=parts["other"]) == {}, key
    with db.read() as session:
        kompetens = plans.get_statement(session, group_key="kompetens", year=2016)
        versions = audit.list_audit_events(session, subject="statement:kompetens:2016")
    assert kompetens is not None and kompetens.version == 2
    assert [v.details["after"]["parts"]["other"].splitlines()[0] for v in versions] == [
        "• Handlingsprogram framtaget med tre konkreta aktiviteter. (2016-09-14)",
        "Handlingsprogram framtaget med tre konkreta aktiviteter.",
    ]
    status = bot.command("uppföljning status 2016")
    assert "9 av 10 grupper har svarat" in json.dumps(status, ensure_ascii=False)

    # Each group's final version is approved: Kompetens's by its group lead, the rest by the coordinator.
    assert "är nu gruppledare" in said(bot.command(f"gruppledare lägg till <@{MEMBERS['op']}> kompetens"))
    fake_slack.clear()
    for key in SEED_STATEMENTS_2016:
        version = 2 if key == "kompetens" else 1
        approve = {"type": "button", "action_id": ids.STATEMENT_APPROVE, "value": f"{key}:2016:{version}"}
        press(bot, fake_slack, user=MEMBERS["op"] if key == "kompetens" else COORDINATOR, action=approve, name=key)
    approvals = {c.path.rsplit("/", 1)[1]: c.args["text"] for c in fake_slack.calls_to("response_url")}
    assert sorted(approvals) == sorted(SEED_STATEMENTS_2016)
    assert all(f"har godkänt version {2 if k == 'kompetens' else 1}" in t for k, t in approvals.items()), approvals

    # The working day after the deadline the coordinator hears, once, that Bostad has not answered.
    fake_slack.clear()
    for minute in (1, 2):
        post_due_followup(services, create_web_client(services.settings), now=at(2016, 12, 1, 9, minute))
    [late] = [c for c in fake_slack.calls_to("chat.postMessage") if c.args["channel"] == COORDINATION]
    late_text = json.dumps(late.args["blocks"], ensure_ascii=False)
    assert "1 grupp har inte lämnat" in late_text and "Stimulera ökat bostadsbyggande" in late_text
    with db.read() as session:
        assert [p.channel_id for p in ledger.list_posts(session) if p.kind == LATE] == [COORDINATION]

    # Migration & integration closes on 31 December: its last entry is taken, a later one refused.
    clock.now = at(2016, 12, 31, 15)
    last = bot.command("resultat grupp:migration datum:2016-12-31 Kunskapsbasen överlämnad", channel_id="C0DM16")
    assert last["response_type"] == "in_channel"
    # Its entries stay editable in it, but not moved past its closing day.
    clock.now = at(2017, 1, 9)
    last_id = int(said(last).split("*#")[1].split("*")[0])
    fake_slack.clear()
    assert bot.command(f"ändra {last_id}", channel_id="C0DM16") == {}
    [opened_edit] = fake_slack.calls_to("views.open")
    edit = (
        opened_edit.args["view"] if isinstance(opened_edit.args["view"], dict) else json.loads(opened_edit.args["view"])
    )
    group_select = next(b for b in edit["blocks"] if b["block_id"] == ids.GROUP_BLOCK)["element"]
    assert group_select["initial_option"]["value"] == "migration"
    moved = bot.interaction(
        form_submission(edit, user_id=COORDINATOR, group="migration", kind="result", day="2017-01-02", text="Sent")
    )
    assert "avslutades 2016-12-31" in json.dumps(moved, ensure_ascii=False)
    kept = form_submission(
        edit, user_id=COORDINATOR, group="migration", kind="result", day="2016-12-31", text="Kunskapsbasen överlämnad."
    )
    assert bot.interaction(kept) == {}
    clock.now = at(2017, 1, 9)
    refused = bot.command("resultat grupp:migration Något nytt", channel_id="C0DM16")
    assert "avslutades 2016-12-31" in said(refused) and "inte 2017-01-09" in said(refused)
    closed = bot.command("uppföljning stäng 2016")
    assert "Årsuppföljningen 2016 är stängd" in said(closed)
    assert "Nu kan planen för 2017 revideras" in said(closed)
    [offer] = [e for b in closed["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert (offer["action_id"], offer["value"], offer["text"]["text"]) == (
        ids.PLAN_CARRY,
        "2017",
        "Kopiera planerna till 2017",
    )
    fake_slack.clear()
    press(bot, fake_slack, user=MEMBERS["op"], action=offer, name="carry-member")
    press(bot, fake_slack, user=COORDINATOR, action=offer, name="carry")
    answers = {c.path.rsplit("/", 1)[1]: c.args["text"] for c in fake_slack.calls_to("response_url")}
    assert "Bara koordinatorer" in answers["carry-member"]
    assert answers["carry"] == (
        "Inga planer kopierades till 2017. 9 grupper hade redan en plan för 2017, som behölls: `kompetens`, "
        "`bostad`, `sysselsattning`, `strukturplan`, `transport`, `praktisk`, `naringsliv`, `op`, `forum`."
    )
    with db.read() as session:
        followup = plans.get_followup(session, year=2016)
    assert followup is not None and followup.status == FollowupStatus.CLOSED
    late_submit = submit(bot, user=MEMBERS["bostad"], group="bostad", text="För sent")
    assert "är stängd" in json.dumps(late_submit, ensure_ascii=False)

    # The past year reads as a past year.
    past = bot.command("status migration 2016")
    assert past["blocks"][0]["text"]["text"] == "Migration & integration: läget 2016"
    assert "senaste resultat 2016-12-31" in said(past) and "resultaten för 2016 inlämnade (version 1)" in said(past)

    # The revision: each active group's latest plan (2017's) carried into 2018; the 2016 report keeps 2017's.
    carried = mlr_bot(database_url, tmp_path, "plan", "carry", "--to", "2018")
    assert carried.returncode == 0, carried.stderr
    assert carried.stdout.decode().startswith("9 planer kopierade till 2018: kompetens (från 2017), bostad (från 2017)")

    # In chat, mid-January 2017: the Word document in the coordinator's DM is the seed's table.
    clock.now = at(2017, 1, 16)
    fake_slack.clear()
    asked = bot.command("rapport 2016")
    assert "tas fram" in said(asked)
    [complete] = fake_slack.calls_to("files.completeUploadExternal")
    assert complete.args["channel_id"] == f"D{COORDINATOR}"
    [uploaded] = fake_slack.uploads.values()
    check_word(uploaded, seed_2016())
    (tmp_path / "rapport-2016.docx").write_bytes(uploaded)

    # From the command line (made today): md, csv, xlsx and docx, each the seed's table.
    md = mlr_bot(database_url, tmp_path, "report", "--year", "2016", "--format", "md")
    assert md.returncode == 0, md.stderr
    made_on = date.fromisoformat(md.stdout.decode().split("Framtagen ")[1][:10])
    expected = replace(seed_2016(), made_on=made_on)
    assert md.stdout.decode() == to_markdown(expected)
    for fmt in ("csv", "xlsx", "docx"):
        out = tmp_path / f"rapport.{fmt}"
        made = mlr_bot(database_url, tmp_path, "report", "--year", "2016", "--format", fmt, "--out", str(out))
        assert made.returncode == 0, made.stderr
    assert (tmp_path / "rapport.csv").read_bytes() == to_csv(expected)
    rows = list(csv.reader(io.StringIO((tmp_path / "rapport.csv").read_bytes().decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Avsnitt", "Namn", "Anmärkning"] and rows[0][-2:] == ["Redovisning inlämnad", "Avslutad"]
    by_name = {row[1]: row for row in rows[1:]}
    assert by_name["Stimulera ökat bostadsbyggande"][-2:] == ["nej", "nej"]
    assert by_name["Migration & integration"][-2:] == ["ja", "ja"]
    assert workbook_cells((tmp_path / "rapport.xlsx").read_bytes()) == workbook_cells(to_xlsx(expected))
    check_word((tmp_path / "rapport.docx").read_bytes(), expected)
    assert word_cells((tmp_path / "rapport.docx").read_bytes()) == word_cells(to_docx(expected))


def word_cells(content: bytes) -> list[list[list[str]]]:
    document = docx.Document(io.BytesIO(content))
    return [[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables]


def workbook_cells(content: bytes) -> dict[str, list[list[str]]]:
    workbook = load_workbook(io.BytesIO(content), rich_text=True)
    return {sheet.title: [[str(cell.value or "") for cell in row] for row in sheet.iter_rows()] for sheet in workbook}


def check_word(content: bytes, expected: ReportDoc) -> None:
    """The Word document read back: the sections and statements of the seed's table, the planned work from the
    2017 plan, Swedish proofing, the page-number field, rows that cannot split and header rows that repeat."""
    document = docx.Document(io.BytesIO(content))
    assert [p.text for p in document.paragraphs[:2]] == ["MalmöLundregionen", expected.title]
    assert expected.title == "Verksamhetsplan reviderad inför 2017 · Resultat 2016"
    headings = [p.text for p in document.paragraphs if p.style is not None and p.style.name == "Heading 1"]
    assert headings == [section.heading for section in expected.sections]
    assert word_cells(content) == word_cells(to_docx(expected))
    focus = document.tables[0]
    assert [c.text for c in focus.rows[0].cells] == [
        "Fokusfråga",
        "Långsiktig målbild",
        "Beskrivning och genomförande 2017",
        "Resultat 2016",
    ]
    assert focus.rows[1].cells[2].text.startswith("Inom kompetensförsörjning finns utmaningar")
    assert "(1) öka intresset för yrkesprogram" in focus.rows[1].cells[2].text
    assert focus.rows[1].cells[3].text.splitlines()[0] == "Handlingsprogram framtaget med tre konkreta aktiviteter."
    ongoing = document.tables[2]
    assert len(ongoing.columns) == 3  # description | Resultat 2016: no goal column
    styles = document.styles.element
    langs = {lang.get(qn("w:val")) for lang in styles.iter(qn("w:lang"))}
    assert langs == {"sv-SE"}
    assert document.core_properties.author == "MalmöLundregionen"
    footer = document.sections[0].footer._element
    assert [t.text.strip() for t in footer.iter(qn("w:instrText"))] == ["PAGE", "NUMPAGES"]
    for table in document.tables:
        for n, row in enumerate(table.rows):
            properties = row._tr.trPr
            assert properties is not None and properties.find(qn("w:cantSplit")) is not None
            assert (properties.find(qn("w:tblHeader")) is not None) == (n == 0)
