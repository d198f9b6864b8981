"""HTTP mode: one WSGI app with Slack's endpoint and a health check, served by waitress."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from typing import TYPE_CHECKING

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler

from storage.db import Database

if TYPE_CHECKING:
    from wsgiref.types import StartResponse, WSGIEnvironment

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"
MAX_BODY_BYTES = 1024 * 1024  # Slack's payloads are far smaller; refuse anything bigger unread


class WebApp:
    def __init__(self, app: App, db: Database) -> None:
        self.slack = SlackRequestHandler(app, path=EVENTS_PATH)
        self.db = db

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        if path == HEALTH_PATH and environ.get("REQUEST_METHOD") == "GET":
            database = "ok" if self.db.ping() else "unreachable"
            status = "200 OK" if database == "ok" else "503 Service Unavailable"
            body = json.dumps({"ok": database == "ok", "database": database}).encode()
            start_response(status, [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
            return [body]
        try:
            return self.slack(environ, start_response)
        except ValueError as error:  # Bolt could not parse the body (broken JSON or encoding): not from Slack
            log.warning("refused a request with a body that cannot be parsed (%s)", type(error).__name__)
            body = b"bad request"
            start_response("400 Bad Request", [("Content-Type", "text/plain"), ("Content-Length", str(len(body)))])
            return [body]


def serve(web_app: WebApp, *, host: str, port: int, threads: int = 16) -> None:
    """Serve until stopped. Port 0 takes any free port; the log says which one it got."""
    from waitress import create_server

    server = create_server(
        web_app,
        host=host,
        port=port,
        threads=threads,
        max_request_body_size=MAX_BODY_BYTES,
        ident="mlr-bot",
        clear_untrusted_proxy_headers=True,
    )
    # One socket gives its server; a host name with several addresses gives a MultiSocketServer.
    listening = getattr(server, "effective_listen", None) or [(server.effective_host, server.effective_port)]
    for listen_host, listen_port in listening:
        log.info("mlr-bot listening on http://%s:%s/slack/events", listen_host, listen_port)
    server.run()
