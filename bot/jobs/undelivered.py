"""A scheduled post Slack refused for a reason a person must mend (the bot is not in the channel,
the channel is gone or archived, a permission is missing, the message was refused): the coordinator
is told once per post, through the same run ledger, while the post itself is retried with backoff.
A refused token cannot be told through Slack at all: it is logged, once per process and error."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime
from functools import partial
from typing import Any

from slack_sdk import WebClient

from bot.jobs.delivery import WORKER, Outcome, deliver_each
from core.texts import say
from handlers.blocks.common import Message, mrkdwn_sections
from handlers.context import Services
from storage.groups import list_coordinators

log = logging.getLogger(__name__)

NOTICE = "undelivered"
# Slack's error → what the coordinator is asked to do (core/texts.py `undelivered.<advice>`).
ADVICE = {
    "not_in_channel": "invite",
    "channel_not_found": "channel_gone",
    "is_archived": "channel_gone",
    "missing_scope": "missing_scope",
    "msg_too_long": "refused",
    "msg_blocks_too_long": "refused",
    "invalid_blocks": "refused",
}
TOKEN_REFUSED = frozenset({"invalid_auth", "not_authed", "token_revoked", "account_inactive"})
logged_token_errors: set[str] = set()


def _as_posted(message: Message) -> list[dict[str, Any]]:
    return [message.to_dict()]


def coordinator_targets(services: Services, *, besides: str | None = None) -> list[str]:
    """Where the coordinator hears of things: MLR_COORDINATOR_CHANNEL, else each coordinator's DM.
    A notice about that very channel goes to the DMs."""
    if services.settings.coordinator_channel and services.settings.coordinator_channel != besides:
        return [services.settings.coordinator_channel]
    with services.db.read() as session:
        return [coordinator.user_id for coordinator in list_coordinators(session)]


def tell_coordinator(
    services: Services, client: WebClient, outcomes: Iterable[Outcome], *, now: datetime, worker: str = WORKER
) -> list[Outcome]:
    """For each post that has just failed for a reason a person must mend, one notice (ever)."""
    notices: list[Outcome] = []
    for failed in outcomes:
        if failed.kind == NOTICE or failed.post_id is None:
            continue
        if failed.error in TOKEN_REFUSED:
            if failed.error not in logged_token_errors:
                logged_token_errors.add(failed.error)
                log.error("Slack refused the bot's token (%s): nothing can be posted until it is mended", failed.error)
            continue
        advice = ADVICE.get(failed.error)
        if advice is None:
            continue
        where = f"<@{failed.channel_id}>" if failed.channel_id[:1] in ("U", "W") else f"<#{failed.channel_id}>"
        text = say(
            services.lang,
            "undelivered.notice",
            what=say(services.lang, f"undelivered.kind.{failed.kind}"),
            period=failed.period,
            where=where,
            error=failed.error,
        )
        text += " " + say(services.lang, f"undelivered.{advice}", needed=failed.needed or "?")
        message = Message(text=text, blocks=mrkdwn_sections([text]))
        notices += deliver_each(
            services.db,
            client,
            kind=NOTICE,
            period=str(failed.post_id),
            channel_ids=coordinator_targets(services, besides=failed.channel_id),
            render=partial(_as_posted, message),
            now=now,
            worker=worker,
        )
    return notices
