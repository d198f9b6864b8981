"""`/mlr status`, `/mlr lista` and `/mlr sök`: where the groups stand, and entries page by page."""

from __future__ import annotations

import json
from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient
from slack_sdk.models.blocks import (
    Block,
)

from core.commands import ListEntries, SearchEntries, ShowStatus
from core.dates import Week
from core.texts import say
from core.years import in_year
from handlers import access, ids
from handlers.blocks.common import Reply, refusal_reply, say_mrkdwn, split_reply, text_reply
from handlers.blocks.status import list_page_blocks, status_blocks, status_detail_blocks
from handlers.context import Services, services_of
from storage import plans
from storage.entries import list_entry_years, page_entries
from storage.groups import get_linked_group, list_groups
from storage.status import list_group_status

PAGE_SIZE = 20


def register(app: App) -> None:
    app.action(ids.PAGE_PREVIOUS)(handle_page)
    app.action(ids.PAGE_NEXT)(handle_page)


# ---------------------------------------------------------------- status


def status_reply(services: Services, parsed: ShowStatus, *, user_id: str, channel_id: str, client: WebClient) -> Reply:
    lang = services.lang
    today = services.today()
    year = parsed.year or today.year
    week = Week.containing(today)
    start, end = week.bounds(services.settings.timezone)
    past = year < today.year
    with services.db.read() as session:
        visible = access.readable_group_keys(
            session, client, services.members, user_id=user_id, channel_id=channel_id, now=services.now()
        )
        if past and parsed.group_key is None:  # the groups of that year, a group closed since among them
            of_year = [g.key for g in list_groups(session) if in_year(g, year)]
            visible = [key for key in of_year if visible is None or key in visible]
        if parsed.group_key is not None:
            group = access.find_group(session, parsed.group_key)
            if isinstance(group, access.Refusal):
                return refusal_reply(lang, group)
            if visible is not None and group.key not in visible:
                return text_reply(say(lang, "status.not_visible", key=group.key))
            keys: list[str] | None = [group.key]
        else:
            keys = visible
        if keys == []:
            return text_reply(say(lang, "status.none_visible"))
        statuses = list_group_status(
            session, year=year, week_start=start, week_end=end, group_keys=keys, past_year=past
        )
        followup = plans.get_followup(session, year=year)
    now = services.now()
    if parsed.group_key is not None and statuses:  # long planned activities may need more than one message
        return split_reply(
            lang,
            status_detail_blocks(lang, statuses[0], year=year, week=week, now=now, followup=followup, past=past),
            text=say_mrkdwn(lang, "status.title_group", name=statuses[0].group.name, year=year),
        )
    # A past year heads with the year, not with this week.
    title = say(lang, "status.title_year", year=year) if past else say(lang, "status.title", week=week.label(lang))
    blocks = status_blocks(lang, statuses, title=title, year=year, now=now, followup=followup, past=past)
    return split_reply(lang, blocks, text=title)


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


def list_reply(
    services: Services, parsed: ListEntries | SearchEntries, *, user_id: str, channel_id: str, client: WebClient
) -> Reply:
    """Entries page by page, of the groups the asker may read (`access.may_use_group`)."""
    query = _query_of(parsed, services, channel_id)
    if isinstance(query, str):
        return text_reply(say(services.lang, query))
    with services.db.read() as session:
        if "group" in query:
            group = access.find_group(session, query["group"])
            if isinstance(group, access.Refusal):
                return refusal_reply(services.lang, group)
            query["group"] = group.key
            refusal = access.outsider_refusal(
                session,
                client,
                services.members,
                user_id=user_id,
                group=group,
                now=services.now(),
                channel_id=channel_id,
            )
            if refusal:
                return refusal_reply(services.lang, refusal)
        else:
            readable = access.readable_group_keys(
                session, client, services.members, user_id=user_id, channel_id=channel_id, now=services.now()
            )
            if readable == []:
                return text_reply(say(services.lang, "list.none_visible"))
            if readable is not None:
                query["groups"] = readable
    blocks, text = page_blocks(services, query, offset=0)
    return Reply(text=text, blocks=blocks)


def page_blocks(services: Services, query: dict[str, Any], *, offset: int) -> tuple[list[Block], str]:
    # A week's list is what was logged that week, as its digest; a year's what happened in the year.
    logged = Week.parse(query["week"]).bounds(services.settings.timezone) if "week" in query else None
    with services.db.read() as session:
        page = page_entries(
            session,
            group_keys=[query["group"]] if "group" in query else query.get("groups"),
            logged=logged,
            year=query.get("year"),
            words=query.get("words"),
            offset=offset,
            limit=PAGE_SIZE,
        )
        years: list[int] = []
        if page.total == 0 and "words" not in query:
            years = list_entry_years(session, group_keys=[query["group"]] if "group" in query else None)
    return list_page_blocks(
        services.lang, query, page=page, offset=offset, page_size=PAGE_SIZE, years_with_entries=years
    )


def handle_page(ack: Ack, body: dict[str, Any], context: BoltContext, respond: Respond) -> None:
    ack()
    services = services_of(context)
    value = json.loads(body["actions"][0]["value"])
    blocks, text = page_blocks(services, value["q"], offset=int(value["o"]))
    respond(text=text, blocks=[b.to_dict() for b in blocks], replace_original=True, response_type="ephemeral")
