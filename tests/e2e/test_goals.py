"""Goal attainment and sign-off end to end (issue 14), through the running bot: the statement form pre-filled
from last year's answer, assessments and activity statuses, a group lead's approval, a revision that leaves the
approved version in the report, a non-lead refused, the history, and the report's first table read back from
Markdown, Word and Excel."""

from __future__ import annotations

import csv
import io
import itertools
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import docx
import openpyxl

from bot.loopback_slack import LoopbackSlack
from handlers import ids
from storage import plans
from storage.db import Database
from tests.e2e import test_followup
from tests.e2e.test_commands import answer_text, wait_for_calls
from tests.e2e.test_followup import (
    CHANNELS,
    MEMBER_B,
    MEMBER_K,
    YEAR,
    approve,
    click,
    goal_state,
    run_cli,
    statement,
    submit,
)
from tests.harness import COORDINATOR, BotProcess

cycle = test_followup.cycle  # the follow-up's bot with this year's plan, a fresh one for this module
LEAD_K = "U0LEADK1"
ACTIVITIES = ("Industrinatten", "Event med LTH:s teknologkår", "Nulägesanalys av bristyrken")


_triggers = itertools.count()


def command(bot: BotProcess, text: str, *, user_id: str = COORDINATOR, channel_id: str = "C0KOORD") -> dict:
    """`/mlr text`, each with its own trigger_id as Slack gives it (the same body twice is a retry)."""
    return bot.command(
        text, user_id=user_id, channel_id=channel_id, trigger_id=f"trigger-goals-{next(_triggers)}"
    ).json()


def seed_last_year(db: Database) -> None:
    """Kompetens's plan and approved answer for last year: two activities with the same texts as this year's."""
    now = datetime.now(UTC) - timedelta(days=300)
    with db.write() as session:
        spec = plans.PlanSpec(activities=(ACTIVITIES[0], ACTIVITIES[1], "Mässa på Sturup"))
        plans.set_plan(session, group_key="kompetens", year=YEAR - 1, goal="Målbild", spec=spec, actor="t", now=now)
        plans.submit_statement(
            session,
            group_key="kompetens",
            year=YEAR - 1,
            parts={"1": "Planering påbörjad."},
            actor=MEMBER_K,
            now=now,
            goals=plans.Goals("partly", "Halva handlingsplanen är genomförd.", {"1": "ongoing", "3": "done"}),
        )
        plans.approve_statement(session, group_key="kompetens", year=YEAR - 1, version=1, actor=COORDINATOR, now=now)


def opened_view(fake: LoopbackSlack) -> dict:
    [opened] = wait_for_calls(fake, "views.open", 1)
    view = opened.args["view"]
    return view if isinstance(view, dict) else json.loads(view)


def test_assessments_statuses_and_sign_off(
    cycle: tuple[BotProcess, Database], fake_slack: LoopbackSlack, tmp_path: Path
) -> None:
    bot, db = cycle
    k, b = CHANNELS["kompetens"], CHANNELS["bostad"]
    seed_last_year(db)
    started = command(bot, f"uppföljning start {YEAR}")
    assert f"Årsuppföljningen {YEAR} är startad" in answer_text(started), started

    # The form asks for the assessment, its reason and a status next to each activity's text, filled in from
    # last year's answer: its assessment and reason, and the status of the activities with the same text.
    fake_slack.clear()
    click(bot, fake_slack, user=MEMBER_K, group="kompetens", channel=k)
    view = opened_view(fake_slack)
    inputs = {block["block_id"]: block for block in view["blocks"] if block["type"] == "input"}
    assert list(inputs) == [
        ids.ASSESSMENT_BLOCK,
        ids.REASON_BLOCK,
        "part_1",
        "status_1",
        "part_2",
        "status_2",
        "part_3",
        "status_3",
        "part_other",
    ]
    assessment = inputs[ids.ASSESSMENT_BLOCK]["element"]
    assert [o["text"]["text"] for o in assessment["options"]] == ["uppnås", "delvis", "uppnås inte", "ej bedömd"]
    assert assessment["initial_option"]["value"] == "partly"
    assert inputs[ids.REASON_BLOCK]["element"]["initial_value"] == "Halva handlingsplanen är genomförd."
    statuses = inputs["status_1"]["element"]
    assert [o["text"]["text"] for o in statuses["options"]] == [
        "genomförd",
        "pågår",
        "ej påbörjad",
        "försenad",
        "utgår",
    ]
    assert statuses["initial_option"]["value"] == "ongoing"  # (1) Industrinatten, as last year
    assert "initial_option" not in inputs["status_2"]["element"]  # last year's (2) had no status
    assert "initial_option" not in inputs["status_3"]["element"]  # last year's (3) was another activity
    assert f"ifyllda från gruppens svar för {YEAR - 1}" in json.dumps(view["blocks"], ensure_ascii=False)

    # A reason is needed unless "ej bedömd", an assessment and each status are needed; nothing is stored.
    parts = {"1": "Industrinatten med 400 elever.", "2": "Eventet hölls i maj.", "3": "Analysen är försenad."}
    done = {"1": "done", "2": "done", "3": "delayed"}
    no_reason = submit(bot, user=MEMBER_K, group="kompetens", channel=k, parts=parts, goals=goal_state("met", "", done))
    assert no_reason["response_action"] == "errors" and list(no_reason["errors"]) == [ids.REASON_BLOCK]
    no_choice = submit(bot, user=MEMBER_K, group="kompetens", channel=k, parts=parts, goals=goal_state(None, "", done))
    assert list(no_choice["errors"]) == [ids.ASSESSMENT_BLOCK]
    no_status = submit(
        bot,
        user=MEMBER_K,
        group="kompetens",
        channel=k,
        parts=parts,
        goals=goal_state("met", "Klart.", {**done, "3": None}),
    )
    assert list(no_status["errors"]) == ["status_3"]
    assert statement(db, "kompetens") is None
    unassessed = goal_state("not_assessed", "", {})
    assert (
        submit(bot, user=MEMBER_B, group="bostad", channel=b, parts={"other": "Business Arena."}, goals=unassessed)
        == {}
    )

    # The member submits version 1: a draft, posted to the group's channel with the button that approves it.
    fake_slack.clear()
    reason = "Två av tre aktiviteter är genomförda & målet <nås>."
    first = submit(bot, user=MEMBER_K, group="kompetens", channel=k, parts=parts, goals=goal_state("met", reason, done))
    assert first == {}, first
    [posted] = wait_for_calls(fake_slack, "chat.postMessage", 1, where=lambda c: c.args["channel"] == k)
    assert "utkast" in posted.args["text"] and "uppnås" in posted.args["text"]
    buttons = [e for block in posted.args["blocks"] if block["type"] == "actions" for e in block["elements"]]
    assert [(e["action_id"], e["value"]) for e in buttons] == [(ids.STATEMENT_APPROVE, f"kompetens:{YEAR}:1")]
    saved = statement(db, "kompetens")
    assert saved is not None and (saved.assessment, saved.reason, saved.statuses) == ("met", reason, done)
    assert saved.approved_at is None

    # A member who is not the group's lead cannot approve it, and is told who can.
    refused = approve(bot, fake_slack, user=MEMBER_K, group="kompetens", version=1, channel=k)
    assert "Bara gruppens gruppledare eller en koordinator" in refused and "Gruppledare nu: inga" in refused
    not_coordinator = command(bot, f"gruppledare lägg till <@{LEAD_K}> kompetens", user_id=MEMBER_K, channel_id=k)
    assert "Bara koordinatorer" in answer_text(not_coordinator)
    added = command(bot, f"gruppledare lägg till <@{LEAD_K}> kompetens")
    assert f"<@{LEAD_K}> är nu gruppledare för *Långsiktig kompetensförsörjning*" in answer_text(added)
    refused = approve(bot, fake_slack, user=MEMBER_K, group="kompetens", version=1, channel=k)
    assert f"Gruppledare nu: <@{LEAD_K}>" in refused
    answer = command(bot, f"uppföljning status {YEAR}")
    status = answer_text(answer)
    assert "inte påbörjade: 7 · utkast: 2 · godkända: 0" in answer["blocks"][1]["elements"][0]["text"]
    assert "*Långsiktig kompetensförsörjning* (`kompetens`): utkast, version 1 · :large_green_circle: uppnås" in status

    # The lead approves version 1; it is frozen with who and when.
    assert "har godkänt version 1" in approve(bot, fake_slack, user=LEAD_K, group="kompetens", version=1, channel=k)
    assert "redan godkänd" in approve(bot, fake_slack, user=LEAD_K, group="kompetens", version=1, channel=k)
    answer = command(bot, f"uppföljning status {YEAR}")
    assert "inte påbörjade: 7 · utkast: 1 · godkända: 1" in answer["blocks"][1]["elements"][0]["text"]
    assert ":white_check_mark: *Långsiktig kompetensförsörjning* (`kompetens`): godkänd, version 1" in answer_text(
        answer
    )

    # The member revises: version 2 is a new draft; version 1 stays approved and stays in the report.
    revised = goal_state("partly", "Analysen blev försenad.", {"1": "done", "2": "done", "3": "cancelled"})
    assert submit(bot, user=MEMBER_K, group="kompetens", channel=k, parts=parts, goals=revised) == {}
    with db.read() as session:
        versions = plans.list_statement_versions(session, group_key="kompetens", year=YEAR)
    assert [(v.version, v.assessment, v.approved_by) for v in versions] == [(1, "met", LEAD_K), (2, "partly", None)]
    assert versions[0].statuses == done and versions[0].reason == reason
    status = answer_text(command(bot, f"uppföljning status {YEAR}"))
    assert "utkast, version 2 · :large_yellow_circle: delvis" in status
    assert "version 1 är godkänd och står i rapporten" in status

    # /mlr status shows each group's sign-off and assessment, and counts them; so does the member's App Home.
    overview = command(bot, f"status {YEAR}")
    assert overview["blocks"][1]["elements"][0]["text"] == (
        f"Årsuppföljningen {YEAR}: inte påbörjade: 7 · utkast: 2 · godkända: 0"  # the latest versions are drafts
    )
    lines = answer_text(overview)
    assert "inlämnade (version 2) · utkast · :large_yellow_circle: delvis" in lines
    assert "inlämnade (version 1) · utkast · :white_circle: ej bedömd" in lines
    fake_slack.clear()
    home_opened = {"type": "app_home_opened", "user": MEMBER_K, "channel": "D0HOMEK", "tab": "home", "event_ts": "1.2"}
    assert bot.event(home_opened).status == 200
    [published] = wait_for_calls(fake_slack, "views.publish", 1)
    home = json.dumps(published.args["view"], ensure_ascii=False)
    assert "inlämnade (version 2) · utkast · :large_yellow_circle: delvis" in home, home

    # The history shows every version with its approval; the user's text is escaped for Slack.
    history = command(bot, f"uppföljning historik kompetens {YEAR}")
    shown = answer_text(history)
    assert history["blocks"][0]["text"]["text"] == f"Långsiktig kompetensförsörjning: resultaten {YEAR}, alla versioner"
    assert f"*Version 1* · <@{MEMBER_K}>" in shown and f"godkänd av <@{LEAD_K}>" in shown
    assert "*Version 2*" in shown and "delvis · utkast" in shown
    assert "genomförda &amp; målet &lt;nås&gt;." in shown
    assert "genomförd 2, försenad 1" in shown and "genomförd 2, utgår 1" in shown

    # Approving the replaced version again is refused; the lead approves nothing by mistake.
    assert "redan godkänd" in approve(bot, fake_slack, user=LEAD_K, group="kompetens", version=1, channel=k)

    # The report's first table: the approved version 1 for Kompetens, Bostad's draft marked as one.
    md = run_cli(bot, ["report", "--year", str(YEAR), "--format", "md"])
    assert md.returncode == 0, md.stderr
    sections = md.stdout.split("\n## ")
    assert sections[1].startswith(f"Måluppfyllelse {YEAR}\n")
    table = {
        line.split(" | ")[0].strip("| *"): line.split(" | ") for line in sections[1].splitlines() if "| **" in line
    }
    kompetens = table["Långsiktig kompetensförsörjning"]
    # Markdown's own markup escaped: "<" could start HTML; the "&" of no character reference stays as typed
    assert kompetens[1] == "🟢 uppnås" and kompetens[2] == "Två av tre aktiviteter är genomförda & målet \\<nås>."
    assert kompetens[3].startswith("genomförd 2 · försenad 1<br>(1) genomförd: Industrinatten")
    assert "(3) försenad: Nulägesanalys av bristyrken" in kompetens[3]
    bostad = table["Stimulera ökat bostadsbyggande**<br>utkast, ej godkänt"]
    assert bostad[1] == "⚪ ej bedömd"
    sysselsattning = table["Sysselsättning och arbetsmarknad"]
    assert sysselsattning[1] == "–" and "(1) ingen status: Etableringsöverenskommelse" in sysselsattning[3]

    # Word: the same table first, the marker in its colour before the word, the cell tinted.
    out = tmp_path / "rapport.docx"
    assert run_cli(bot, ["report", "--year", str(YEAR), "--format", "docx", "--out", str(out)]).returncode == 0
    document = docx.Document(str(out))
    headings = [p.text for p in document.paragraphs if p.style is not None and p.style.name == "Heading 1"]
    assert headings[0] == f"Måluppfyllelse {YEAR}"
    goals = document.tables[0]
    assert [c.text for c in goals.rows[0].cells] == ["Grupp", f"Bedömning {YEAR}", "Motivering", "Aktiviteter"]
    row = next(r for r in goals.rows if r.cells[0].text.startswith("Långsiktig kompetensförsörjning"))
    marker_cell = row.cells[1]
    assert marker_cell.text == "● uppnås"
    marker, word = marker_cell.paragraphs[0].runs[:2]
    assert (marker.text, str(marker.font.color.rgb), word.text) == ("● ", "2E7D32", "uppnås")
    shading = marker_cell._tc.tcPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}shd")
    assert (
        shading is not None
        and shading.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}fill") == "E3F1E4"
    )

    # Excel: the first sheet is the table, the marker coloured and the cell filled.
    xlsx = tmp_path / "rapport.xlsx"
    assert run_cli(bot, ["report", "--year", str(YEAR), "--format", "xlsx", "--out", str(xlsx)]).returncode == 0
    workbook = openpyxl.load_workbook(io.BytesIO(xlsx.read_bytes()), rich_text=True)
    sheet = workbook.worksheets[0]
    assert sheet.title == "Måluppfyllelse"
    by_name = {str(r[0].value).split("\n")[0]: r for r in sheet.iter_rows(min_row=2)}
    cell = by_name["Långsiktig kompetensförsörjning"][1]
    assert str(cell.value) == "● uppnås" and cell.fill.fgColor.rgb == "00E3F1E4"
    assert cell.value[0].font.color.rgb == "002E7D32"
    assert str(by_name["Stimulera ökat bostadsbyggande"][0].value).endswith("utkast, ej godkänt")

    # Last year beside this year's, with the trend: delvis then, uppnås now.
    compared = run_cli(bot, ["report", "--year", str(YEAR), "--compare", str(YEAR - 1), "--format", "md"])
    assert compared.returncode == 0, compared.stderr
    line = next(x for x in compared.stdout.splitlines() if x.startswith("| **Långsiktig kompetensförsörjning**"))
    assert line.split(" | ")[1:3] == ["🟢 uppnås ↑", "🟡 delvis"]
    assert f"| Bedömning {YEAR} | Bedömning {YEAR - 1} |" in compared.stdout

    # The export carries every version: its assessment, the statuses and the approval.
    exported = run_cli(bot, ["export", "--statements", "--format", "json", "--year", str(YEAR), "--group", "kompetens"])
    assert exported.returncode == 0, exported.stderr
    records = json.loads(exported.stdout)
    assert [(r["version"], r["assessment"], r["approved"], r["approved_by"]) for r in records] == [
        (1, "met", True, LEAD_K),
        (2, "partly", False, None),
    ]
    assert records[0]["statuses"] == done and records[0]["reason"] == reason and records[0]["parts"] == parts
    as_csv = run_cli(bot, ["export", "--statements", "--format", "csv"])
    assert as_csv.returncode == 0, as_csv.stderr
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert [(r["year"], r["group"], r["version"], r["approved"]) for r in rows] == [
        (str(YEAR - 1), "kompetens", "1", "True"),
        (str(YEAR), "bostad", "1", "False"),
        (str(YEAR), "kompetens", "1", "True"),
        (str(YEAR), "kompetens", "2", "False"),
    ]
    assert json.loads(rows[3]["statuses"]) == {"1": "done", "2": "done", "3": "cancelled"}

    # A replaced version or one that does not exist is not approved; the latest is, and the report follows it.
    third = goal_state("not_met", "Allt stannade.", {"1": "cancelled", "2": "cancelled", "3": "cancelled"})
    assert submit(bot, user=MEMBER_K, group="kompetens", channel=k, parts=parts, goals=third) == {}
    replaced = approve(bot, fake_slack, user=LEAD_K, group="kompetens", version=2, channel=k)
    assert "Version 2 har ersatts av version 3. Inget godkändes." in replaced
    missing = approve(bot, fake_slack, user=COORDINATOR, group="kompetens", version=9, channel=k)
    assert "har ingen version 9" in missing and "senaste är 3" in missing
    assert "har godkänt version 3" in approve(
        bot, fake_slack, user=COORDINATOR, group="kompetens", version=3, channel=k
    )
    md = run_cli(bot, ["report", "--year", str(YEAR), "--format", "md"])
    line = next(x for x in md.stdout.splitlines() if x.startswith("| **Långsiktig kompetensförsörjning**"))
    assert line.split(" | ")[1:3] == ["🔴 uppnås inte", "Allt stannade."]
    later = run_cli(bot, ["report", "--year", str(YEAR), "--compare", str(YEAR), "--format", "md"])
    assert later.returncode == 2 and "jämför med ett tidigare år" in later.stderr
