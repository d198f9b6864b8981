"""Hostile text through every Block Kit builder (handlers/blocks/*.py): whatever a person typed or the
data holds (broadcast mentions, user and channel mentions, links, `&<>`, entities, emoji, newlines,
3,000-character words), every payload keeps Slack's rules (tests/slack_rules.violations_of finds
nothing) and no mention or link from that text survives as markup. The console's plain text reads
the entities back as the characters typed.

`test_every_builder_is_covered` fails when a builder is added to handlers/blocks without a case here."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from slack_sdk.models.views import View

import handlers.blocks
from core.dates import Week
from core.digest import group_digest, overview
from core.texts import CATALOGUES, say_plain
from handlers.access import Refusal
from handlers.blocks.common import (
    Message,
    Reply,
    escape,
    message_text,
    mrkdwn_sections,
    plain,
    quoted,
    refusal_reply,
    render_mrkdwn,
    say_mrkdwn,
    split_messages,
    split_reply,
    text_reply,
)
from handlers.blocks.digest import group_digest_messages, overview_messages
from handlers.blocks.entries import entry_now_text, entry_saved_reply, history_blocks, log_form_view
from handlers.blocks.followup import (
    draft_message,
    draft_parts,
    late_message,
    prompt_message,
    revise_offer_reply,
    statement_view,
)
from handlers.blocks.followup import (
    history_blocks as statement_history_blocks,
)
from handlers.blocks.followup import status_blocks as followup_status_blocks
from handlers.blocks.help import groups_reply, help_reply
from handlers.blocks.home import home_blocks
from handlers.blocks.status import entry_line, list_page_blocks, status_blocks, status_detail_blocks, status_line
from storage.entries import EntryPage
from storage.models import (
    MAX_TEXT_LENGTH,
    AuditEvent,
    ChannelLink,
    Entry,
    EntryKind,
    Followup,
    Group,
    PlannedActivity,
    Statement,
    StatementVersion,
)
from storage.status import GroupStatus
from tests.harness import payload_check

# Markup a person might type, or that might sit in the data; the bot's own ids are other ids (U0A…).
PIECES = [
    "<!channel>",
    "<!here>",
    "<!everyone>",
    "<!subteam^S0EVIL|@alla>",
    "<!date^1392734382^{date}|x>",
    "<@U0EVIL>",
    "<@U0EVIL|eve>",
    "<#C0EVIL>",
    "<#C0EVIL|allmänt>",
    "<https://evil.example|klicka här>",
    "<mailto:a@b.se>",
    "&",
    "<",
    ">",
    "&amp;",
    "&lt;",
    "&gt;",
    "&#60;",
    "<b>",
    "*fet*",
    "_kursiv_",
    "~",
    "`",
    "```",
    "> ",
    "\n",
    "\n\n",
    "😀",
    "👩‍👩‍👧",
    ":white_check_mark:",
    "åäö ÅÄÖ",
    " ",
    "x" * 3000,
    "&" * 1000,
    "<>" * 700,
]
EVIL = re.compile(r"<(!|@U0EVIL|#C0EVIL|https://evil|mailto:)")


def hostile(max_size: int) -> st.SearchStrategy[str]:
    """Text of at most max_size characters, not blank (the bot stores no blank text)."""
    parts = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=12)), min_size=1, max_size=6)
    return parts.map(lambda items: "".join(items)[:max_size]).filter(lambda text: bool(text.strip()))


TEXT = hostile(MAX_TEXT_LENGTH)
NAME = hostile(200)  # Group.name
LANG = st.sampled_from(sorted(CATALOGUES))
SETTINGS = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
NOW = datetime(2026, 11, 26, 10, 0, tzinfo=UTC)
WEEK = Week.containing(date(2026, 11, 26))


# ------------------------------------------------------------------ checks


def _mrkdwn_texts(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        if value.get("type") == "mrkdwn" and isinstance(value.get("text"), str):
            yield value["text"]
        for item in value.values():
            yield from _mrkdwn_texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _mrkdwn_texts(item)


def _no_markup_survives(payload: dict[str, Any]) -> None:
    texts = list(_mrkdwn_texts(payload.get("blocks") or payload.get("view") or []))
    if isinstance(payload.get("text"), str):
        texts.append(payload["text"])  # the top-level text is mrkdwn as well
    for text in texts:
        assert not EVIL.search(text), text[:300]


def check_message(payload: dict[str, Any], kind: str = "chat.postMessage") -> None:
    assert payload_check(kind, payload) == []
    _no_markup_survives(payload)


def check_messages(messages: list[Message]) -> None:
    assert messages
    for message in messages:
        check_message(message.to_dict())


def check_reply(reply: Reply) -> list[dict[str, Any]]:
    """The ack and every further message (sent through response_url) of a reply."""
    ack = reply.as_ack()
    check_message(ack, "ack")
    for message in reply.more:
        check_message(message, "response_url")
    return [ack, *reply.more]


def check_view(view: View, kind: str = "views.open") -> dict[str, Any]:
    as_dict = view.to_dict()
    payload = {"user_id": "U0A", "view": as_dict} if kind == "views.publish" else {"view": as_dict}
    assert payload_check(kind, payload) == []
    _no_markup_survives({"view": as_dict})
    return as_dict


# ------------------------------------------------------------------ data


def group(name: str, key: str = "op", *, active: bool = True) -> Group:
    return Group(key=key, name=name, kind="standing", municipalities=["Lund", "Malmö"], active=active)


def entry(text: str, number: int = 1, *, group_key: str = "op", kind: str = "result") -> Entry:
    return Entry(
        id=number,
        group_key=group_key,
        kind=kind,
        text=text,
        user_id="U0A",
        channel_id="C0A",
        created_at=NOW,
        occurred_on=date(2026, 11, 24),
        plan_year=2026,
        version=2 if number % 2 else 1,
        municipalities=["Lund"],
    )


def activity(text: str, number: int = 1, group_key: str = "op") -> PlannedActivity:
    return PlannedActivity(group_key=group_key, year=2026, number=number, text=text)


def statement(text: str, group_key: str = "op") -> Statement:
    return Statement(group_key=group_key, year=2026, parts={"1": text}, submitted_by="U0A", submitted_at=NOW)


def followup() -> Followup:
    return Followup(year=2026, status="open", deadline=date(2026, 11, 30), started_by="U0A", started_at=NOW)


def group_status(name: str, text: str, *, submitted: bool) -> GroupStatus:
    return GroupStatus(
        group=group(name),
        week_results=1,
        week_activities=2,
        this_year=3,
        newest_result=entry(text),
        last_logged_at=datetime(2026, 10, 1, tzinfo=UTC),
        unresulted=[activity(text, 1), activity(text[::-1], 2)],
        statement=statement(text) if submitted else None,
        channels=["C0A"],
    )


# ------------------------------------------------------------------ common


@SETTINGS
@given(text=hostile(20_000))
def test_escaped_text_reads_back_as_typed_in_the_console(text: str) -> None:
    assert plain(escape(text)) == text
    assert not EVIL.search(escape(text))


@SETTINGS
@given(lang=LANG, text=TEXT, word=hostile(3000), name=NAME, activities=st.lists(TEXT, max_size=3))
def test_refusals_and_usage_errors_escape_what_they_echo(
    lang: str, text: str, word: str, name: str, activities: list[str]
) -> None:
    listed = "; ".join(f"({n}) {a}" for n, a in enumerate(activities, start=1))
    cases = [
        Refusal("error.unknown_group", {"key": word, "keys": "`op`, `bostad`"}),
        Refusal("error.group_closed", {"name": name, "key": "op"}),
        Refusal("error.group_closed_on", {"name": name, "key": "op", "closed_on": "2016-12-31", "date": "2017-01-02"}),
        Refusal("error.other_groups_channel", {"linked": name, "linked_key": "op", "key": word}),
        Refusal("error.unknown_activity", {"name": name, "number": 9, "year": 2026, "activities": listed}),
        Refusal("error.unlinked_channel", {"word": word, "keys": "`op`"}),
        Refusal("error.unknown_command", {"word": word, "suggestion": "resultat"}),
        Refusal("error.bad_date", {"value": word}),
        Refusal("error.unknown_municipality", {"name": word, "names": "Lund, Malmö"}),
        Refusal("error.empty_text", {"word": word}),
    ]
    for refusal in cases:
        messages = check_reply(refusal_reply(lang, refusal))
        # the console shows the sentence with the characters typed, whatever they were
        shown = "".join(message_text({"blocks": [b for b in m["blocks"] if b["type"] == "section"]}) for m in messages)
        assert shown.replace("\n", "") == say_plain(lang, refusal.key, **refusal.params).replace("\n", "")
        first = messages[0]["blocks"][0]["text"]["text"]  # the fallback: the sentence, or its first section
        assert messages[0]["text"].startswith(first) and render_mrkdwn(lang, refusal.key, refusal.params).startswith(
            first
        )
    linked = say_mrkdwn(lang, "linked", name=name, key="op")
    check_reply(text_reply(linked, in_channel=True))
    check_reply(text_reply("\n".join(quoted(text))))


@SETTINGS
@given(lang=LANG, lines=st.lists(TEXT, min_size=1, max_size=12))
def test_long_text_is_split_into_valid_messages_and_nothing_is_lost(lang: str, lines: list[str]) -> None:
    escaped = [escape(line) for line in lines]
    sections = mrkdwn_sections(escaped)
    messages = split_messages(lang, sections, text=escape(lines[0][:100]))
    check_messages(messages)
    shown = "".join(b["text"]["text"] for m in messages for b in m.to_dict()["blocks"] if b["type"] == "section")
    assert shown.replace("\n", "") == "".join(escaped).replace("\n", "")
    check_reply(split_reply(lang, sections, text="x", in_channel=True))


# ------------------------------------------------------------------ entries, help, status, home


@SETTINGS
@given(lang=LANG, text=TEXT, name=NAME)
def test_entry_confirmation(lang: str, text: str, name: str) -> None:
    messages = check_reply(entry_saved_reply(lang, entry=entry(text), group=group(name)))
    quoted_text = "".join(
        b["text"]["text"] for m in messages for b in m["blocks"] if b["type"] == "section"
    ).removeprefix(messages[0]["blocks"][0]["text"]["text"])
    # escaped text holds no raw `>`: every one left is a quote's marker
    assert quoted_text.replace("\n", "").replace("> ", "").replace(">", "") == escape(text).replace("\n", "")


@SETTINGS
@given(lang=LANG, text=TEXT, name=NAME, activity_text=TEXT)
def test_an_edited_entry_as_it_now_reads(lang: str, text: str, name: str, activity_text: str) -> None:
    edited = entry(text)
    edited.activity_number = 1
    shown = entry_now_text(lang, entry=edited, group=group(name), activity=activity(activity_text))
    check_reply(split_reply(lang, mrkdwn_sections([shown]), text="x", in_channel=True))
    assert f"*{escape(name)}*" in shown and f"(1) {escape(activity_text[:150])}".strip() in shown


@SETTINGS
@given(lang=LANG, text=TEXT, names=st.lists(NAME, min_size=1, max_size=3), activity_text=TEXT)
def test_log_and_edit_forms(lang: str, text: str, names: list[str], activity_text: str) -> None:
    groups = [group(name, f"g{n}", active=n != 1) for n, name in enumerate(names)]
    activities = [activity(activity_text, 1, "g0"), activity(activity_text[::-1] or "x", 2, "g0")]
    for editing in (None, entry(text, group_key="g0")):
        view = log_form_view(
            lang,
            groups=groups,
            selected="g0",
            kind=EntryKind.RESULT,
            today=date(2026, 11, 26),
            channel_id="C0A",
            activities=activities,
            text=text,
            editing=editing,
        )
        as_dict = check_view(view)
        assert as_dict["blocks"][-1]["element"]["initial_value"] == text  # plain text: as typed, never cut


@SETTINGS
@given(lang=LANG, texts=st.lists(TEXT, min_size=1, max_size=5))
def test_history(lang: str, texts: list[str]) -> None:
    events = [
        AuditEvent(
            id=n,
            at=NOW,
            actor="U0A",
            action="entry.add" if n == 0 else "entry.update",
            subject="entry:1",
            details={"after": {"kind": "result", "group": "op", "occurred_on": "2026-11-24", "text": text}},
        )
        for n, text in enumerate(texts)
    ]
    events.append(AuditEvent(id=99, at=NOW, actor="U0A", action="entry.delete", subject="entry:1", details={}))
    messages = check_reply(history_blocks(lang, events, entry_id=1, tz=ZoneInfo("Europe/Stockholm")))
    shown = "".join(b["text"]["text"] for m in messages for b in m["blocks"] if b["type"] == "section")
    for text in texts:
        assert escape(text).replace("\n", "") in shown.replace("\n", "")


@SETTINGS
@given(lang=LANG, names=st.lists(NAME, min_size=1, max_size=60))
def test_groups_and_help(lang: str, names: list[str]) -> None:
    groups = [group(name, f"g{n}", active=n % 3 != 2) for n, name in enumerate(names)]
    links = [
        ChannelLink(channel_id=f"C0{n}", group_key=f"g{n}", linked_by="U0A", linked_at=NOW) for n in range(0, 60, 2)
    ]
    messages = check_reply(groups_reply(lang, groups=groups, links=links))
    shown = "".join(b["text"]["text"] for m in messages for b in m["blocks"] if b["type"] == "section")
    for name in names:
        assert escape(name).replace("\n", "") in shown.replace("\n", "")
    check_reply(help_reply(lang))


@SETTINGS
@given(lang=LANG, name=NAME, text=TEXT, submitted=st.booleans())
def test_status(lang: str, name: str, text: str, submitted: bool) -> None:
    item = group_status(name, text, submitted=submitted)
    assert not EVIL.search(status_line(lang, item, year=2026, now=NOW, followup=followup()))
    # as handlers/status.py sends them: in as many messages as they need
    blocks = status_detail_blocks(lang, item, year=2026, week=WEEK, now=NOW, followup=followup())
    messages = check_reply(split_reply(lang, blocks, text="status"))
    shown = "".join(b["text"]["text"] for m in messages for b in m["blocks"] if b["type"] == "section")
    assert escape(text).replace("\n", "") in shown.replace("\n", "")  # each unresulted activity whole
    many = [group_status(name, text, submitted=submitted)] * 60
    blocks = status_blocks(lang, many, title=name[:150], year=2026, now=NOW, followup=None)
    check_reply(split_reply(lang, blocks, text="status"))


@SETTINGS
@given(lang=LANG, texts=st.lists(TEXT, min_size=1, max_size=20), words=st.lists(hostile(50), max_size=10))
def test_list_pages(lang: str, texts: list[str], words: list[str]) -> None:
    entries = [entry(text, n) for n, text in enumerate(texts, start=1)]
    for query in ({"words": words}, {"group": "op", "year": 2026}):
        blocks, title = list_page_blocks(lang, query, page=EntryPage(entries, 45), offset=20, page_size=20)
        check_message({"text": title, "blocks": [b.to_dict() for b in blocks]})
        assert not EVIL.search(entry_line(lang, entries[0]))
    empty, text = list_page_blocks(lang, {"words": words}, page=EntryPage([], 0), offset=0, page_size=20)
    check_message({"text": text, "blocks": [b.to_dict() for b in empty]})


@SETTINGS
@given(lang=LANG, name=NAME, texts=st.lists(TEXT, max_size=8))
def test_home(lang: str, name: str, texts: list[str]) -> None:
    statuses = [group_status(name, texts[0] if texts else "x", submitted=True)] * 2
    view = home_blocks(
        lang,
        statuses=statuses,
        followup=followup(),
        own=[entry(t, n) for n, t in enumerate(texts)],
        year=2026,
        week=WEEK,
    )
    check_view(view, "views.publish")


# ------------------------------------------------------------------ digests and the follow-up


@SETTINGS
@given(lang=LANG, name=NAME, texts=st.lists(TEXT, max_size=10), so_far=st.booleans())
def test_digests(lang: str, name: str, texts: list[str], so_far: bool) -> None:
    entries = [entry(t, n, kind="result" if n % 2 else "activity") for n, t in enumerate(texts, start=1)]
    digest = group_digest(group=group(name), week=WEEK, entries=entries)
    messages = group_digest_messages(lang, digest=digest, author=lambda user: f"<@{user}>", so_far=so_far)
    check_messages(messages)
    shown = "".join(b["text"]["text"] for m in messages for b in m.to_dict()["blocks"] if b["type"] == "section")
    for text in texts:
        assert escape(text).replace("\n", "") in shown.replace("\n", "").replace("      ", "")
    statuses = [group_status(name, t, submitted=False) for t in texts[:5]] or [group_status(name, "x", submitted=False)]
    check_messages(overview_messages(lang, overview=overview(week=WEEK, groups=statuses, week_end=NOW)))


@SETTINGS
@given(lang=LANG, names=st.lists(NAME, min_size=1, max_size=5), texts=st.lists(TEXT, min_size=1, max_size=4))
def test_followup(lang: str, names: list[str], texts: list[str]) -> None:
    groups = [group(name, f"g{n}") for n, name in enumerate(names)]
    for reminder in (False, True):
        check_message(
            prompt_message(lang, group=groups[0], year=2026, deadline=date(2026, 11, 30), reminder=reminder).to_dict()
        )
    check_message(late_message(lang, year=2026, late=groups, answered=1).to_dict())
    check_message(late_message(lang, year=2026, late=[], answered=3).to_dict())
    check_reply(revise_offer_reply(lang, year=2026))  # no user text, but a payload all the same
    activities = [activity(t, n, "g0") for n, t in enumerate(texts, start=1)]
    entries = [entry(t, n, group_key="g0") for n, t in enumerate(texts, start=1)]
    drafts, shortened = draft_parts(lang, activities=activities, entries=entries)
    assert all(len(text) <= MAX_TEXT_LENGTH for text in drafts.values())
    view = statement_view(
        lang,
        group=groups[0],
        year=2026,
        activities=activities,
        initial=drafts,
        shortened=shortened,
        channel_id="C0A",
        submitted=statement(texts[0], "g0"),
    )
    check_view(view)
    statements = {"g0": statement(texts[0], "g0")}
    blocks = followup_status_blocks(lang, followup=followup(), groups=groups * 20, statements=statements)
    check_reply(split_reply(lang, blocks, text="uppföljning"))  # as handlers/followup.py sends it
    check_message(
        draft_message(
            lang, group_key="g0", name=groups[0].name, year=2026, version=2, user="U0A", assessment="partly"
        ).to_dict()
    )
    versions = [
        StatementVersion(
            group_key="g0",
            year=2026,
            version=n,
            parts={"1": text, "other": text[::-1]},
            assessment="partly",
            reason=text,
            statuses={"1": "delayed"},
            submitted_by="U0A",
            submitted_at=datetime(2026, 11, 20, 9, tzinfo=UTC),
            approved_by="U0B" if n == 1 else None,
            approved_at=datetime(2026, 11, 21, 9, tzinfo=UTC) if n == 1 else None,
        )
        for n, text in enumerate(texts, start=1)
    ]
    history = statement_history_blocks(lang, group=groups[0], year=2026, versions=versions)
    check_reply(split_reply(lang, history, text="historik"))


# ------------------------------------------------------------------ every builder has a case

NOT_BUILDERS = {
    # helpers, not payloads: each is used by the builders above and tested through them
    "common": {"plain", "message_text", "escape", "mrkdwn_params", "block_chars", "mention"},
    # words and counts inside the follow-up's messages, tested through status_blocks and the history
    "followup": {"assessment_word", "signoff_counts", "signoff_state", "statement_state"},
}
COVERED = {
    "common": {
        "text_reply",
        "refusal_reply",
        "say_mrkdwn",
        "render_mrkdwn",
        "mrkdwn_sections",
        "quoted",
        "split_messages",
        "split_reply",
    },
    "digest": {"group_digest_messages", "overview_messages"},
    "entries": {"entry_saved_reply", "entry_now_text", "log_form_view", "history_blocks"},
    "followup": {
        "draft_message",
        "history_blocks",
        "prompt_message",
        "late_message",
        "draft_parts",
        "statement_view",
        "status_blocks",
        "revise_offer_reply",
    },
    "help": {"help_reply", "groups_reply"},
    "home": {"home_blocks"},
    "status": {"status_line", "status_detail_blocks", "entry_line", "status_blocks", "list_page_blocks"},
}


def test_every_builder_is_covered() -> None:
    modules = [info.name for info in pkgutil.iter_modules(handlers.blocks.__path__)]
    assert set(COVERED) <= set(modules)
    for name in modules:
        module = importlib.import_module(f"handlers.blocks.{name}")
        public = {
            function
            for function, value in vars(module).items()
            if inspect.isfunction(value) and value.__module__ == module.__name__ and not function.startswith("_")
        }
        assert public - NOT_BUILDERS.get(name, set()) == COVERED.get(name, set()), name
