"""Block Kit of `/mlr status`, `/mlr lista` and `/mlr sök`: where the groups stand, and entries page by page."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    HeaderBlock,
    MarkdownTextObject,
    PlainTextObject,
)

from core.dates import Week
from core.digest import weeks_silent
from core.texts import say
from handlers import ids
from handlers.blocks.common import MESSAGE_CHARS, block_chars, escape, mrkdwn_sections
from handlers.blocks.followup import signoff_counts, statement_state
from storage.entries import EntryPage
from storage.models import Entry, Followup
from storage.status import GroupStatus

SHOWN_CHARS = 300
_BUTTONS_ROOM = 100  # the title's numbers grow by a few digits, the two buttons' texts are short


def status_line(
    lang: str, item: GroupStatus, *, year: int, now: Any, followup: Followup | None = None, past: bool = False
) -> str:
    """A group's figures; for a past year the year's, without this week's count or how long it has been silent."""
    if past:
        parts = [say(lang, "status.counts_year", year=year, year_count=item.this_year)]
    else:
        parts = [say(lang, "status.counts", week=item.this_week, year=year, year_count=item.this_year)]
    if item.newest_result is not None:
        parts.append(
            say(lang, "status.newest", date=item.newest_result.occurred_on.isoformat(), id=item.newest_result.id)
        )
    if not past:
        silent = weeks_silent(item.last_logged_at, now)
        if silent is None:
            parts.append(say(lang, "overview.never"))
        elif silent >= 1:
            parts.append(say(lang, "status.silent", weeks=silent))
    if item.unresulted:
        parts.append(say(lang, "status.unresulted", numbers=", ".join(f"({a.number})" for a in item.unresulted)))
    if item.statement is not None:
        parts.append(say(lang, "status.statement", version=item.statement.version, year=year))
        parts.append(statement_state(lang, item.statement))
    elif followup is not None:
        parts.append(say(lang, "home.not_submitted", year=year))
    return f"*{escape(item.group.name)}* (`{item.group.key}`): " + " · ".join(parts)


def status_detail_blocks(
    lang: str, item: GroupStatus, *, year: int, week: Week, now: Any, followup: Followup | None, past: bool = False
) -> list[Block]:
    lines = [status_line(lang, item, year=year, now=now, followup=followup, past=past)]
    if item.newest_result is not None:
        lines.append(say(lang, "status.newest_text", text=_shown(item.newest_result.text)))
    for activity in item.unresulted:
        # The state first, then the activity's text whole ("teknologkår.: inget resultat" read as a typo).
        lines.append(f"• ({activity.number}) " + say(lang, "status.no_result_yet") + f": {escape(activity.text)}")
    channels = " ".join(f"<#{c}>" for c in item.channels) or say(lang, "groups.no_channel")
    lines.append(say(lang, "status.channels", channels=channels))
    title = say(lang, "status.title_group", name=item.group.name, year=year)
    return [HeaderBlock(text=PlainTextObject(text=title[:150])), *mrkdwn_sections(lines)]


def _shown(text: str) -> str:
    """An entry's text for a list: at most SHOWN_CHARS, and if shortened, it says so with "…"."""
    return escape(text if len(text) <= SHOWN_CHARS else text[:SHOWN_CHARS].rstrip() + "…").replace("\n", " ")


def entry_line(lang: str, entry: Entry) -> str:
    kind = say(lang, f"kind.{entry.kind}")
    edited = " " + say(lang, "list.edited", version=entry.version) if entry.version > 1 else ""
    return (
        f"• *#{entry.id}* · {entry.occurred_on.isoformat()} · <@{entry.user_id}> · `{entry.group_key}` · "
        f"{kind}{edited}: {_shown(entry.text)}"
    )


def status_blocks(
    lang: str,
    statuses: Sequence[GroupStatus],
    *,
    title: str,
    year: int,
    now: Any,
    followup: Followup | None,
    past: bool = False,
) -> list[Block]:
    lines = [status_line(lang, item, year=year, now=now, followup=followup, past=past) for item in statuses]
    counts: list[Block] = []
    if followup is not None and followup.year == year:
        # The follow-up's season: how many groups have not started, have a draft, are approved.
        statements = {item.group.key: item.statement for item in statuses if item.statement is not None}
        text = (
            say(lang, "followup.status_title", year=year)
            + ": "
            + signoff_counts(lang, statements, [item.group for item in statuses])
        )
        counts.append(ContextBlock(elements=[MarkdownTextObject(text=text)]))
    return [HeaderBlock(text=PlainTextObject(text=title[:150])), *counts, *mrkdwn_sections(lines)]


def list_page_blocks(
    lang: str,
    query: dict[str, Any],
    *,
    page: EntryPage,
    offset: int,
    page_size: int,
    years_with_entries: Sequence[int] = (),
) -> tuple[list[Block], str]:
    """One page of a list or search, with buttons to the pages before and after it; the query
    rides in the buttons' values. A list of a year heads with the year; an empty one says which years
    have entries. A page is one message: it shows as many of `page.entries` as fit MESSAGE_CHARS (at
    least one), and the next page starts at the first entry not shown."""
    scope = " · ".join(
        str(v)
        for v in (query.get("group"), query.get("week"), query.get("year"), " ".join(query.get("words", [])))
        if v
    )
    heading: list[Block] = []
    if "year" in query:
        header = say(lang, "list.heading_year", year=query["year"])
        if query.get("group"):
            header += f" · {query['group']}"
        heading.append(HeaderBlock(text=PlainTextObject(text=header[:150])))
    if not page.entries:
        text = say(lang, "list.empty", scope=escape(scope))
        if years_with_entries:
            text += " " + say(lang, "list.years_with_entries", years=", ".join(str(y) for y in years_with_entries))
        empty: list[Block] = [*heading, *mrkdwn_sections([text])]
        return empty, text
    lines = [entry_line(lang, entry) for entry in page.entries]
    title_room = len(say(lang, "list.title", first=0, last=0, total=0, scope=escape(scope)))
    room = MESSAGE_CHARS - _BUTTONS_ROOM - title_room - sum(block_chars(block) for block in heading)
    shown = 1
    while shown < len(lines) and sum(len(line) + 1 for line in lines[: shown + 1]) <= room:
        shown += 1
    title = say(lang, "list.title", first=offset + 1, last=offset + shown, total=page.total, scope=escape(scope))
    blocks: list[Block] = [*heading, ContextBlock(elements=[MarkdownTextObject(text=title)])]
    blocks += mrkdwn_sections(lines[:shown])
    buttons = []
    if offset > 0:
        buttons.append(
            ButtonElement(
                text=say(lang, "list.previous"),
                action_id=ids.PAGE_PREVIOUS,
                value=json.dumps({"q": query, "o": max(0, offset - page_size)}),
            )
        )
    if offset + shown < page.total:
        buttons.append(
            ButtonElement(
                text=say(lang, "list.next"),
                action_id=ids.PAGE_NEXT,
                value=json.dumps({"q": query, "o": offset + shown}),
            )
        )
    if buttons:
        blocks.append(ActionsBlock(elements=buttons))
    return blocks, title
