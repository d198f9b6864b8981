"""Slack's protocol at the edge: request signing, failing Web API calls, an unavailable database."""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from sqlalchemy.engine import make_url

from bot.loopback_slack import LoopbackSlack
from storage import audit
from storage.db import Database
from storage.entries import list_entries
from tests.e2e.test_commands import answer_text, form_submission, linked_channel, new_user, wait_for_calls
from tests.harness import COORDINATOR, BotProcess, post, signed_headers, slack_signature

# Slack's documented example ("Verifying requests from Slack"): this secret, timestamp and body
# give exactly this signature.
VECTOR_SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
VECTOR_TIMESTAMP = "1531420618"
VECTOR_BODY = (
    "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
    "&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text="
    "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
    "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c"
)
VECTOR_SIGNATURE = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503"


def test_the_test_signer_reproduces_slacks_documented_signature() -> None:
    assert slack_signature(VECTOR_SECRET, VECTOR_TIMESTAMP, VECTOR_BODY) == VECTOR_SIGNATURE


@pytest.fixture(scope="module")
def vector_bot(tmp_path_factory: pytest.TempPathFactory, fake_slack: LoopbackSlack) -> Iterator[BotProcess]:
    workdir = tmp_path_factory.mktemp("vector")
    process = BotProcess(
        workdir=workdir,
        database_url=f"sqlite:///{workdir / 'v.db'}",
        slack_api_url=fake_slack.api_url,
        extra_env={"SLACK_SIGNING_SECRET": VECTOR_SECRET},
    )
    yield process.start()
    process.stop()


def test_the_bot_checks_signatures_with_slacks_scheme(vector_bot: BotProcess) -> None:
    url = vector_bot.url + "/slack/events"
    documented = {
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Slack-Request-Timestamp": VECTOR_TIMESTAMP,
        "X-Slack-Signature": VECTOR_SIGNATURE,
    }
    # The documented request is correctly signed but from 2018: too old, so refused.
    assert post(url, VECTOR_BODY, documented).status == 401
    # The same body signed now with the same secret is taken (its command is not ours: no answer).
    assert post(url, VECTOR_BODY, signed_headers(VECTOR_BODY, secret=VECTOR_SECRET)).status != 401


@pytest.mark.parametrize(
    "headers",
    [
        {"Content-Type": "application/x-www-form-urlencoded"},
        "wrong-secret",
        "six-minutes-old",
        "tampered",
    ],
)
def test_unsigned_or_badly_signed_requests_get_401_and_store_nothing(bot: BotProcess, headers: object) -> None:
    channel = linked_channel(bot, "bostad")
    body = (
        f"command=%2Fmlr&text=resultat+F%C3%B6rfalskat&user_id={COORDINATOR}&channel_id={channel}"
        "&team_id=T0MLR&trigger_id=1.2.3&response_url="
    )
    if headers == "wrong-secret":
        headers = signed_headers(body, secret="not-the-secret")
    elif headers == "six-minutes-old":
        headers = signed_headers(body, timestamp=int(time.time()) - 6 * 60)
    elif headers == "tampered":
        headers = signed_headers(body.replace("F%C3%B6rfalskat", "Annat"))
    assert isinstance(headers, dict)
    response = post(bot.url + "/slack/events", body, headers)
    assert response.status == 401
    db = Database(bot.database_url)
    with db.read() as session:
        assert [e for e in list_entries(session) if e.channel_id == channel] == []
    db.dispose()


def test_healthz_reports_the_database(bot: BotProcess) -> None:
    import urllib.request

    with urllib.request.urlopen(bot.url + "/healthz", timeout=5) as response:
        assert json.loads(response.read()) == {"ok": True, "database": "ok"}


def test_form_confirmation_survives_429_and_500_and_is_posted_once(bot: BotProcess, fake_slack: LoopbackSlack) -> None:
    channel, member = linked_channel(bot, "bostad"), new_user()
    bot.command("resultat", user_id=member, channel_id=channel)
    [opened] = wait_for_calls(fake_slack, "views.open", 1)
    fake_slack.fail("chat.postMessage", status=429, retry_after=1)
    fake_slack.fail("chat.postMessage", status=500)

    view = opened.args["view"]
    bot.interaction(
        form_submission(
            json.loads(view) if isinstance(view, str) else view,
            user_id=member,
            group="bostad",
            kind="result",
            day="2026-09-01",
            text="Trots fel",
        )
    )

    calls = wait_for_calls(fake_slack, "chat.postMessage", 3, timeout=15)
    time.sleep(0.5)  # a fourth, duplicate post would arrive right after the third
    calls = fake_slack.calls_to("chat.postMessage")
    assert len(calls) == 3  # 429, 500, then the one that Slack took
    assert calls[1].at - calls[0].at >= 0.9  # Retry-After: 1 was honoured
    assert all(call.args["channel"] == channel for call in calls)


def _lock_database(url: str) -> sqlite3.Connection | psycopg.Connection[Any]:
    """Take the database's write lock from outside the bot, as a stuck writer or a backup would."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        assert parsed.database is not None  # the bot's SQLite URL names a file
        lite = sqlite3.connect(parsed.database, isolation_level=None)
        lite.execute("BEGIN EXCLUSIVE")
        return lite
    libpq = parsed.set(drivername="postgresql").render_as_string(hide_password=False)
    connection = psycopg.connect(libpq)
    connection.execute("LOCK TABLE entries, audit_events IN ACCESS EXCLUSIVE MODE")
    return connection


def test_an_unavailable_database_is_told_to_the_user_and_nothing_is_half_written(bot: BotProcess) -> None:
    channel = linked_channel(bot, "kompetens")
    lock = _lock_database(bot.database_url)
    try:
        response = bot.command("resultat Sparas inte", user_id=new_user(), channel_id=channel)
    finally:
        lock.close()
    assert response.status == 200
    assert response.seconds < 3
    assert "sparades inte" in answer_text(response.json())
    db = Database(bot.database_url)
    with db.read() as session:
        assert [e for e in list_entries(session) if e.channel_id == channel] == []
        texts = [e.details["after"]["text"] for e in audit.list_audit_events(session) if e.action == "entry.add"]
    db.dispose()
    assert "Sparas inte" not in texts
    # and once the lock is gone the same command goes through
    again = bot.command("resultat Sparas nu", user_id=new_user(), channel_id=channel)
    assert again.json()["response_type"] == "in_channel"


def test_bot_log_never_holds_the_token_or_the_signing_secret(bot: BotProcess) -> None:
    from tests.harness import BOT_TOKEN, SIGNING_SECRET

    bot.command("hjälp")
    log = bot.log()
    assert log, "the bot wrote no log at all"
    assert BOT_TOKEN not in log and SIGNING_SECRET not in log
