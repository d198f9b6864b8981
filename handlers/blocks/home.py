"""Block Kit of the App Home: the person's groups this week, two log buttons, their latest entries."""

from __future__ import annotations

from collections.abc import Sequence

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    PlainTextObject,
)
from slack_sdk.models.views import View

from core.dates import Week
from core.texts import say
from handlers import ids
from handlers.blocks.common import escape, mrkdwn_sections
from handlers.blocks.followup import statement_state
from handlers.blocks.status import entry_line
from storage.models import Entry, Followup
from storage.status import GroupStatus

HOME_BLOCK_LIMIT = 100


def home_blocks(
    lang: str,
    *,
    statuses: Sequence[GroupStatus],
    followup: Followup | None,
    own: Sequence[Entry],
    year: int,
    week: Week,
    membership_unknown: str | None = None,
) -> View:
    lines = []
    for item in statuses:
        line = say(lang, "home.group", name=escape(item.group.name), key=item.group.key, week=item.this_week)
        if followup is not None:
            line += " · " + (
                say(lang, "home.submitted", year=year, version=item.statement.version)
                + " · "
                + statement_state(lang, item.statement)
                if item.statement
                else say(lang, "home.not_submitted", year=year)
            )
        lines.append(line)
    blocks: list[Block] = [
        HeaderBlock(text=PlainTextObject(text=say(lang, "home.title")[:150])),
        ActionsBlock(
            elements=[
                ButtonElement(text=say(lang, "home.log_result"), action_id=ids.HOME_LOG_RESULT, style="primary"),
                ButtonElement(text=say(lang, "home.log_activity"), action_id=ids.HOME_LOG_ACTIVITY),
            ]
        ),
        ContextBlock(elements=[MarkdownTextObject(text=say(lang, "home.week", week=week.label(lang)))]),
        *mrkdwn_sections(
            lines
            or [
                say(lang, "error.membership_unknown", error=membership_unknown)
                if membership_unknown
                else say(lang, "home.no_groups")
            ]
        ),
        DividerBlock(),
        *mrkdwn_sections(
            [f"*{say(lang, 'home.own')}*", *(entry_line(lang, e) for e in own)] if own else [say(lang, "home.no_own")]
        ),
        ContextBlock(elements=[MarkdownTextObject(text=say(lang, "home.help"))]),
    ]
    return View(type="home", blocks=blocks[:HOME_BLOCK_LIMIT])
