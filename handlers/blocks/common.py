"""Block Kit builders. Pure functions from data to blocks, built with slack_sdk's models so that
Slack's limits (50 blocks a message, 3,000 characters a section) are checked where they are made."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from slack_sdk.models.blocks import (
    Block,
    MarkdownTextObject,
    SectionBlock,
)

from core.texts import render
from handlers.access import Refusal

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


def text_reply(text: str, *, in_channel: bool = False) -> Reply:
    return Reply(text=text, blocks=mrkdwn_sections([text]), in_channel=in_channel)


def refusal_reply(lang: str, refusal: Refusal) -> Reply:
    """Why not, said only to the asker."""
    return text_reply(render(lang, refusal.key, refusal.params))


@dataclass(frozen=True)
class Message:
    text: str  # the fallback: notifications and screen readers
    blocks: Sequence[Block]

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "blocks": [block.to_dict() for block in self.blocks]}


def mention(user_id: str) -> str:
    return f"<@{user_id}>"
