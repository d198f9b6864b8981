"""When things are due: the weekly digest's runs (moved off holidays, caught up after downtime) and
the yearly follow-up's start, reminders and deadline. Rules only, from the settings and a given `now`."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from core.crontab import crontab_trigger
from core.dates import Week, is_holiday, next_working_day
from core.settings import Settings
from storage.models import Followup


def week_covered_by(run: datetime, settings: Settings) -> Week:
    """A run covers the ISO week of the day before it: Monday's covers the week just ended."""
    return Week.containing(run.astimezone(settings.timezone).date() - timedelta(days=1))


def scheduled_runs(settings: Settings, *, after: datetime, until: datetime) -> list[datetime]:
    """The cron's run times in (after, until], in local time."""
    trigger = crontab_trigger(settings.digest_cron, settings.timezone)
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


def due_weeks(settings: Settings, now: datetime) -> list[Week]:
    """Weeks whose digest is due at `now`: its (holiday-moved) time has come, and is at most
    MLR_DIGEST_CATCHUP_DAYS old, so a bot that was down posts what it missed once it is back."""
    catchup = timedelta(days=settings.digest_catchup_days)
    weeks: list[Week] = []
    # A holiday moves a run by four days at most (Good Friday to Tuesday): look back a week more.
    for run in scheduled_runs(settings, after=now - catchup - timedelta(days=7), until=now):
        moved = effective_time(run)
        if moved <= now <= moved + catchup:
            week = week_covered_by(run, settings)
            if week not in weeks:
                weeks.append(week)
    return weeks


def latest_week(settings: Settings, now: datetime) -> Week:
    """The week of the latest scheduled run: what the last digest covered (the CLI's default)."""
    runs = scheduled_runs(settings, after=now - timedelta(days=400), until=now)
    if runs:
        return week_covered_by(runs[-1], settings)
    return Week.containing(now.astimezone(settings.timezone).date()).previous()


SEND_AT = time(9, 0)  # the start, reminders and the late list go out at 09:00 local time


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


def deadline_for(settings: Settings, *, year: int, today: date) -> date:
    """The configured deadline in `year`, or two weeks from today when that day is today or past."""
    deadline = on_day(year, settings.followup_deadline)
    return deadline if deadline > today else today + timedelta(days=14)


def reminder_slot(settings: Settings, followup: Followup, now: datetime) -> datetime | None:
    """The latest weekly reminder time at or before `now`: Monday 09:00, on a holiday the next
    working day; after the campaign started, not after the deadline, at most the catch-up days old."""
    tz = settings.timezone
    local_now = now.astimezone(tz)
    monday = local_now.date() - timedelta(days=local_now.weekday())
    for week_start in (monday, monday - timedelta(days=7)):
        day = next_working_day(week_start - timedelta(days=1)) if is_holiday(week_start) else week_start
        slot = datetime.combine(day, SEND_AT, tzinfo=tz)
        started = followup.started_at.astimezone(tz)
        catchup = timedelta(days=settings.digest_catchup_days)
        if started.date() < week_start and slot <= local_now <= slot + catchup and day <= followup.deadline:
            return slot
    return None


def latest_run(expression: str, timezone: ZoneInfo, now: datetime) -> datetime | None:
    """The cron's latest run time at or before `now` (within a year), in local time: a scheduled
    backup's slot, which every process computes alike."""
    trigger = crontab_trigger(expression, timezone)
    local_now = now.astimezone(timezone)
    for window in (
        timedelta(minutes=2),
        timedelta(hours=2),
        timedelta(days=2),
        timedelta(days=40),
        timedelta(days=400),
    ):
        fire = trigger.get_next_fire_time(None, local_now - window)
        if fire is None or fire > local_now:
            continue
        while True:
            following = trigger.get_next_fire_time(fire, fire + timedelta(seconds=1))
            if following is None or following > local_now:
                return fire
            fire = following
    return None
