"""Digests in chat: `/mlr digest [group]` shows the week so far, only to the asker. Also the
rendering of a week's digest and overview from the database, shared with the scheduled posts."""

from __future__ import annotations

from typing import Any

from core.dates import Week
from handlers.blocks.common import Reply, mention
from handlers.blocks.digest import Author, group_digest_messages, overview_messages
from handlers.context import Services
from storage.entries import list_entries_created
from storage.groups import get_group
from storage.models import Group
from storage.status import list_group_status


def render_group_digest(
    services: Services,
    *,
    group_key: str,
    week: Week,
    author: Author,
    so_far: bool = False,
    include_empty: bool = False,
) -> list[dict[str, Any]]:
    """The digest's messages, or [] when the week is empty and MLR_DIGEST_EMPTY=skip (and not
    `include_empty`). `so_far` titles it as the week until now."""
    start, end = week.bounds(services.settings.timezone)
    with services.db.read() as session:
        group = get_group(session, key=group_key)
        entries = list_entries_created(session, start=start, end=end, group_key=group_key)
    if group is None or (not entries and services.settings.digest_empty == "skip" and not include_empty):
        return []
    messages = group_digest_messages(
        services.lang, group=group, week=week, entries=entries, author=author, so_far=so_far
    )
    return [message.to_dict() for message in messages]


def render_overview(services: Services, *, week: Week) -> list[dict[str, Any]]:
    start, end = week.bounds(services.settings.timezone)
    with services.db.read() as session:
        groups = list_group_status(session, year=week.monday.year, week_start=start, week_end=end, until=end)
    return [message.to_dict() for message in overview_messages(services.lang, week=week, groups=groups, week_end=end)]


def digest_so_far_reply(services: Services, *, group: Group) -> Reply:
    """This week's digest until now, for `/mlr digest`: authors as mentions (an ephemeral
    message pings nobody), empty weeks said as such."""
    week = Week.containing(services.today())
    start, end = week.bounds(services.settings.timezone)
    with services.db.read() as session:
        entries = list_entries_created(session, start=start, end=end, group_key=group.key)
    first, *rest = group_digest_messages(
        services.lang, group=group, week=week, entries=entries, author=mention, so_far=True
    )
    return Reply(text=first.text, blocks=first.blocks, more=[message.to_dict() for message in rest])
