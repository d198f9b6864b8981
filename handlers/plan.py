"""`/mlr plan <grupp> [år]`: coordinators edit a group's plan for a year in a form: the goal, the
description, and one field per planned activity (at most storage.plans.MAX_ACTIVITIES). A text longer
than a field holds is not cut: the form is refused and the groups file (`mlr-bot groups load`) is the
way to change it."""

from __future__ import annotations

import json
import logging
from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.models.blocks import ContextBlock, InputBlock, PlainTextInputElement, PlainTextObject
from slack_sdk.models.views import View

from core.commands import EditPlan
from core.texts import say
from core.years import in_year
from handlers import access, ids
from handlers.blocks.common import Reply, refusal_reply, render_mrkdwn, say_mrkdwn, text_reply
from handlers.context import Services, services_of
from storage import plans
from storage.db import DatabaseError
from storage.groups import list_groups_in_plan_order
from storage.models import MAX_TEXT_LENGTH, GroupKind

log = logging.getLogger(__name__)

_OLD_ACTIVITIES_BLOCK = "plan_activities"  # the one field of every activity, before each had its own


def register(app: App) -> None:
    app.view(ids.PLAN_VIEW)(handle_plan_submission)
    app.action(ids.PLAN_CARRY)(handle_plan_carry)


def handle_plan_carry(ack: Ack, body: dict[str, Any], context: BoltContext, respond: Respond) -> None:
    """The button offered once a follow-up closes: each group active next year gets its latest plan copied in."""
    ack()
    services = services_of(context)
    lang = services.lang
    to_year, user_id = int(body["actions"][0]["value"]), body["user"]["id"]
    with services.db.write() as session:
        refusal = access.require_coordinator(session, user_id=user_id, word=say(lang, "word.plan"))
        if refusal is None:
            keys = [group.key for group in list_groups_in_plan_order(session) if in_year(group, to_year)]
            report = plans.carry_plans(session, group_keys=keys, to_year=to_year, actor=user_id, now=services.now())
    if refusal is not None:
        text = render_mrkdwn(lang, refusal.key, refusal.params)
        respond(text=text, response_type="ephemeral", replace_original=False)
        return
    carried = ", ".join(f"`{key}`" for key, _ in report.carried)
    lines = [
        say(lang, "plan.carried", count=len(report.carried), year=to_year, keys=carried)
        if report.carried
        else say(lang, "plan.carried_none", year=to_year)
    ]
    if report.kept:
        kept = ", ".join(f"`{key}`" for key in report.kept)
        lines.append(say(lang, "plan.carried_kept", count=len(report.kept), year=to_year, keys=kept))
    respond(text=" ".join(lines), response_type="ephemeral", replace_original=False)


def plan_form(services: Services, parsed: EditPlan, *, user_id: str) -> Reply | View:
    """The form for the plan, or why not."""
    lang = services.lang
    year = parsed.year or services.today().year
    with services.db.read() as session:
        refusal = access.require_coordinator(session, user_id=user_id, word=say(lang, "word.plan"))
        if refusal:
            return refusal_reply(lang, refusal)
        group = access.find_group(session, parsed.group_key)
        if isinstance(group, access.Refusal):
            return refusal_reply(lang, group)
        plan = plans.get_plan(session, group_key=group.key, year=year)
        activities = plans.list_planned_activities(session, group_key=group.key, year=year)
        if plan is None:  # start from the group's latest earlier plan: the goal stays, the work is rewritten
            plan = plans.latest_plan_before(session, group_key=group.key, year=year)
            if plan is not None:
                activities = plans.list_planned_activities(session, group_key=group.key, year=plan.year)

    goal = plan.goal if plan else group.goal
    description = plan.description if plan else ""
    after = plan.after_activities if plan else ""
    texts = [
        (say(lang, "plan.goal", name=group.name), goal),
        (say(lang, "plan.description"), description),
        *((say(lang, "plan.activity", number=a.number), a.text) for a in activities),
        (say(lang, "plan.after_activities"), after),
    ]
    for label, value in texts:  # a form field holds MAX_TEXT_LENGTH: refuse rather than show a part
        if len(value) > MAX_TEXT_LENGTH:
            return text_reply(
                say_mrkdwn(
                    lang, "plan.too_long", key=group.key, year=year, field=label, length=len(value), max=MAX_TEXT_LENGTH
                )
            )

    def field(block_id: str, label: str, value: str, optional: bool = False) -> InputBlock:
        element = PlainTextInputElement(
            action_id=ids.PLAN_ACTION, multiline=True, max_length=MAX_TEXT_LENGTH, initial_value=value or None
        )
        return InputBlock(block_id=block_id, label=label[:2000], element=element, optional=optional)

    slots = [a.text for a in activities] + [""] * (plans.MAX_ACTIVITIES - len(activities))
    return View(
        type="modal",
        callback_id=ids.PLAN_VIEW,
        # A focus area states its long-term goal; ongoing work and standing groups have one description.
        private_metadata=json.dumps({"group": group.key, "year": year, "focus": group.kind == GroupKind.FOCUS}),
        title=PlainTextObject(text=say(lang, "plan.title", year=year)[:24]),
        submit=PlainTextObject(text=say(lang, "modal.submit")),
        close=PlainTextObject(text=say(lang, "modal.close")),
        blocks=[
            field(ids.PLAN_GOAL_BLOCK, say(lang, "plan.goal", name=group.name), goal, group.kind != GroupKind.FOCUS),
            field(ids.PLAN_DESCRIPTION_BLOCK, say(lang, "plan.description"), description, True),
            ContextBlock(elements=[PlainTextObject(text=say(lang, "plan.activities", max=plans.MAX_ACTIVITIES))]),
            *(
                field(ids.plan_activity_block(number), say(lang, "plan.activity", number=number), value, True)
                for number, value in enumerate(slots, start=1)
            ),
            field(ids.PLAN_AFTER_BLOCK, say(lang, "plan.after_activities"), after, True),
        ],
    )


def handle_plan_submission(ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient) -> None:
    services = services_of(context)
    lang = services.lang
    meta = json.loads(body["view"].get("private_metadata") or "{}")
    user_id = body["user"]["id"]
    values = body["view"]["state"]["values"]

    def text(block_id: str) -> str:
        return (values.get(block_id, {}).get(ids.PLAN_ACTION, {}).get("value") or "").strip()

    if _OLD_ACTIVITIES_BLOCK in values:  # a form opened before one field per activity: its list would be lost
        ack(response_action="errors", errors={ids.PLAN_GOAL_BLOCK: say(lang, "plan.error_old_form")})
        return
    goal, description = text(ids.PLAN_GOAL_BLOCK), text(ids.PLAN_DESCRIPTION_BLOCK)
    # One field per activity, empty ones skipped: the rest are numbered (1), (2), … in the form's order.
    fields = (text(ids.plan_activity_block(number)) for number in range(1, plans.MAX_ACTIVITIES + 1))
    activities = tuple(activity for activity in fields if activity)
    if not goal and meta.get("focus", True):
        ack(response_action="errors", errors={ids.PLAN_GOAL_BLOCK: say(lang, "plan.error_goal")})
        return
    try:
        with services.db.write() as session:
            if access.require_coordinator(session, user_id=user_id, word=say(lang, "word.plan")) is not None:
                ack(response_action="errors", errors={ids.PLAN_GOAL_BLOCK: say(lang, "plan.error_coordinator")})
                return
            spec = plans.PlanSpec(
                description=description, activities=activities, after_activities=text(ids.PLAN_AFTER_BLOCK)
            )
            plans.set_plan(
                session,
                group_key=meta["group"],
                year=int(meta["year"]),
                goal=goal,
                spec=spec,
                actor=user_id,
                now=services.now(),
            )
    except DatabaseError:
        log.exception("database error while saving a plan")
        ack(response_action="errors", errors={ids.PLAN_GOAL_BLOCK: say(lang, "error.not_saved_db")})
        return
    ack()
    try:
        client.chat_postMessage(
            channel=user_id, text=say(lang, "plan.saved", key=meta["group"], year=meta["year"], count=len(activities))
        )
    except SlackApiError as error:
        log.warning("plan confirmation failed (%s)", error.response.get("error"))
