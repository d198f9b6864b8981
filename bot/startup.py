"""What every start does to the database: migrate, load the plan's groups once, seed coordinators."""

from __future__ import annotations

import logging
from datetime import datetime

from bot.config import Settings
from storage import queries
from storage.db import Database

log = logging.getLogger(__name__)


def prepare_database(settings: Settings, *, now: datetime) -> Database:
    db = Database(settings.database_url)
    db.upgrade()
    with db.write_one_at_a_time() as session:  # replicas starting together seed one after another
        report = queries.seed_groups_if_empty(
            session, specs=queries.read_groups_file(queries.DEFAULT_GROUPS_FILE), now=now
        )
        if report is not None:
            log.info("loaded %d groups from %s", len(report.added), queries.DEFAULT_GROUPS_FILE.name)
        for user_id in settings.coordinators:
            if queries.add_coordinator(session, user_id=user_id, actor="system", now=now):
                log.info("%s is a coordinator (MLR_COORDINATORS)", user_id)
    return db
