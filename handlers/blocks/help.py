"""Block Kit builders. Pure functions from data to blocks, built with slack_sdk's models so that
Slack's limits (50 blocks a message, 3,000 characters a section) are checked where they are made."""

from __future__ import annotations

from collections.abc import Sequence

from slack_sdk.models.blocks import (
    Block,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    PlainTextObject,
)

from core.texts import say
from handlers.blocks.common import Reply, escape, mrkdwn_sections, split_reply
from storage.models import ChannelLink, Group


def help_reply(lang: str, topic: str | None = None) -> Reply:
    """Every command and option with an example, or one command (`/mlr hjälp resultat`) in depth."""
    if topic is not None:
        title = say(lang, "help.topic_title", command=say(lang, f"help.word.{topic}"))
        topic_blocks: list[Block] = [
            HeaderBlock(text=PlainTextObject(text=title[:150])),
            *mrkdwn_sections([say(lang, f"help.topic.{topic}")]),
            ContextBlock(elements=[MarkdownTextObject(text=say(lang, "help.topic_footer"))]),
        ]
        return Reply(text=title, blocks=topic_blocks)
    blocks: list[Block] = [
        HeaderBlock(text=PlainTextObject(text=say(lang, "help.title")[:150])),
        *mrkdwn_sections([say(lang, "help.intro")]),
        DividerBlock(),
        *mrkdwn_sections([say(lang, "help.log")]),
        *mrkdwn_sections([say(lang, "help.options")]),
        *mrkdwn_sections([say(lang, "help.groups")]),
        *mrkdwn_sections([say(lang, "help.corrections")]),
        *mrkdwn_sections([say(lang, "help.followup")]),
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
    return split_reply(lang, blocks, text=say(lang, "groups.title"))
