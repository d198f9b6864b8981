"""The weekly group digest and the coordinator's overview as Slack messages. Pure: data in, messages out.

A long week becomes several messages (handlers.blocks.common.split_messages: at most 50 blocks and
MESSAGE_CHARS characters each; the first in the channel, the rest in its thread); nothing is cut."""

from __future__ import annotations

from collections.abc import Callable

from slack_sdk.models.blocks import Block, ContextBlock, DividerBlock, HeaderBlock, MarkdownTextObject, PlainTextObject

from core.dates import Week
from core.digest import GroupDigest, Overview, happened_in_week
from core.texts import say
from handlers.blocks.common import Message, escape, mrkdwn_sections, split_messages
from handlers.blocks.followup import signoff_counts
from storage.models import Entry

PREVIEW_CHARS = 200

Author = Callable[[str], str]  # a user id as the message shows it


def _entry_line(lang: str, entry: Entry, author: Author, week: Week) -> str:
    text = escape(entry.text).replace("\n", "\n      ")
    day = entry.occurred_on.isoformat()
    if not happened_in_week(entry, week):  # logged this week about another day: say which
        day = say(lang, "digest.happened", date=day)
    return f"• {day} · {author(entry.user_id)} · #{entry.id}: {text}"


def group_digest_messages(lang: str, *, digest: GroupDigest, author: Author, so_far: bool = False) -> list[Message]:
    group, results, activities = digest.group, digest.results, digest.activities
    title = say(
        lang, "digest.so_far_title" if so_far else "digest.title", week=digest.week.label(lang), name=group.name
    )
    blocks: list[Block] = [
        HeaderBlock(text=PlainTextObject(text=title[:150])),
        ContextBlock(
            elements=[
                MarkdownTextObject(
                    text=say(lang, "digest.totals", results=len(results), activities=len(activities), key=group.key)
                )
            ]
        ),
    ]
    if digest.empty:
        blocks += mrkdwn_sections([say(lang, "digest.nothing")])
    for heading, items in (("digest.results", results), ("digest.activities", activities)):
        if items:
            lines = [
                f"*{say(lang, heading, count=len(items))}*",
                *(_entry_line(lang, e, author, digest.week) for e in items),
            ]
            blocks += mrkdwn_sections(lines)
    return split_messages(lang, blocks, text=escape(title))


def overview_messages(lang: str, *, overview: Overview, followup_year: int | None = None) -> list[Message]:
    title = say(lang, "overview.title", week=overview.week.label(lang))
    lines = []
    for entry in overview.lines:
        item = entry.status
        line = say(
            lang,
            "overview.line",
            name=escape(item.group.name),
            key=item.group.key,
            results=item.week_results,
            activities=item.week_activities,
        )
        if item.newest_result is not None:
            text = item.newest_result.text
            shown = text if len(text) <= PREVIEW_CHARS else text[:PREVIEW_CHARS].rstrip() + "…"
            line += "\n      " + say(
                lang,
                "overview.newest",
                date=item.newest_result.occurred_on.isoformat(),
                id=item.newest_result.id,
                text=escape(shown).replace("\n", " "),
            )
        if entry.weeks_silent is None:
            line += "\n      " + say(lang, "overview.never")
        elif entry.silent:
            line += "\n      " + say(lang, "overview.silent", weeks=entry.weeks_silent)
        lines.append(line)
    totals = say(
        lang,
        "overview.totals",
        groups=len(overview.lines),
        results=overview.results,
        activities=overview.activities,
        silent=overview.silent,
    )
    if followup_year is not None:
        statements = {e.status.group.key: e.status.statement for e in overview.lines if e.status.statement is not None}
        groups = [e.status.group for e in overview.lines]
        totals += "\n" + say(lang, "followup.status_title", year=followup_year) + ": "
        totals += signoff_counts(lang, statements, groups)
    blocks: list[Block] = [
        HeaderBlock(text=PlainTextObject(text=title[:150])),
        ContextBlock(elements=[MarkdownTextObject(text=totals)]),
        DividerBlock(),
        *mrkdwn_sections(lines),
    ]
    return split_messages(lang, blocks, text=escape(title))
