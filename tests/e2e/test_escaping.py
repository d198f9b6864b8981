"""Text that came from a person or from the data reaches mrkdwn escaped, in the blocks and in the
top-level `text`: what was typed in a refused command, group names, planned activities. Slack's own
mentions that the bot makes (a coordinator, an author) stay mentions."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from bot.loopback_slack import LoopbackSlack
from storage import plans
from storage.db import Database
from tests.e2e.test_commands import answer_text, linked_channel, new_user
from tests.harness import COORDINATOR, BotProcess

HOSTILE = "<!channel>&<b>"
ESCAPED = "&lt;!channel&gt;&amp;&lt;b&gt;"


def _no_raw_markup(answer: dict) -> None:
    """Neither the blocks nor the fallback carry the hostile text as markup."""
    assert HOSTILE not in json.dumps(answer, ensure_ascii=False)
    assert "<!channel>" not in answer["text"] and "<b>" not in answer["text"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"{HOSTILE} Möte", f"Okänt kommando `{ESCAPED}`"),
        (f"resultat grupp:{HOSTILE} Möte", f"Det finns ingen grupp `{ESCAPED}`"),
        (f"resultat datum:{HOSTILE} Möte", f"`{ESCAPED}` är inget giltigt datum"),
        # `&` separates names in a list (Lund & Malmö), so the first unknown name is what is quoted
        (f"resultat kommuner:Lund,{HOSTILE} Möte", "`&lt;!channel&gt;` är inte en av"),
        (f"lista {HOSTILE}", f"Det finns ingen grupp `{ESCAPED}`"),
        (f"status {HOSTILE}", f"Det finns ingen grupp `{ESCAPED}`"),
    ],
)
def test_what_was_typed_comes_back_escaped_in_a_refusal(
    bot: BotProcess, fake_slack: LoopbackSlack, text: str, expected: str
) -> None:
    fake_slack.clear()
    answer = bot.command(text, user_id=COORDINATOR, channel_id=linked_channel(bot, "kompetens")).json()
    assert expected in answer_text(answer) and expected in answer["text"]
    _no_raw_markup(answer)
    assert fake_slack.violations == []


def test_a_closed_groups_name_is_escaped_in_the_refusal(bot: BotProcess) -> None:
    answer = bot.command("resultat grupp:migration Något", user_id=new_user(), channel_id="D0ESC").json()
    assert "*Migration &amp; integration* (`migration`) avslutades" in answer_text(answer)
    assert "Migration &amp; integration" in answer["text"]


def test_linking_says_the_groups_name_escaped(bot: BotProcess) -> None:
    answer = bot.command("koppla migration", channel_id="C0ESCLINK").json()
    assert "*Migration &amp; integration*" in answer_text(answer)
    assert "&amp;" in answer["text"] and " & " not in answer["text"]


def test_the_coordinator_list_stays_mentions(bot: BotProcess) -> None:
    answer = bot.command("koppla kompetens", user_id=new_user(), channel_id="C0ESCNOT").json()
    assert f"<@{COORDINATOR}>" in answer_text(answer)


def test_planned_activities_are_escaped_where_they_are_shown(
    bot: BotProcess, bot_db: Database, fake_slack: LoopbackSlack
) -> None:
    year = datetime.now(UTC).year
    with bot_db.write() as session:
        spec = plans.PlanSpec(activities=(f"Workshop {HOSTILE}", "<@U0NOBODY> & co"))
        plans.set_plan(
            session, group_key="op", year=year, goal="Mål", spec=spec, actor=COORDINATOR, now=datetime.now(UTC)
        )
    fake_slack.clear()
    channel = linked_channel(bot, "op")
    refused = bot.command("resultat (9) Möte", user_id=new_user(), channel_id=channel).json()
    assert f"(1) Workshop {ESCAPED}; (2) &lt;@U0NOBODY&gt; &amp; co" in answer_text(refused)
    _no_raw_markup(refused)
    status = bot.command(f"status op {year}", channel_id=channel).json()
    shown = answer_text(status)
    assert f"(1) inget resultat loggat än: Workshop {ESCAPED}" in shown
    assert "(2) inget resultat loggat än: &lt;@U0NOBODY&gt; &amp; co" in shown
    _no_raw_markup(status)
    assert fake_slack.violations == []
