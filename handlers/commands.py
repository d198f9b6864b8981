"""The `/mlr` slash command: parse, check, store, answer. The answer rides on the ack itself,
so a logged entry is confirmed without waiting for any Web API call."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.models.views import View
from sqlmodel import Session

from core.commands import (
    ChangeCoordinator,
    ChangeLead,
    Command,
    EditPlan,
    EntryCommand,
    FollowupCommand,
    Help,
    LinkChannel,
    ListEntries,
    ListGroups,
    LogEntry,
    MakeReport,
    OpenLogForm,
    SearchEntries,
    ShowDigest,
    ShowStatus,
    UsageError,
    parse_command,
    unescape_slack,
)
from core.texts import say
from handlers import access
from handlers.blocks.common import Reply, refusal_reply, say_mrkdwn, text_reply
from handlers.blocks.entries import entry_saved_reply
from handlers.blocks.help import groups_reply, help_reply
from handlers.context import Services, services_of
from handlers.digests import digest_so_far_reply
from handlers.entries import entry_command_reply
from handlers.followup import followup_reply, lead_reply
from handlers.forms import open_form
from handlers.log_form import log_form_for
from handlers.plan import plan_form
from handlers.report import report_reply
from handlers.status import list_reply, status_reply
from storage.db import DatabaseError
from storage.entries import add_entry
from storage.groups import (
    add_coordinator,
    get_linked_group,
    link_channel,
    list_channel_links,
    list_coordinators,
    list_groups,
    remove_coordinator,
)

log = logging.getLogger(__name__)


def register(app: App) -> None:
    app.command("/mlr")(handle_mlr_command)


def handle_mlr_command(
    ack: Ack, command: dict[str, Any], context: BoltContext, client: WebClient, respond: Respond
) -> None:
    services = services_of(context)
    lang = services.lang
    parsed = parse_command(unescape_slack(command.get("text", "")))
    user_id, channel_id = command.get("user_id"), command.get("channel_id")
    if not user_id or not channel_id:  # Slack always sends both; this request was made some other way
        log.warning("a /mlr request without user_id or channel_id was ignored")
        ack()
        return
    if isinstance(parsed, OpenLogForm):
        ack()
        _open_log_form(services, client, respond, parsed, command=command)
        return
    try:
        reply = answer(services, parsed, user_id=user_id, channel_id=channel_id, client=client)
    except DatabaseError:
        log.exception("database error while answering /mlr")
        key = "error.not_saved_db" if isinstance(parsed, LogEntry) else "error.db_unavailable"
        reply = text_reply(say(lang, key))
    except access.MembershipUnknown as unknown:
        reply = text_reply(say(lang, "error.membership_unknown", error=unknown.error))
    if isinstance(reply, View):
        ack()
        open_form(
            client,
            trigger_id=command["trigger_id"],
            view=reply,
            lang=lang,
            user_id=user_id,
            response_url=command.get("response_url"),
        )
        return
    ack(**reply.as_ack())
    for message in reply.more:  # the rest of a long answer, to the same people as its first part
        response_type = "in_channel" if reply.in_channel else "ephemeral"
        respond(text=message["text"], blocks=message["blocks"], response_type=response_type)
    if reply.then is not None:
        try:
            reply.then()
        except (SlackApiError, SlackClientError) as error:
            # The answer went out with the ack; had this reached Bolt, it would have lost that ack.
            code = error.response.get("error") if isinstance(error, SlackApiError) else type(error).__name__
            log.warning("after answering /mlr, Slack refused what followed (%s)", code)
            respond(text=say(lang, "error.after_answer", error=code), response_type="ephemeral")


def answer(
    services: Services, parsed: Command | UsageError, *, user_id: str, channel_id: str, client: WebClient
) -> Reply | View:
    """The answer to a command: a reply to ack with, or a form to open right after the ack."""
    lang = services.lang
    match parsed:
        case UsageError(key=key, params=params):
            return refusal_reply(lang, access.Refusal(key, params))  # what was typed comes back escaped
        case Help(topic=topic):
            return help_reply(lang, topic)
        case LogEntry():
            return _log_entry(services, parsed, user_id=user_id, channel_id=channel_id, client=client)
        case ListGroups():
            with services.db.read() as session:
                return groups_reply(lang, groups=list_groups(session), links=list_channel_links(session))
        case LinkChannel():
            return _link_channel(services, parsed, user_id=user_id, channel_id=channel_id)
        case ChangeCoordinator():
            return _change_coordinator(services, parsed, user_id=user_id)
        case ChangeLead():
            return lead_reply(services, parsed, user_id=user_id)
        case ShowDigest():
            return _show_digest(services, parsed, user_id=user_id, channel_id=channel_id, client=client)
        case FollowupCommand():
            return followup_reply(services, parsed, user_id=user_id, client=client)
        case MakeReport():
            return report_reply(services, parsed, user_id=user_id, client=client)
        case EditPlan():
            return plan_form(services, parsed, user_id=user_id)
        case ShowStatus():
            return status_reply(services, parsed, user_id=user_id, channel_id=channel_id, client=client)
        case ListEntries() | SearchEntries():
            return list_reply(services, parsed, user_id=user_id, channel_id=channel_id, client=client)
        case EntryCommand():
            return entry_command_reply(services, parsed, user_id=user_id, channel_id=channel_id, client=client)
    raise AssertionError(f"unhandled command {parsed!r}")


def _log_entry(services: Services, parsed: LogEntry, *, user_id: str, channel_id: str, client: WebClient) -> Reply:
    lang = services.lang
    occurred_on = parsed.occurred_on or services.today()
    if occurred_on > services.today():
        return text_reply(say(lang, "error.future_date", date=occurred_on.isoformat()))
    # Most entries are typed in the group's own channel: who may write is then known here, and one
    # write transaction does it all. Otherwise Slack is asked first, outside the write transaction.
    with services.db.write() as session:
        reply = _store_entry(services, session, parsed, user_id=user_id, channel_id=channel_id, member=False)
    if reply is not None:
        return reply
    with services.db.read() as session:
        target = access.resolve_log_group(
            session, user_id=user_id, channel_id=channel_id, named_key=parsed.group_key, occurred_on=occurred_on
        )
        if isinstance(target, access.Refusal):
            return refusal_reply(lang, access.Refusal(target.key, {"word": parsed.word, **target.params}))
        allowed = access.may_use_group(
            session,
            client,
            services.members,
            user_id=user_id,
            group_key=target.key,
            now=services.now(),
            channel_id=channel_id,
        )
        if not allowed:
            return refusal_reply(lang, access.not_a_member(session, target, saving=True))
    with services.db.write() as session:
        stored = _store_entry(services, session, parsed, user_id=user_id, channel_id=channel_id, member=True)
    assert stored is not None, "a member's entry is stored or refused"
    return stored


def _store_entry(
    services: Services, session: Session, parsed: LogEntry, *, user_id: str, channel_id: str, member: bool
) -> Reply | None:
    """The entry stored and its confirmation, or why not; None when whether the person may write
    for the group needs Slack's word (`member` says it was had)."""
    lang = services.lang
    occurred_on = parsed.occurred_on or services.today()
    target = access.resolve_log_group(
        session, user_id=user_id, channel_id=channel_id, named_key=parsed.group_key, occurred_on=occurred_on
    )
    if isinstance(target, access.Refusal):
        return refusal_reply(lang, access.Refusal(target.key, {"word": parsed.word, **target.params}))
    # Without grupp: the group is the channel's own, and whoever types in it is in it.
    in_its_channel = parsed.group_key is None
    if not (member or in_its_channel) and not access.known_to_use_group(
        session, services.members, user_id=user_id, group_key=target.key, channel_id=channel_id
    ):
        return None
    if parsed.activity_number is not None:
        refusal = access.check_activity(session, group=target, year=occurred_on.year, number=parsed.activity_number)
        if refusal:
            return refusal_reply(lang, refusal)
    entry = add_entry(
        session,
        group_key=target.key,
        kind=parsed.kind,
        text=parsed.text,
        user_id=user_id,
        channel_id=channel_id,
        occurred_on=occurred_on,
        now=services.now(),
        activity_number=parsed.activity_number,
        municipalities=parsed.municipalities,
    )
    return entry_saved_reply(lang, entry=entry, group=target, activity=access.planned_activity_of(session, entry))


def _link_channel(services: Services, parsed: LinkChannel, *, user_id: str, channel_id: str) -> Reply:
    lang = services.lang
    with services.db.write() as session:
        refusal = access.require_coordinator(session, user_id=user_id, word=say(lang, "word.link"))
        if refusal:
            return refusal_reply(lang, refusal)
        group = access.find_group(session, parsed.group_key)
        if isinstance(group, access.Refusal):
            return refusal_reply(lang, group)
        if channel_id.startswith("D"):
            return text_reply(say(lang, "error.link_in_dm", key=group.key))
        previous = link_channel(session, channel_id=channel_id, group_key=group.key, actor=user_id, now=services.now())
    if previous == group.key:
        return text_reply(say_mrkdwn(lang, "already_linked", name=group.name, key=group.key))
    if previous is not None:
        reply = say_mrkdwn(lang, "relinked", previous=previous, name=group.name, key=group.key)
        return text_reply(reply, in_channel=True)
    return text_reply(say_mrkdwn(lang, "linked", name=group.name, key=group.key), in_channel=True)


def _change_coordinator(services: Services, parsed: ChangeCoordinator, *, user_id: str) -> Reply:
    lang = services.lang
    target = parsed.user_id
    with services.db.write() as session:
        refusal = access.require_coordinator(session, user_id=user_id, word=say(lang, "word.coordinator"))
        if refusal:
            return refusal_reply(lang, refusal)
        now = services.now()
        if parsed.add:
            added = add_coordinator(session, user_id=target, actor=user_id, now=now)
            return text_reply(say(lang, "coordinator.added" if added else "coordinator.already", user=target))
        if target in services.settings.coordinators:
            return text_reply(say(lang, "coordinator.from_config", user=target))
        coordinators = list_coordinators(session)
        if [c.user_id for c in coordinators] == [target]:
            return text_reply(say(lang, "coordinator.last", user=target))
        removed = remove_coordinator(session, user_id=target, actor=user_id, now=now)
        return text_reply(say(lang, "coordinator.removed" if removed else "coordinator.not", user=target))


def _show_digest(services: Services, parsed: ShowDigest, *, user_id: str, channel_id: str, client: WebClient) -> Reply:
    lang = services.lang
    with services.db.read() as session:
        if parsed.group_key is None:
            group = get_linked_group(session, channel_id=channel_id)
            if group is None:
                return text_reply(say(lang, "digest.usage", keys=access.group_keys(session)))
        else:
            found = access.find_group(session, parsed.group_key)
            if isinstance(found, access.Refusal):
                return refusal_reply(lang, found)
            group = found
        refusal = access.outsider_refusal(
            session, client, services.members, user_id=user_id, group=group, now=services.now(), channel_id=channel_id
        )
        if refusal:
            return refusal_reply(lang, refusal)
    return digest_so_far_reply(services, group=group)


def _open_log_form(
    services: Services, client: WebClient, respond: Respond, parsed: OpenLogForm, *, command: dict[str, Any]
) -> None:
    try:
        view = log_form_for(services, kind=parsed.kind, channel_id=command["channel_id"])
    except DatabaseError:
        log.exception("database error while opening the log form")
        respond(text=say(services.lang, "error.db_unavailable"), response_type="ephemeral")
        return
    open_form(
        client,
        trigger_id=command["trigger_id"],
        view=view,
        lang=services.lang,
        user_id=command["user_id"],
        response_url=command.get("response_url"),
    )
