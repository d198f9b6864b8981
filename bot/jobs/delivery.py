"""Exactly-once delivery of scheduled posts through the run ledger (storage/ledger.py).

A post is claimed, rendered once, and posted part by part; each part Slack takes is recorded
before the next is sent, so a retry (a later tick, another process, a restart) resumes where
the last one stopped and never sends a part twice. Slack's 429 and 5xx are retried inside the
Web API client first (bot.app.create_web_client); what still fails is retried with backoff."""

from __future__ import annotations

import logging
import os
import socket
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError
from sqlalchemy.exc import IntegrityError

from storage import ledger
from storage.db import Database
from storage.models import PostStatus, ScheduledPost

log = logging.getLogger(__name__)

WORKER = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
HISTORY_PAGES = 5
METADATA_EVENT = "mlr_scheduled_post"  # every part carries it, with the ledger row's id and the part's index


class Delivery(StrEnum):
    POSTED = "posted"  # this call posted it (or, with nothing to say, decided to post nothing)
    ALREADY = "already"  # posted before, or another process holds it now
    FAILED = "failed"  # not (wholly) posted; retried later
    WAITING = "not posted"  # failed before, and its next try has not come yet

    @property
    def undelivered(self) -> bool:
        return self in (Delivery.FAILED, Delivery.WAITING)


@dataclass(frozen=True)
class Outcome:
    kind: str
    period: str
    channel_id: str
    delivery: Delivery
    detail: str = ""
    error: str = ""  # Slack's error code, when Slack refused the post
    post_id: int | None = None  # the ledger row, when there is one
    needed: str = ""  # with missing_scope: the scope Slack names


def deliver(
    db: Database,
    client: WebClient,
    *,
    kind: str,
    period: str,
    channel_id: str,
    render: Callable[[], list[dict[str, Any]]],
    now: datetime,
    force: bool = False,
    worker: str = WORKER,
) -> Outcome:
    def outcome(
        delivery: Delivery, detail: str = "", error: str = "", post_id: int | None = None, needed: str = ""
    ) -> Outcome:
        return Outcome(kind, period, channel_id, delivery, detail, error, post_id, needed)

    if not force:
        # The scheduler asks every minute; what is posted already needs no write lock to say so.
        with db.read() as session:
            known = ledger.get_post(session, kind=kind, period=period, channel_id=channel_id)
            if known is not None and known.status == PostStatus.POSTED:
                return outcome(Delivery.ALREADY)

    try:
        with db.write() as session:
            claimed = ledger.claim_post(
                session, kind=kind, period=period, channel_id=channel_id, worker=worker, now=now, force=force
            )
            if claimed is None:
                return _unclaimed(outcome, ledger.get_post(session, kind=kind, period=period, channel_id=channel_id))
            post, resumed = claimed
            post_id, messages, done, parent_ts = post.id, list(post.messages), post.parts_done, post.ts
    except IntegrityError:
        return outcome(Delivery.ALREADY)  # another process inserted the same key first
    assert post_id is not None

    if not messages:
        # Rendered outside the transaction: it may ask Slack for names, and no lock waits on that.
        messages = render()
        with db.write() as session:
            if not ledger.set_messages(session, post_id=post_id, worker=worker, messages=messages):
                return outcome(Delivery.ALREADY, "claim taken over by another process")

    if resumed and done < len(messages):
        # An earlier try may have been cut off after Slack took a part and before the ledger heard of
        # it (a crash, a timeout): what Slack has is recorded, not posted again.
        for index, ts in _parts_in_slack(client, channel_id=channel_id, post_id=post_id, parent_ts=parent_ts).items():
            if index < done:
                continue  # recorded already
            if index > done:
                break  # a gap: post from the first part Slack does not have
            with db.write() as session:
                if not ledger.record_part(session, post_id=post_id, worker=worker, index=index, ts=ts, now=now):
                    return outcome(Delivery.ALREADY, "claim taken over by another process")
            parent_ts, done = parent_ts or ts, done + 1

    for index in range(done, len(messages)):
        message = messages[index]
        try:
            response = client.chat_postMessage(
                channel=channel_id,
                text=message["text"],
                blocks=message.get("blocks") or None,
                thread_ts=parent_ts if index > 0 else None,
                metadata={"event_type": METADATA_EVENT, "event_payload": {"post": post_id, "part": index}},
            )
        except (SlackApiError, SlackClientError, OSError) as error:
            reason = _reason(error)
            log.warning("%s %s to %s: part %d failed (%s)", kind, period, channel_id, index + 1, reason)
            with db.write() as session:
                ledger.mark_failed(session, post_id=post_id, worker=worker, error=reason, now=now)
            needed = str(error.response.get("needed") or "") if isinstance(error, SlackApiError) else ""
            return outcome(Delivery.FAILED, reason, _slack_error(error), post_id, needed)
        ts = str(response["ts"])
        parent_ts = parent_ts or ts
        with db.write() as session:
            if not ledger.record_part(session, post_id=post_id, worker=worker, index=index, ts=ts, now=now):
                return outcome(Delivery.ALREADY, "claim taken over by another process")
    with db.write() as session:
        ledger.mark_posted(session, post_id=post_id, worker=worker, now=now)
    log.info("%s %s posted to %s (%d message(s))", kind, period, channel_id, len(messages))
    return outcome(Delivery.POSTED)


def _unclaimed(outcome: Callable[..., Outcome], post: ScheduledPost | None) -> Outcome:
    """Why a post could not be claimed: posted, being posted by another process, or failed and
    waiting for its next try, which is said as a failure, never as "already"."""
    if post is not None and post.status == PostStatus.FAILED:
        when = post.next_attempt_at.isoformat(timespec="minutes") if post.next_attempt_at else "soon"
        return outcome(Delivery.WAITING, f"{post.last_error}; next try {when}", post_id=post.id)
    if post is not None and post.status == PostStatus.CLAIMED:
        return outcome(Delivery.ALREADY, "another process is posting it")
    return outcome(Delivery.ALREADY)


def _parts_in_slack(client: WebClient, *, channel_id: str, post_id: int, parent_ts: str | None) -> dict[int, str]:
    """The parts of a post that are in the channel already (index -> ts), in order, by the metadata
    each was posted with: the first in the channel's history, the rest in its thread."""
    found: dict[int, str] = {}
    try:
        if parent_ts is None:
            # The channel's newest messages, a few pages back: a retry comes within the catch-up days.
            cursor = None
            for _ in range(HISTORY_PAGES):
                history = client.conversations_history(
                    channel=channel_id, include_all_metadata=True, limit=200, cursor=cursor
                )
                found |= _tagged(history.get("messages") or [], post_id)
                cursor = (history.get("response_metadata") or {}).get("next_cursor")
                if 0 in found or not cursor:
                    break
            parent_ts = found.get(0)
        if parent_ts is not None:
            replies = client.conversations_replies(
                channel=channel_id, ts=parent_ts, include_all_metadata=True, limit=200
            )
            found |= _tagged(replies.get("messages") or [], post_id)
    except (SlackApiError, SlackClientError, OSError) as error:
        log.warning("could not read %s to see what an earlier try posted (%s)", channel_id, _reason(error))
    return dict(sorted(found.items()))


def _tagged(messages: list[dict[str, Any]], post_id: int) -> dict[int, str]:
    parts = {}
    for message in messages:
        metadata = message.get("metadata") or {}
        payload = metadata.get("event_payload") or {}
        if metadata.get("event_type") == METADATA_EVENT and payload.get("post") == post_id:
            parts[int(payload["part"])] = str(message["ts"])
    return parts


def deliver_each(
    db: Database,
    client: WebClient,
    *,
    kind: str,
    period: str,
    channel_ids: list[str],
    render: Callable[[], list[dict[str, Any]]],
    now: datetime,
    force: bool = False,
    worker: str = WORKER,
) -> list[Outcome]:
    """The same post to several channels, each exactly once."""
    return [
        deliver(
            db,
            client,
            kind=kind,
            period=period,
            channel_id=channel_id,
            render=render,
            now=now,
            force=force,
            worker=worker,
        )
        for channel_id in channel_ids
    ]


def _slack_error(error: Exception) -> str:
    return str(error.response.get("error") or "") if isinstance(error, SlackApiError) else ""


def _reason(error: Exception) -> str:
    if isinstance(error, SlackApiError):
        return f"{error.response.status_code} {error.response.get('error')}"
    return f"{type(error).__name__}: {error}"
