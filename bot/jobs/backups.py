"""Backups on a schedule (MLR_BACKUP_CRON into MLR_BACKUP_DIR, the newest MLR_BACKUP_KEEP kept):
one per slot however many replicas run, through the run ledger like every scheduled job; a backup
that fails is logged and retried with the ledger's backoff while its slot is the latest, and the
coordinator is told once. It never stops the bot."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any

from slack_sdk import WebClient
from sqlalchemy.exc import IntegrityError

from bot.backup import SUFFIXES, OperationError, manifest_path, take_backup
from bot.jobs.delivery import WORKER, deliver_each
from bot.jobs.undelivered import coordinator_targets
from core.schedule import latest_run
from core.texts import say
from handlers.blocks.common import Message, escape, mrkdwn_sections
from handlers.context import Services
from storage import ledger
from storage.db import DatabaseError
from storage.models import PostStatus

log = logging.getLogger(__name__)

BACKUP = "backup"  # the ledger's kind for a slot's backup
BACKUP_FAILED = "backup_failed"  # the coordinator's notice of a slot's failed backup
NO_CHANNEL = "-"  # a backup is posted nowhere: the ledger row only says it was made
RENEW_EVERY = ledger.LEASE / 5


@dataclass(frozen=True)
class BackupRun:
    slot: str
    made: Path | None = None  # the backup this call made
    error: str = ""  # why this call's backup failed


def backup_slot(services: Services, now: datetime) -> str | None:
    """The latest MLR_BACKUP_CRON time at or before `now`, as the ledger names it; None when off."""
    cron = services.settings.backup_cron
    if not cron:
        return None
    slot = latest_run(cron, services.settings.timezone, now)
    return None if slot is None else slot.strftime("%Y-%m-%dT%H:%M")


def make_scheduled_backup(
    services: Services, client: WebClient, *, now: datetime, worker: str = WORKER
) -> BackupRun | None:
    """The latest slot's backup, unless it is made, or another process is making it, or its retry is
    not due yet (None then)."""
    slot = backup_slot(services, now)
    if slot is None:
        return None
    with services.db.read() as session:
        known = ledger.get_post(session, kind=BACKUP, period=slot, channel_id=NO_CHANNEL)
        if known is not None and known.status == PostStatus.POSTED:
            return None
    try:
        with services.db.write() as session:
            claimed = ledger.claim_post(
                session, kind=BACKUP, period=slot, channel_id=NO_CHANNEL, worker=worker, now=now
            )
            if claimed is None:
                return None
            post_id = claimed[0].id
    except IntegrityError:
        return None  # another process claimed the slot at the same moment
    assert post_id is not None

    settings = services.settings
    try:
        with _claim_held(services, post_id=post_id, worker=worker):
            made = take_backup(settings.database_url, folder=settings.backup_dir, now=now)
    except (OperationError, OSError, DatabaseError) as error:
        reason = _reason(services.lang, error)
        log.error("the scheduled backup %s failed: %s", slot, reason)
        with services.db.write() as session:
            ledger.mark_failed(session, post_id=post_id, worker=worker, error=reason, now=now)
        _tell_coordinator(services, client, slot=slot, reason=reason, now=now, worker=worker)
        return BackupRun(slot, error=reason)
    with services.db.write() as session:
        ledger.mark_posted(session, post_id=post_id, worker=worker, now=now)
    log.info("scheduled backup %s written to %s", slot, made.path)
    if settings.backup_keep and settings.backup_dir:
        prune_backups(settings.backup_dir, keep=settings.backup_keep)
    return BackupRun(slot, made=made.path)


@contextmanager
def _claim_held(services: Services, *, post_id: int, worker: str) -> Iterator[None]:
    """Renew the slot's claim (to the services' clock) while a long backup runs, so that no other
    replica takes it over when the ledger's lease (10 minutes) runs out."""
    done = threading.Event()

    def renew() -> None:
        while not done.wait(RENEW_EVERY.total_seconds()):
            with services.db.write() as session:
                ledger.renew_claim(session, post_id=post_id, worker=worker, now=services.now())

    renewer = threading.Thread(target=renew, name="backup-claim", daemon=True)
    renewer.start()
    try:
        yield
    finally:
        done.set()
        renewer.join()


def _reason(lang: str, error: Exception) -> str:
    if isinstance(error, OperationError):
        return say(lang, f"db.{error.message_id}", **error.params)
    return f"{type(error).__name__}: {error}"


def _tell_coordinator(
    services: Services, client: WebClient, *, slot: str, reason: str, now: datetime, worker: str
) -> None:
    text = say(services.lang, "db.backup_failed_notice", slot=slot, error=escape(reason))
    message = Message(text=text, blocks=mrkdwn_sections([text]))
    deliver_each(
        services.db,
        client,
        kind=BACKUP_FAILED,
        period=slot,
        channel_ids=coordinator_targets(services),
        render=partial(_as_posted, message),
        now=now,
        worker=worker,
    )


def _as_posted(message: Message) -> list[dict[str, Any]]:
    return [message.to_dict()]


def prune_backups(folder: Path, *, keep: int) -> list[Path]:
    """Remove all but the newest `keep` backups the bot made in `folder` (their names sort by time)."""
    made = sorted(
        path for path in folder.glob("mlr-*Z.*") if path.suffix in SUFFIXES.values() and manifest_path(path).is_file()
    )
    removed = made[:-keep] if keep else []
    for path in removed:
        manifest_path(path).unlink(missing_ok=True)
        path.unlink(missing_ok=True)
        log.info("old backup %s removed (MLR_BACKUP_KEEP=%d)", path.name, keep)
    return removed
