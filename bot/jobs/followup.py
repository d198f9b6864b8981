"""The yearly follow-up on a schedule: start it, prompt every group once, remind the silent ones
weekly until the deadline (not on holidays), and give the coordinator the late list once."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from slack_sdk import WebClient
from sqlalchemy.exc import IntegrityError

from bot.jobs.delivery import WORKER, Outcome, deliver_each
from bot.jobs.undelivered import coordinator_targets, tell_coordinator
from core.dates import next_working_day
from core.schedule import SEND_AT, deadline_for, in_season, reminder_slot
from core.texts import say
from core.years import in_year
from handlers.blocks.common import Message, mrkdwn_sections
from handlers.blocks.followup import late_message, prompt_message
from handlers.context import Services
from storage import plans
from storage.entries import count_entries_of_year
from storage.groups import list_groups, list_linked_channels
from storage.ledger import list_posts
from storage.models import Followup, FollowupStatus, Group

PROMPT = "followup_prompt"
REMINDER = "followup_reminder"
LATE = "followup_late"
NO_PLAN = "followup_noplan"


def _rendered(message: Message) -> Callable[[], list[dict[str, Any]]]:
    return lambda: [message.to_dict()]


def start_campaign(services: Services, *, year: int, actor: str, now: datetime) -> Followup | None:
    """Open (or reopen) the follow-up for `year`: the groups active in it are asked for their statements, with or
    without a plan for the year. None when the year has neither a plan nor any entry: nothing to follow up."""
    today = now.astimezone(services.settings.timezone).date()
    try:
        with services.db.write() as session:
            if not plans.list_plans(session, year=year) and not count_entries_of_year(session, year=year):
                return None
            deadline = deadline_for(services.settings, year=year, today=today)
            return plans.start_followup(session, year=year, deadline=deadline, actor=actor, now=now)
    except IntegrityError:  # another process opened it at the same moment
        with services.db.read() as session:
            return plans.get_followup(session, year=year)


def _group_channels(services: Services, year: int) -> list[tuple[Group, list[str]]]:
    """The groups of the year's follow-up (those active in it, a group closed during it too) and their channels."""
    with services.db.read() as session:
        return [
            (group, list_linked_channels(session, group_key=group.key))
            for group in list_groups(session)
            if in_year(group, year)
        ]


def post_prompts(
    services: Services, client: WebClient, *, followup: Followup, now: datetime, worker: str = WORKER
) -> list[Outcome]:
    outcomes: list[Outcome] = []
    for group, channels in _group_channels(services, followup.year):
        message = prompt_message(services.lang, group=group, year=followup.year, deadline=followup.deadline)
        outcomes += deliver_each(
            services.db,
            client,
            kind=PROMPT,
            period=str(followup.year),
            channel_ids=channels,
            render=_rendered(message),
            now=now,
            worker=worker,
        )
    return outcomes


def prompts_posted(services: Services, *, year: int) -> dict[str, datetime]:
    """The channels the prompt of `year`'s follow-up went out to, and when: it goes out once."""
    with services.db.read() as session:
        return {
            post.channel_id: post.posted_at
            for post in list_posts(session, period=str(year))
            if post.kind == PROMPT and post.posted_at is not None
        }


def post_due_followup(services: Services, client: WebClient, *, now: datetime, worker: str = WORKER) -> list[Outcome]:
    """What the scheduler runs each minute for the follow-up; every post goes out once."""
    outcomes: list[Outcome] = []
    today = now.astimezone(services.settings.timezone).date()
    year = today.year
    with services.db.read() as session:
        existing = plans.get_followup(session, year=year)
    due_to_start = existing is None and in_season(services.settings, now)
    if due_to_start and start_campaign(services, year=year, actor="system", now=now) is None:
        notice = say(services.lang, "followup.no_plan_notice", year=year)
        outcomes += deliver_each(
            services.db,
            client,
            kind=NO_PLAN,
            period=str(year),
            channel_ids=coordinator_targets(services),
            now=now,
            worker=worker,
            render=_rendered(Message(text=notice, blocks=mrkdwn_sections([notice]))),
        )

    with services.db.read() as session:
        open_followups = [f for f in plans.list_followups(session) if f.status == FollowupStatus.OPEN]
    for followup in open_followups:
        outcomes += post_prompts(services, client, followup=followup, now=now, worker=worker)
        outcomes += _post_reminders(services, client, followup=followup, now=now, worker=worker)
        if today > followup.deadline:
            outcomes += _post_late_list(services, client, followup=followup, now=now, worker=worker)
    return outcomes + tell_coordinator(services, client, outcomes, now=now, worker=worker)


def _answered(services: Services, year: int) -> set[str]:
    with services.db.read() as session:
        return {statement.group_key for statement in plans.list_statements(session, year=year)}


def _post_reminders(
    services: Services, client: WebClient, *, followup: Followup, now: datetime, worker: str
) -> list[Outcome]:
    slot = reminder_slot(services.settings, followup, now)
    if slot is None:
        return []
    answered = _answered(services, followup.year)
    iso = slot.isocalendar()
    period = f"{followup.year}:{iso.year}-W{iso.week:02d}"
    outcomes: list[Outcome] = []
    for group, channels in _group_channels(services, followup.year):
        if group.key in answered:
            continue
        message = prompt_message(
            services.lang, group=group, year=followup.year, deadline=followup.deadline, reminder=True
        )
        outcomes += deliver_each(
            services.db,
            client,
            kind=REMINDER,
            period=period,
            channel_ids=channels,
            render=_rendered(message),
            now=now,
            worker=worker,
        )
    return outcomes


def _post_late_list(
    services: Services, client: WebClient, *, followup: Followup, now: datetime, worker: str
) -> list[Outcome]:
    tz = services.settings.timezone
    day_after = next_working_day(followup.deadline)
    if now.astimezone(tz) < datetime.combine(day_after, SEND_AT, tzinfo=tz):
        return []

    def render() -> list[dict[str, Any]]:
        with services.db.read() as session:
            statements = {s.group_key: s for s in plans.list_statements(session, year=followup.year)}
        groups = [group for group, _ in _group_channels(services, followup.year)]
        late = [group for group in groups if group.key not in statements]
        drafts = [g for g in groups if g.key in statements and statements[g.key].approved_at is None]
        message = late_message(
            services.lang, year=followup.year, late=late, answered=len(groups) - len(late), drafts=drafts
        )
        return [message.to_dict()]

    return deliver_each(
        services.db,
        client,
        kind=LATE,
        period=str(followup.year),
        channel_ids=coordinator_targets(services),
        render=render,
        now=now,
        worker=worker,
    )
