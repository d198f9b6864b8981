"""`mlr-bot console`: type `/mlr …` lines as a chosen user in a chosen channel.

Each line becomes a signed slash-command request dispatched through the same Bolt app that
serves Slack; the Web API calls it makes go to a loopback stand-in. Replies print as text."""

from __future__ import annotations

import json
import secrets
import time
from collections.abc import Sequence
from dataclasses import replace
from typing import TextIO
from urllib.parse import urlencode

from slack_bolt.request import BoltRequest
from slack_sdk import WebClient
from slack_sdk.signature import SignatureVerifier

from bot.app import create_app
from bot.loopback_slack import TEAM_ID, Call, LoopbackSlack
from bot.startup import prepare_database
from core.settings import Settings
from core.texts import say
from handlers.blocks.common import message_text
from handlers.context import utc_now
from storage.groups import add_coordinator


def slash_command_body(*, text: str, user_id: str, channel_id: str, response_url: str) -> str:
    """The form Slack posts for `/mlr text`, with `&`, `<`, `>` escaped as Slack escapes them."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return urlencode(
        {
            "token": "console",
            "team_id": TEAM_ID,
            "team_domain": "mlr",
            "channel_id": channel_id,
            "channel_name": "console",
            "user_id": user_id,
            "user_name": user_id.lower(),
            "command": "/mlr",
            "text": escaped,
            "api_app_id": "A0MLR",
            "response_url": response_url,
            "trigger_id": f"{int(time.time())}.{secrets.randbelow(10**9)}",
        }
    )


class Console:
    def __init__(self, settings: Settings, *, user_id: str, channel_id: str, out: TextIO) -> None:
        self.user_id, self.channel_id, self.out = user_id, channel_id, out
        self.lang = settings.language
        self.slack = LoopbackSlack(on_call=self._show_call).start()
        secret = secrets.token_hex(16)
        self.verifier = SignatureVerifier(secret)
        self.settings = replace(
            settings, slack_bot_token="xoxb-console", slack_signing_secret=secret, slack_api_url=self.slack.api_url
        )
        self.db = prepare_database(self.settings, now=utc_now())
        client = WebClient(token="xoxb-console", base_url=self.slack.api_url)
        # process_before_response: a line's whole work is done before its answer prints.
        self.app = create_app(self.settings, self.db, client=client, process_before_response=True)

    def handle_line(self, line: str) -> bool:
        """Run one typed line; False when the user wants to stop."""
        line = line.strip()
        if not line:
            return True
        if line in (":q", ":quit", "quit", "exit"):
            return False
        if line.startswith(":user "):
            self.user_id = line.split(maxsplit=1)[1].strip()
            return True
        if line.startswith(":channel "):
            self.channel_id = line.split(maxsplit=1)[1].strip()
            return True
        if line != "/mlr" and not line.startswith("/mlr "):
            self._print(say(self.lang, "console.not_a_command"))
            return True
        body = slash_command_body(
            text=line[len("/mlr") :].strip(),
            user_id=self.user_id,
            channel_id=self.channel_id,
            response_url=self.slack.response_url("console"),
        )
        timestamp = str(int(time.time()))
        signature = self.verifier.generate_signature(timestamp=timestamp, body=body)
        headers: dict[str, str | Sequence[str]] = {
            "content-type": "application/x-www-form-urlencoded",
            "x-slack-request-timestamp": timestamp,
            "x-slack-signature": signature or "",
        }
        response = self.app.dispatch(BoltRequest(body=body, headers=headers))
        if response.body:
            answer = json.loads(response.body) if response.body.startswith("{") else {"text": response.body}
            where = "console.in_channel" if answer.get("response_type") == "in_channel" else "console.ephemeral"
            self._print(f"[{say(self.lang, where)}]\n{message_text(answer)}")
        return True

    def _show_call(self, call: Call) -> None:
        if call.method in ("chat.postMessage", "response_url"):
            blocks = call.args.get("blocks")
            message = {**call.args, "blocks": json.loads(blocks) if isinstance(blocks, str) else blocks}
            target = call.args.get("channel", self.channel_id)
            self._print(f"[{say(self.lang, 'console.message', channel=target)}]\n{message_text(message)}")
        elif call.method == "views.open":
            view = call.args["view"]
            view = json.loads(view) if isinstance(view, str) else view
            labels = ", ".join(block["label"]["text"] for block in view.get("blocks", []) if "label" in block)
            self._print(f"[{say(self.lang, 'console.form', title=view['title']['text'], fields=labels)}]")

    def _print(self, text: str) -> None:
        print(text, file=self.out, flush=True)

    def close(self) -> None:
        self.slack.stop()
        self.db.dispose()


def run_console(
    settings: Settings,
    *,
    user_id: str,
    channel_id: str,
    coordinator: bool,
    stdin: TextIO | None = None,
    out: TextIO | None = None,
) -> int:
    import sys

    stdin, out = stdin or sys.stdin, out or sys.stdout
    console = Console(settings, user_id=user_id, channel_id=channel_id, out=out)
    try:
        if coordinator:
            with console.db.write() as session:
                add_coordinator(session, user_id=user_id, actor="console", now=utc_now())
        print(
            say(settings.language, "console.banner", user=user_id, channel=channel_id, database=settings.database_url),
            file=out,
            flush=True,
        )
        interactive = stdin.isatty()
        while True:
            if interactive:
                print("> ", end="", file=out, flush=True)
            line = stdin.readline()
            if not line or not console.handle_line(line):
                return 0
    finally:
        console.close()
