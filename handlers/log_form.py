"""The log form (modal): validate the submission, store it, then confirm in the channel."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import date
from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.models.views import View
from sqlmodel import Session

from core.texts import render, say
from handlers import access, ids
from handlers.blocks.common import Reply, plain
from handlers.blocks.entries import entry_now_text, entry_saved_reply, log_form_view
from handlers.context import Services, services_of
from storage import plans
from storage.db import DatabaseError
from storage.entries import add_entry, get_entry, update_entry
from storage.groups import get_group, get_linked_group, list_groups
from storage.models import MAX_TEXT_LENGTH, MUNICIPALITIES, Entry, EntryKind

log = logging.getLogger(__name__)


def register(app: App) -> None:
    app.view(ids.LOG_VIEW)(handle_log_form_submission)
    app.view(ids.EDIT_VIEW)(handle_edit_submission)


def log_form_for(services: Services, *, kind: EntryKind, channel_id: str | None, text: str = "") -> View:
    """The log form, with the channel's group chosen and this year's planned activities to pick."""
    with services.db.read() as session:
        groups = list_groups(session)
        linked = get_linked_group(session, channel_id=channel_id) if channel_id else None
        activities = plans.list_planned_activities_of_year(session, year=services.today().year)
    return log_form_view(
        services.lang,
        groups=groups,
        selected=linked.key if linked else None,
        kind=kind,
        today=services.today(),
        channel_id=channel_id,
        activities=activities,
        text=text,
    )


def _value(state: dict[str, Any], block: str, action: str) -> Any:
    return state.get(block, {}).get(action, {})


@dataclass(frozen=True)
class FormInput:
    group_key: str | None
    kind: EntryKind
    occurred_on: date
    text: str
    activity_group: str
    activity_number: int | None
    municipalities: tuple[str, ...]


def read_form(services: Services, state: dict[str, Any]) -> tuple[FormInput, dict[str, str]]:
    """The log form's values, and an error per field that is wrong (empty when all is well)."""
    lang = services.lang
    group_key = (_value(state, ids.GROUP_BLOCK, ids.GROUP_ACTION).get("selected_option") or {}).get("value")
    kind_value = (_value(state, ids.KIND_BLOCK, ids.KIND_ACTION).get("selected_option") or {}).get("value", "result")
    picked = _value(state, ids.DATE_BLOCK, ids.DATE_ACTION).get("selected_date")
    text = (_value(state, ids.TEXT_BLOCK, ids.TEXT_ACTION).get("value") or "").strip()
    activity = (_value(state, ids.ACTIVITY_BLOCK, ids.ACTIVITY_ACTION).get("selected_option") or {}).get("value")
    municipalities = tuple(
        option["value"]
        for option in _value(state, ids.MUNICIPALITIES_BLOCK, ids.MUNICIPALITIES_ACTION).get("selected_options") or []
        if option.get("value") in MUNICIPALITIES
    )
    activity_group, _, number = (activity or "").partition(":")
    form = FormInput(
        group_key=group_key,
        kind=EntryKind(kind_value if kind_value in ("result", "activity") else "result"),
        occurred_on=date.fromisoformat(picked) if picked else services.today(),
        text=text,
        activity_group=activity_group,
        activity_number=int(number) if number.isdigit() else None,
        municipalities=municipalities,
    )
    errors: dict[str, str] = {}
    if not text:
        errors[ids.TEXT_BLOCK] = say(lang, "modal.error.empty_text")
    elif len(text) > MAX_TEXT_LENGTH:
        errors[ids.TEXT_BLOCK] = say(lang, "error.too_long", length=len(text), max=MAX_TEXT_LENGTH)
    if not group_key:
        errors[ids.GROUP_BLOCK] = say(lang, "modal.error.group_missing")
    if form.occurred_on > services.today():
        errors[ids.DATE_BLOCK] = say(lang, "error.future_date", date=form.occurred_on.isoformat())
    if form.activity_number is not None and group_key and activity_group != group_key:
        errors[ids.ACTIVITY_BLOCK] = say(lang, "modal.error.activity_group")
    return form, errors


def handle_log_form_submission(ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient) -> None:
    services = services_of(context)
    lang = services.lang
    user_id = body["user"]["id"]
    channel_id = json.loads(body["view"].get("private_metadata") or "{}").get("channel_id")
    form, errors = read_form(services, body["view"]["state"]["values"])
    if errors:
        ack(response_action="errors", errors=errors)
        return
    group_key, kind_value, occurred_on, activity_number = (
        form.group_key,
        form.kind.value,
        form.occurred_on,
        form.activity_number,
    )
    text, municipalities = form.text, form.municipalities

    try:
        with services.db.read() as session:
            group = get_group(session, key=group_key or "")
            try:
                allowed = group is None or access.may_use_group(
                    session,
                    client,
                    services.members,
                    user_id=user_id,
                    group_key=group.key,
                    now=services.now(),
                    channel_id=channel_id,
                )
            except access.MembershipUnknown as unknown:
                message = say(lang, "error.membership_unknown", error=unknown.error)
                ack(response_action="errors", errors={ids.GROUP_BLOCK: message})
                return
            if group is not None and not allowed:
                not_member = access.not_a_member(session, group, saving=True)
                # A form's error is plain text: channels and people as #C…/@U…, not mrkdwn links.
                message = plain(render(lang, not_member.key, not_member.params))[:2000]
                ack(response_action="errors", errors={ids.GROUP_BLOCK: message})
                return
        with services.db.write() as session:
            target = access.resolve_log_group(
                session, user_id=user_id, channel_id=channel_id, named_key=group_key, occurred_on=occurred_on
            )
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
            entry = add_entry(
                session,
                group_key=target.key,
                kind=EntryKind(kind_value),
                text=text,
                user_id=user_id,
                channel_id=channel_id,
                occurred_on=occurred_on,
                now=services.now(),
                activity_number=activity_number,
                municipalities=municipalities,
            )
            activity = access.planned_activity_of(session, entry)
    except DatabaseError:
        log.exception("database error while saving the log form")
        ack(response_action="errors", errors={ids.TEXT_BLOCK: say(lang, "error.not_saved_db")})
        return
    ack()

    reply = entry_saved_reply(lang, entry=entry, group=target, activity=activity)
    try:
        _post_reply(client, channel_id or user_id, reply)
    except SlackApiError as error:
        # The bot may not be in the channel: the entry is saved, so tell the author directly.
        log.warning(
            "confirmation to %s failed (%s); sending it to %s", channel_id, error.response.get("error"), user_id
        )
        _post_reply(client, user_id, reply)


def _post_reply(client: WebClient, channel: str, reply: Reply) -> None:
    """A reply as a message, and the rest of a long one (Reply.more) in its thread."""
    first = client.chat_postMessage(channel=channel, text=reply.text, blocks=[b.to_dict() for b in reply.blocks])
    for message in reply.more:
        client.chat_postMessage(channel=channel, thread_ts=first["ts"], text=message["text"], blocks=message["blocks"])


def handle_edit_submission(ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient) -> None:
    """A corrected entry: the author or a coordinator; moving it to another group is a coordinator's."""
    services = services_of(context)
    lang = services.lang
    user_id = body["user"]["id"]
    entry_id = int(json.loads(body["view"].get("private_metadata") or "{}").get("entry_id", 0))
    form, errors = read_form(services, body["view"]["state"]["values"])
    if errors:
        ack(response_action="errors", errors=errors)
        return
    try:
        with services.db.write() as session:
            entry = get_entry(session, entry_id=entry_id)
            refusal = _edit_refusal(session, lang, entry, form, user_id=user_id)
            if refusal is not None:
                block, message = refusal
                ack(response_action="errors", errors={block: message})
                return
            assert entry is not None and form.group_key is not None
            changed = update_entry(
                session,
                entry=entry,
                actor=user_id,
                now=services.now(),
                group_key=form.group_key,
                kind=form.kind,
                text=form.text,
                occurred_on=form.occurred_on,
                activity_number=form.activity_number,
                municipalities=form.municipalities,
            )
            version = entry.version
            group = get_group(session, key=entry.group_key)
            assert group is not None
            now_reads = entry_now_text(
                lang, entry=entry, group=group, activity=access.planned_activity_of(session, entry)
            )
    except DatabaseError:
        log.exception("database error while saving an edit")
        ack(response_action="errors", errors={ids.TEXT_BLOCK: say(lang, "error.not_saved_db")})
        return
    ack()
    text = say(lang, "entry.edited" if changed else "entry.unchanged", id=entry_id, version=version)
    text += "\n" + now_reads
    try:
        client.chat_postMessage(channel=user_id, text=text)
    except SlackApiError as error:
        log.warning("edit confirmation failed (%s)", error.response.get("error"))


def _edit_refusal(
    session: Session, lang: str, entry: Entry | None, form: FormInput, *, user_id: str
) -> tuple[str, str] | None:
    """Why this edit may not be saved, as (form block, sentence), or None."""
    if entry is None or entry.deleted_at is not None:
        return ids.TEXT_BLOCK, say(lang, "entry.gone", id=entry.id if entry else "?")
    if not access.may_change_entry(session, user_id=user_id, entry=entry):
        return ids.TEXT_BLOCK, say(lang, "entry.not_yours", id=entry.id)
    group = get_group(session, key=form.group_key or "")
    if group is None:
        return ids.GROUP_BLOCK, say(lang, "modal.error.group_missing")
    closed = access.closed_refusal(group, form.occurred_on)
    if closed is not None:
        return ids.GROUP_BLOCK, render(lang, closed.key, closed.params)[:2000]
    if not access.may_move_entry(session, user_id=user_id, entry=entry, to_group=group.key):
        return ids.GROUP_BLOCK, say(lang, "entry.move_coordinator")
    if form.activity_number is not None:
        refusal = access.check_activity(session, group=group, year=form.occurred_on.year, number=form.activity_number)
        if refusal:
            return ids.ACTIVITY_BLOCK, render(lang, refusal.key, refusal.params)[:2000]
    return None
