"""The yearly follow-up in chat: `/mlr uppföljning start|status|stäng`, the prompt's button, and
the statement form."""

from __future__ import annotations

import json
import logging
from functools import partial
from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from core.commands import FollowupCommand
from core.texts import say
from core.years import in_year
from handlers import access, ids
from handlers.blocks.common import Reply, refusal_reply, say_mrkdwn, split_reply, text_reply
from handlers.blocks.followup import OTHER, draft_parts, revise_offer_reply, statement_view, status_blocks
from handlers.context import Services, services_of
from handlers.forms import open_form
from storage import plans
from storage.db import DatabaseError
from storage.entries import list_entries
from storage.groups import get_group, list_groups, list_linked_channels
from storage.models import FollowupStatus

log = logging.getLogger(__name__)


def register(app: App) -> None:
    app.action(ids.FOLLOWUP_OPEN)(handle_followup_button)
    app.view(ids.FOLLOWUP_VIEW)(handle_statement_submission)


def followup_reply(services: Services, parsed: FollowupCommand, *, user_id: str, client: WebClient) -> Reply:
    lang = services.lang
    year = parsed.year or services.today().year
    with services.db.read() as session:
        refusal = access.require_coordinator(session, user_id=user_id, word=say(lang, "word.followup"))
    if refusal:
        return refusal_reply(lang, refusal)
    now = services.now()
    if parsed.action == "start":
        if year > services.today().year:
            return text_reply(say(lang, "followup.future", year=year))
        jobs = services.followup_jobs
        assert jobs is not None, "create_app hands in the follow-up's jobs"
        followup = jobs.start_campaign(services, year=year, actor=user_id, now=now)
        if followup is None:
            return text_reply(say(lang, "followup.no_plan", year=year))
        with services.db.read() as session:
            groups = [g for g in list_groups(session) if in_year(g, year)]
            channels = {g.key: list_linked_channels(session, group_key=g.key) for g in groups}
        text = say(
            lang,
            "followup.started",
            year=year,
            deadline=followup.deadline.isoformat(),
            channels=sum(len(c) for c in channels.values()),
        )
        without = [f"`{key}`" for key, linked in channels.items() if not linked]
        if without:
            text += " " + say(lang, "followup.started_no_channel", keys=", ".join(without))
        return Reply(
            text=text,
            blocks=text_reply(text).blocks,
            then=partial(jobs.post_prompts, services, client, followup=followup, now=now),
        )
    if parsed.action == "close":
        with services.db.write() as session:
            closed = plans.close_followup(session, year=year, actor=user_id, now=now)
        if not closed:
            return text_reply(say(lang, "followup.not_open", year=year))
        return revise_offer_reply(lang, year=year)
    with services.db.read() as session:
        followup = plans.get_followup(session, year=year)
        if followup is None:
            return text_reply(say(lang, "followup.error_no_campaign", year=year))
        groups = [g for g in list_groups(session) if in_year(g, year)]
        statements = {s.group_key: s for s in plans.list_statements(session, year=year)}
    blocks = status_blocks(lang, followup=followup, groups=groups, statements=statements)
    return split_reply(lang, blocks, text=say(lang, "followup.status_title", year=year))


def handle_followup_button(
    ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient, respond: Respond
) -> None:
    ack()
    services = services_of(context)
    lang = services.lang
    group_key, _, year_text = body["actions"][0]["value"].partition(":")
    year, user_id = int(year_text), body["user"]["id"]
    channel_id = (body.get("channel") or {}).get("id")
    with services.db.read() as session:
        group = get_group(session, key=group_key)
        followup = plans.get_followup(session, year=year)
        try:
            allowed = group is not None and access.may_answer_for_group(
                session, client, services.members, user_id=user_id, group_key=group_key, now=services.now()
            )
        except access.MembershipUnknown as unknown:
            text = say(lang, "error.membership_unknown", error=unknown.error)
            respond(text=text, response_type="ephemeral", replace_original=False)
            return
        if group is None or not allowed:
            respond(text=say(lang, "followup.error_not_member"), response_type="ephemeral", replace_original=False)
            return
        if followup is None or followup.status != FollowupStatus.OPEN:
            respond(
                text=say(lang, "followup.error_closed", year=year), response_type="ephemeral", replace_original=False
            )
            return
        activities = plans.list_planned_activities(session, group_key=group_key, year=year)
        entries = list_entries(session, group_key=group_key, year=year)
        submitted = plans.get_statement(session, group_key=group_key, year=year)
    drafts, shortened = draft_parts(lang, activities=activities, entries=entries)
    initial = submitted.parts if submitted is not None else drafts
    view = statement_view(
        lang,
        group=group,
        year=year,
        activities=activities,
        initial=initial,
        shortened=shortened and submitted is None,
        channel_id=channel_id,
        submitted=submitted,
    )
    open_form(
        client,
        trigger_id=body["trigger_id"],
        view=view,
        lang=lang,
        user_id=body["user"]["id"],
        response_url=body.get("response_url"),
    )


def handle_statement_submission(ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient) -> None:
    services = services_of(context)
    lang = services.lang
    meta = json.loads(body["view"].get("private_metadata") or "{}")
    group_key, year, channel_id = meta.get("group"), int(meta.get("year", 0)), meta.get("channel_id")
    user_id = body["user"]["id"]
    state = body["view"]["state"]["values"]
    parts = {
        block_id.removeprefix("part_"): (actions.get(ids.STATEMENT_ACTION, {}).get("value") or "").strip()
        for block_id, actions in state.items()
        if block_id.startswith("part_")
    }
    first_block = next(iter(state), ids.statement_block(OTHER))
    if not any(parts.values()):
        ack(response_action="errors", errors={first_block: say(lang, "followup.error_empty")})
        return
    try:
        # Who may answer is read first: it may ask Slack, which must not happen with the write lock held.
        with services.db.read() as session:
            group = get_group(session, key=group_key or "")
            try:
                allowed = group is not None and access.may_answer_for_group(
                    session, client, services.members, user_id=user_id, group_key=group.key, now=services.now()
                )
            except access.MembershipUnknown as unknown:
                message = say(lang, "error.membership_unknown", error=unknown.error)
                ack(response_action="errors", errors={first_block: message})
                return
        if group is None or not allowed:
            ack(response_action="errors", errors={first_block: say(lang, "followup.error_not_member")})
            return
        with services.db.write() as session:
            followup = plans.get_followup(session, year=year)
            if followup is None or followup.status != FollowupStatus.OPEN:
                ack(response_action="errors", errors={first_block: say(lang, "followup.error_closed", year=year)})
                return
            statement = plans.submit_statement(
                session,
                group_key=group.key,
                year=year,
                parts={k: v for k, v in parts.items() if v},
                actor=user_id,
                now=services.now(),
            )
            name, version = group.name, statement.version
    except DatabaseError:
        log.exception("database error while saving a statement")
        ack(response_action="errors", errors={first_block: say(lang, "error.not_saved_db")})
        return
    ack()
    text = say_mrkdwn(lang, "followup.submitted", name=name, year=year, version=version, user=user_id)
    try:
        client.chat_postMessage(channel=channel_id or user_id, text=text)
    except SlackApiError as error:
        log.warning("statement confirmation to %s failed (%s)", channel_id, error.response.get("error"))
