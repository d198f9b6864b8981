"""Test helpers: signed requests as Slack sends them, and the real bot process."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import hmac
import itertools
import json
import os
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from tests.slack_rules import findings_of

REPO = Path(__file__).resolve().parent.parent
SPEC = Path(os.environ.get("MLR_SLACK_SPEC", REPO.parent / "shared" / "slack-api-specs" / "slack_web_openapi_v2.json"))
SIGNING_SECRET = "test-signing-secret-0123456789abcdef"
BOT_TOKEN = "xoxb-test-token-not-secret-000"
COORDINATOR = "UCOORD01"


def slack_signature(secret: str, timestamp: str, body: str) -> str:
    """Slack's request signature: HMAC-SHA256 over `v0:timestamp:body`, hex, prefixed `v0=`."""
    digest = hmac.new(secret.encode(), f"v0:{timestamp}:{body}".encode(), hashlib.sha256).hexdigest()
    return f"v0={digest}"


@dataclass
class HttpResponse:
    status: int
    body: str
    seconds: float

    def json(self) -> Any:
        return json.loads(self.body)


_log_lock = threading.Lock()


def payload_check(kind: str, payload: dict[str, Any]) -> list[str]:
    """Slack's rules (tests/slack_rules.py) on one payload the bot sent: what breaks them. With
    MLR_SLACK_RULES_LOG set, every finding is also appended there as a JSON line with the test that was running."""
    findings = findings_of(kind, payload)
    log = os.environ.get("MLR_SLACK_RULES_LOG")
    if log and findings:
        test = os.environ.get("PYTEST_CURRENT_TEST", "").rsplit(" (", 1)[0]
        lines = [
            json.dumps({"test": test, "kind": f.kind, "rule": f.rule, "path": f.path, "detail": f.detail},
                       ensure_ascii=False)
            for f in findings
        ]  # fmt: skip
        with _log_lock, open(log, "a", encoding="utf-8") as out:
            out.write("".join(line + "\n" for line in lines))
    return [str(f) for f in findings]


def check_ack(body: str) -> None:
    """The bot's answer to a signed request, when it is JSON, keeps Slack's rules."""
    try:
        payload = json.loads(body)
    except ValueError:
        return
    if isinstance(payload, dict):
        violations = payload_check("ack", payload)
        assert violations == [], violations


def post(url: str, body: str, headers: dict[str, str], timeout: float = 15) -> HttpResponse:
    """POST as Slack does; a 200 answer with a JSON body (an ack) is checked against Slack's rules."""
    request = urllib.request.Request(url, data=body.encode(), headers=headers, method="POST")
    started = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            answer = HttpResponse(response.status, response.read().decode(), time.monotonic() - started)
    except urllib.error.HTTPError as error:
        return HttpResponse(error.code, error.read().decode(), time.monotonic() - started)
    if answer.status == 200:
        check_ack(answer.body)
    return answer


def signed_headers(
    body: str,
    *,
    secret: str = SIGNING_SECRET,
    timestamp: int | None = None,
    content_type: str = "application/x-www-form-urlencoded",
) -> dict[str, str]:
    ts = str(int(time.time()) if timestamp is None else timestamp)
    return {
        "Content-Type": content_type,
        "X-Slack-Request-Timestamp": ts,
        "X-Slack-Signature": slack_signature(secret, ts, body),
    }


def again_if_the_week_turned(test: Callable[..., None]) -> Callable[..., None]:
    """For a test about "this week" on the bot's real clock: when the week turned in Stockholm while
    it ran (Sunday to Monday at midnight) and it failed, it runs once more, wholly in the new week.
    A failure within one week is a failure."""

    @functools.wraps(test)
    def run(*args: Any, **kwargs: Any) -> None:
        week = this_week()
        try:
            test(*args, **kwargs)
        except AssertionError:
            if this_week() == week:
                raise
            test(*args, **kwargs)

    return run


def this_week() -> tuple[int, int]:
    iso = datetime.now(ZoneInfo("Europe/Stockholm")).isocalendar()
    return iso.year, iso.week


def schedules_away_from(today: date) -> dict[str, str]:
    """A digest time and follow-up dates whose posts are not due on or near `today`.

    The bot's scheduler runs on the real clock: within a minute of starting it posts the weekly
    overview on the days after a Monday's digest (MLR_DIGEST_CATCHUP_DAYS), and in the follow-up
    season (MLR_FOLLOWUP_DATE to MLR_FOLLOWUP_DEADLINE) it starts the follow-up. A test that is not
    about those must not meet their posts because of the day it runs; one that is sets its own."""
    away = today + timedelta(days=60)  # the digest once a year and the follow-up season start there
    return {
        "MLR_DIGEST_CRON": f"0 8 {away.day} {away.month} *",
        "MLR_FOLLOWUP_DATE": away.strftime("%m-%d"),
        "MLR_FOLLOWUP_DEADLINE": (away + timedelta(days=20)).strftime("%m-%d"),
    }


def slash_command(
    text: str,
    *,
    user_id: str = COORDINATOR,
    channel_id: str = "C0TEST",
    response_url: str = "",
    trigger_id: str = "13345224609.738474920.8088930838d88f008e0",
) -> dict[str, str]:
    """The fields Slack sends for `/mlr text` (a form over HTTP, a JSON payload in Socket Mode)."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return {
        "token": "legacy",
        "team_id": "T0MLR",
        "team_domain": "mlr",
        "channel_id": channel_id,
        "channel_name": "grupp",
        "user_id": user_id,
        "user_name": user_id.lower(),
        "command": "/mlr",
        "text": escaped,
        "api_app_id": "A0MLR",
        "response_url": response_url,
        "trigger_id": trigger_id,
    }


_bot_numbers = itertools.count(1)
_LISTENING = re.compile(r"mlr-bot listening on http://127\.0\.0\.1:(\d+)/")


class BotProcess:
    """`mlr-bot run --http` as a real process, against a fake Slack and a database URL."""

    def __init__(
        self, *, workdir: Path, database_url: str, slack_api_url: str, extra_env: dict[str, str] | None = None
    ):
        self.port: int | None = None  # the bot takes a free port itself and says which in its log
        self.workdir = workdir
        self.log_path = workdir / f"bot-{next(_bot_numbers)}.log"
        self._log_start = 0
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "MLR_", "DATABASE_URL", "PORT"))},
            "SLACK_BOT_TOKEN": BOT_TOKEN,
            "SLACK_SIGNING_SECRET": SIGNING_SECRET,
            "SLACK_API_URL": slack_api_url,
            "DATABASE_URL": database_url,
            "MLR_COORDINATORS": COORDINATOR,
            "MLR_LANGUAGE": "sv",
            **schedules_away_from(date.today()),
            **(extra_env or {}),
        }
        self.database_url = database_url
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        assert self.port is not None, "the bot has not said which port it listens on yet"
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 30) -> BotProcess:
        self.process_start_only()
        return self.wait_until_healthy(timeout)

    def process_start_only(self, *, http: bool = True) -> None:
        """Start `mlr-bot run --http`, or with http=False plain `mlr-bot run` (Socket Mode when the
        environment has SLACK_APP_TOKEN)."""
        log = self.log_path.open("ab")
        self._log_start = log.tell()
        self.port = None
        command = [sys.executable, "-m", "bot", "run"]
        if http:
            # Port 0: the bot binds a free port itself, so no other process can take it in between.
            command += ["--http", "--host", "127.0.0.1", "--port", "0"]
        self.process = subprocess.Popen(command, cwd=self.workdir, env=self.env, stdout=log, stderr=log)

    def wait_until_healthy(self, timeout: float = 30) -> BotProcess:
        assert self.process is not None
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the bot exited with {self.process.returncode}:\n{self.log()}")
            if self.port is None:
                self.port = self._listening_port()
                if self.port is None:
                    time.sleep(0.1)
                    continue
            try:
                with urllib.request.urlopen(self.url + "/healthz", timeout=1) as response:
                    if response.status == 200:
                        return self
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"the bot did not answer /healthz within {timeout} s:\n{self.log()}")

    def _listening_port(self) -> int | None:
        with self.log_path.open("rb") as log:
            log.seek(self._log_start)
            found = _LISTENING.search(log.read().decode(errors="replace"))
        return int(found.group(1)) if found else None

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def command(
        self,
        text: str,
        *,
        user_id: str = COORDINATOR,
        channel_id: str = "C0TEST",
        response_url: str = "",
        trigger_id: str = "13345224609.738474920.8088930838d88f008e0",
    ) -> HttpResponse:
        """Send `/mlr text` exactly as Slack does: form-encoded, `&<>` escaped, signed."""
        body = urlencode(
            slash_command(
                text, user_id=user_id, channel_id=channel_id, response_url=response_url, trigger_id=trigger_id
            )
        )
        return post(self.url + "/slack/events", body, signed_headers(body))

    def interaction(self, payload: dict[str, Any]) -> HttpResponse:
        body = urlencode({"payload": json.dumps(payload)})
        return post(self.url + "/slack/events", body, signed_headers(body))

    def event(self, event: dict[str, Any]) -> HttpResponse:
        """An Events API delivery, JSON and signed, as Slack sends it."""
        body = json.dumps(
            {
                "token": "legacy",
                "team_id": "T0MLR",
                "api_app_id": "A0MLR",
                "event": event,
                "type": "event_callback",
                "event_id": f"Ev{time.time_ns()}",
                "event_time": int(time.time()),
            }
        )
        return post(self.url + "/slack/events", body, signed_headers(body, content_type="application/json"))


class TcpProxy:
    """A loopback TCP proxy in front of a server (PostgreSQL here), which a test can cut and restore,
    as a network or a database restart would."""

    def __init__(self, target_host: str, target_port: int) -> None:
        import socket as socket_module
        import threading

        self._socket_module, self._threading = socket_module, threading
        self.target = (target_host, target_port)
        self.listener = socket_module.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.cut_off = False
        self._open: list[Any] = []
        self._lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if self.cut_off:
                client.close()
                continue
            try:
                upstream = self._socket_module.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            with self._lock:
                self._open += [client, upstream]
            for source, sink in ((client, upstream), (upstream, client)):
                self._threading.Thread(target=self._pipe, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pipe(source: Any, sink: Any) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for end in (source, sink):
                with contextlib.suppress(OSError):
                    end.close()

    def cut(self) -> None:
        """Drop every open connection and refuse new ones."""
        self.cut_off = True
        with self._lock:
            for connection in self._open:
                try:
                    connection.shutdown(self._socket_module.SHUT_RDWR)
                    connection.close()
                except OSError:
                    pass
            self._open.clear()

    def restore(self) -> None:
        self.cut_off = False

    def close(self) -> None:
        self.cut()
        self.listener.close()
