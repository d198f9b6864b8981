"""`mlr-bot console`: type `/mlr …` lines as a chosen user in a chosen channel.

Each line becomes a signed slash-command request dispatched through the same Bolt app that
serves Slack; the Web API calls it makes go to a loopback stand-in. Replies print as text; their
buttons as numbered choices that a typed number clicks (a signed block_actions request); a form is
asked field by field and sent as the view_submission Slack would send; an uploaded file is saved."""

from __future__ import annotations

import json
import re
import secrets
import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import urlencode

from slack_bolt.request import BoltRequest
from slack_bolt.response import BoltResponse
from slack_sdk import WebClient
from slack_sdk.signature import SignatureVerifier

from bot.app import create_app
from bot.loopback_slack import TEAM_ID, Call, LoopbackSlack
from bot.startup import prepare_database
from core.settings import Settings
from core.texts import say
from handlers.blocks.common import message_text, plain
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
            "trigger_id": _trigger_id(),
        }
    )


@dataclass
class Choice:
    """A button printed as a numbered choice: typing its number clicks it."""

    button: dict[str, Any]
    block_id: str
    channel_id: str
    message: dict[str, Any]


@dataclass
class FormSession:
    """A form being filled in field by field; `values` is the state Slack would send."""

    view: dict[str, Any]
    fields: list[dict[str, Any]]
    index: int = 0
    values: dict[str, dict[str, Any]] = field(default_factory=dict)
    lines: list[str] | None = None  # a multi-line answer being typed


class Console:
    def __init__(
        self, settings: Settings, *, user_id: str, channel_id: str, out: TextIO, files_dir: Path | None = None
    ) -> None:
        self.user_id, self.channel_id, self.out = user_id, channel_id, out
        self.lang = settings.language
        self.files_dir = files_dir or Path.cwd() / "mlr-console-files"
        self.choices: list[Choice] = []
        self.confirming: Choice | None = None
        self.form: FormSession | None = None
        self._opened: list[dict[str, Any]] = []
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
        typed = line.rstrip("\n")
        line = typed.strip()
        if line in (":q", ":quit", "quit", "exit"):
            return False
        if self.form is not None:
            if line in (":avbryt", ":cancel"):
                self.form = None
                self._print(say(self.lang, "console.form_cancelled"))
            else:
                self._answer_field(typed)
            return True
        if self.confirming is not None:
            choice, self.confirming = self.confirming, None
            if line.lower() in ("j", "ja", "y", "yes"):
                self._click(choice)
            else:
                self._print(say(self.lang, "console.not_clicked"))
            return True
        if not line:
            return True
        if line.startswith(":user "):
            self.user_id = line.split(maxsplit=1)[1].strip()
            return True
        if line.startswith(":channel "):
            self.channel_id = line.split(maxsplit=1)[1].strip()
            return True
        if line.isdigit():
            self._choose(int(line))
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
        self.choices = []
        response = self._dispatch(body)
        if response.body:
            answer = json.loads(response.body) if response.body.startswith("{") else {"text": response.body}
            where = "console.in_channel" if answer.get("response_type") == "in_channel" else "console.ephemeral"
            self._show_message(say(self.lang, where), answer, channel_id=self.channel_id)
        self._open_form_if_any()
        return True

    def _dispatch(self, body: str, content_type: str = "application/x-www-form-urlencoded") -> BoltResponse:
        timestamp = str(int(time.time()))
        signature = self.verifier.generate_signature(timestamp=timestamp, body=body)
        headers: dict[str, str | Sequence[str]] = {
            "content-type": content_type,
            "x-slack-request-timestamp": timestamp,
            "x-slack-signature": signature or "",
        }
        return self.app.dispatch(BoltRequest(body=body, headers=headers))

    # ---------------------------------------------------------------- buttons

    def _show_message(self, where: str, message: dict[str, Any], *, channel_id: str) -> None:
        """A message as text, its buttons numbered after it; the numbers go on across one line's messages."""
        lines = [f"[{where}]", message_text(message)]
        for block in message.get("blocks") or []:
            buttons = [e for e in block.get("elements", []) if block.get("type") == "actions"]
            accessory = block.get("accessory")
            if accessory:
                buttons.append(accessory)
            for button in buttons:
                if button.get("type") != "button":
                    continue
                self.choices.append(Choice(button, block.get("block_id", ""), channel_id, message))
                lines.append(f"  [{len(self.choices)}] {button['text']['text']}")
        if any(line.startswith("  [") for line in lines):
            lines.append(say(self.lang, "console.choices"))
        self._print("\n".join(lines))

    def _choose(self, number: int) -> None:
        if not 1 <= number <= len(self.choices):
            self._print(say(self.lang, "console.no_choice", number=number))
            return
        choice = self.choices[number - 1]
        confirm = choice.button.get("confirm")
        if confirm:
            self.confirming = choice
            self._print(
                say(
                    self.lang,
                    "console.confirm",
                    title=confirm["title"]["text"],
                    text=plain(confirm["text"]["text"]),
                    yes=confirm["confirm"]["text"],
                    no=confirm["deny"]["text"],
                )
            )
            return
        self._click(choice)

    def _click(self, choice: Choice) -> None:
        """The block_actions request Slack sends when a button is clicked."""
        payload = {
            "type": "block_actions",
            "team": {"id": TEAM_ID, "domain": "mlr"},
            "user": {"id": self.user_id, "team_id": TEAM_ID},
            "api_app_id": "A0MLR",
            "token": "console",
            "trigger_id": _trigger_id(),
            "container": {"type": "message", "channel_id": choice.channel_id},
            "channel": {"id": choice.channel_id},
            "message": {"text": choice.message.get("text", ""), "blocks": choice.message.get("blocks") or []},
            "response_url": self.slack.response_url("console"),
            "actions": [
                {
                    "type": "button",
                    "action_id": choice.button["action_id"],
                    "block_id": choice.block_id,
                    "value": choice.button.get("value", ""),
                    "text": choice.button["text"],
                    "action_ts": str(time.time()),
                }
            ],
        }
        self.choices = []
        self._dispatch(urlencode({"payload": json.dumps(payload)}))
        self._open_form_if_any()

    # ---------------------------------------------------------------- forms

    def _open_form_if_any(self) -> None:
        if not self._opened:
            return
        view = self._opened.pop(0)
        self._opened.clear()
        fields = [block for block in view.get("blocks", []) if block.get("type") == "input"]
        notes = [message_text({"blocks": [b]}) for b in view.get("blocks", []) if b.get("type") != "input"]
        self._print(
            "\n".join([f"[{say(self.lang, 'console.form', title=view['title']['text'], fields='')}]", *notes]).strip()
        )
        self.form = FormSession(view=view, fields=fields)
        self._ask_field()

    def _ask_field(self) -> None:
        assert self.form is not None
        block = self.form.fields[self.form.index]
        element = block["element"]
        label = block["label"]["text"]
        kind = element["type"]
        default = _default_of(element)
        optional = say(self.lang, "console.optional")
        lines = [f"{label} {optional}" if block.get("optional") and optional not in label else label]
        for number, option in enumerate(_options_of(element), start=1):
            lines.append(f"  {number}) {option['text']['text']}")
        if kind == "plain_text_input" and element.get("multiline"):
            lines.append(say(self.lang, "console.multiline"))
        if default:
            lines.append(say(self.lang, "console.default", value=default))
        self._print("\n".join(lines))

    def _answer_field(self, typed: str) -> None:
        form = self.form
        assert form is not None
        block = form.fields[form.index]
        element = block["element"]
        if element["type"] == "plain_text_input" and element.get("multiline"):
            if form.lines is None and typed.strip():
                form.lines = [typed]
                return
            if form.lines is not None and typed.strip():
                form.lines.append(typed)
                return
            answer = "\n".join(form.lines or [])
            form.lines = None
        else:
            answer = typed.strip()
        state = self._field_state(block, answer)
        if isinstance(state, str):
            self._print(state)
            self._ask_field()
            return
        if state is not None:
            form.values[block["block_id"]] = {element["action_id"]: state}
        else:
            form.values.pop(block["block_id"], None)
        form.index += 1
        if form.index < len(form.fields):
            self._ask_field()
        else:
            self._submit_form()

    def _field_state(self, block: dict[str, Any], answer: str) -> dict[str, Any] | str | None:
        """What Slack would send for the field, None for an empty optional field, or why not."""
        element, kind = block["element"], block["element"]["type"]
        optional = bool(block.get("optional"))
        if answer == "-" and optional:
            return None
        if kind == "plain_text_input":
            value = answer or element.get("initial_value") or ""
            if not value and not optional:
                return say(self.lang, "console.required")
            return {"type": kind, "value": value} if value else None
        if kind == "datepicker":
            value = answer or element.get("initial_date") or ""
            try:
                date.fromisoformat(value)
            except ValueError:
                return say(self.lang, "console.bad_date")
            return {"type": kind, "selected_date": value}
        options = _options_of(element)
        if kind == "multi_static_select":
            if not answer:
                chosen = element.get("initial_options") or []
            else:
                numbers = [int(n) for n in re.findall(r"\d+", answer)]
                if not numbers or any(not 1 <= n <= len(options) for n in numbers):
                    return say(self.lang, "console.pick_many")
                chosen = [options[n - 1] for n in numbers]
            return {"type": kind, "selected_options": chosen} if chosen else None
        if not answer:
            initial = element.get("initial_option")
            if initial is None and not optional:
                return say(self.lang, "console.pick")
            return {"type": kind, "selected_option": initial} if initial else None
        if not answer.isdigit() or not 1 <= int(answer) <= len(options):
            return say(self.lang, "console.pick")
        return {"type": kind, "selected_option": options[int(answer) - 1]}

    def _submit_form(self) -> None:
        form = self.form
        assert form is not None
        self.form = None
        payload = {
            "type": "view_submission",
            "team": {"id": TEAM_ID, "domain": "mlr"},
            "user": {"id": self.user_id, "team_id": TEAM_ID},
            "api_app_id": "A0MLR",
            "token": "console",
            "trigger_id": _trigger_id(),
            "view": {**form.view, "id": "V0CONSOLE", "team_id": TEAM_ID, "state": {"values": form.values}},
        }
        self.choices = []
        response = self._dispatch(urlencode({"payload": json.dumps(payload)}))
        answer = json.loads(response.body) if response.body and response.body.startswith("{") else {}
        errors: dict[str, str] = answer.get("errors") or {}
        if answer.get("response_action") == "errors" and errors:
            self._print("\n".join([say(self.lang, "console.form_errors"), *(f"  {plain(e)}" for e in errors.values())]))
            again = [b for b in form.fields if b["block_id"] in errors]
            self.form = FormSession(view=form.view, fields=again, values=form.values)
            self._ask_field()
            return
        self._print(say(self.lang, "console.form_sent"))
        self._open_form_if_any()

    # ---------------------------------------------------------------- what the bot sends to Slack

    def _show_call(self, call: Call) -> None:
        if call.method in ("chat.postMessage", "chat.postEphemeral", "response_url"):
            blocks = call.args.get("blocks")
            message = {**call.args, "blocks": json.loads(blocks) if isinstance(blocks, str) else blocks}
            target = call.args.get("channel", self.channel_id)
            self._show_message(say(self.lang, "console.message", channel=target), message, channel_id=target)
        elif call.method == "views.open":
            view = call.args["view"]
            self._opened.append(json.loads(view) if isinstance(view, str) else view)
        elif call.method == "files.completeUploadExternal":
            files = call.args.get("files")
            for uploaded in json.loads(files) if isinstance(files, str) else files or []:
                self._save_upload(uploaded["id"], channel=str(call.args.get("channel_id") or ""))

    def _save_upload(self, file_id: str, *, channel: str) -> None:
        """A file the bot sends (the annual report in a DM) is written to a file whose path is printed."""
        name = next(
            (
                str(c.args.get("filename"))
                for c in self.slack.calls_to("files.getUploadURLExternal")
                if (c.response or {}).get("file_id") == file_id
            ),
            f"{file_id}.bin",
        )
        self.files_dir.mkdir(parents=True, exist_ok=True)
        path = (self.files_dir / Path(name).name).resolve()
        path.write_bytes(self.slack.uploads.get(file_id, b""))
        self._print(
            f"[{say(self.lang, 'console.message', channel=channel)}]\n{say(self.lang, 'console.file', path=path)}"
        )

    def _print(self, text: str) -> None:
        print(text, file=self.out, flush=True)

    def close(self) -> None:
        self.slack.stop()
        self.db.dispose()


def _trigger_id() -> str:
    return f"{int(time.time())}.{secrets.randbelow(10**9)}"


def _options_of(element: dict[str, Any]) -> list[dict[str, Any]]:
    if element.get("options"):
        return list(element["options"])
    return [
        {**option, "text": {**option["text"], "text": f"{group['label']['text']}: {option['text']['text']}"}}
        for group in element.get("option_groups") or []
        for option in group["options"]
    ]


def _default_of(element: dict[str, Any]) -> str:
    """The pre-filled value, as the console shows it."""
    if element.get("initial_value"):
        return str(element["initial_value"])
    if element.get("initial_date"):
        return str(element["initial_date"])
    if element.get("initial_option"):
        return str(element["initial_option"]["text"]["text"])
    if element.get("initial_options"):
        return ", ".join(o["text"]["text"] for o in element["initial_options"])
    return ""


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
