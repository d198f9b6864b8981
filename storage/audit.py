"""The audit trail: one row per change, written in the same transaction as the change."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import insert
from sqlmodel import Session, col, select

from storage.models import AuditEvent

_INSERT = insert(AuditEvent)


def add_audit_event(
    session: Session, *, actor: str, action: str, subject: str, at: datetime, details: dict[str, Any] | None = None
) -> None:
    # A plain insert in the session's transaction: audit rows are only ever added, so the ORM's
    # unit of work would add nothing but its cost (several times the insert's on every entry).
    values = {"at": at, "actor": actor, "action": action, "subject": subject, "details": details or {}}
    session.connection().execute(_INSERT, values)


def list_audit_events(session: Session, *, subject: str | None = None) -> list[AuditEvent]:
    query = select(AuditEvent).order_by(col(AuditEvent.id))
    if subject is not None:
        query = query.where(AuditEvent.subject == subject)
    return list(session.exec(query))
