"""Remembering request signatures for the five minutes Slack's signatures are valid."""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta

from sqlalchemy import delete, insert
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select

from storage.db import Database
from storage.models import SeenRequest

WINDOW = timedelta(minutes=5)
_CLEAN_EVERY = 100  # sightings; the table holds a few minutes of requests, so this keeps it small
_sightings = itertools.count()
_INSERT = insert(SeenRequest)  # built once: every request makes this check


def first_sighting(db: Database, *, signature: str, body_sha256: str | None = None, now: datetime) -> bool:
    """True the first time a signature is seen; False for a replay within the window."""
    try:
        with db.write_statements() as connection:
            if next(_sightings) % _CLEAN_EVERY == 0:
                connection.execute(delete(SeenRequest).where(col(SeenRequest.seen_at) < now - 2 * WINDOW))
            connection.execute(_INSERT, {"signature": signature, "seen_at": now, "body_sha256": body_sha256})
    except IntegrityError:
        return False
    return True


def body_seen(db: Database, *, body_sha256: str, now: datetime) -> bool:
    """Whether a request with this body was taken within the window: what a retry asks."""
    query = select(col(SeenRequest.signature)).where(
        col(SeenRequest.body_sha256) == body_sha256, col(SeenRequest.seen_at) >= now - WINDOW
    )
    with db.read() as session:
        return session.exec(query).first() is not None
