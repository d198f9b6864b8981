"""The weekly digests: when they are due, and posting them to each group and to the coordinator."""

from __future__ import annotations

import logging
from datetime import datetime
from functools import partial
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from bot.jobs.delivery import WORKER, Delivery, Outcome, deliver_each
from bot.jobs.undelivered import tell_coordinator
from core.dates import Week
from core.digest import group_digest, is_posted, overview
from core.schedule import due_weeks
from handlers.blocks.digest import Author, group_digest_messages, overview_messages
from handlers.context import Services
from storage import plans
from storage.entries import list_entries_created
from storage.groups import get_group, list_groups, list_linked_channels
from storage.models import FollowupStatus
from storage.status import list_group_status

log = logging.getLogger(__name__)

DIGEST = "digest"
OVERVIEW = "overview"


def render_group_digest(
    services: Services,
    *,
    group_key: str,
    week: Week,
    author: Author,
    include_empty: bool = False,
) -> list[dict[str, Any]]:
    """The digest's messages, or [] when the week is empty and MLR_DIGEST_EMPTY=skip (and not
    `include_empty`)."""
    start, end = week.bounds(services.settings.timezone)
    with services.db.read() as session:
        group = get_group(session, key=group_key)
        entries = list_entries_created(session, start=start, end=end, group_key=group_key)
    if group is None:
        return []
    digest = group_digest(group=group, week=week, entries=entries)
    if not (include_empty or is_posted(digest, services.settings)):
        return []
    return [message.to_dict() for message in group_digest_messages(services.lang, digest=digest, author=author)]


def render_overview(services: Services, *, week: Week) -> list[dict[str, Any]]:
    start, end = week.bounds(services.settings.timezone)
    with services.db.read() as session:
        groups = list_group_status(session, year=week.monday.year, week_start=start, week_end=end, until=end)
        followup = plans.get_followup(session, year=week.monday.year)
    content = overview(week=week, groups=groups, week_end=end)
    # In the follow-up's season the overview also counts the groups not started, with a draft, approved.
    season = followup.year if followup is not None and followup.status == FollowupStatus.OPEN else None
    messages = overview_messages(services.lang, overview=content, followup_year=season)
    return [message.to_dict() for message in messages]


class UserNames:
    """Authors as names (users.info), not mentions: a digest should not ping everyone it lists."""

    def __init__(self, client: WebClient | None) -> None:
        self.client = client
        self.cache: dict[str, str] = {}

    def __call__(self, user_id: str) -> str:
        if user_id not in self.cache:
            self.cache[user_id] = self._lookup(user_id)
        return self.cache[user_id]

    def _lookup(self, user_id: str) -> str:
        if self.client is None:
            return user_id
        try:
            user = self.client.users_info(user=user_id)["user"]
        except (SlackApiError, SlackClientError, OSError) as error:
            log.warning("users.info %s failed (%s); showing the id", user_id, error)
            return user_id
        profile = user.get("profile") or {}
        return str(profile.get("display_name") or user.get("real_name") or user.get("name") or user_id)


def post_digests(
    services: Services,
    client: WebClient,
    *,
    week: Week,
    now: datetime,
    group_key: str | None = None,
    force: bool = False,
    worker: str = WORKER,
) -> list[Outcome]:
    """Every linked channel's digest for `week` (one group's with `group_key`), and the overview."""
    names = UserNames(client)
    with services.db.read() as session:
        groups = [g for g in list_groups(session) if g.active and group_key in (None, g.key)]
        channels = {g.key: list_linked_channels(session, group_key=g.key) for g in groups}
    outcomes = []
    for group in groups:
        render = partial(render_group_digest, services, group_key=group.key, week=week, author=names)
        outcomes += deliver_each(
            services.db,
            client,
            kind=DIGEST,
            period=str(week),
            channel_ids=channels[group.key],
            render=render,
            now=now,
            force=force,
            worker=worker,
        )
    overview_channel = services.settings.coordinator_channel
    if overview_channel and group_key is None:
        outcomes += deliver_each(
            services.db,
            client,
            kind=OVERVIEW,
            period=str(week),
            channel_ids=[overview_channel],
            render=partial(render_overview, services, week=week),
            now=now,
            force=force,
            worker=worker,
        )
    return outcomes + tell_coordinator(services, client, outcomes, now=now, worker=worker)


def post_due_digests(services: Services, client: WebClient, *, now: datetime, worker: str = WORKER) -> list[Outcome]:
    """What the scheduler runs: every due week's digests, each exactly once."""
    outcomes = []
    for week in due_weeks(services.settings, now):
        outcomes += post_digests(services, client, week=week, now=now, worker=worker)
    failed = [o for o in outcomes if o.delivery is Delivery.FAILED]
    if failed:
        log.warning("%d scheduled post(s) failed and will be retried: %s", len(failed), failed)
    return outcomes
