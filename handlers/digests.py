"""`/mlr digest [group]`: this week's digest so far, only to the asker."""

from __future__ import annotations

from core.dates import Week
from core.digest import group_digest
from handlers.blocks.common import Reply, mention
from handlers.blocks.digest import group_digest_messages
from handlers.context import Services
from storage.entries import list_entries_created
from storage.models import Group


def digest_so_far_reply(services: Services, *, group: Group) -> Reply:
    """This week's digest until now: authors as mentions (an ephemeral message pings nobody),
    empty weeks said as such."""
    week = Week.containing(services.today())
    start, end = week.bounds(services.settings.timezone)
    with services.db.read() as session:
        entries = list_entries_created(session, start=start, end=end, group_key=group.key)
    digest = group_digest(group=group, week=week, entries=entries)
    first, *rest = group_digest_messages(services.lang, digest=digest, author=mention, so_far=True)
    return Reply(text=first.text, blocks=first.blocks, more=[message.to_dict() for message in rest])
