"""Block Kit builders. Pure functions from data to blocks, built with slack_sdk's models so that
Slack's limits (50 blocks a message, 3,000 characters a section) are checked where they are made."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, tzinfo

from slack_sdk.models.blocks import (
    Block,
    DatePickerElement,
    HeaderBlock,
    InputBlock,
    Option,
    OptionGroup,
    PlainTextInputElement,
    PlainTextObject,
    RadioButtonsElement,
    StaticMultiSelectElement,
    StaticSelectElement,
)
from slack_sdk.models.views import View

from core.texts import say
from handlers import ids
from handlers.blocks.common import Reply, escape, mrkdwn_sections, quoted, split_reply
from storage.models import MAX_TEXT_LENGTH, MUNICIPALITIES, AuditEvent, Entry, EntryKind, Group, PlannedActivity


def entry_saved_reply(lang: str, *, entry: Entry, group: Group, activity: PlannedActivity | None = None) -> Reply:
    """The confirmation: everything that was understood and stored, and how to correct it."""
    kind = say(lang, f"kind.{entry.kind}")
    headline = say(
        lang,
        "saved",
        kind=kind,
        id=entry.id,
        name=escape(group.name),
        key=group.key,
        date=entry.occurred_on.isoformat(),
        user=entry.user_id,
    )
    details = _details(lang, entry=entry, activity=activity)
    correct = say(lang, "saved.correct", id=entry.id)
    blocks: list[Block] = [
        *mrkdwn_sections([headline, details, correct]),
        *mrkdwn_sections(quoted(entry.text)),
    ]
    fallback = say(lang, "saved.fallback", kind=kind, id=entry.id, name=escape(group.name))
    return split_reply(lang, blocks, text=fallback, in_channel=True)


def _details(lang: str, *, entry: Entry, activity: PlannedActivity | None) -> str:
    """The day it happened, the planned activity with its text and the municipalities, as stored."""
    if entry.activity_number is None:
        planned = say(lang, "saved.no_activity")
    else:
        text = activity.text if activity is not None else ""
        planned = escape(f"({entry.activity_number}) {text[:150]}{'…' if len(text) > 150 else ''}".strip())
    return say(
        lang,
        "saved.details",
        date=entry.occurred_on.isoformat(),
        activity=planned,
        municipalities=", ".join(entry.municipalities) or say(lang, "saved.no_municipalities"),
    )


def entry_now_text(lang: str, *, entry: Entry, group: Group, activity: PlannedActivity | None) -> str:
    """After an edit: the entry as it now reads, all of it."""
    kind = say(lang, f"kind.{entry.kind}")
    head = say(lang, "entry.now", kind=kind, name=escape(group.name), key=group.key)
    return "\n".join([head, _details(lang, entry=entry, activity=activity), *quoted(entry.text)])


def log_form_view(
    lang: str,
    *,
    groups: Sequence[Group],
    selected: str | None,
    kind: EntryKind,
    today: date,
    channel_id: str | None,
    activities: Sequence[PlannedActivity] = (),
    text: str = "",
    editing: Entry | None = None,
) -> View:
    """The log form: empty but for `text`, or filled in with the entry being edited."""
    # A closed group's own entries (up to its closing day) stay editable in it.
    options = [
        Option(value=group.key, text=f"{group.name} ({group.key})"[:75])
        for group in groups
        if group.active or (editing is not None and group.key == editing.group_key)
    ]
    if editing is not None:
        selected, kind, today, text = editing.group_key, EntryKind(editing.kind), editing.occurred_on, editing.text
    initial = next((option for option in options if option.value == selected), None)
    kinds = [Option(value=k.value, text=say(lang, f"kind.{k.value}")) for k in (EntryKind.RESULT, EntryKind.ACTIVITY)]
    towns = [Option(value=m, text=m) for m in MUNICIPALITIES]
    chosen_towns = [o for o in towns if editing is not None and o.value in editing.municipalities] or None
    activity = f"{editing.group_key}:{editing.activity_number}" if editing and editing.activity_number else None
    return View(
        type="modal",
        callback_id=ids.EDIT_VIEW if editing is not None else ids.LOG_VIEW,
        private_metadata=json.dumps({"entry_id": editing.id} if editing is not None else {"channel_id": channel_id}),
        title=PlainTextObject(
            text=say(lang, "modal.edit_title" if editing else "modal.title", id=editing.id if editing else "")[:24]
        ),
        submit=PlainTextObject(text=say(lang, "modal.submit")),
        close=PlainTextObject(text=say(lang, "modal.close")),
        blocks=[
            InputBlock(
                block_id=ids.GROUP_BLOCK,
                label=say(lang, "modal.group"),
                element=StaticSelectElement(action_id=ids.GROUP_ACTION, options=options, initial_option=initial),
            ),
            InputBlock(
                block_id=ids.KIND_BLOCK,
                label=say(lang, "modal.kind"),
                element=RadioButtonsElement(
                    action_id=ids.KIND_ACTION, options=kinds, initial_option=kinds[0 if kind is EntryKind.RESULT else 1]
                ),
            ),
            InputBlock(
                block_id=ids.DATE_BLOCK,
                label=say(lang, "modal.date"),
                element=DatePickerElement(action_id=ids.DATE_ACTION, initial_date=today.isoformat()),
            ),
            *_activity_block(lang, groups=groups, activities=activities, selected=activity),
            InputBlock(
                block_id=ids.MUNICIPALITIES_BLOCK,
                label=say(lang, "modal.municipalities"),
                optional=True,
                element=StaticMultiSelectElement(
                    action_id=ids.MUNICIPALITIES_ACTION, options=towns, initial_options=chosen_towns
                ),
            ),
            InputBlock(
                block_id=ids.TEXT_BLOCK,
                label=say(lang, "modal.text"),
                element=PlainTextInputElement(
                    action_id=ids.TEXT_ACTION,
                    multiline=True,
                    max_length=MAX_TEXT_LENGTH,
                    placeholder=say(lang, "modal.text_placeholder")[:150],
                    initial_value=text[:MAX_TEXT_LENGTH] or None,
                ),
            ),
        ],
    )


def _activity_block(
    lang: str, *, groups: Sequence[Group], activities: Sequence[PlannedActivity], selected: str | None = None
) -> list[Block]:
    """This year's planned activities, grouped by group; values are `group:number`."""
    names = {group.key: group.name for group in groups if group.active}
    by_group: dict[str, list[Option]] = {}
    for activity in activities:
        if activity.group_key in names:
            by_group.setdefault(activity.group_key, []).append(
                Option(
                    value=f"{activity.group_key}:{activity.number}", text=f"({activity.number}) {activity.text}"[:75]
                )
            )
    if not by_group:
        return []
    option_groups = [OptionGroup(label=names[key][:75], options=options) for key, options in by_group.items()]
    initial = next((o for options in by_group.values() for o in options if o.value == selected), None)
    return [
        InputBlock(
            block_id=ids.ACTIVITY_BLOCK,
            label=say(lang, "modal.activity"),
            optional=True,
            element=StaticSelectElement(
                action_id=ids.ACTIVITY_ACTION, option_groups=option_groups, initial_option=initial
            ),
        )
    ]


def history_blocks(lang: str, events: Sequence[AuditEvent], *, entry_id: int, tz: tzinfo) -> Reply:
    """`/mlr historik`: every version of an entry with who and when, in as many messages as it needs."""
    lines = []
    for number, event in enumerate(events, start=1):
        when = event.at.astimezone(tz).strftime("%Y-%m-%d %H:%M")
        record = event.details.get("after") or event.details.get("before") or {}
        what = say(lang, f"history.{event.action.removeprefix('entry.')}")
        kind = say(lang, f"kind.{record.get('kind', 'result')}")
        activity = f" ({record['activity_number']})" if record.get("activity_number") else ""
        towns = f" · {', '.join(record['municipalities'])}" if record.get("municipalities") else ""
        body = (
            ""
            if event.action == "entry.delete"
            else (
                f"\n      {kind}{activity} · `{escape(str(record.get('group')))}` · {record.get('occurred_on')}"
                f"{escape(towns)}: {escape(str(record.get('text', '')))}"
            )
        )
        lines.append(f"*{number}.* {when} · <@{event.actor}> · {what}{body}")
    title = say(lang, "history.title", id=entry_id)
    blocks: list[Block] = [HeaderBlock(text=PlainTextObject(text=title[:150])), *mrkdwn_sections(lines)]
    return split_reply(lang, blocks, text=title)
