"""Block Kit builders: Slack's limits hold, user text is escaped, and nothing is cut."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime

from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View

from handlers.blocks.common import escape, mrkdwn_sections
from handlers.blocks.entries import entry_saved_reply, log_form_view
from handlers.blocks.help import groups_reply, help_reply
from storage.models import ChannelLink, Entry, EntryKind, Group
from tests.harness import payload_check


def assert_valid(blocks: list[dict]) -> None:
    assert len(blocks) <= 50
    for block in blocks:
        Block.parse(block).validate_json()  # type: ignore[union-attr]
        if block["type"] == "section":
            assert len(block["text"]["text"]) <= 3000
    assert payload_check("ack", {"text": "-", "blocks": blocks}) == []  # all of Slack's rules (tests/slack_rules.py)


def assert_valid_view(view: View) -> None:
    view.validate_json()
    assert payload_check("views.open", {"view": view.to_dict()}) == []


def test_escape_makes_mentions_and_links_inert() -> None:
    assert (
        escape("<!channel> <@U1> <https://x|y> & &amp;")
        == "&lt;!channel&gt; &lt;@U1&gt; &lt;https://x|y&gt; &amp; &amp;amp;"
    )


def test_a_longest_entry_full_of_ampersands_fits_and_nothing_is_lost() -> None:
    text = ("&<>" * 1000)[:3000]
    entry = Entry(
        id=7,
        group_key="op",
        kind="result",
        text=text,
        user_id="U0A",
        channel_id="C0",
        created_at=datetime(2026, 1, 1, tzinfo=UTC),
        occurred_on=date(2026, 1, 1),
        plan_year=2026,
    )
    reply = entry_saved_reply("sv", entry=entry, group=Group(key="op", name="ÖP-gruppen", kind="standing"))
    # 13,000 characters escaped: more than one message holds (MESSAGE_CHARS), so it goes on in a second
    messages = [reply.as_ack(), *reply.more]
    assert len(messages) == 2 and reply.in_channel
    for message in messages:
        assert_valid(message["blocks"])
    quoted = [block for message in messages for block in message["blocks"] if block["type"] == "section"][1:]
    shown = "".join(block["text"]["text"] for block in quoted)
    assert re.sub(r"^> ?", "", shown) == escape(text)
    assert "&" not in re.sub(r"&(amp|lt|gt);", "", shown)  # no entity was split between sections
    assert [block["elements"][0]["text"] for m in messages for block in m["blocks"] if block["type"] == "context"] == [
        "del 1 av 2",
        "del 2 av 2",
    ]


def test_sections_split_on_lines_and_keep_every_line() -> None:
    lines = [f"rad {n} " + "x" * 400 for n in range(40)]
    sections = mrkdwn_sections(lines)
    texts: list[str] = []
    for section in sections:
        assert section.text is not None
        texts.append(section.text.text)
    assert all(len(text) <= 3000 for text in texts)
    assert "\n".join(texts) == "\n".join(lines)


def test_help_and_groups_are_valid_block_kit() -> None:
    assert_valid(help_reply("sv").as_ack()["blocks"])
    assert_valid(help_reply("en").as_ack()["blocks"])
    groups = [Group(key=f"g{n}", name=f"Grupp {n} & <x>", kind="focus", municipalities=["Lund"]) for n in range(200)]
    links = [
        ChannelLink(channel_id=f"C0{n}", group_key=f"g{n}", linked_by="U", linked_at=datetime.now(UTC))
        for n in range(200)
    ]
    reply = groups_reply("sv", groups=groups, links=links)
    messages = [reply.as_ack(), *reply.more]
    assert len(messages) > 1  # 200 groups do not fit one message: split, not cut
    for message in messages:
        assert_valid(message["blocks"])
    shown = "\n".join(b["text"]["text"] for m in messages for b in m["blocks"] if b["type"] == "section")
    for n in range(200):
        assert f"*Grupp {n} &amp; &lt;x&gt;* (`g{n}`)" in shown and f"<#C0{n}>" in shown


def test_the_log_form_is_a_valid_modal() -> None:
    groups = [
        Group(key="bostad", name="Stimulera ökat bostadsbyggande", kind="focus"),
        Group(key="migration", name="Migration & integration", kind="focus", active=False),
    ]
    view = log_form_view(
        "sv", groups=groups, selected="bostad", kind=EntryKind.ACTIVITY, today=date(2026, 11, 26), channel_id="C0B"
    )
    assert_valid_view(view)
    as_dict = view.to_dict()
    options = as_dict["blocks"][0]["element"]["options"]
    assert [option["value"] for option in options] == ["bostad"]  # closed groups take no entries
    assert as_dict["blocks"][1]["element"]["initial_option"]["value"] == "activity"
    assert as_dict["blocks"][2]["element"]["initial_date"] == "2026-11-26"


def test_the_log_form_offers_this_years_planned_activities_by_group() -> None:
    from storage.models import PlannedActivity

    groups = [
        Group(key="kompetens", name="Långsiktig kompetensförsörjning", kind="focus"),
        Group(key="op", name="ÖP-gruppen", kind="standing"),
    ]
    activities = [
        PlannedActivity(group_key="kompetens", year=2026, number=n, text=t * 40)
        for n, t in ((1, "Industrinatten "), (2, "LTH "))
    ]
    view = log_form_view(
        "sv",
        groups=groups,
        selected=None,
        kind=EntryKind.RESULT,
        today=date(2026, 5, 1),
        channel_id=None,
        activities=activities,
    )
    assert_valid_view(view)
    blocks = {block["block_id"]: block for block in view.to_dict()["blocks"]}
    [group] = blocks["activity"]["element"]["option_groups"]
    assert group["label"]["text"] == "Långsiktig kompetensförsörjning"
    assert [o["value"] for o in group["options"]] == ["kompetens:1", "kompetens:2"]
    assert all(len(o["text"]["text"]) <= 75 for o in group["options"])
    assert len(blocks["municipalities"]["element"]["options"]) == 11


def test_the_statement_form_is_drafted_from_the_log_per_activity() -> None:
    from handlers.blocks.followup import draft_parts, statement_view
    from storage.models import PlannedActivity

    activities = [PlannedActivity(group_key="kompetens", year=2026, number=1, text="Industrinatten")]
    entries = [
        Entry(
            id=2,
            group_key="kompetens",
            kind="activity",
            text="Planeringsmöte",
            user_id="U",
            created_at=datetime.now(UTC),
            occurred_on=date(2026, 3, 1),
            plan_year=2026,
            activity_number=1,
        ),
        Entry(
            id=3,
            group_key="kompetens",
            kind="result",
            text="Genomförd",
            user_id="U",
            created_at=datetime.now(UTC),
            occurred_on=date(2026, 10, 1),
            plan_year=2026,
            activity_number=1,
        ),
        Entry(
            id=4,
            group_key="kompetens",
            kind="result",
            text="Utanför planen " + "x" * 3000,
            user_id="U",
            created_at=datetime.now(UTC),
            occurred_on=date(2026, 6, 1),
            plan_year=2026,
        ),
    ]
    drafts, shortened = draft_parts("sv", activities=activities, entries=entries)
    assert drafts["1"] == "• Genomförd (2026-10-01)\n• Aktivitet: Planeringsmöte (2026-03-01)"
    assert shortened and len(drafts["other"]) == 3000 and drafts["other"].endswith("…")
    group = Group(key="kompetens", name="Långsiktig kompetensförsörjning", kind="focus")
    view = statement_view(
        "sv",
        group=group,
        year=2026,
        activities=activities,
        initial=drafts,
        shortened=shortened,
        channel_id="C0K",
        submitted=None,
    )
    assert_valid_view(view)
    assert "fick inte plats" in view.to_dict()["blocks"][0]["text"]["text"]


def test_a_long_digest_is_split_into_messages_under_the_practical_limit_and_keeps_every_entry() -> None:
    from core.dates import Week
    from core.digest import group_digest
    from handlers.blocks.common import MESSAGE_CHARS, block_chars
    from handlers.blocks.digest import group_digest_messages

    group = Group(key="op", name="ÖP & <gruppen>", kind="standing")
    week = Week.containing(date(2026, 11, 23))
    entries = [
        Entry(
            id=n,
            group_key="op",
            kind="result" if n % 2 else "activity",
            text=(f"{n} " + "&<>" * 1000)[:3000],
            user_id="U0A",
            channel_id="C0",
            created_at=datetime(2026, 11, 24, 10, tzinfo=UTC),
            occurred_on=date(2026, 11, 24),
            plan_year=2026,
        )
        for n in range(1, 13)
    ]
    digest = group_digest(group=group, week=week, entries=entries)
    messages = group_digest_messages("sv", digest=digest, author=lambda user: f"<@{user}>")
    assert len(messages) > 12 * 13_000 // MESSAGE_CHARS  # 13,000 characters escaped an entry
    for message in messages:
        assert sum(block_chars(block) for block in message.blocks) <= MESSAGE_CHARS
        assert_valid(message.to_dict()["blocks"])
        assert "ÖP &amp; &lt;gruppen&gt;" in message.text  # the fallback is mrkdwn too
    shown = "".join(
        block["text"]["text"] for m in messages for block in m.to_dict()["blocks"] if block["type"] == "section"
    ).replace("\n      ", "")
    for entry in entries:
        assert escape(entry.text) in shown.replace("\n", "")


def test_the_statement_form_with_twenty_activities_long_texts_and_last_years_goals_is_valid() -> None:
    """The most the form holds: 20 activities of 3000 characters, each with its status select, the goal as the
    assessment's hint, and every choice filled in; Slack's limits (50 blocks in a payload are the test's own
    bound for messages; a modal holds 100) and option texts of at most 75 characters."""
    from handlers import ids
    from handlers.blocks.followup import statement_view
    from storage.models import PlannedActivity
    from storage.plans import Goals

    activities = [
        PlannedActivity(group_key="kompetens", year=2026, number=n, text=f"Aktivitet {n} " + "å" * 2990)
        for n in range(1, 21)
    ]
    group = Group(key="kompetens", name="Kompetens & <utbildning>", kind="focus")
    goals = Goals("partly", "Hälften & mer " + "x" * 600, {str(n): "delayed" for n in range(1, 21)})
    view = statement_view(
        "sv",
        group=group,
        year=2026,
        activities=activities,
        initial={"1": "y" * 3000},
        shortened=False,
        channel_id="C0K",
        submitted=None,
        goal="Målbild " + "m" * 3000,
        goals=goals,
        prefilled_from=2025,
    )
    assert_valid_view(view)
    blocks = view.to_dict()["blocks"]
    assert len(blocks) == 1 + 2 + 20 * 2 + 1
    assert "Kompetens &amp; &lt;utbildning&gt;" in blocks[0]["text"]["text"]
    assert "ifyllda från gruppens svar för 2025" in blocks[0]["text"]["text"]
    assessment = next(b for b in blocks if b.get("block_id") == ids.ASSESSMENT_BLOCK)
    assert assessment["element"]["initial_option"]["value"] == "partly"
    assert len(assessment["hint"]["text"]) <= 2000
    reason = next(b for b in blocks if b.get("block_id") == ids.REASON_BLOCK)
    assert reason["optional"] and len(reason["element"]["initial_value"]) == 500
    statuses = [b for b in blocks if b.get("block_id", "").startswith("status_")]
    assert [b["block_id"] for b in statuses] == [f"status_{n}" for n in range(1, 21)]
    assert all(b["element"]["initial_option"]["value"] == "delayed" for b in statuses)
    assert len({b["block_id"] for b in blocks[1:]}) == len(blocks) - 1


def test_the_draft_message_history_and_status_escape_the_groups_words() -> None:
    from handlers.blocks.followup import draft_message, history_blocks, status_blocks
    from storage.models import Followup, Statement, StatementVersion

    now = datetime(2026, 12, 1, 9, tzinfo=UTC)
    group = Group(key="kompetens", name="Kompetens & <utbildning>", kind="focus")
    message = draft_message(
        "sv", group_key="kompetens", name=group.name, year=2026, version=3, user="U0K", assessment="not_met"
    )
    assert_valid(message.to_dict()["blocks"])
    assert "Kompetens &amp; &lt;utbildning&gt;" in message.text and ":red_circle: uppnås inte" in message.text
    versions = [
        StatementVersion(
            group_key="kompetens",
            year=2026,
            version=1,
            parts={"other": "x"},
            assessment="met",
            reason="<@U0EVIL> & <!channel>",
            statuses={"1": "done"},
            submitted_by="U0K",
            submitted_at=now,
            approved_by="U0L",
            approved_at=now,
        ),
        StatementVersion(group_key="kompetens", year=2026, version=2, parts={}, submitted_by="U0K", submitted_at=now),
    ]
    blocks = [b.to_dict() for b in history_blocks("sv", group=group, year=2026, versions=versions)]
    assert_valid(blocks)
    text = json.dumps(blocks, ensure_ascii=False)
    assert "&lt;@U0EVIL&gt; &amp; &lt;!channel&gt;" in text and "godkänd av <@U0L> 2026-12-01" in text
    assert "*Version 2* · <@U0K>, 2026-12-01 · :white_circle: ej bedömd · utkast" in text
    followup = Followup(year=2026, status="open", deadline=date(2026, 12, 15), started_by="U", started_at=now)
    statement = Statement(
        group_key="kompetens", year=2026, parts={}, submitted_by="U0K", submitted_at=now, assessment="partly"
    )
    other = Group(key="bostad", name="Bostad", kind="focus")
    status = [
        b.to_dict()
        for b in status_blocks("sv", followup=followup, groups=[group, other], statements={"kompetens": statement})
    ]
    assert_valid(status)
    assert "inte påbörjade: 1 · utkast: 1 · godkända: 0" in status[1]["elements"][0]["text"]
    assert ":large_yellow_circle: delvis" in json.dumps(status, ensure_ascii=False)
