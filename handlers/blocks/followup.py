"""Block Kit for the yearly follow-up: prompts, reminders, the statement form, status and the late list."""

from __future__ import annotations

import json
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
    PlainTextInputElement,
    PlainTextObject,
)
from slack_sdk.models.views import View

from core.texts import say
from handlers import ids
from handlers.blocks.common import Message, Reply, escape, mrkdwn_sections
from storage.models import MAX_TEXT_LENGTH, Entry, EntryKind, Followup, Group, PlannedActivity, Statement

OTHER = "other"


def _button(lang: str, group: Group, year: int) -> ActionsBlock:
    return ActionsBlock(
        elements=[
            ButtonElement(
                text=say(lang, "followup.button"),
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


def late_message(lang: str, *, year: int, late: Sequence[Group], answered: int) -> Message:
    if not late:
        text = say(lang, "followup.all_answered", year=year, answered=answered)
        return Message(text=text, blocks=mrkdwn_sections([text]))
    title = say(lang, "followup.late_title", year=year, count=len(late), answered=answered)
    lines = [title, *(f"• *{escape(group.name)}* (`{group.key}`)" for group in late)]
    return Message(text=title, blocks=mrkdwn_sections(lines))


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
) -> View:
    intro = say(lang, "followup.form_intro", name=escape(group.name), year=year)
    if submitted is not None:
        intro += " " + say(lang, "followup.form_resubmit", version=submitted.version)
    if shortened:
        intro += " " + say(lang, "followup.form_shortened")
    blocks: list[Block] = [*mrkdwn_sections([intro])]
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
    lang: str, *, followup: Followup, groups: Sequence[Group], statements: Mapping[str, Statement]
) -> list[Block]:
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
                    "followup.status_answered",
                    name=escape(group.name),
                    key=group.key,
                    version=statement.version,
                    user=statement.submitted_by,
                    date=statement.submitted_at.date().isoformat(),
                )
            )
    return [
        HeaderBlock(text=PlainTextObject(text=header[:150])),
        ContextBlock(elements=[MarkdownTextObject(text=summary)]),
        *mrkdwn_sections(lines),
    ]
