"""A stand-in for Slack's Web API on loopback, for `mlr-bot console` and for the tests.

It records every call, answers the methods the bot uses the way Slack does, checks arguments
against Slack's published OpenAPI spec when given one, and can be told to fail (429 with
Retry-After, 500, an `ok: false` error) or to be slow. It also takes the POSTs that Bolt's
`respond()` sends to a command's `response_url`."""

from __future__ import annotations

import itertools
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlparse

BOT_USER_ID = "U0MLRBOT"
# slack_sdk adds `team_id` to every call from a Bolt context (Slack takes it for org-wide apps);
# the 2020 spec predates that, so it is not held against a call.
ARGUMENTS_ON_EVERY_METHOD = frozenset({"team_id"})
# Methods and arguments newer than the 2020 spec: answered, not held against a call.
METHODS_AFTER_THE_SPEC = frozenset(
    {"apps.connections.open", "files.getUploadURLExternal", "files.completeUploadExternal"}
)
ARGUMENTS_AFTER_THE_SPEC = {
    "chat.postMessage": frozenset({"metadata"}),
    "conversations.history": frozenset({"include_all_metadata"}),
    "conversations.replies": frozenset({"include_all_metadata"}),
}
TEAM_ID = "T0MLR"


@dataclass
class Call:
    method: str  # a Web API method, or "response_url" for respond()
    args: dict[str, Any]
    path: str
    authorization: str | None
    at: float = field(default_factory=time.monotonic)
    response: dict[str, Any] | None = None  # what the fake answered, once it has

    @property
    def response_ok(self) -> bool:
        return bool(self.response and self.response.get("ok"))


@dataclass
class _Failure:
    status: int
    error: str | None
    retry_after: int | None
    times: int
    ok_first: int = 0  # calls answered normally before the failures start
    channel: str | None = None  # only calls to this channel fail; None: any call of the method
    extra: dict[str, Any] = field(default_factory=dict)  # more of the error answer, e.g. missing_scope's `needed`


class LoopbackSlack:
    def __init__(
        self,
        *,
        spec_path: Path | None = None,
        on_call: Callable[[Call], None] | None = None,
        payload_check: Callable[[str, dict[str, Any]], list[str]] | None = None,
    ) -> None:
        """`payload_check(method or "response_url", arguments)` is run on every call recorded, and
        what it finds is added to `violations` (the tests pass Slack's Block Kit rules)."""
        self.calls: list[Call] = []
        self.violations: list[str] = []
        self.delay_seconds = 0.0
        self.members: dict[str, list[str]] = {}  # channel id -> user ids, for conversations.members
        self.uploads: dict[str, bytes] = {}  # file id -> the bytes uploaded to its upload URL
        self.messages: dict[str, list[dict[str, Any]]] = {}  # channel -> what chat.postMessage put there
        self.socket_mode_url: str | None = None  # what apps.connections.open hands out, when set
        self._delays: dict[str, list[tuple[int, float]]] = {}
        self._on_call = on_call
        self._payload_check = payload_check
        self._failures: dict[str, list[_Failure]] = {}
        self._lock = threading.Lock()
        self._ts = itertools.count(1)
        self._spec = _load_spec(spec_path) if spec_path else None
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, name="loopback-slack", daemon=True)

    # -------------------------------------------------------------- lifecycle

    def start(self) -> LoopbackSlack:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_port}/"

    @property
    def api_url(self) -> str:
        return self.url + "api/"

    def response_url(self, name: str) -> str:
        return f"{self.url}response/{name}"

    # -------------------------------------------------------------- test controls

    def fail(
        self,
        method: str,
        *,
        status: int = 200,
        error: str | None = None,
        retry_after: int | None = None,
        times: int = 1,
        channel: str | None = None,
        extra: dict[str, Any] | None = None,
    ) -> None:
        """The next `times` calls of `method` (to `channel`, when given) fail: an HTTP status (429,
        500) or `ok: false` with `error` (and `extra` beside it in the answer)."""
        with self._lock:
            self._failures.setdefault(method, []).append(
                _Failure(status, error, retry_after, times, channel=channel, extra=extra or {})
            )

    def fail_after(
        self, method: str, *, ok_calls: int, status: int = 200, error: str | None = None, times: int = 1
    ) -> None:
        """Answer `ok_calls` calls of `method` normally, then fail the next `times` as `fail` does."""
        with self._lock:
            self._failures.setdefault(method, []).append(_Failure(status, error, None, times, ok_calls))

    def delay_next(self, method: str, seconds: float, *, after: int = 0) -> None:
        """Hold the answer to one call of `method` for `seconds` (after `after` calls answered at once).
        Slack has taken a posted message by then: it is in the channel's history."""
        with self._lock:
            self._delays.setdefault(method, []).append((after, seconds))

    def _delay_for(self, method: str) -> float:
        with self._lock:
            queue = self._delays.get(method)
            if not queue:
                return self.delay_seconds
            after, seconds = queue[0]
            if after > 0:
                queue[0] = (after - 1, seconds)
                return self.delay_seconds
            queue.pop(0)
            return seconds

    def calls_to(self, method: str) -> list[Call]:
        with self._lock:
            return [call for call in self.calls if call.method == method]

    def clear(self) -> None:
        """Forget every call, message, upload, failure and delay: a clean Slack for the next test."""
        with self._lock:
            self.calls.clear()
            self.violations.clear()
            self.messages.clear()
            self.uploads.clear()
            self._failures.clear()
            self._delays.clear()

    # -------------------------------------------------------------- serving

    def _record(self, call: Call) -> _Failure | None:
        found = []
        if self._payload_check and call.method != "upload":
            try:
                found = self._payload_check(call.method, call.args)
            except Exception as error:  # the call is still answered; the test fails on the finding
                found = [f"{call.method}: the payload check raised {error!r}"]
        with self._lock:
            self.violations.extend(found)
            self.calls.append(call)
            if call.method not in ("response_url", "upload"):
                self.violations.extend(self._check(call))
            queue = [f for f in self._failures.get(call.method, []) if f.channel in (None, call.args.get("channel"))]
            failure = None
            if queue and queue[0].ok_first > 0:
                queue[0].ok_first -= 1
            elif queue:
                failure = queue[0]
                failure.times -= 1
                if failure.times <= 0:
                    self._failures[call.method].remove(failure)
        if self._on_call:
            self._on_call(call)
        return failure

    def _check(self, call: Call) -> list[str]:
        if self._spec is None or call.method in METHODS_AFTER_THE_SPEC:
            return []
        params = self._spec.get(call.method)
        if params is None:
            return [f"{call.method}: not a method in Slack's Web API spec"]
        problems = []
        for name, required in params.items():
            if name == "token":
                if required and not (call.authorization or call.args.get("token")):
                    problems.append(f"{call.method}: no token")
            elif required and name not in call.args:
                problems.append(f"{call.method}: required argument {name!r} missing")
        problems += [
            f"{call.method}: unknown argument {name!r}"
            for name in call.args
            if name not in params
            and name not in ARGUMENTS_ON_EVERY_METHOD
            and name not in ARGUMENTS_AFTER_THE_SPEC.get(call.method, ())
        ]
        return problems

    def _new_ts(self) -> str:
        """A message ts as Slack makes them: the time now, made unique."""
        return f"{int(time.time())}.{next(self._ts) % 1_000_000:06d}"

    def _answer(self, method: str, args: dict[str, Any]) -> dict[str, Any]:
        if method == "auth.test":
            return {
                "ok": True,
                "url": "https://mlr.example.slack.com/",
                "team": "MLR",
                "user": "mlr-bot",
                "team_id": TEAM_ID,
                "user_id": BOT_USER_ID,
                "bot_id": "B0MLRBOT",
            }
        if method == "chat.postMessage":
            ts = self._new_ts()
            metadata = args.get("metadata")
            message = {
                "ts": ts,
                "text": args.get("text"),
                "thread_ts": args.get("thread_ts"),
                "metadata": json.loads(metadata) if isinstance(metadata, str) else metadata,
            }
            with self._lock:
                self.messages.setdefault(str(args.get("channel")), []).append(message)
            return {"ok": True, "channel": args.get("channel"), "ts": ts, "message": {"text": args.get("text")}}
        if method == "conversations.history":
            oldest = float(args.get("oldest") or 0)
            with self._lock:
                found = [
                    m
                    for m in self.messages.get(str(args.get("channel")), [])
                    if not m["thread_ts"] and float(m["ts"]) > oldest
                ][-int(args.get("limit") or 100) :]
            return {"ok": True, "messages": found[::-1], "has_more": False, "response_metadata": {"next_cursor": ""}}
        if method == "conversations.replies":
            parent = str(args.get("ts"))
            with self._lock:
                found = [
                    m
                    for m in self.messages.get(str(args.get("channel")), [])
                    if m["ts"] == parent or m["thread_ts"] == parent
                ]
            return {"ok": True, "messages": found, "has_more": False, "response_metadata": {"next_cursor": ""}}
        if method == "chat.postEphemeral":
            return {"ok": True, "message_ts": self._new_ts()}
        if method in ("views.open", "views.publish", "views.update", "views.push"):
            return {"ok": True, "view": {"id": f"V{next(self._ts):08d}"}}
        if method == "users.info":
            user = str(args.get("user"))
            return {"ok": True, "user": {"id": user, "name": user.lower(), "real_name": user, "tz": "Europe/Stockholm"}}
        if method == "conversations.members":
            return {
                "ok": True,
                "members": self.members.get(str(args.get("channel")), []),
                "response_metadata": {"next_cursor": ""},
            }
        if method == "conversations.open":
            return {"ok": True, "channel": {"id": "D" + str(args.get("users", "")).split(",")[0]}}
        if method == "files.getUploadURLExternal":
            file_id = f"F{next(self._ts):08d}"
            return {"ok": True, "upload_url": f"{self.url}upload/{file_id}", "file_id": file_id}
        if method == "files.completeUploadExternal":
            files = args.get("files")
            files = json.loads(files) if isinstance(files, str) else files
            return {"ok": True, "files": [{"id": f["id"], "title": f.get("title")} for f in files or []]}
        if method == "apps.connections.open":
            if self.socket_mode_url is None:
                return {"ok": False, "error": "invalid_auth"}
            return {"ok": True, "url": self.socket_mode_url}
        if method == "conversations.info":
            channel = str(args.get("channel"))
            return {"ok": True, "channel": {"id": channel, "name": channel.lower(), "is_member": True}}
        return {"ok": True}

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                self._serve(b"")

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                self._serve(self.rfile.read(length))

            def _serve(self, raw: bytes) -> None:
                parsed = urlparse(self.path)
                if parsed.path.startswith("/upload/"):
                    file_id = parsed.path.removeprefix("/upload/")
                    fake._record(Call("upload", {"file_id": file_id, "bytes": len(raw)}, parsed.path, None))
                    with fake._lock:
                        fake.uploads[file_id] = raw
                    self._send(200, f"OK - {len(raw)}".encode(), "text/plain")
                    return
                args: dict[str, Any] = dict(parse_qsl(parsed.query))
                if raw:
                    if (self.headers.get("Content-Type") or "").startswith("application/json"):
                        args.update(json.loads(raw))
                    else:
                        args.update(parse_qsl(raw.decode("utf-8")))
                if parsed.path.startswith("/response/"):
                    fake._record(Call("response_url", args, parsed.path, None))
                    self._send(200, b"ok", "text/plain")
                    return
                method = parsed.path.removeprefix("/api/")
                call = Call(method, args, parsed.path, self.headers.get("Authorization"))
                failure = fake._record(call)
                delay = fake._delay_for(method)
                if failure is None:
                    call.response = fake._answer(method, args)  # taken now; the answer may come late
                if delay:
                    time.sleep(delay)
                if failure and failure.status != 200:
                    headers = {"Retry-After": str(failure.retry_after)} if failure.retry_after is not None else {}
                    error = "ratelimited" if failure.status == 429 else "internal_error"
                    call.response = {"ok": False, "error": error}
                    self._send(failure.status, json.dumps(call.response).encode(), headers=headers)
                    return
                if failure:
                    call.response = {"ok": False, "error": failure.error, **failure.extra}
                self._send(200, json.dumps(call.response).encode())

            def _send(
                self,
                status: int,
                body: bytes,
                content_type: str = "application/json",
                headers: dict[str, str] | None = None,
            ) -> None:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)

        return Handler


def _load_spec(path: Path) -> dict[str, dict[str, bool]]:
    """Method name -> {argument name: required}, from Slack's OpenAPI (Swagger 2.0) document."""
    spec = json.loads(path.read_text(encoding="utf-8"))
    methods: dict[str, dict[str, bool]] = {}
    for route, operations in spec["paths"].items():
        params: dict[str, bool] = {}
        for operation in operations.values():
            for param in operation.get("parameters", []):
                params[param["name"]] = params.get(param["name"], False) or bool(param.get("required"))
        methods[route.lstrip("/")] = params
    return methods
