"""The weekly digests: when they are due, and posting them to each group and to the coordinator."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from functools import partial

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from bot.delivery import WORKER, Delivery, Outcome, deliver_each
from core.crontab import crontab_trigger
from core.dates import Week, is_holiday, next_working_day
from handlers.context import Services
from handlers.digests import render_group_digest, render_overview
from storage.groups import list_groups, list_linked_channels

log = logging.getLogger(__name__)

DIGEST = "digest"
OVERVIEW = "overview"


def week_covered_by(run: datetime, services: Services) -> Week:
    """A run covers the ISO week of the day before it: Monday's covers the week just ended."""
    return Week.containing(run.astimezone(services.settings.timezone).date() - timedelta(days=1))


def scheduled_runs(services: Services, *, after: datetime, until: datetime) -> list[datetime]:
    """The cron's run times in (after, until], in local time."""
    trigger = crontab_trigger(services.settings.digest_cron, services.settings.timezone)
    runs: list[datetime] = []
    previous = None
    moment = after + timedelta(seconds=1)
    while True:
        fire = trigger.get_next_fire_time(previous, moment)
        if fire is None or fire > until:
            return runs
        runs.append(fire)
        previous, moment = fire, fire + timedelta(seconds=1)


def effective_time(run: datetime) -> datetime:
    """On a Swedish public holiday the run moves to the same time on the next working day."""
    if not is_holiday(run.date()):
        return run
    return datetime.combine(next_working_day(run.date()), run.time(), tzinfo=run.tzinfo)


def due_weeks(services: Services, now: datetime) -> list[Week]:
    """Weeks whose digest is due at `now`: its (holiday-moved) time has come, and is at most
    MLR_DIGEST_CATCHUP_DAYS old, so a bot that was down posts what it missed once it is back."""
    catchup = timedelta(days=services.settings.digest_catchup_days)
    weeks: list[Week] = []
    # A holiday moves a run by four days at most (Good Friday to Tuesday): look back a week more.
    for run in scheduled_runs(services, after=now - catchup - timedelta(days=7), until=now):
        moved = effective_time(run)
        if moved <= now <= moved + catchup:
            week = week_covered_by(run, services)
            if week not in weeks:
                weeks.append(week)
    return weeks


def latest_week(services: Services, now: datetime) -> Week:
    """The week of the latest scheduled run: what the last digest covered (the CLI's default)."""
    runs = scheduled_runs(services, after=now - timedelta(days=400), until=now)
    if runs:
        return week_covered_by(runs[-1], services)
    return Week.containing(now.astimezone(services.settings.timezone).date()).previous()


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
    return outcomes


def post_due_digests(services: Services, client: WebClient, *, now: datetime, worker: str = WORKER) -> list[Outcome]:
    """What the scheduler runs: every due week's digests, each exactly once."""
    outcomes = []
    for week in due_weeks(services, now):
        outcomes += post_digests(services, client, week=week, now=now, worker=worker)
    failed = [o for o in outcomes if o.delivery is Delivery.FAILED]
    if failed:
        log.warning("%d scheduled post(s) failed and will be retried: %s", len(failed), failed)
    return outcomes
