"""CPU time one `/mlr result` request costs the bot's process, beside a bare Bolt app that only acks.

    .venv/bin/python bench/request_cost.py [--database-url URL] [--requests 1000]

Builds the bot's WSGI app (the same one `mlr-bot run --http` serves; SQLite unless --database-url
names another database) and the floor app of bench/floor_app.py in this process, and calls each
with signed slash-command requests directly, without sockets or server threads. Both run with
Bolt's process_before_response, so the whole of a request's work is done in the calling thread
and the process's CPU time divided by the requests is what one request costs. Every bot request
logs an entry. Prints the median and the lowest of five rounds; it measures and asserts nothing.

When requests arrive faster than one core does this work, they queue for it: with N senders
that each send again as soon as they are answered, each answer takes about N times this cost."""

from __future__ import annotations

import argparse
import io
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from ack_latency import SECRET, body, bot_settings, signed_headers
from floor_app import floor_app
from slack_sdk import WebClient

from bot.app import create_app
from bot.config import load_settings
from bot.loopback_slack import LoopbackSlack
from bot.startup import prepare_database
from bot.web import EVENTS_PATH, WebApp
from storage.entries import count_entries_of_year

ROUNDS = 5


def caller(web_app: WebApp) -> Callable[[str, int], str]:
    """Send one signed slash command through the WSGI app; give back the HTTP status line."""

    def call(text: str, n: int) -> str:
        payload = body(text, n).encode()
        environ = {
            "REQUEST_METHOD": "POST",
            "PATH_INFO": EVENTS_PATH,
            "QUERY_STRING": "",
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "80",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(payload),
            "CONTENT_LENGTH": str(len(payload)),
            **{
                "HTTP_" + name.upper().replace("-", "_"): value
                for name, value in signed_headers(payload.decode()).items()
            },
        }
        environ["CONTENT_TYPE"] = environ.pop("HTTP_CONTENT_TYPE")
        status: list[str] = []
        b"".join(web_app(environ, lambda line, _headers: status.append(line)))  # type: ignore[arg-type]
        return status[0]

    return call


def cost_ms(call: Callable[[str, int], str], *, text: str, requests: int) -> list[float]:
    """CPU milliseconds per request, one figure per round."""
    per_round = requests // ROUNDS
    figures = []
    for _ in range(ROUNDS):
        started = time.process_time()
        for n in range(per_round):
            status = call(text, n)
            if not status.startswith("200"):
                raise RuntimeError(f"HTTP {status}")
        figures.append((time.process_time() - started) / per_round * 1000)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url")
    parser.add_argument("--requests", type=int, default=1000, help="requests per app, over five rounds")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp())
    slack = LoopbackSlack().start()
    try:
        database_url = args.database_url or f"sqlite:///{workdir / 'bench.db'}"
        settings = load_settings(bot_settings(slack_api_url=slack.api_url, database_url=database_url))
        db = prepare_database(settings, now=datetime.now(UTC))
        client = WebClient(token="xoxb-bench", base_url=slack.api_url)
        bot = caller(WebApp(create_app(settings, db, client=client, process_before_response=True), db))
        floor = caller(
            WebApp(floor_app(slack_api_url=slack.api_url, signing_secret=SECRET, process_before_response=True), db)
        )
        bot("koppla bostad", 0)
        for call in (bot, floor):
            cost_ms(call, text="resultat uppvärmning", requests=50)
        print("| app | CPU ms per request, median of 5 rounds | lowest round |")
        print("| --- | --- | --- |")
        for name, call, text in (
            ("floor (bare Bolt, acks)", floor, "resultat golv"),
            ("mlr-bot /mlr result", bot, "resultat Bänkmätning åäö"),
        ):
            figures = cost_ms(call, text=text, requests=args.requests)
            print(f"| {name} | {statistics.median(figures):.2f} | {min(figures):.2f} |")
        with db.read() as session:  # every bot request really logged its entry
            logged = count_entries_of_year(session, year=datetime.now(settings.timezone).year).get("bostad", 0)
        if logged != 50 + args.requests // ROUNDS * ROUNDS:
            raise RuntimeError(f"the bot logged {logged} entries, not one per request")
        db.dispose()
    finally:
        slack.stop()


if __name__ == "__main__":
    main()
