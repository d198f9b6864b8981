"""Block Kit for the yearly follow-up: prompts, reminders, the statement form, status and the late list."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import date

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    HeaderBlock,
    InputBlock,
    MarkdownTextObject,
    Option,
    PlainTextInputElement,
    PlainTextObject,
    StaticSelectElement,
)
from slack_sdk.models.views import View

from core.texts import say
from handlers import ids
from handlers.blocks.common import Message, Reply, escape, mrkdwn_sections
from storage.models import (
    MAX_TEXT_LENGTH,
    ActivityStatus,
    Assessment,
    Entry,
    EntryKind,
    Followup,
    Group,
    PlannedActivity,
    Statement,
    StatementVersion,
)
from storage.plans import Goals

OTHER = "other"
MAX_REASON_LENGTH = 500  # one or two sentences
# The assessment's colour as a marker, for chat: the word always stands beside it.
MARKERS = {
    Assessment.MET: ":large_green_circle:",
    Assessment.PARTLY: ":large_yellow_circle:",
    Assessment.NOT_MET: ":red_circle:",
    Assessment.NOT_ASSESSED: ":white_circle:",
}


def _option(text: str, value: str) -> Option:
    # An option's text is at most 75 characters (https://api.slack.com/reference/block-kit/composition-objects#option).
    return Option(text=PlainTextObject(text=text[:75]), value=value)


def _select(lang: str, action_id: str, values: Sequence[str], prefix: str, initial: str | None) -> StaticSelectElement:
    options = [_option(say(lang, f"{prefix}.{value}"), value) for value in values]
    chosen = next((o for o in options if o.value == initial), None)
    return StaticSelectElement(action_id=action_id, options=options, initial_option=chosen)


def _button(lang: str, group: Group, year: int) -> ActionsBlock:
    return ActionsBlock(
        elements=[
            ButtonElement(
                text=say(lang, "followup.button", year=year),
                action_id=ids.FOLLOWUP_OPEN,
                value=f"{group.key}:{year}",
                style="primary",
            )
        ]
    )


def prompt_message(lang: str, *, group: Group, year: int, deadline: date, reminder: bool = False) -> Message:
    key = "followup.reminder" if reminder else "followup.prompt"
    text = say(lang, key, name=escape(group.name), year=year, deadline=deadline.isoformat())
    return Message(text=text, blocks=[*mrkdwn_sections([text]), _button(lang, group, year)])


def revise_offer_reply(lang: str, *, year: int) -> Reply:
    """The follow-up of `year` is closed: the yearly revision of next year's plan starts with one button."""
    closed = say(lang, "followup.closed", year=year)
    offer = say(lang, "followup.revise_offer", year=year + 1)
    button = ButtonElement(
        text=say(lang, "followup.revise_button", year=year + 1), action_id=ids.PLAN_CARRY, value=str(year + 1)
    )
    return Reply(text=closed, blocks=[*mrkdwn_sections([closed, offer]), ActionsBlock(elements=[button])])


def assessment_word(lang: str, assessment: str | None) -> str:
    """The assessment's marker and word, as chat shows it; "ej bedömd" for a statement without one."""
    value = Assessment(assessment) if assessment in set(Assessment) else Assessment.NOT_ASSESSED
    return f"{MARKERS[value]} {say(lang, f'goal.{value}')}"


def draft_message(
    lang: str, *, group_key: str, name: str, year: int, version: int, user: str, assessment: str | None
) -> Message:
    """The confirmation of a submitted version, a draft, with the button a group lead approves it with."""
    text = say(
        lang,
        "followup.submitted_draft",
        name=escape(name),
        year=year,
        version=version,
        user=user,
        assessment=assessment_word(lang, assessment),
    )
    button = ButtonElement(
        text=say(lang, "followup.approve_button", version=version),
        action_id=ids.STATEMENT_APPROVE,
        value=f"{group_key}:{year}:{version}",
        style="primary",
    )
    return Message(text=text, blocks=[*mrkdwn_sections([text]), ActionsBlock(elements=[button])])


def late_message(
    lang: str, *, year: int, late: Sequence[Group], answered: int, drafts: Sequence[Group] = ()
) -> Message:
    """The groups that have not started their statement after the deadline, and those whose draft awaits approval."""
    waiting = (
        [say(lang, "followup.late_drafts"), *(f"• *{escape(g.name)}* (`{g.key}`)" for g in drafts)] if drafts else []
    )
    if not late:
        text = say(lang, "followup.all_answered", year=year, answered=answered)
        return Message(text=text, blocks=mrkdwn_sections([text, *waiting]))
    title = say(lang, "followup.late_title", year=year, count=len(late), answered=answered)
    lines = [title, *(f"• *{escape(group.name)}* (`{group.key}`)" for group in late), *waiting]
    return Message(text=title, blocks=mrkdwn_sections(lines))


def signoff_state(statement: Statement | None) -> str:
    """ "not_started", "draft" or "approved": where a group's statement stands."""
    if statement is None:
        return "not_started"
    return "draft" if statement.approved_at is None else "approved"


def statement_state(lang: str, statement: Statement) -> str:
    """ "utkast · 🟢 uppnås" or "godkänd · …": a statement's sign-off and its assessment, for status and the Home."""
    return f"{say(lang, f'followup.state_{signoff_state(statement)}')} · {assessment_word(lang, statement.assessment)}"


def signoff_counts(lang: str, statements: Mapping[str, Statement], groups: Sequence[Group]) -> str:
    states = [signoff_state(statements.get(g.key)) for g in groups]
    return say(
        lang, "followup.status_counts", **{state: states.count(state) for state in ("not_started", "draft", "approved")}
    )


def history_blocks(lang: str, *, group: Group, year: int, versions: Sequence[StatementVersion]) -> list[Block]:
    """Every version of the group's statement for the year, with its assessment, statuses and approval."""
    header = say(lang, "followup.history_title", name=group.name, year=year)
    if not versions:
        return [
            HeaderBlock(text=PlainTextObject(text=header[:150])),
            *mrkdwn_sections([say(lang, "followup.history_none")]),
        ]
    lines = []
    for version in versions:
        approval = (
            say(lang, "followup.history_draft")
            if version.approved_at is None or version.approved_by is None
            else say(
                lang,
                "followup.history_approved",
                user=version.approved_by,
                date=version.approved_at.date().isoformat(),
            )
        )
        counts = Counter(version.statuses.values())
        statuses = ", ".join(
            f"{say(lang, f'activity.{s.value}')} {counts[s.value]}" for s in ActivityStatus if counts[s.value]
        )
        line = say(
            lang,
            "followup.history_line",
            version=version.version,
            user=version.submitted_by,
            date=version.submitted_at.date().isoformat(),
            assessment=assessment_word(lang, version.assessment),
            approval=approval,
        )
        if version.reason:
            line += "\n> " + escape(version.reason).replace("\n", " ")
        if statuses:
            line += "\n" + statuses
        lines.append(line)
    return [HeaderBlock(text=PlainTextObject(text=header[:150])), *mrkdwn_sections(lines)]


def draft_parts(
    lang: str, *, activities: Sequence[PlannedActivity], entries: Sequence[Entry]
) -> tuple[dict[str, str], bool]:
    """What the group logged in the year, per planned activity (and "other"), as the form's starting
    text; results first. True when some part was longer than a field holds and was shortened."""
    numbers = {activity.number for activity in activities}
    parts: dict[str, list[str]] = {str(number): [] for number in sorted(numbers)}
    parts[OTHER] = []
    for entry in sorted(entries, key=lambda e: (e.kind != EntryKind.RESULT.value, e.occurred_on, e.id or 0)):
        part = str(entry.activity_number) if entry.activity_number in numbers else OTHER
        label = "" if entry.kind == EntryKind.RESULT.value else say(lang, "followup.draft_activity")
        parts[part].append(f"• {label}{entry.text} ({entry.occurred_on.isoformat()})")
    drafts, shortened = {}, False
    for part, lines in parts.items():
        text = "\n".join(lines)
        if len(text) > MAX_TEXT_LENGTH:
            text, shortened = text[: MAX_TEXT_LENGTH - 1] + "…", True
        drafts[part] = text
    return drafts, shortened


def statement_view(
    lang: str,
    *,
    group: Group,
    year: int,
    activities: Sequence[PlannedActivity],
    initial: Mapping[str, str],
    shortened: bool,
    channel_id: str | None,
    submitted: Statement | None,
    goal: str = "",
    goals: Goals | None = None,
    prefilled_from: int | None = None,
) -> View:
    """The statement form: the assessment of the long-term goal and its reason, then per planned activity its
    result text and its status, then the rest. `goals` fills in the assessment and statuses (from this year's
    submitted version, or `prefilled_from`'s answer)."""
    intro = say(lang, "followup.form_intro", name=escape(group.name), year=year)
    if submitted is not None:
        intro += " " + say(lang, "followup.form_resubmit", version=submitted.version)
    if shortened:
        intro += " " + say(lang, "followup.form_shortened")
    if prefilled_from is not None:
        intro += " " + say(lang, "followup.prefilled", year=prefilled_from)
    goals = goals or Goals()
    blocks: list[Block] = [*mrkdwn_sections([intro])]
    blocks.append(
        InputBlock(
            block_id=ids.ASSESSMENT_BLOCK,
            label=say(lang, "followup.assessment", year=year),
            # A hint holds at most 2000 characters (https://api.slack.com/reference/block-kit/blocks#input).
            hint=say(lang, "followup.assessment_hint", goal=goal)[:2000] if goal else None,
            element=_select(lang, ids.ASSESSMENT_ACTION, list(Assessment), "goal", goals.assessment),
        )
    )
    blocks.append(
        InputBlock(
            block_id=ids.REASON_BLOCK,
            label=say(lang, "followup.reason"),
            optional=True,  # required unless "ej bedömd": the submission handler says so
            element=PlainTextInputElement(
                action_id=ids.REASON_ACTION,
                multiline=True,
                max_length=MAX_REASON_LENGTH,
                initial_value=goals.reason[:MAX_REASON_LENGTH] or None,
            ),
        )
    )
    parts = [(str(a.number), f"({a.number}) {a.text}") for a in activities]
    parts.append((OTHER, say(lang, "followup.other" if activities else "followup.only", year=year)))
    for part, label in parts:
        blocks.append(
            InputBlock(
                block_id=ids.statement_block(part),
                label=label[:2000],
                optional=True,
                element=PlainTextInputElement(
                    action_id=ids.STATEMENT_ACTION,
                    multiline=True,
                    max_length=MAX_TEXT_LENGTH,
                    initial_value=initial.get(part) or None,
                ),
            )
        )
        if part != OTHER:
            blocks.append(
                InputBlock(
                    block_id=ids.status_block(part),
                    label=say(lang, "followup.activity_status", number=part),
                    element=_select(
                        lang, ids.STATUS_ACTION, list(ActivityStatus), "activity", goals.statuses.get(part)
                    ),
                )
            )
    return View(
        type="modal",
        callback_id=ids.FOLLOWUP_VIEW,
        private_metadata=json.dumps({"group": group.key, "year": year, "channel_id": channel_id}),
        title=PlainTextObject(text=say(lang, "followup.form_title", year=year)[:24]),
        submit=PlainTextObject(text=say(lang, "followup.form_submit")),
        close=PlainTextObject(text=say(lang, "modal.close")),
        blocks=blocks,
    )


def status_blocks(
    lang: str,
    *,
    followup: Followup,
    groups: Sequence[Group],
    statements: Mapping[str, Statement],
    approved: Mapping[str, int] | None = None,
) -> list[Block]:
    """The follow-up's state per group; `approved` is the version the report shows of groups whose latest version
    is a draft, where an earlier one is approved."""
    state = say(lang, f"followup.state_{followup.status}")
    header = say(lang, "followup.status_title", year=followup.year)
    summary = say(
        lang,
        "followup.status_summary",
        state=state,
        deadline=followup.deadline.isoformat(),
        answered=sum(1 for g in groups if g.key in statements),
        total=len(groups),
    )
    lines = []
    for group in groups:
        statement = statements.get(group.key)
        if statement is None:
            lines.append(say(lang, "followup.status_missing", name=escape(group.name), key=group.key))
        else:
            lines.append(
                say(
                    lang,
                    "followup.status_goal",
                    marker=":white_check_mark:" if statement.approved_at is not None else ":memo:",
                    name=escape(group.name),
                    key=group.key,
                    state=say(lang, f"followup.state_{signoff_state(statement)}"),
                    version=statement.version,
                    assessment=assessment_word(lang, statement.assessment),
                    user=statement.submitted_by,
                    date=statement.submitted_at.date().isoformat(),
                )
            )
            earlier = (approved or {}).get(group.key)
            if statement.approved_at is None and earlier is not None and earlier != statement.version:
                lines[-1] += " · " + say(lang, "followup.status_earlier_approved", version=earlier)
    return [
        HeaderBlock(text=PlainTextObject(text=header[:150])),
        ContextBlock(elements=[MarkdownTextObject(text=summary + " · " + signoff_counts(lang, statements, groups))]),
        *mrkdwn_sections(lines),
    ]
