"""The floor for bench/ack_latency.py: a bare Bolt app that only acks /mlr, on the same server
set-up as the bot (bot.web.serve: waitress, the same threads and limits)."""

from __future__ import annotations

import argparse

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.web import WebApp, serve
from storage.db import Database


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--slack-api-url", required=True)
    parser.add_argument("--signing-secret", required=True)
    args = parser.parse_args()
    app = floor_app(slack_api_url=args.slack_api_url, signing_secret=args.signing_secret)
    serve(WebApp(app, Database("sqlite://")), host="127.0.0.1", port=args.port)


def floor_app(*, slack_api_url: str, signing_secret: str, process_before_response: bool = False) -> App:
    app = App(
        client=WebClient(token="xoxb-floor", base_url=slack_api_url),
        signing_secret=signing_secret,
        raise_error_for_unhandled_request=False,
        process_before_response=process_before_response,
    )

    @app.command("/mlr")
    def ack_only(ack: Ack) -> None:
        ack()

    return app


if __name__ == "__main__":
    main()
