"""The `/mlr` parser: every sub-command in Swedish and English, and every usage error."""

from __future__ import annotations

from datetime import date

import pytest

from core.commands import (
    ChangeCoordinator,
    ChangeLead,
    EditPlan,
    FollowupCommand,
    Help,
    LinkChannel,
    ListGroups,
    LogEntry,
    MakeReport,
    OpenLogForm,
    ShowDigest,
    UsageError,
    parse_command,
    unescape_slack,
)
from storage.models import EntryKind


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", Help()),
        ("   ", Help()),
        ("hjälp", Help()),
        ("HELP", Help()),
        ("grupper", ListGroups()),
        ("groups", ListGroups()),
        ("koppla Bostad", LinkChannel("bostad")),
        ("link op", LinkChannel("op")),
        ("resultat", OpenLogForm(EntryKind.RESULT)),
        ("activity", OpenLogForm(EntryKind.ACTIVITY)),
        ("resultat Workshop genomförd", LogEntry(EntryKind.RESULT, "resultat", "Workshop genomförd")),
        ("Aktivitet  möte\n  med LTH ", LogEntry(EntryKind.ACTIVITY, "aktivitet", "möte\n  med LTH")),
        (
            "result group:OP date:2026-01-31 Seminarium",
            LogEntry(EntryKind.RESULT, "result", "Seminarium", "op", date(2026, 1, 31)),
        ),
        (
            "resultat datum:2026-01-31 grupp:op Seminarium",
            LogEntry(EntryKind.RESULT, "resultat", "Seminarium", "op", date(2026, 1, 31)),
        ),
        ("koordinator lägg till <@U012AB|anna>", ChangeCoordinator(add=True, user_id="U012AB")),
        ("coordinator add <@W0123>", ChangeCoordinator(add=True, user_id="W0123")),
        ("koordinator ta bort U0123", ChangeCoordinator(add=False, user_id="U0123")),
        ("coordinator remove <@U0123>", ChangeCoordinator(add=False, user_id="U0123")),
    ],
)
def test_commands(text: str, expected: object) -> None:
    assert parse_command(text) == expected


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("resulat x", "error.unknown_command"),
        ("zzz", "error.unknown_command_no_suggestion"),
        ("resultat grupp:op", "error.empty_text"),
        ("resultat datum:igår x", "error.bad_date"),
        ("resultat Notering: grupp:op står mitt i texten", "error.option_in_text"),
        ("resultat (1, 2) Industrinatten och eventet", "error.one_activity"),
        ("resultat Industrinatten och eventet (1 och 2)", "error.one_activity"),
        ("resultat datum:2016-10-18 Möte datum:2016-10-19", "error.option_twice"),
        ("resultat Möte datum:", "error.option_empty"),
        ("resultat kommuner:Lund, Malmoe Möte", "error.unknown_municipality_suggest"),
        ("hjälp flygplan", "error.help_topic"),
        ("resultat " + "ö" * 3001, "error.too_long"),
        ("koppla", "error.link_usage"),
        ("koppla två ord", "error.link_usage"),
        ("koordinator", "error.coordinator_usage"),
        ("koordinator lägg till anna", "error.mention_needed"),
    ],
)
def test_usage_errors(text: str, key: str) -> None:
    result = parse_command(text)
    assert isinstance(result, UsageError) and result.key == key


def test_unknown_command_suggests_the_closest() -> None:
    assert parse_command("aktivitt x") == UsageError(
        "error.unknown_command", {"word": "aktivitt", "suggestion": "aktivitet"}
    )


def test_slack_entities_are_turned_back_into_what_was_typed() -> None:
    assert unescape_slack("a &lt;b&gt; &amp;lt; &amp;") == "a <b> &lt; &"


def test_exactly_3000_characters_fit() -> None:
    result = parse_command("resultat " + "å" * 3000)
    assert isinstance(result, LogEntry) and len(result.text) == 3000


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("uppföljning start", FollowupCommand("start")),
        ("followup start 2026", FollowupCommand("start", 2026)),
        ("uppföljning status 2025", FollowupCommand("status", 2025)),
        ("uppföljning stäng", FollowupCommand("close")),
        ("rapport", MakeReport()),
        ("report 2017", MakeReport(2017)),
        ("rapport pdf", MakeReport(None, "pdf")),
        ("rapport 2016 pdf", MakeReport(2016, "pdf")),
        ("rapport PDF 2016", MakeReport(2016, "pdf")),
        ("rapport 2016 word", MakeReport(2016, "docx")),
        ("report 2016 excel", MakeReport(2016, "xlsx")),
        ("rapport Excel", MakeReport(None, "xlsx")),
        ("plan Kompetens 2027", EditPlan("kompetens", 2027)),
        ("sammanfattning", ShowDigest()),
        ("digest bostad", ShowDigest("bostad")),
        (
            "resultat (2) kommuner:lund,MALMO,Höör Event genomfört",
            LogEntry(
                EntryKind.RESULT,
                "resultat",
                "Event genomfört",
                activity_number=2,
                municipalities=("Lund", "Malmö", "Höör"),
            ),
        ),
    ],
)
def test_followup_report_plan_and_entry_options(text: str, expected: object) -> None:
    assert parse_command(text) == expected


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("uppföljning", "error.followup_usage"),
        ("uppföljning börja", "error.followup_usage"),
        ("uppföljning start 26", "error.followup_usage"),
        ("rapport i år", "error.report_usage"),
        ("rapport 2016 html", "error.report_usage"),
        ("rapport pdf word", "error.report_usage"),
        ("rapport 2016 2017 pdf", "error.report_usage"),
        ("rapport pdf-a", "error.report_usage"),
        ("plan", "error.plan_usage"),
        ("resultat kommuner:Ystad Möte", "error.unknown_municipality"),
    ],
)
def test_followup_report_plan_usage_errors(text: str, key: str) -> None:
    result = parse_command(text)
    assert isinstance(result, UsageError) and result.key == key


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("gruppledare", ChangeLead(add=None)),
        ("gruppledare lägg till <@U0LEAD|anna> Kompetens", ChangeLead(True, "U0LEAD", "kompetens")),
        ("gruppledare ta bort <@U0LEAD> bostad", ChangeLead(False, "U0LEAD", "bostad")),
        ("lead add <@W0LEAD> op", ChangeLead(True, "W0LEAD", "op")),
        ("lead remove <@U0LEAD> op", ChangeLead(False, "U0LEAD", "op")),
        ("uppföljning historik Kompetens", FollowupCommand("history", None, "kompetens")),
        ("followup history bostad 2025", FollowupCommand("history", 2025, "bostad")),
    ],
)
def test_group_leads_and_the_statements_history(text: str, expected: object) -> None:
    assert parse_command(text) == expected


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("gruppledare lägg till <@U0LEAD>", "error.lead_usage"),
        ("gruppledare lägg till anna kompetens", "error.mention_needed"),
        ("gruppledare lägg till <@U0LEAD> kompetens bostad", "error.lead_usage"),
        ("lead promote <@U0LEAD> op", "error.lead_usage"),
        ("uppföljning historik", "error.followup_history_usage"),
        ("uppföljning historik bostad 25", "error.followup_history_usage"),
    ],
)
def test_group_lead_and_history_usage_errors(text: str, key: str) -> None:
    result = parse_command(text)
    assert isinstance(result, UsageError) and result.key == key
