"""Block Kit builders. Pure functions from data to blocks, built with slack_sdk's models so that
Slack's limits (50 blocks a message, 3,000 characters a section) are checked where they are made."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from slack_sdk.models.blocks import (
    Block,
    ContextBlock,
    DatePickerElement,
    DividerBlock,
    HeaderBlock,
    InputBlock,
    MarkdownTextObject,
    Option,
    OptionGroup,
    PlainTextInputElement,
    PlainTextObject,
    RadioButtonsElement,
    SectionBlock,
    StaticMultiSelectElement,
    StaticSelectElement,
)
from slack_sdk.models.views import View

from handlers import ids
from handlers.access import Refusal
from handlers.texts import render, say
from storage.models import MAX_TEXT_LENGTH, ChannelLink, Entry, EntryKind, Group, PlannedActivity
from storage.queries import MUNICIPALITIES

SECTION_LIMIT = 3000
MESSAGE_BLOCK_LIMIT = 50


_MENTION = re.compile(r"<([@#!])([^>|]+)(?:\|([^>]*))?>")


def plain(mrkdwn: str) -> str:
    """mrkdwn as a terminal shows it: mentions as @U…/#C…, entities as the characters they stand for."""
    text = _MENTION.sub(lambda m: m.group(1).replace("!", "@") + (m.group(3) or m.group(2)), mrkdwn)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def message_text(message: dict[str, Any]) -> str:
    """A message's blocks (or its text) as plain text, for the console and previews."""
    parts: list[str] = []
    for block in message.get("blocks") or []:
        if block.get("type") in ("section", "header") and block.get("text"):
            parts.append(block["text"]["text"])
        elif block.get("type") == "context":
            parts.extend(element.get("text", "") for element in block.get("elements", []))
        elif block.get("type") == "divider":
            parts.append("———")
    return plain("\n".join(parts) if parts else str(message.get("text") or ""))


def escape(text: str) -> str:
    """Make user text inert in mrkdwn: no mentions, no links, shown exactly as typed."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@dataclass(frozen=True)
class Reply:
    """An answer to a slash command: visible to the channel or only to the asker."""

    text: str
    blocks: Sequence[Block] = ()
    in_channel: bool = False
    more: Sequence[dict[str, Any]] = ()  # further messages, sent through response_url after the ack
    then: Callable[[], object] | None = None  # slow work that follows the ack (posting, uploading)

    def as_ack(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "blocks": [block.to_dict() for block in self.blocks] or None,
            "response_type": "in_channel" if self.in_channel else "ephemeral",
        }


def mrkdwn_sections(lines: Iterable[str], *, limit: int = SECTION_LIMIT) -> list[SectionBlock]:
    """Pack lines into as few sections as fit; a line longer than a section is split, never cut."""
    chunks: list[str] = []
    current = ""
    for line in lines:
        while len(line) > limit:
            if current:
                chunks.append(current)
                current = ""
            cut = _safe_cut(line, limit)
            chunks.append(line[:cut])
            line = line[cut:]
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit:
            chunks.append(current)
            current = line
        else:
            current = candidate
    if current:
        chunks.append(current)
    return [SectionBlock(text=MarkdownTextObject(text=chunk)) for chunk in chunks]


def _safe_cut(line: str, limit: int) -> int:
    """A cut at or before `limit` that does not split an escaped entity like `&amp;`."""
    amp = line.rfind("&", max(0, limit - 5), limit)
    if amp != -1 and line.find(";", amp, amp + 6) >= limit:
        return amp
    return limit


def quoted(text: str) -> list[str]:
    return ["> " + line if line else ">" for line in escape(text).split("\n")]


def entry_saved_reply(lang: str, *, entry: Entry, group: Group) -> Reply:
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
    blocks: list[Block] = [*mrkdwn_sections([headline]), *mrkdwn_sections(quoted(entry.text))]
    return Reply(
        text=say(lang, "saved.fallback", kind=kind, id=entry.id, name=group.name),
        blocks=blocks,
        in_channel=True,
    )


def text_reply(text: str, *, in_channel: bool = False) -> Reply:
    return Reply(text=text, blocks=mrkdwn_sections([text]), in_channel=in_channel)


def refusal_reply(lang: str, refusal: Refusal) -> Reply:
    """Why not, said only to the asker."""
    return text_reply(render(lang, refusal.key, refusal.params))


def help_reply(lang: str) -> Reply:
    blocks: list[Block] = [
        HeaderBlock(text=PlainTextObject(text=say(lang, "help.title")[:150])),
        *mrkdwn_sections([say(lang, "help.intro")]),
        DividerBlock(),
        *mrkdwn_sections([say(lang, "help.log")]),
        *mrkdwn_sections([say(lang, "help.groups")]),
        *mrkdwn_sections([say(lang, "help.corrections")]),
        *mrkdwn_sections([say(lang, "help.coordinators")]),
        ContextBlock(elements=[MarkdownTextObject(text=say(lang, "help.footer"))]),
    ]
    return Reply(text=say(lang, "help.title"), blocks=blocks)


def groups_reply(lang: str, *, groups: Sequence[Group], links: Sequence[ChannelLink]) -> Reply:
    channels: dict[str, list[str]] = {}
    for link in links:
        channels.setdefault(link.group_key, []).append(f"<#{link.channel_id}>")
    lines = []
    for group in groups:
        line = say(
            lang,
            "groups.line",
            name=escape(group.name),
            key=group.key,
            kind=say(lang, f"group_kind.{group.kind}"),
            municipalities=", ".join(group.municipalities) or say(lang, "groups.everyone"),
            channels=" ".join(channels.get(group.key, [])) or say(lang, "groups.no_channel"),
        )
        lines.append(f"~{line}~ ({say(lang, 'groups.closed')})" if not group.active else line)
    blocks: list[Block] = [HeaderBlock(text=PlainTextObject(text=say(lang, "groups.title")[:150]))]
    blocks += mrkdwn_sections(lines)
    return Reply(text=say(lang, "groups.title"), blocks=blocks[:MESSAGE_BLOCK_LIMIT])


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
    options = [Option(value=group.key, text=f"{group.name} ({group.key})"[:75]) for group in groups if group.active]
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
