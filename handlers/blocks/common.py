"""Block Kit builders. Pure functions from data to blocks, built with slack_sdk's models so that
Slack's limits (50 blocks a message, 3,000 characters a section) are checked where they are made."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from slack_sdk.models.blocks import (
    Block,
    ContextBlock,
    MarkdownTextObject,
    SectionBlock,
)

from core.texts import Alternatives, Markup, render, say
from handlers.access import Refusal

SECTION_LIMIT = 3000


MESSAGE_BLOCK_LIMIT = 50

# The text of all blocks of one message together. Slack refuses a message whose blocks carry too much
# text with `msg_blocks_too_long`, at a figure it does not document: about 13,200 characters in
# https://github.com/slackapi/bolt-js/issues/2509 (13,297 with markdown blocks only, less with other
# blocks beside them; the maintainers there: "12,000 text characters with a buffer for block
# containers"), and one refusal at 11,341 characters of text in section, header and divider blocks in
# https://github.com/slackapi/bolt-js/issues/2867. 11,000 stays under the lowest refusal reported and
# under the 12,000 that tests/slack_rules.py holds every message to; a message over it is split.
MESSAGE_CHARS = 11_000


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


def mrkdwn_params(params: dict[str, Any]) -> dict[str, Any]:
    """A sentence's parameters made safe for mrkdwn: every text escaped (a group's name, an activity,
    a word a person typed), but markup the bot made itself (core.texts.Markup) and numbers as they are."""
    return {key: _escaped(value) for key, value in params.items()}


def _escaped(value: Any) -> Any:
    if isinstance(value, Alternatives):
        return Alternatives(_escaped(item) for item in value)
    return escape(value) if isinstance(value, str) and not isinstance(value, Markup) else value


def say_mrkdwn(lang: str, message_id: str, /, **params: Any) -> str:
    """core.texts.say for mrkdwn: the parameters escaped (mrkdwn_params), the sentence's own markup kept."""
    return say(lang, message_id, **mrkdwn_params(params))


def render_mrkdwn(lang: str, message_id: str, params: dict[str, Any]) -> str:
    """core.texts.render (a refusal or usage error) for mrkdwn, its parameters escaped (mrkdwn_params).
    Plain-text places (a form's field errors) use render itself: there an entity would show as typed."""
    return render(lang, message_id, mrkdwn_params(params))


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


def text_reply(text: str, *, in_channel: bool = False) -> Reply:
    return Reply(text=text, blocks=mrkdwn_sections([text]), in_channel=in_channel)


def refusal_reply(lang: str, refusal: Refusal) -> Reply:
    """Why not, said only to the asker, with what it echoes escaped. What was typed or listed can make
    it longer than a message holds (a 3,000-character word of `&`, twenty long planned activities):
    then it goes on in further messages, and the fallback text is its first section."""
    sections = mrkdwn_sections([render_mrkdwn(lang, refusal.key, refusal.params)])
    return split_reply(lang, sections, text=sections[0].text.text if sections[0].text else "")


@dataclass(frozen=True)
class Message:
    text: str  # the fallback: notifications and screen readers
    blocks: Sequence[Block]

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "blocks": [block.to_dict() for block in self.blocks]}


def block_chars(block: Block) -> int:
    """The characters of every text object in a block, as Slack counts them towards MESSAGE_CHARS."""

    def count(value: Any) -> int:
        if isinstance(value, dict):
            if value.get("type") in ("mrkdwn", "plain_text") and isinstance(value.get("text"), str):
                return len(value["text"])
            return sum(count(item) for item in value.values())
        if isinstance(value, list):
            return sum(count(item) for item in value)
        return 0

    return count(block.to_dict())


def split_messages(lang: str, blocks: Sequence[Block], *, text: str) -> list[Message]:
    """Blocks as messages, in order, each at most MESSAGE_BLOCK_LIMIT blocks and MESSAGE_CHARS characters
    of text (Slack refuses a message whose blocks are too many or too long as a whole): split, never
    cut. `text` is every message's fallback; when there is more than one, each says which part it is,
    in its fallback and in a context block of its own."""
    room = MESSAGE_CHARS - block_chars(_part_block(say(lang, "digest.part", number=999, total=999)))
    chunks: list[list[Block]] = [[]]
    size = 0
    for block in blocks:
        chars = block_chars(block)
        if chunks[-1] and (len(chunks[-1]) >= MESSAGE_BLOCK_LIMIT - 1 or size + chars > room):
            chunks.append([])
            size = 0
        chunks[-1].append(block)
        size += chars
    if len(chunks) == 1:
        return [Message(text=text, blocks=chunks[0])]
    messages = []
    for number, chunk in enumerate(chunks, start=1):
        part = say(lang, "digest.part", number=number, total=len(chunks))
        messages.append(Message(text=f"{text} ({part})", blocks=[*chunk, _part_block(part)]))
    return messages


def _part_block(part: str) -> ContextBlock:
    return ContextBlock(elements=[MarkdownTextObject(text=part)])


def split_reply(lang: str, blocks: Sequence[Block], *, text: str, in_channel: bool = False) -> Reply:
    """A reply of as many messages as its blocks need (split_messages): the first rides on the ack,
    the rest follow through response_url, visible to the same people."""
    first, *rest = split_messages(lang, blocks, text=text)
    return Reply(text=first.text, blocks=first.blocks, in_channel=in_channel, more=[m.to_dict() for m in rest])


def mention(user_id: str) -> str:
    return f"<@{user_id}>"
