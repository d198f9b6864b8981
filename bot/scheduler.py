"""The in-process APScheduler: jobs under fixed ids, in MLR_TIMEZONE. What they post is exactly-once
through the run ledger, so any number of processes may run this scheduler side by side."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from slack_sdk import WebClient

from bot.jobs.backups import BackupRun, make_scheduled_backup
from bot.jobs.delivery import Outcome
from bot.jobs.digests import post_due_digests
from bot.jobs.followup import post_due_followup
from core.crontab import crontab_trigger
from core.schedule import SEND_AT, effective_time
from core.texts import say, weekday
from handlers import ids
from handlers.context import Services

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class JobSpec:
    id: str
    description: str
    trigger: BaseTrigger
    run: Callable[[], object]


def job_specs(services: Services, client: WebClient) -> list[JobSpec]:
    tz = services.settings.timezone

    def post_weekly_digests() -> list[Outcome]:
        return post_due_digests(services, client, now=services.now())

    def run_annual_followup() -> list[Outcome]:
        return post_due_followup(services, client, now=services.now())

    def post_everything_due() -> list[Outcome]:
        return [*post_weekly_digests(), *run_annual_followup()]

    def make_backup() -> BackupRun | None:
        return make_scheduled_backup(services, client, now=services.now())

    month, day = services.settings.followup_date
    backups = []
    if services.settings.backup_cron:
        folder = services.settings.backup_dir or "MLR_BACKUP_DIR?"
        keep_n = services.settings.backup_keep
        keep = (
            say(services.lang, "jobs.backups_keep", keep=keep_n)
            if keep_n
            else say(services.lang, "jobs.backups_keep_all")
        )
        backups.append(
            JobSpec(
                ids.JOB_BACKUPS,
                say(services.lang, "jobs.backups", folder=folder, cron=services.settings.backup_cron, keep=keep),
                crontab_trigger(services.settings.backup_cron, tz),
                make_backup,
            )
        )

    return [
        JobSpec(
            ids.JOB_WEEKLY_DIGESTS,
            say(services.lang, "jobs.digests", cron=services.settings.digest_cron),
            crontab_trigger(services.settings.digest_cron, tz),
            post_weekly_digests,
        ),
        JobSpec(
            ids.JOB_ANNUAL_FOLLOWUP,
            say(services.lang, "jobs.followup", date=f"{month:02d}-{day:02d}"),
            CronTrigger(month=month, day=day, hour=SEND_AT.hour, minute=SEND_AT.minute, timezone=tz),
            run_annual_followup,
        ),
        JobSpec(
            ids.JOB_SCHEDULED_POSTS,
            say(services.lang, "jobs.every_minute"),
            IntervalTrigger(minutes=1, timezone=tz),
            post_everything_due,
        ),
        *backups,
    ]


def start_scheduler(services: Services, client: WebClient) -> BackgroundScheduler:
    scheduler = BackgroundScheduler(timezone=services.settings.timezone)
    for spec in job_specs(services, client):
        scheduler.add_job(
            spec.run,
            spec.trigger,
            id=spec.id,
            name=spec.description,
            replace_existing=True,
            coalesce=True,
            max_instances=1,
            misfire_grace_time=3600,
        )
    specs = {spec.id: spec for spec in job_specs(services, client)}
    # Catch up at once after a start, rather than a minute later.
    scheduler.add_job(
        specs[ids.JOB_SCHEDULED_POSTS].run, id=f"{ids.JOB_SCHEDULED_POSTS}_at_start", replace_existing=True
    )
    if ids.JOB_BACKUPS in specs:
        # A slot missed while no bot ran, or a failed backup whose retry is due: looked at every
        # minute, apart from the digests, so that a long backup never holds them up.
        scheduler.add_job(
            specs[ids.JOB_BACKUPS].run,
            IntervalTrigger(minutes=1, timezone=services.settings.timezone),
            id=f"{ids.JOB_BACKUPS}_due",
            replace_existing=True,
            coalesce=True,
            max_instances=1,
        )
    scheduler.start()
    return scheduler


def describe_jobs(services: Services, now: datetime) -> list[str]:
    """One line per job: id, next run in local time, what it does."""
    lang = services.lang
    lines = []
    local_now = now.astimezone(services.settings.timezone)
    for spec in job_specs(services, WebClient()):
        fire = spec.trigger.get_next_fire_time(None, local_now)
        if fire is None:
            when = say(lang, "jobs.never")
        else:
            moved = effective_time(fire) if spec.id == ids.JOB_WEEKLY_DIGESTS else fire
            when = f"{moved:%Y-%m-%d %H:%M %Z} ({weekday(lang, moved)})"
            if moved != fire:
                when += say(lang, "jobs.moved", date=f"{fire:%Y-%m-%d}")
        lines.append(f"{spec.id:<18} {say(lang, 'jobs.next')} {when}\n{'':<18} {spec.description}")
    return lines
