"""Corrections that keep the public record: `/mlr ändra`, `/mlr radera` (after a confirmation)
and `/mlr historik`, which shows every version with who and when."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient
from slack_sdk.models.blocks import ActionsBlock, ButtonElement, ConfirmObject
from slack_sdk.models.views import View

from core.commands import EntryCommand
from core.texts import say
from handlers import access, ids
from handlers.blocks.common import Reply, escape, mrkdwn_sections, refusal_reply, text_reply
from handlers.blocks.entries import history_blocks, log_form_view
from handlers.context import Services, services_of
from storage import audit, plans
from storage.entries import delete_entry, get_entry
from storage.groups import get_group, list_groups
from storage.models import EntryKind

log = logging.getLogger(__name__)


def register(app: App) -> None:
    app.action(ids.DELETE_CONFIRM)(handle_delete_confirmed)
    app.action(ids.DELETE_CANCEL)(handle_delete_cancelled)


def entry_command_reply(
    services: Services, parsed: EntryCommand, *, user_id: str, channel_id: str, client: WebClient
) -> Reply | View:
    """The answer to ändra/radera/historik: a form to open, a question, the history, or why not."""
    lang = services.lang
    with services.db.read() as session:
        entry = get_entry(session, entry_id=parsed.entry_id)
        if entry is None:
            return text_reply(say(lang, "entry.missing", id=parsed.entry_id))
        if parsed.action == "history":
            group = get_group(session, key=entry.group_key)
            refusal = (
                None
                if group is None
                else access.outsider_refusal(
                    session,
                    client,
                    services.members,
                    user_id=user_id,
                    group=group,
                    now=services.now(),
                    channel_id=channel_id,
                )
            )
            if refusal:
                return refusal_reply(lang, refusal)
            return history_reply(services, entry_id=parsed.entry_id)
        if entry.deleted_at is not None:
            return text_reply(say(lang, "entry.gone", id=entry.id))
        if not access.may_change_entry(session, user_id=user_id, entry=entry):
            return text_reply(say(lang, "entry.not_yours", id=entry.id))
        if parsed.action == "edit":
            return log_form_view(
                lang,
                groups=list_groups(session),
                selected=None,
                kind=EntryKind(entry.kind),
                today=services.today(),
                channel_id=None,
                editing=entry,
                activities=plans.list_planned_activities_of_year(session, year=entry.plan_year),
            )
    question = say(lang, "entry.delete_question", id=entry.id, group=entry.group_key, text=escape(entry.text[:300]))
    buttons = ActionsBlock(
        elements=[
            ButtonElement(
                text=say(lang, "entry.delete_yes"),
                action_id=ids.DELETE_CONFIRM,
                value=str(entry.id),
                style="danger",
                confirm=ConfirmObject(
                    title=say(lang, "entry.delete_confirm_title"),
                    text=say(lang, "entry.delete_confirm_text", id=entry.id),
                    confirm=say(lang, "entry.delete_yes"),
                    deny=say(lang, "modal.close"),
                ),
            ),
            ButtonElement(text=say(lang, "modal.close"), action_id=ids.DELETE_CANCEL, value=str(entry.id)),
        ]
    )
    return Reply(text=question, blocks=[*mrkdwn_sections([question]), buttons])


def handle_delete_confirmed(ack: Ack, body: dict[str, Any], context: BoltContext, respond: Respond) -> None:
    ack()
    services = services_of(context)
    lang = services.lang
    entry_id, user_id = int(body["actions"][0]["value"]), body["user"]["id"]
    with services.db.write() as session:
        entry = get_entry(session, entry_id=entry_id)
        if entry is None:
            text = say(lang, "entry.missing", id=entry_id)
        elif not access.may_change_entry(session, user_id=user_id, entry=entry):
            text = say(lang, "entry.not_yours", id=entry_id)
        elif delete_entry(session, entry=entry, actor=user_id, now=services.now()):
            text = say(lang, "entry.deleted", id=entry_id)
        else:
            text = say(lang, "entry.gone", id=entry_id)
    respond(text=text, replace_original=True, response_type="ephemeral")


def handle_delete_cancelled(ack: Ack, body: dict[str, Any], context: BoltContext, respond: Respond) -> None:
    ack()
    lang = services_of(context).lang
    respond(
        text=say(lang, "entry.kept", id=body["actions"][0]["value"]), replace_original=True, response_type="ephemeral"
    )


def history_reply(services: Services, *, entry_id: int) -> Reply:
    with services.db.read() as session:
        events = audit.list_audit_events(session, subject=f"entry:{entry_id}")
    return history_blocks(services.lang, events, entry_id=entry_id, tz=services.settings.timezone)
