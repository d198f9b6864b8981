"""The yearly follow-up on a schedule: start it, prompt every group once, remind the silent ones
weekly until the deadline (not on holidays), and give the coordinator the late list once."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import Any

from slack_sdk import WebClient
from sqlalchemy.exc import IntegrityError

from bot.delivery import WORKER, Outcome, deliver_each
from core.dates import is_holiday, next_working_day
from core.settings import Settings
from core.texts import say
from handlers.blocks.common import Message, mrkdwn_sections
from handlers.blocks.followup import late_message, prompt_message
from handlers.context import Services
from storage import plans
from storage.groups import list_coordinators, list_groups, list_linked_channels
from storage.models import Followup, FollowupStatus, Group

PROMPT = "followup_prompt"
REMINDER = "followup_reminder"
LATE = "followup_late"
NO_PLAN = "followup_noplan"
SEND_AT = time(9, 0)  # the start, reminders and the late list go out at 09:00 local time


def _rendered(message: Message) -> Callable[[], list[dict[str, Any]]]:
    return lambda: [message.to_dict()]


def on_day(year: int, month_day: tuple[int, int]) -> date:
    month, day = month_day
    try:
        return date(year, month, day)
    except ValueError:  # 29 February in a common year
        return date(year, month, day - 1)


def in_season(settings: Settings, now: datetime) -> bool:
    """Whether `now` lies between this year's MLR_FOLLOWUP_DATE at 09:00 and MLR_FOLLOWUP_DEADLINE:
    the days on which a follow-up not yet started is started by the scheduler."""
    local_now = now.astimezone(settings.timezone)
    start_at = datetime.combine(on_day(local_now.year, settings.followup_date), SEND_AT, tzinfo=settings.timezone)
    return start_at <= local_now and local_now.date() <= on_day(local_now.year, settings.followup_deadline)


def deadline_for(services: Services, *, year: int, today: date) -> date:
    """The configured deadline in `year`, or two weeks from today when that day is today or past."""
    deadline = on_day(year, services.settings.followup_deadline)
    return deadline if deadline > today else today + timedelta(days=14)


def start_campaign(services: Services, *, year: int, actor: str, now: datetime) -> Followup | None:
    """Open (or reopen) the follow-up for `year`; None when there is no plan for that year."""
    today = now.astimezone(services.settings.timezone).date()
    try:
        with services.db.write() as session:
            if not plans.list_plans(session, year=year):
                return None
            deadline = deadline_for(services, year=year, today=today)
            return plans.start_followup(session, year=year, deadline=deadline, actor=actor, now=now)
    except IntegrityError:  # another process opened it at the same moment
        with services.db.read() as session:
            return plans.get_followup(session, year=year)


def _group_channels(services: Services) -> list[tuple[Group, list[str]]]:
    with services.db.read() as session:
        return [
            (group, list_linked_channels(session, group_key=group.key))
            for group in list_groups(session)
            if group.active
        ]


def post_prompts(
    services: Services, client: WebClient, *, followup: Followup, now: datetime, worker: str = WORKER
) -> list[Outcome]:
    outcomes: list[Outcome] = []
    for group, channels in _group_channels(services):
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


def reminder_slot(services: Services, followup: Followup, now: datetime) -> datetime | None:
    """The latest weekly reminder time at or before `now`: Monday 09:00, on a holiday the next
    working day; after the campaign started, not after the deadline, at most the catch-up days old."""
    tz = services.settings.timezone
    local_now = now.astimezone(tz)
    monday = local_now.date() - timedelta(days=local_now.weekday())
    for week_start in (monday, monday - timedelta(days=7)):
        day = next_working_day(week_start - timedelta(days=1)) if is_holiday(week_start) else week_start
        slot = datetime.combine(day, SEND_AT, tzinfo=tz)
        started = followup.started_at.astimezone(tz)
        catchup = timedelta(days=services.settings.digest_catchup_days)
        if started.date() < week_start and slot <= local_now <= slot + catchup and day <= followup.deadline:
            return slot
    return None


def _coordinator_targets(services: Services) -> list[str]:
    if services.settings.coordinator_channel:
        return [services.settings.coordinator_channel]
    with services.db.read() as session:
        return [coordinator.user_id for coordinator in list_coordinators(session)]


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
            channel_ids=_coordinator_targets(services),
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
    return outcomes


def _answered(services: Services, year: int) -> set[str]:
    with services.db.read() as session:
        return {statement.group_key for statement in plans.list_statements(session, year=year)}


def _post_reminders(
    services: Services, client: WebClient, *, followup: Followup, now: datetime, worker: str
) -> list[Outcome]:
    slot = reminder_slot(services, followup, now)
    if slot is None:
        return []
    answered = _answered(services, followup.year)
    iso = slot.isocalendar()
    period = f"{followup.year}:{iso.year}-W{iso.week:02d}"
    outcomes: list[Outcome] = []
    for group, channels in _group_channels(services):
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
        answered = _answered(services, followup.year)
        groups = [group for group, _ in _group_channels(services)]
        late = [group for group in groups if group.key not in answered]
        return [late_message(services.lang, year=followup.year, late=late, answered=len(groups) - len(late)).to_dict()]

    return deliver_each(
        services.db,
        client,
        kind=LATE,
        period=str(followup.year),
        channel_ids=_coordinator_targets(services),
        render=render,
        now=now,
        worker=worker,
    )
