"""Faults: a process killed mid-post, Slack that hangs, a database that goes away and comes back."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler, ServerErrorRetryHandler

from bot.config import load_settings
from bot.jobs.delivery import Delivery
from bot.jobs.digests import post_digests, render_group_digest
from bot.loopback_slack import LoopbackSlack
from core.dates import Week
from handlers.context import Services
from storage import ledger
from storage.db import Database
from storage.entries import add_entry, list_entries
from storage.groups import link_channel, seed_groups_if_empty
from storage.groups_file import DEFAULT_GROUPS_FILE, read_groups_file
from storage.models import EntryKind, PostStatus

STOCKHOLM_MONDAY = datetime(2026, 11, 30, 8, 0, 30, tzinfo=UTC) + timedelta(hours=-1)  # 08:00:30 CET


def seeded(db: Database, *, entries: int) -> None:
    now = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
    with db.write() as session:
        seed_groups_if_empty(session, specs=read_groups_file(DEFAULT_GROUPS_FILE), now=now)
        link_channel(session, channel_id="C0BOSTAD", group_key="bostad", actor="U0K", now=now)
        for n in range(entries):
            add_entry(
                session,
                group_key="bostad",
                kind=EntryKind.RESULT,
                text=f"Resultat {n} " + "å" * 250,
                user_id="U0ANNA",
                channel_id="C0BOSTAD",
                occurred_on=now.date(),
                now=now + timedelta(minutes=n),
            )


def parts_in_channel(fake: LoopbackSlack, channel: str) -> list[int]:
    return sorted(m["metadata"]["event_payload"]["part"] for m in fake.messages.get(channel, []))


def digest_due(db: Database, fake: LoopbackSlack, cwd: Path, now: datetime) -> subprocess.Popen[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "MLR_", "DATABASE_URL", "PORT"))}
    env = {**clean, "DATABASE_URL": db.url, "SLACK_BOT_TOKEN": "xoxb-test", "SLACK_API_URL": fake.api_url}
    return subprocess.Popen(
        [sys.executable, "-m", "bot", "digest", "due", "--now", now.isoformat()],
        cwd=cwd,
        env=env,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def test_a_process_killed_mid_digest_loses_nothing_and_doubles_nothing(
    db: Database, fake_slack: LoopbackSlack, tmp_path: Path
) -> None:
    seeded(db, entries=120)
    services = Services(settings=load_settings({}), db=db)
    parts = len(render_group_digest(services, group_key="bostad", week=Week(2026, 48), author=str))
    assert parts >= 3
    # Slack takes part 2 at once but answers only after the process is gone: the ledger never hears.
    fake_slack.delay_next("chat.postMessage", 30, after=1)
    first = digest_due(db, fake_slack, tmp_path, STOCKHOLM_MONDAY)
    deadline = time.monotonic() + 30
    while len(fake_slack.calls_to("chat.postMessage")) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    first.send_signal(signal.SIGKILL)
    first.wait(10)
    with db.read() as session:
        post = ledger.get_post(session, kind="digest", period="2026-W48", channel_id="C0BOSTAD")
    assert post is not None and (post.status, post.parts_done) == (PostStatus.CLAIMED, 1)
    assert parts_in_channel(fake_slack, "C0BOSTAD") == [0, 1]

    # Restarted after the claim's lease: it finds part 2 in Slack, records it, posts the rest.
    second = digest_due(db, fake_slack, tmp_path, STOCKHOLM_MONDAY + timedelta(minutes=11))
    _, err = second.communicate(timeout=60)
    assert second.returncode == 0, err
    assert parts_in_channel(fake_slack, "C0BOSTAD") == list(range(parts))
    with db.read() as session:
        post = ledger.get_post(session, kind="digest", period="2026-W48", channel_id="C0BOSTAD")
    assert post is not None and (post.status, post.parts_done) == (PostStatus.POSTED, parts)
    replies = [m for m in fake_slack.messages["C0BOSTAD"] if m["thread_ts"]]
    assert {m["thread_ts"] for m in replies} == {post.ts}


def test_when_slack_hangs_the_post_fails_and_a_later_try_finds_it_posted(
    db: Database, fake_slack: LoopbackSlack
) -> None:
    seeded(db, entries=3)
    services = Services(settings=replace(load_settings({}), digest_empty="skip"), db=db)
    client = WebClient(token="xoxb-test", base_url=fake_slack.api_url, timeout=1)
    client.retry_handlers.extend(
        [RateLimitErrorRetryHandler(max_retry_count=3), ServerErrorRetryHandler(max_retry_count=3)]
    )
    # Taken at once, answered long after the client gave up (1 s), however slow the machine.
    fake_slack.delay_next("chat.postMessage", 30)
    [hung] = post_digests(services, client, week=Week(2026, 48), group_key="bostad", now=STOCKHOLM_MONDAY)
    assert hung.delivery is Delivery.FAILED
    [later] = post_digests(
        services, client, week=Week(2026, 48), group_key="bostad", now=STOCKHOLM_MONDAY + timedelta(minutes=5)
    )
    assert later.delivery is Delivery.POSTED
    assert parts_in_channel(fake_slack, "C0BOSTAD") == [0]  # in Slack once, though asked twice


@pytest.mark.skipif(not os.environ.get("MLR_TEST_DATABASE_URL"), reason="PostgreSQL behind a proxy the test can cut")
def test_postgresql_going_away_is_told_and_the_bot_recovers_by_itself(
    fake_slack: LoopbackSlack, tmp_path: Path
) -> None:
    from sqlalchemy.engine import make_url

    from tests.conftest import drop_schema, new_database_url
    from tests.e2e.test_commands import answer_text
    from tests.harness import BotProcess, TcpProxy

    direct, schema = new_database_url("postgresql", tmp_path)
    parsed = make_url(direct)
    proxy = TcpProxy(parsed.host or "127.0.0.1", parsed.port or 5432)
    through_proxy = parsed.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False)
    bot = BotProcess(workdir=tmp_path, database_url=through_proxy, slack_api_url=fake_slack.api_url).start()
    db = Database(direct)
    try:
        assert bot.command("koppla bostad", channel_id="C0PROXY").json()["response_type"] == "in_channel"
        assert bot.command("resultat Före avbrottet", channel_id="C0PROXY").json()["response_type"] == "in_channel"

        proxy.cut()
        down = bot.command("resultat Under avbrottet", channel_id="C0PROXY")
        assert down.status == 200 and down.seconds < 3
        assert "Posten sparades inte" in answer_text(down.json())
        import urllib.error
        import urllib.request

        with pytest.raises(urllib.error.HTTPError) as unhealthy:
            urllib.request.urlopen(bot.url + "/healthz", timeout=10)
        assert unhealthy.value.code == 503

        proxy.restore()
        up = bot.command("resultat Efter avbrottet", channel_id="C0PROXY").json()
        assert up["response_type"] == "in_channel", up
        with urllib.request.urlopen(bot.url + "/healthz", timeout=10) as healthy:
            assert healthy.status == 200
        with db.read() as session:
            texts = [e.text for e in list_entries(session)]
        assert texts == ["Före avbrottet", "Efter avbrottet"]
    finally:
        bot.stop()
        proxy.close()
        db.dispose()
        drop_schema(schema or "")


def test_a_member_seen_once_is_let_through_without_asking_slack_again(fake_slack: LoopbackSlack) -> None:
    """The statement form's submission checks membership before its ack: someone the process has
    seen in the channel counts even when Slack fails, and only someone unseen costs a Web API call."""
    from handlers.access import ChannelMembers

    client = WebClient(token="xoxb-test", base_url=fake_slack.api_url)
    fake_slack.members["C0GRUPP"] = ["U0ANNA"]
    members = ChannelMembers(ttl=timedelta(minutes=15))
    opened = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
    assert members.includes(client, "C0GRUPP", "U0ANNA", now=opened)  # the form is opened: Slack is asked
    assert len(fake_slack.calls_to("conversations.members")) == 1

    fake_slack.fail("conversations.members", status=500, times=10)
    an_hour_on = opened + timedelta(hours=1)
    assert members.includes(client, "C0GRUPP", "U0ANNA", now=an_hour_on)  # the submission: no call
    assert len(fake_slack.calls_to("conversations.members")) == 1

    fake_slack.clear()
    fake_slack.members["C0GRUPP"] = ["U0ANNA", "U0BERTIL"]
    assert members.includes(client, "C0GRUPP", "U0BERTIL", now=an_hour_on)  # unseen: Slack is asked
    assert not members.includes(client, "C0GRUPP", "U0UTOM", now=an_hour_on + timedelta(seconds=1))
    assert len(fake_slack.calls_to("conversations.members")) == 1  # the list just fetched answers the rest
