"""What every start does to the database: migrate, load the plan's groups once, seed coordinators."""

from __future__ import annotations

import logging
from datetime import datetime

from core.settings import Settings
from storage.db import Database
from storage.groups import add_coordinator, seed_groups_if_empty
from storage.groups_file import DEFAULT_GROUPS_FILE, read_groups_file

log = logging.getLogger(__name__)


def prepare_database(settings: Settings, *, now: datetime) -> Database:
    db = Database(settings.database_url)
    db.upgrade()
    with db.write_one_at_a_time() as session:  # replicas starting together seed one after another
        report = seed_groups_if_empty(session, specs=read_groups_file(DEFAULT_GROUPS_FILE), now=now)
        if report is not None:
            log.info("loaded %d groups from %s", len(report.added), DEFAULT_GROUPS_FILE.name)
        for user_id in settings.coordinators:
            if add_coordinator(session, user_id=user_id, actor="system", now=now):
                log.info("%s is a coordinator (MLR_COORDINATORS)", user_id)
    return db
