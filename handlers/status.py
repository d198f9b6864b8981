"""`/mlr status`, `/mlr lista` and `/mlr sök`: where the groups stand, and entries page by page."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    HeaderBlock,
    MarkdownTextObject,
    PlainTextObject,
)

from core.commands import ListEntries, SearchEntries, ShowStatus
from core.dates import Week
from core.digest import weeks_silent
from core.texts import say
from handlers import access, ids
from handlers.blocks.common import Reply, escape, mrkdwn_sections, refusal_reply, text_reply
from handlers.context import Services, services_of
from storage import plans
from storage.entries import page_entries
from storage.groups import get_group, get_linked_group
from storage.models import Entry, Followup
from storage.status import GroupStatus, list_group_status

PAGE_SIZE = 20
SHOWN_CHARS = 300


def register(app: App) -> None:
    app.action(ids.PAGE_ACTION)(handle_page)


# ---------------------------------------------------------------- status


def status_reply(services: Services, parsed: ShowStatus, *, user_id: str, channel_id: str) -> Reply:
    lang = services.lang
    today = services.today()
    year = parsed.year or today.year
    week = Week.containing(today)
    start, end = week.bounds(services.settings.timezone)
    with services.db.read() as session:
        visible = access.visible_group_keys(session, services.members, user_id=user_id, channel_id=channel_id)
        if parsed.group_key is not None:
            group = get_group(session, key=parsed.group_key)
            if group is None:
                return refusal_reply(lang, access.unknown_group(session, parsed.group_key))
            if visible is not None and group.key not in visible:
                return text_reply(say(lang, "status.not_visible", key=group.key))
            keys: list[str] | None = [group.key]
        else:
            keys = visible
        if keys == []:
            return text_reply(say(lang, "status.none_visible"))
        statuses = list_group_status(session, year=year, week_start=start, week_end=end, group_keys=keys)
        followup = plans.get_followup(session, year=year)
    now = services.now()
    if parsed.group_key is not None and statuses:
        return Reply(
            text=say(lang, "status.title_group", name=statuses[0].group.name, year=year),
            blocks=status_detail_blocks(lang, statuses[0], year=year, week=week, now=now, followup=followup),
        )
    title = say(lang, "status.title", year=year, week=week.label(lang))
    lines = [status_line(lang, item, year=year, now=now, followup=followup) for item in statuses]
    blocks: list[Block] = [HeaderBlock(text=PlainTextObject(text=title[:150])), *mrkdwn_sections(lines)]
    return Reply(text=title, blocks=blocks)


def status_line(lang: str, item: GroupStatus, *, year: int, now: Any, followup: Followup | None = None) -> str:
    parts = [say(lang, "status.counts", week=item.this_week, year=year, year_count=item.this_year)]
    if item.newest_result is not None:
        parts.append(
            say(lang, "status.newest", date=item.newest_result.occurred_on.isoformat(), id=item.newest_result.id)
        )
    silent = weeks_silent(item.last_logged_at, now)
    if silent is None:
        parts.append(say(lang, "overview.never"))
    elif silent >= 1:
        parts.append(say(lang, "status.silent", weeks=silent))
    if item.unresulted:
        parts.append(say(lang, "status.unresulted", numbers=", ".join(f"({a.number})" for a in item.unresulted)))
    if item.statement is not None:
        parts.append(say(lang, "status.statement", version=item.statement.version))
    elif followup is not None:
        parts.append(say(lang, "home.not_submitted", year=year))
    return f"*{escape(item.group.name)}* (`{item.group.key}`): " + " · ".join(parts)


def status_detail_blocks(
    lang: str, item: GroupStatus, *, year: int, week: Week, now: Any, followup: Followup | None
) -> list[Block]:
    lines = [status_line(lang, item, year=year, now=now, followup=followup)]
    if item.newest_result is not None:
        lines.append(say(lang, "status.newest_text", text=_shown(item.newest_result.text)))
    for activity in item.unresulted:
        lines.append(f"• ({activity.number}) {escape(activity.text)}: " + say(lang, "status.no_result_yet"))
    channels = " ".join(f"<#{c}>" for c in item.channels) or say(lang, "groups.no_channel")
    lines.append(say(lang, "status.channels", channels=channels))
    title = say(lang, "status.title_group", name=item.group.name, year=year)
    return [HeaderBlock(text=PlainTextObject(text=title[:150])), *mrkdwn_sections(lines)]


def _shown(text: str) -> str:
    """An entry's text for a list: at most SHOWN_CHARS, and if shortened, it says so with "…"."""
    return escape(text if len(text) <= SHOWN_CHARS else text[:SHOWN_CHARS].rstrip() + "…").replace("\n", " ")


# ---------------------------------------------------------------- lists and search


def _query_of(parsed: ListEntries | SearchEntries, services: Services, channel_id: str) -> dict[str, Any] | str:
    """The list's filters as plain data (carried by the paging buttons), or a usage error key."""
    if isinstance(parsed, SearchEntries):
        return {"words": [w[:50] for w in parsed.words[:10]]}
    query: dict[str, Any] = {}
    if parsed.group_key:
        query["group"] = parsed.group_key
    else:
        with services.db.read() as session:
            linked = get_linked_group(session, channel_id=channel_id)
        if linked is not None:
            query["group"] = linked.key
    if parsed.week:
        try:
            query["week"] = str(Week.parse(parsed.week))
        except ValueError:
            return "error.list_usage"
    else:
        query["year"] = parsed.year or services.today().year
    return query


def list_reply(services: Services, parsed: ListEntries | SearchEntries, *, channel_id: str) -> Reply:
    query = _query_of(parsed, services, channel_id)
    if isinstance(query, str):
        return text_reply(say(services.lang, query))
    if "group" in query:
        with services.db.read() as session:
            if get_group(session, key=query["group"]) is None:
                return refusal_reply(services.lang, access.unknown_group(session, query["group"]))
    blocks, text = page_blocks(services, query, offset=0)
    return Reply(text=text, blocks=blocks)


def page_blocks(services: Services, query: dict[str, Any], *, offset: int) -> tuple[list[Block], str]:
    lang = services.lang
    start = end = None
    if "week" in query:
        week = Week.parse(query["week"])
        start, end = week.monday, week.monday + timedelta(days=7)
    with services.db.read() as session:
        page = page_entries(
            session,
            group_keys=[query["group"]] if "group" in query else None,
            start=start,
            end=end,
            year=query.get("year"),
            words=query.get("words"),
            offset=offset,
            limit=PAGE_SIZE,
        )
    scope = " · ".join(
        str(v)
        for v in (query.get("group"), query.get("week"), query.get("year"), " ".join(query.get("words", [])))
        if v
    )
    if not page.entries:
        text = say(lang, "list.empty", scope=escape(scope))
        empty: list[Block] = [*mrkdwn_sections([text])]
        return empty, text
    title = say(
        lang, "list.title", first=offset + 1, last=offset + len(page.entries), total=page.total, scope=escape(scope)
    )
    blocks: list[Block] = [ContextBlock(elements=[MarkdownTextObject(text=title)])]
    blocks += mrkdwn_sections([entry_line(lang, entry) for entry in page.entries])
    buttons = []
    if offset > 0:
        buttons.append(
            ButtonElement(
                text=say(lang, "list.previous"),
                action_id=ids.PAGE_ACTION,
                value=json.dumps({"q": query, "o": max(0, offset - PAGE_SIZE)}),
            )
        )
    if offset + PAGE_SIZE < page.total:
        buttons.append(
            ButtonElement(
                text=say(lang, "list.next"),
                action_id=ids.PAGE_ACTION,
                value=json.dumps({"q": query, "o": offset + PAGE_SIZE}),
            )
        )
    if buttons:
        blocks.append(ActionsBlock(elements=buttons))
    return blocks, title


def entry_line(lang: str, entry: Entry) -> str:
    kind = say(lang, f"kind.{entry.kind}")
    edited = " " + say(lang, "list.edited", version=entry.version) if entry.version > 1 else ""
    return (
        f"• *#{entry.id}* · {entry.occurred_on.isoformat()} · <@{entry.user_id}> · `{entry.group_key}` · "
        f"{kind}{edited}: {_shown(entry.text)}"
    )


def handle_page(ack: Ack, body: dict[str, Any], context: BoltContext, respond: Respond) -> None:
    ack()
    services = services_of(context)
    value = json.loads(body["actions"][0]["value"])
    blocks, text = page_blocks(services, value["q"], offset=int(value["o"]))
    respond(text=text, blocks=[b.to_dict() for b in blocks], replace_original=True, response_type="ephemeral")
