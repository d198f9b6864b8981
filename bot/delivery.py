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

log = logging.getLogger(__name__)

WORKER = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


class Delivery(StrEnum):
    POSTED = "posted"  # this call posted it (or, with nothing to say, decided to post nothing)
    ALREADY = "already"  # posted before, or another process holds it now
    FAILED = "failed"  # not (wholly) posted; retried later


@dataclass(frozen=True)
class Outcome:
    kind: str
    period: str
    channel_id: str
    delivery: Delivery
    detail: str = ""


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
    def outcome(delivery: Delivery, detail: str = "") -> Outcome:
        return Outcome(kind, period, channel_id, delivery, detail)

    try:
        with db.write() as session:
            post = ledger.claim_post(
                session, kind=kind, period=period, channel_id=channel_id, worker=worker, now=now, force=force
            )
            if post is None:
                return outcome(Delivery.ALREADY)
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

    for index in range(done, len(messages)):
        message = messages[index]
        try:
            response = client.chat_postMessage(
                channel=channel_id,
                text=message["text"],
                blocks=message["blocks"],
                thread_ts=parent_ts if index > 0 else None,
            )
        except (SlackApiError, SlackClientError, OSError) as error:
            reason = _reason(error)
            log.warning("%s %s to %s: part %d failed (%s)", kind, period, channel_id, index + 1, reason)
            with db.write() as session:
                ledger.mark_failed(session, post_id=post_id, worker=worker, error=reason, now=now)
            return outcome(Delivery.FAILED, reason)
        ts = str(response["ts"])
        parent_ts = parent_ts or ts
        with db.write() as session:
            if not ledger.record_part(session, post_id=post_id, worker=worker, index=index, ts=ts, now=now):
                return outcome(Delivery.ALREADY, "claim taken over by another process")
    with db.write() as session:
        ledger.mark_posted(session, post_id=post_id, worker=worker, now=now)
    log.info("%s %s posted to %s (%d message(s))", kind, period, channel_id, len(messages))
    return outcome(Delivery.POSTED)


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


def _reason(error: Exception) -> str:
    if isinstance(error, SlackApiError):
        return f"{error.response.status_code} {error.response.get('error')}"
    return f"{type(error).__name__}: {error}"
