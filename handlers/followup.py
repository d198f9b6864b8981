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

from core.commands import ChangeLead, FollowupCommand
from core.texts import say
from core.years import in_year
from handlers import access, ids
from handlers.blocks.common import Reply, escape, mrkdwn_sections, refusal_reply, split_reply, text_reply
from handlers.blocks.followup import (
    OTHER,
    draft_message,
    draft_parts,
    history_blocks,
    revise_offer_reply,
    statement_view,
    status_blocks,
)
from handlers.context import Services, services_of
from handlers.forms import open_form
from storage import plans
from storage.db import DatabaseError
from storage.entries import list_entries
from storage.groups import get_group, is_coordinator, list_groups, list_linked_channels
from storage.models import ActivityStatus, Assessment, FollowupStatus, PlannedActivity, Statement

log = logging.getLogger(__name__)


def register(app: App) -> None:
    app.action(ids.FOLLOWUP_OPEN)(handle_followup_button)
    app.view(ids.FOLLOWUP_VIEW)(handle_statement_submission)
    app.action(ids.STATEMENT_APPROVE)(handle_approve_button)


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
        posted = jobs.prompts_posted(services, year=year)
        linked = [channel for linked in channels.values() for channel in linked]
        deadline = followup.deadline.isoformat()
        if posted:  # started before: each prompt goes out once, so say when they did and what comes next
            when = min(posted.values()).astimezone(services.settings.timezone)
            text = say(
                lang,
                "followup.started_again",
                year=year,
                deadline=deadline,
                date=when.date().isoformat(),
                time=when.strftime("%H.%M"),
                posted=len(posted),
            )
            new = [channel for channel in linked if channel not in posted]
            if new:
                text += " " + say(lang, "followup.started_new_channels", channels=len(new))
        else:
            text = say(lang, "followup.started", year=year, deadline=deadline, channels=len(linked))
        without = [f"`{key}`" for key, linked in channels.items() if not linked]
        if without:
            text += " " + say(lang, "followup.started_no_channel", keys=", ".join(without))
        return Reply(
            text=text,
            blocks=text_reply(text).blocks,
            then=partial(jobs.post_prompts, services, client, followup=followup, now=now),
        )
    if parsed.action == "history":
        with services.db.read() as session:
            group = access.find_group(session, parsed.group_key or "")
            if isinstance(group, access.Refusal):
                return refusal_reply(lang, group)
            versions = plans.list_statement_versions(session, group_key=group.key, year=year)
        blocks = history_blocks(lang, group=group, year=year, versions=versions)
        return Reply(text=say(lang, "followup.history_title", name=group.name, year=year), blocks=blocks)
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
        shown = plans.reported_statements(session, year=year)
    approved = {key: v.version for key, v in shown.items() if v.approved_at is not None}
    blocks = status_blocks(lang, followup=followup, groups=groups, statements=statements, approved=approved)
    return split_reply(lang, blocks, text=say(lang, "followup.status_title", year=year))


def lead_reply(services: Services, parsed: ChangeLead, *, user_id: str) -> Reply:
    """`/mlr gruppledare`: the group leads, listed to anyone; added and removed by coordinators."""
    lang = services.lang
    with services.db.write() as session:
        if parsed.add is None:
            names = {g.key: g.name for g in list_groups(session)}
            leads = [
                f"<@{lead.user_id}> ({escape(names.get(lead.group_key, lead.group_key))})"
                for lead in plans.list_leads(session)
            ]
            listed = say(lang, "lead.list", leads=", ".join(leads) or say(lang, "followup.no_leads"))
            return text_reply(listed + "\n" + say(lang, "error.lead_usage"))
        refusal = access.require_coordinator(session, user_id=user_id, word=say(lang, "word.lead"))
        if refusal:
            return refusal_reply(lang, refusal)
        group = access.find_group(session, parsed.group_key)  # `bostd` gets "Menade du `bostad`?"
        if isinstance(group, access.Refusal):
            return refusal_reply(lang, group)
        values = {"user": parsed.user_id, "name": escape(group.name), "key": group.key}
        change = plans.add_lead if parsed.add else plans.remove_lead
        changed = change(session, group_key=group.key, user_id=parsed.user_id, actor=user_id, now=services.now())
    if parsed.add:
        return text_reply(say(lang, "lead.added" if changed else "lead.already", **values))
    return text_reply(say(lang, "lead.removed" if changed else "lead.not_lead", **values))


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
        plan = plans.get_plan(session, group_key=group_key, year=year)
        goal = plan.goal if plan is not None and plan.goal else group.goal
        goals, prefilled_from = _initial_goals(
            session, submitted, group_key=group_key, year=year, activities=activities
        )
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
        goal=goal,
        goals=goals,
        prefilled_from=prefilled_from,
    )
    open_form(
        client,
        trigger_id=body["trigger_id"],
        view=view,
        lang=lang,
        user_id=body["user"]["id"],
        response_url=body.get("response_url"),
    )


def _initial_goals(
    session: Any, submitted: Statement | None, *, group_key: str, year: int, activities: list[PlannedActivity]
) -> tuple[plans.Goals, int | None]:
    """The form's assessment, reason and statuses: this year's latest version, else the previous year's answer
    (a status goes to the activity of this year with the same text), else none."""
    if submitted is not None:
        return plans.Goals(submitted.assessment, submitted.reason, dict(submitted.statuses)), None
    previous = plans.previous_answer(session, group_key=group_key, year=year)
    if previous is None:
        return plans.Goals(), None
    before = {
        str(a.number): a.text for a in plans.list_planned_activities(session, group_key=group_key, year=previous.year)
    }
    by_text = {before[number]: status for number, status in previous.statuses.items() if number in before}
    statuses = {str(a.number): by_text[a.text] for a in activities if a.text in by_text}
    return plans.Goals(previous.assessment, previous.reason, statuses), previous.year


def _selected(state: dict[str, Any], block_id: str, action_id: str) -> str | None:
    option = (state.get(block_id) or {}).get(action_id, {}).get("selected_option") or {}
    value = option.get("value")
    return value if isinstance(value, str) else None


def read_goals(lang: str, state: dict[str, Any]) -> tuple[plans.Goals, dict[str, str]]:
    """The assessment, its reason and the activities' statuses from a submitted form, and the errors to show
    (block id -> text). A form without the assessment block (opened before the form asked for one) has none."""
    errors: dict[str, str] = {}
    assessment = _selected(state, ids.ASSESSMENT_BLOCK, ids.ASSESSMENT_ACTION)
    reason = ((state.get(ids.REASON_BLOCK) or {}).get(ids.REASON_ACTION, {}).get("value") or "").strip()
    if ids.ASSESSMENT_BLOCK in state:
        if assessment not in set(Assessment):
            errors[ids.ASSESSMENT_BLOCK] = say(lang, "followup.error_assessment")
            assessment = None
        elif assessment != Assessment.NOT_ASSESSED and not reason:
            errors[ids.REASON_BLOCK] = say(lang, "followup.error_reason")
    statuses: dict[str, str] = {}
    for block_id in state:
        if block_id.startswith("status_"):
            number = block_id.removeprefix("status_")
            status = _selected(state, block_id, ids.STATUS_ACTION)
            if status in set(ActivityStatus):
                statuses[number] = status
            else:
                errors[block_id] = say(lang, "followup.error_status")
    return plans.Goals(assessment, reason if assessment is not None else "", statuses), errors


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
    goals, errors = read_goals(lang, state)
    if not any(parts.values()):
        errors[next((b for b in state if b.startswith("part_")), first_block)] = say(lang, "followup.error_empty")
    if errors:
        ack(response_action="errors", errors=errors)
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
                said = say(lang, "error.membership_unknown", error=unknown.error)
                ack(response_action="errors", errors={first_block: said})
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
                goals=goals,
            )
            name, version = group.name, statement.version
    except DatabaseError:
        log.exception("database error while saving a statement")
        ack(response_action="errors", errors={first_block: say(lang, "error.not_saved_db")})
        return
    ack()
    message = draft_message(
        lang, group_key=group.key, name=name, year=year, version=version, user=user_id, assessment=goals.assessment
    )
    try:
        client.chat_postMessage(channel=channel_id or user_id, text=message.text, blocks=message.blocks)
    except SlackApiError as error:
        log.warning("statement confirmation to %s failed (%s)", channel_id, error.response.get("error"))


def may_approve(session: Any, *, group_key: str, user_id: str) -> bool:
    """A group's leads and the coordinators approve its statement."""
    return plans.is_lead(session, group_key=group_key, user_id=user_id) or is_coordinator(session, user_id=user_id)


def handle_approve_button(ack: Ack, body: dict[str, Any], context: BoltContext, respond: Respond) -> None:
    """The button under a submitted draft: a lead (or coordinator) approves that version, which is then frozen.
    The answer goes out after the transaction: no call to Slack with the write lock held."""
    ack()
    services = services_of(context)
    group_key, _, rest = body["actions"][0]["value"].partition(":")
    year_text, _, version_text = rest.partition(":")
    if not (year_text.isdigit() and version_text.isdigit()):
        return
    try:
        text, approved = _approve(
            services, group_key=group_key, year=int(year_text), version=int(version_text), user_id=body["user"]["id"]
        )
    except DatabaseError:
        log.exception("database error while approving a statement")
        text, approved = say(services.lang, "error.not_saved_db"), False
    if approved:
        respond(text=text, blocks=mrkdwn_sections([text]), response_type="in_channel", replace_original=True)
    elif text:
        respond(text=text, response_type="ephemeral", replace_original=False)


def _approve(services: Services, *, group_key: str, year: int, version: int, user_id: str) -> tuple[str, bool]:
    """What to say, and whether the version was approved."""
    lang = services.lang
    with services.db.write() as session:
        group = get_group(session, key=group_key)
        if group is None:
            return "", False
        name = escape(group.name)
        if not may_approve(session, group_key=group_key, user_id=user_id):
            leads = ", ".join(f"<@{lead.user_id}>" for lead in plans.list_leads(session, group_key=group_key))
            return say(lang, "followup.error_not_lead", name=name, leads=leads or say(lang, "followup.no_leads")), False
        try:
            plans.approve_statement(
                session, group_key=group_key, year=year, version=version, actor=user_id, now=services.now()
            )
        except plans.ApprovalError as error:
            statement = plans.get_statement(session, group_key=group_key, year=year)
            latest = statement.version if statement is not None else version
            key = {
                "superseded": "followup.error_superseded",
                "approved": "followup.error_already_approved",
            }.get(str(error), "followup.error_unknown_version")
            return say(lang, key, version=version, latest=latest, name=name, year=year), False
    return say(lang, "followup.approved", user=user_id, version=version, name=name, year=year), True
