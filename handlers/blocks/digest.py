"""The weekly group digest and the coordinator's overview as Slack messages. Pure: data in, messages out.

A long week becomes several messages of at most 50 blocks each (the first in the channel, the rest
in its thread); nothing is cut."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from slack_sdk.models.blocks import Block, ContextBlock, DividerBlock, HeaderBlock, MarkdownTextObject, PlainTextObject

from core.dates import Week
from core.texts import say
from handlers.blocks.common import MESSAGE_BLOCK_LIMIT, Message, escape, mrkdwn_sections
from storage.models import Entry, EntryKind, Group
from storage.status import GroupStatus

SILENT_WEEKS = 3
PREVIEW_CHARS = 200
MESSAGE_CHARS = 12_000

Author = Callable[[str], str]  # a user id as the message shows it


def _entry_line(entry: Entry, author: Author) -> str:
    text = escape(entry.text).replace("\n", "\n      ")
    return f"• {entry.occurred_on.isoformat()} · {author(entry.user_id)} · #{entry.id}: {text}"


def _block_chars(block: Block) -> int:
    text = getattr(block, "text", None)
    return len(getattr(text, "text", "") or "")


def _split(blocks: list[Block], title: str, lang: str) -> list[Message]:
    """Messages of at most 49 blocks and MESSAGE_CHARS characters, in order (Slack refuses
    messages whose blocks are too long as a whole, not only too many); every message says
    which part it is when there is more than one."""
    chunks: list[list[Block]] = [[]]
    size = 0
    for block in blocks:
        chars = _block_chars(block)
        if chunks[-1] and (len(chunks[-1]) >= MESSAGE_BLOCK_LIMIT - 1 or size + chars > MESSAGE_CHARS):
            chunks.append([])
            size = 0
        chunks[-1].append(block)
        size += chars
    messages = []
    for number, chunk in enumerate(chunks, start=1):
        if len(chunks) == 1:
            messages.append(Message(text=title, blocks=chunk))
            continue
        part = say(lang, "digest.part", number=number, total=len(chunks))
        messages.append(
            Message(text=f"{title} ({part})", blocks=[*chunk, ContextBlock(elements=[MarkdownTextObject(text=part)])])
        )
    return messages


def group_digest_messages(
    lang: str, *, group: Group, week: Week, entries: Sequence[Entry], author: Author, so_far: bool = False
) -> list[Message]:
    results = [entry for entry in entries if entry.kind == EntryKind.RESULT.value]
    activities = [entry for entry in entries if entry.kind == EntryKind.ACTIVITY.value]
    title = say(lang, "digest.so_far_title" if so_far else "digest.title", week=week.label(lang), name=group.name)
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
    if not entries:
        blocks += mrkdwn_sections([say(lang, "digest.nothing")])
    for heading, items in (("digest.results", results), ("digest.activities", activities)):
        if items:
            lines = [f"*{say(lang, heading, count=len(items))}*", *(_entry_line(e, author) for e in items)]
            blocks += mrkdwn_sections(lines)
    return _split(blocks, title, lang)


def overview_messages(lang: str, *, week: Week, groups: Sequence[GroupStatus], week_end: datetime) -> list[Message]:
    title = say(lang, "overview.title", week=week.label(lang))
    lines = []
    for item in groups:
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
        if item.last_logged_at is None:
            line += "\n      " + say(lang, "overview.never")
        else:
            weeks = (week_end - item.last_logged_at).days // 7
            if weeks >= SILENT_WEEKS:
                line += "\n      " + say(lang, "overview.silent", weeks=weeks)
        lines.append(line)
    silent = sum(
        1 for g in groups if g.last_logged_at is None or (week_end - g.last_logged_at).days // 7 >= SILENT_WEEKS
    )
    totals = say(
        lang,
        "overview.totals",
        groups=len(groups),
        results=sum(g.week_results for g in groups),
        activities=sum(g.week_activities for g in groups),
        silent=silent,
    )
    blocks: list[Block] = [
        HeaderBlock(text=PlainTextObject(text=title[:150])),
        ContextBlock(elements=[MarkdownTextObject(text=totals)]),
        DividerBlock(),
        *mrkdwn_sections(lines),
    ]
    return _split(blocks, title, lang)
