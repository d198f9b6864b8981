"""The run ledger: claim a scheduled post, record each part Slack took, mark it posted or failed.

A post is claimed by one process at a time: a new key is inserted (the unique key turns a second
insert away), an existing one is taken over only by a compare-and-set on what was read, so two
processes on one database never both post it."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import update
from sqlalchemy.engine import CursorResult
from sqlmodel import Session, col, select

from storage.models import PostStatus, ScheduledPost

# How long a claim holds before another process may take the post over (a process died mid-post).
LEASE = timedelta(minutes=10)
MAX_BACKOFF = timedelta(hours=1)


def get_post(session: Session, *, kind: str, period: str, channel_id: str) -> ScheduledPost | None:
    query = select(ScheduledPost).where(
        ScheduledPost.kind == kind, ScheduledPost.period == period, ScheduledPost.channel_id == channel_id
    )
    return session.exec(query).first()


def list_posts(session: Session, *, period: str | None = None) -> list[ScheduledPost]:
    query = select(ScheduledPost).order_by(col(ScheduledPost.id))
    if period is not None:
        query = query.where(ScheduledPost.period == period)
    return list(session.exec(query))


def claim_post(
    session: Session, *, kind: str, period: str, channel_id: str, worker: str, now: datetime, force: bool = False
) -> tuple[ScheduledPost, bool] | None:
    """The post, claimed for `worker`, and whether an earlier try may have reached Slack (so the
    caller looks there before it posts); None when it is posted, or another process holds it, or
    its next try is not due. A new claim has no messages yet: the caller renders them."""
    post = get_post(session, kind=kind, period=period, channel_id=channel_id)
    if post is None:
        post = ScheduledPost(
            kind=kind,
            period=period,
            channel_id=channel_id,
            status=PostStatus.CLAIMED,
            claimed_by=worker,
            claimed_at=now,
            created_at=now,
        )
        session.add(post)
        session.flush()  # a concurrent insert of the same key fails here, in the loser
        return post, False
    if not force and not _takeable(post, now):
        return None
    values: dict[str, Any] = {"status": PostStatus.CLAIMED, "claimed_by": worker, "claimed_at": now}
    if force:
        values |= {"messages": [], "parts_done": 0, "ts": None, "attempts": 0, "last_error": None, "posted_at": None}
    result = session.execute(
        update(ScheduledPost)
        .where(
            col(ScheduledPost.id) == post.id,
            col(ScheduledPost.status) == post.status,
            col(ScheduledPost.attempts) == post.attempts,
            col(ScheduledPost.claimed_at) == post.claimed_at,
        )
        .values(**values)
    )
    if _rowcount(result) != 1:
        return None
    session.refresh(post)
    return post, not force


def _takeable(post: ScheduledPost, now: datetime) -> bool:
    if post.status == PostStatus.FAILED:
        return post.next_attempt_at is None or post.next_attempt_at <= now
    if post.status == PostStatus.CLAIMED:
        return post.claimed_at is None or post.claimed_at + LEASE <= now
    return False


def _rowcount(result: Any) -> int:
    return result.rowcount if isinstance(result, CursorResult) else 0


def record_part(session: Session, *, post_id: int, worker: str, index: int, ts: str, now: datetime) -> bool:
    """Part `index` is in Slack with `ts`. False when the claim was lost to another process."""
    values: dict[str, Any] = {"parts_done": index + 1, "claimed_at": now}
    if index == 0:
        values["ts"] = ts
    result = session.execute(
        update(ScheduledPost)
        .where(col(ScheduledPost.id) == post_id, col(ScheduledPost.claimed_by) == worker)
        .values(**values)
    )
    return _rowcount(result) == 1


def mark_posted(session: Session, *, post_id: int, worker: str, now: datetime) -> None:
    session.execute(
        update(ScheduledPost)
        .where(col(ScheduledPost.id) == post_id, col(ScheduledPost.claimed_by) == worker)
        .values(status=PostStatus.POSTED, posted_at=now, last_error=None)
    )


def mark_failed(session: Session, *, post_id: int, worker: str, error: str, now: datetime) -> None:
    post = session.get(ScheduledPost, post_id)
    if post is None or post.claimed_by != worker:
        return
    backoff = min(timedelta(minutes=2**post.attempts), MAX_BACKOFF)
    post.status, post.attempts, post.last_error = PostStatus.FAILED, post.attempts + 1, error[:2000]
    post.next_attempt_at = now + backoff
    session.add(post)


def set_messages(session: Session, *, post_id: int, worker: str, messages: list[dict[str, Any]]) -> bool:
    """Keep the rendered messages with the claim; False when the claim was lost meanwhile."""
    result = session.execute(
        update(ScheduledPost)
        .where(col(ScheduledPost.id) == post_id, col(ScheduledPost.claimed_by) == worker)
        .values(messages=messages)
    )
    return _rowcount(result) == 1


def renew_claim(session: Session, *, post_id: int, worker: str, now: datetime) -> bool:
    """The claim holds on from `now` (work that takes longer than LEASE, a backup); False when lost."""
    result = session.execute(
        update(ScheduledPost)
        .where(col(ScheduledPost.id) == post_id, col(ScheduledPost.claimed_by) == worker)
        .values(claimed_at=now)
    )
    return _rowcount(result) == 1
