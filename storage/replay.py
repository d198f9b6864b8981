"""Remembering request signatures for the five minutes Slack's signatures are valid."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError
from sqlmodel import col

from storage.db import Database
from storage.models import SeenRequest

WINDOW = timedelta(minutes=5)


def first_sighting(db: Database, *, signature: str, now: datetime) -> bool:
    """True the first time a signature is seen; False for a replay within the window."""
    try:
        with db.write() as session:
            session.execute(delete(SeenRequest).where(col(SeenRequest.seen_at) < now - 2 * WINDOW))
            session.add(SeenRequest(signature=signature, seen_at=now))
    except IntegrityError:
        return False
    return True
