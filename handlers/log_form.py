"""The log form (modal): validate the submission, store it, then confirm in the channel."""

from __future__ import annotations

import json
import logging
from datetime import date
from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from handlers import access, ids
from handlers.blocks import entry_saved_reply
from handlers.context import services_of
from handlers.texts import render, say
from storage import queries
from storage.db import DatabaseError
from storage.models import MAX_TEXT_LENGTH, EntryKind
from storage.queries import MUNICIPALITIES

log = logging.getLogger(__name__)


def register(app: App) -> None:
    app.view(ids.LOG_VIEW)(handle_log_form_submission)


def _value(state: dict[str, Any], block: str, action: str) -> Any:
    return state.get(block, {}).get(action, {})


def handle_log_form_submission(ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient) -> None:
    services = services_of(context)
    lang = services.lang
    state = body["view"]["state"]["values"]
    user_id = body["user"]["id"]
    channel_id = json.loads(body["view"].get("private_metadata") or "{}").get("channel_id")

    group_key = (_value(state, ids.GROUP_BLOCK, ids.GROUP_ACTION).get("selected_option") or {}).get("value")
    kind_value = (_value(state, ids.KIND_BLOCK, ids.KIND_ACTION).get("selected_option") or {}).get("value", "result")
    picked = _value(state, ids.DATE_BLOCK, ids.DATE_ACTION).get("selected_date")
    text = _value(state, ids.TEXT_BLOCK, ids.TEXT_ACTION).get("value") or ""
    activity = (_value(state, ids.ACTIVITY_BLOCK, ids.ACTIVITY_ACTION).get("selected_option") or {}).get("value")
    municipalities = tuple(
        option["value"]
        for option in _value(state, ids.MUNICIPALITIES_BLOCK, ids.MUNICIPALITIES_ACTION).get("selected_options") or []
        if option.get("value") in MUNICIPALITIES
    )
    activity_group, _, number = (activity or "").partition(":")
    activity_number = int(number) if number.isdigit() else None

    errors: dict[str, str] = {}
    if not text.strip():
        errors[ids.TEXT_BLOCK] = say(lang, "modal.error.empty_text")
    elif len(text.strip()) > MAX_TEXT_LENGTH:
        errors[ids.TEXT_BLOCK] = say(lang, "error.too_long", length=len(text.strip()), max=MAX_TEXT_LENGTH)
    if not group_key:
        errors[ids.GROUP_BLOCK] = say(lang, "modal.error.group_missing")
    occurred_on = date.fromisoformat(picked) if picked else services.today()
    if occurred_on > services.today():
        errors[ids.DATE_BLOCK] = say(lang, "error.future_date", date=occurred_on.isoformat())
    if activity_number is not None and group_key and activity_group != group_key:
        errors[ids.ACTIVITY_BLOCK] = say(lang, "modal.error.activity_group")
    if errors:
        ack(response_action="errors", errors=errors)
        return

    try:
        with services.db.write() as session:
            target = access.resolve_log_group(session, user_id=user_id, channel_id=channel_id, named_key=group_key)
            if isinstance(target, access.Refusal):
                params = {"word": kind_value, **target.params}
                ack(response_action="errors", errors={ids.GROUP_BLOCK: render(lang, target.key, params)[:2000]})
                return
            if activity_number is not None:
                refusal = access.check_activity(session, group=target, year=occurred_on.year, number=activity_number)
                if refusal:
                    ack(
                        response_action="errors",
                        errors={ids.ACTIVITY_BLOCK: render(lang, refusal.key, refusal.params)[:2000]},
                    )
                    return
            entry = queries.add_entry(
                session,
                group_key=target.key,
                kind=EntryKind(kind_value),
                text=text.strip(),
                user_id=user_id,
                channel_id=channel_id,
                occurred_on=occurred_on,
                now=services.now(),
                activity_number=activity_number,
                municipalities=municipalities,
            )
    except DatabaseError:
        log.exception("database error while saving the log form")
        ack(response_action="errors", errors={ids.TEXT_BLOCK: say(lang, "error.not_saved_db")})
        return
    ack()

    reply = entry_saved_reply(lang, entry=entry, group=target)
    blocks = [block.to_dict() for block in reply.blocks]
    try:
        client.chat_postMessage(channel=channel_id or user_id, text=reply.text, blocks=blocks)
    except SlackApiError as error:
        # The bot may not be in the channel: the entry is saved, so tell the author directly.
        log.warning(
            "confirmation to %s failed (%s); sending it to %s", channel_id, error.response.get("error"), user_id
        )
        client.chat_postMessage(channel=user_id, text=reply.text, blocks=blocks)
