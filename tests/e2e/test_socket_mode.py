"""Socket Mode end to end: the real `mlr-bot run` with SLACK_APP_TOKEN set and no signing secret,
talking to a stand-in for Slack's WebSocket endpoint."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.loopback_slack import LoopbackSlack
from storage.db import Database
from storage.entries import list_entries
from tests.e2e.test_commands import answer_text, wait_for_calls
from tests.harness import BotProcess, slash_command
from tests.socket_mode import SocketModeSlack

APP_TOKEN = "xapp-1-A0MLR-1-test-not-secret"


@pytest.fixture
def socket_slack() -> Iterator[SocketModeSlack]:
    server = SocketModeSlack().start()
    yield server
    server.stop()


def test_socket_mode_answers_commands_over_the_websocket(
    database_url: str, fake_slack: LoopbackSlack, socket_slack: SocketModeSlack, tmp_path: Path
) -> None:
    fake_slack.socket_mode_url = socket_slack.url
    bot = BotProcess(
        workdir=tmp_path,
        database_url=database_url,
        slack_api_url=fake_slack.api_url,
        extra_env={"SLACK_APP_TOKEN": APP_TOKEN, "SLACK_SIGNING_SECRET": ""},
    )
    bot.process_start_only(http=False)
    try:
        socket_slack.wait_connected(timeout=30)
        [opened] = fake_slack.calls_to("apps.connections.open")
        assert opened.authorization == f"Bearer {APP_TOKEN}"  # the app-level token, not the bot's

        linked = socket_slack.send("slash_commands", slash_command("koppla bostad", channel_id="C0SOCKET"))
        assert linked["payload"]["response_type"] == "in_channel", linked

        saved = socket_slack.send(
            "slash_commands",
            slash_command("resultat Träff om bostäder i Lomma", user_id="U0SOCK1", channel_id="C0SOCKET"),
        )
        assert saved["payload"]["response_type"] == "in_channel", saved
        assert "Träff om bostäder i Lomma" in answer_text(saved["payload"])

        unknown = socket_slack.send("slash_commands", slash_command("flurp", user_id="U0SOCK1", channel_id="C0SOCKET"))
        assert unknown["payload"]["response_type"] == "ephemeral", unknown
        assert "flurp" in answer_text(unknown["payload"]) and "/mlr hjälp" in answer_text(unknown["payload"])

        form = socket_slack.send("slash_commands", slash_command("resultat", user_id="U0SOCK1", channel_id="C0SOCKET"))
        assert "payload" not in form  # an empty ack, then the form
        [opened_form] = wait_for_calls(fake_slack, "views.open", 1)
        assert opened_form.args["trigger_id"] == slash_command("")["trigger_id"]

        db = Database(database_url)
        with db.read() as session:
            entries = list_entries(session)
        db.dispose()
        assert [(e.group_key, e.kind, e.text, e.user_id) for e in entries] == [
            ("bostad", "result", "Träff om bostäder i Lomma", "U0SOCK1")
        ]
    finally:
        bot.stop()
    assert "Traceback" not in bot.log(), bot.log()
    assert "WARNING" not in bot.log(), bot.log()  # a clean start says nothing alarming
