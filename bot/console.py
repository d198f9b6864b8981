"""`mlr-bot console`: type `/mlr …` lines as a chosen user in a chosen channel.

Each line becomes a signed slash-command request dispatched through the same Bolt app that
serves Slack; the Web API calls it makes go to a loopback stand-in. Replies print as text; their
answers are numbered and their buttons `N.M`, which typed clicks button M of answer N however many
answers came since (a signed block_actions request); a form is asked field by field and sent as the
view_submission Slack would send; an uploaded file is saved."""

from __future__ import annotations

import json
import logging
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
    # `@U0ANNA` is a mention, as Slack sends one for a person picked after @.
    escaped = _MENTION.sub(r"<@\1>", escaped)
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
class Answer:
    """A message the console printed, numbered: `N.M` clicks its button M for as long as the session runs,
    unless the bot replaced the message (as Slack would), and then its new buttons are the ones."""

    number: int
    channel_id: str
    message: dict[str, Any]
    buttons: list[tuple[dict[str, Any], str]] = field(default_factory=list)  # (button, its block's id)


@dataclass
class Choice:
    """A button of a printed answer."""

    answer: Answer
    button: dict[str, Any]
    block_id: str


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
        self.answers: list[Answer] = []
        self.batch = 0  # the answers from here on came after the last line typed
        self.confirming: Choice | None = None
        self.form: FormSession | None = None
        self._opened: list[dict[str, Any]] = []
        self._held: list[Call] | None = None
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
        if line in (":avbryt", ":cancel"):
            self._print(say(self.lang, "console.no_form"))
            return True
        if line.startswith(":user "):
            self.user_id = line.split(maxsplit=1)[1].strip()
            self._print(say(self.lang, "console.now", user=self.user_id, channel=self.channel_id))
            return True
        if line.startswith(":channel "):
            self.channel_id = line.split(maxsplit=1)[1].strip()
            self._print(say(self.lang, "console.now", user=self.user_id, channel=self.channel_id))
            return True
        if line in (":svar", ":answers"):
            self._list_answers()
            return True
        typed_choice = re.fullmatch(r"(\d+)(?:\.(\d+))?", line)
        if typed_choice:
            self._choose(line, *(int(n) for n in typed_choice.groups() if n is not None))
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
        self.batch = len(self.answers)
        self._held = []  # what the bot sends after its answer prints after it, as Slack shows it
        try:
            response = self._dispatch(body)
        finally:
            held, self._held = self._held, None
        if response.body:
            answer = json.loads(response.body) if response.body.startswith("{") else {"text": response.body}
            seen = "console.in_channel" if answer.get("response_type") == "in_channel" else "console.ephemeral"
            self._show_message(f"{say(self.lang, 'console.answer')} {say(self.lang, seen)}", answer, self.channel_id)
        for call in held:
            self._show_call(call)
        if _NOT_A_MENTION.search(line):  # `@anna`: Slack makes a mention of a name picked after @; here it is an id
            self._print(say(self.lang, "console.mention"))
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

    def _show_message(
        self, where: str, message: dict[str, Any], channel_id: str, *, replaces: Answer | None = None
    ) -> None:
        """A message as text under its number, with its buttons numbered `N.M`; a message the bot replaced
        keeps its number and loses the buttons it had."""
        answer = replaces or Answer(number=len(self.answers) + 1, channel_id=channel_id, message=message)
        answer.message, answer.buttons = message, []
        if replaces is None:
            self.answers.append(answer)
        lines = [f"[{answer.number}] {where}", message_text(message)]
        for block in message.get("blocks") or []:
            buttons = [e for e in block.get("elements", []) if block.get("type") == "actions"]
            accessory = block.get("accessory")
            if accessory:
                buttons.append(accessory)
            for button in buttons:
                if button.get("type") != "button":
                    continue
                answer.buttons.append((button, block.get("block_id", "")))
                lines.append(f"  [{answer.number}.{len(answer.buttons)}] {button['text']['text']}")
        if answer.buttons:
            lines.append(say(self.lang, "console.choices", example=f"{answer.number}.1", button=1))
        self._print("\n".join(lines))

    def _list_answers(self) -> None:
        """`:svar`: the recent answers that have buttons, each with them, to click one however long ago it came."""
        recent = [answer for answer in self.answers if answer.buttons][-10:]
        if not recent:
            self._print(say(self.lang, "console.no_answers"))
            return
        lines = [say(self.lang, "console.answers", example=f"{recent[-1].number}.1")]
        for answer in recent:
            first = (message_text(answer.message).strip().splitlines() or [""])[0]
            if len(first) > 100:
                first = first[:100].rsplit(" ", 1)[0] + " …"
            lines.append(f"[{answer.number}] {first}")
            lines += [f"  [{answer.number}.{m}] {b['text']['text']}" for m, (b, _) in enumerate(answer.buttons, 1)]
        self._print("\n".join(lines))

    def _choose(self, typed: str, *numbers: int) -> None:
        """`N.M` clicks button M of answer N; a bare `M` button M of the newest answer with buttons since the
        last line typed."""
        if len(numbers) == 2:
            answer = next((a for a in self.answers if a.number == numbers[0]), None)
        else:
            answer = next((a for a in reversed(self.answers[self.batch :]) if a.buttons), None)
        button = numbers[-1]
        if answer is None or not 1 <= button <= len(answer.buttons):
            self._print(say(self.lang, "console.no_choice", number=typed))
            return
        choice = Choice(answer, *answer.buttons[button - 1])
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
        message = choice.answer.message
        payload = {
            "type": "block_actions",
            "team": {"id": TEAM_ID, "domain": "mlr"},
            "user": {"id": self.user_id, "team_id": TEAM_ID},
            "api_app_id": "A0MLR",
            "token": "console",
            "trigger_id": _trigger_id(),
            "container": {"type": "message", "channel_id": choice.answer.channel_id},
            "channel": {"id": choice.answer.channel_id},
            "message": {"text": message.get("text", ""), "blocks": message.get("blocks") or []},
            # Named after the answer, so that a reply that replaces the message replaces that answer.
            "response_url": self.slack.response_url(f"{ANSWER_URL}{choice.answer.number}"),
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
        self.batch = len(self.answers)
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
        # An optional field says how to leave it empty, not that it is optional: its label may say when it is needed.
        lines = [f"{label} {say(self.lang, 'console.optional')}" if block.get("optional") else label]
        if block.get("hint"):
            lines.append(block["hint"]["text"])
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
        self.batch = len(self.answers)
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
        if self._held is not None:
            self._held.append(call)
            return
        if call.method in ("chat.postMessage", "chat.postEphemeral", "response_url"):
            blocks = call.args.get("blocks")
            message = {**call.args, "blocks": json.loads(blocks) if isinstance(blocks, str) else blocks}
            target = str(call.args.get("channel") or self.channel_id)
            replaces = None
            if call.method == "response_url":
                if str(call.args.get("replace_original")).lower() == "true":
                    number = call.path.rpartition("/")[2].removeprefix(ANSWER_URL)
                    replaces = next((a for a in self.answers if str(a.number) == number), None)
                    target = replaces.channel_id if replaces else target
                answer = "console.replaced" if replaces else "console.answer"
                where = f"{say(self.lang, answer)} {self._seen(call)}"
            else:
                where = f"{self._place(target)} {self._seen(call)}"
            self._show_message(where, message, target, replaces=replaces)
        elif call.method == "views.open":
            view = call.args["view"]
            self._opened.append(json.loads(view) if isinstance(view, str) else view)
        elif call.method == "files.completeUploadExternal":
            files = call.args.get("files")
            for uploaded in json.loads(files) if isinstance(files, str) else files or []:
                self._save_upload(uploaded["id"], channel=str(call.args.get("channel_id") or ""))

    def _place(self, channel: str) -> str:
        """Where a message the bot sent went: a channel, or a direct message (to a D… or U… id)."""
        if channel.startswith(("D", "U", "W")):
            return say(self.lang, "console.dm")
        return say(self.lang, "console.message", channel=channel)

    def _seen(self, call: Call) -> str:
        """Who sees a message the bot sent: the channel, or only the one it was for."""
        if call.method == "chat.postEphemeral" or (
            call.method == "response_url" and call.args.get("response_type") != "in_channel"
        ):
            user = str(call.args.get("user") or self.user_id)
        elif call.method == "chat.postMessage" and str(call.args.get("channel", "")).startswith(("U", "W", "D")):
            user = str(call.args["channel"]) if call.args["channel"][0] in "UW" else self.user_id
        else:
            return say(self.lang, "console.in_channel")
        return say(self.lang, "console.ephemeral" if user == self.user_id else "console.only_them", user=user)

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
        where = f"{self._place(channel)} {say(self.lang, 'console.ephemeral')}"
        self._show_message(where, {"text": say(self.lang, "console.file", path=path)}, channel)

    def _print(self, text: str) -> None:
        print(text, file=self.out, flush=True)

    def close(self) -> None:
        self.slack.stop()
        self.db.dispose()


ANSWER_URL = "answer-"
_NOT_A_MENTION = re.compile(r"(?<!\S)@(?![UW][A-Z0-9]{2,}(?!\w))\w")
_MENTION = re.compile(r"(?<!\S)@([UW][A-Z0-9]{2,})(?![\w])")


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
    log_file: Path,
    stdin: TextIO | None = None,
    out: TextIO | None = None,
) -> int:
    import sys

    stdin, out = stdin or sys.stdin, out or sys.stdout
    # The bot's log goes to a file: between the answers it would read as part of them.
    logging.basicConfig(
        level=logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        handlers=[logging.FileHandler(log_file, encoding="utf-8")],
        force=True,
    )
    console = Console(settings, user_id=user_id, channel_id=channel_id, out=out)
    try:
        if coordinator:
            with console.db.write() as session:
                add_coordinator(session, user_id=user_id, actor="console", now=utc_now())
        print(
            say(settings.language, "console.banner", user=user_id, channel=channel_id, database=settings.database_url)
            + "\n"
            + say(settings.language, "console.log", path=log_file),
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
