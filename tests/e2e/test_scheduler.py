"""Two real `mlr-bot run --http` processes on one database: every scheduled digest posted once."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.config import load_settings
from bot.loopback_slack import LoopbackSlack
from core.schedule import due_weeks
from handlers.context import Services
from storage import ledger
from storage.db import Database
from storage.entries import add_entry
from storage.groups import link_channel, seed_groups_if_empty
from storage.groups_file import DEFAULT_GROUPS_FILE, read_groups_file
from storage.models import EntryKind, PostStatus
from tests.harness import BotProcess

STOCKHOLM = ZoneInfo("Europe/Stockholm")
EVERY_MINUTE = {"MLR_DIGEST_CRON": "* * * * *", "MLR_COORDINATOR_CHANNEL": "C0KOORD"}


def test_two_running_bots_post_each_scheduled_digest_once(
    database_url: str, fake_slack: LoopbackSlack, tmp_path: Path
) -> None:
    db = Database(database_url)
    db.upgrade()
    yesterday = datetime.now(UTC) - timedelta(days=1)
    with db.write() as session:
        seed_groups_if_empty(session, specs=read_groups_file(DEFAULT_GROUPS_FILE), now=yesterday)
        link_channel(session, channel_id="C0BOSTAD", group_key="bostad", actor="U0K", now=yesterday)
        for n in range(150):  # several messages, so the two processes race over several calls
            add_entry(
                session,
                group_key="bostad",
                kind=EntryKind.RESULT,
                text=f"Resultat {n} " + "ö" * 200,
                user_id="U0ANNA",
                channel_id="C0BOSTAD",
                occurred_on=yesterday.date(),
                now=yesterday,
            )
    services = Services(settings=load_settings({"DATABASE_URL": database_url, **EVERY_MINUTE}), db=db)
    weeks = due_weeks(services.settings, datetime.now(UTC))
    assert weeks, "with a run every minute, some week is always due"

    bots = [
        BotProcess(
            workdir=tmp_path, database_url=database_url, slack_api_url=fake_slack.api_url, extra_env=EVERY_MINUTE
        )
        for _ in range(2)
    ]
    for bot in bots:
        bot.process_start_only()
    try:
        for bot in bots:
            bot.wait_until_healthy()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            # A week due at the start and still due now: the set moves at the turn of a day (a new
            # week comes due on Tuesday, the oldest leaves on Thursday), never in the middle of one.
            still_due = [week for week in weeks if week in due_weeks(services.settings, datetime.now(UTC))]
            expected = {
                (kind, str(week), channel)
                for week in still_due
                for kind, channel in (("digest", "C0BOSTAD"), ("overview", "C0KOORD"))
            }
            with db.read() as session:
                done = {
                    (p.kind, p.period, p.channel_id)
                    for p in ledger.list_posts(session)
                    if p.status == PostStatus.POSTED
                }
            if expected <= done:
                break
            time.sleep(0.2)
        assert expected <= done, (expected, done, [bot.log()[-2000:] for bot in bots])
    finally:
        for bot in bots:
            bot.stop()

    with db.read() as session:
        posts = {(p.kind, p.period, p.channel_id): p for p in ledger.list_posts(session)}
    db.dispose()
    sent_to_group = [c for c in fake_slack.calls_to("chat.postMessage") if c.args["channel"] == "C0BOSTAD"]
    parts = sum(len(p.messages) for (kind, _, channel), p in posts.items() if (kind, channel) == ("digest", "C0BOSTAD"))
    assert parts > 1
    assert len(sent_to_group) == parts  # every part of every due digest, once
    timestamps: set[str] = set()
    for call in sent_to_group:
        assert call.response is not None
        timestamps.add(call.response["ts"])
    assert len(timestamps) == parts
    # Everything the ledger holds for the coordinator's channel (the overviews, and in the follow-up
    # season the notice that there is no plan) went out once.
    to_coordinator = [c for c in fake_slack.calls_to("chat.postMessage") if c.args["channel"] == "C0KOORD"]
    assert len(to_coordinator) == sum(len(p.messages) for key, p in posts.items() if key[2] == "C0KOORD")
    assert all(posts[("overview", str(week), "C0KOORD")].status == PostStatus.POSTED for week in still_due)


def test_two_running_bots_post_each_prompt_and_reminder_once(
    database_url: str, fake_slack: LoopbackSlack, tmp_path: Path
) -> None:
    from storage import plans

    db = Database(database_url)
    db.upgrade()
    now = datetime.now(UTC)
    # Started over two weeks ago, with two weeks of catch-up: some Monday's reminder is due whatever
    # the day, a holiday Monday (moved to the next working day) included.
    started = now - timedelta(days=15)
    year = now.astimezone(STOCKHOLM).year
    channels = {"kompetens": "C0RKOMP", "bostad": "C0RBOST", "sysselsattning": "C0RSYSS"}
    with db.write() as session:
        seed_groups_if_empty(session, specs=read_groups_file(DEFAULT_GROUPS_FILE), now=started)
        for key, channel in channels.items():
            link_channel(session, channel_id=channel, group_key=key, actor="U0K", now=started)
            plans.set_plan(
                session, group_key=key, year=year, goal="Mål", spec=plans.PlanSpec(), actor="U0K", now=started
            )
        plans.start_followup(session, year=year, deadline=(now + timedelta(days=14)).date(), actor="U0K", now=started)
        plans.submit_statement(
            session, group_key="bostad", year=year, parts={"other": "Klart."}, actor="U0B", now=started
        )

    env = {"MLR_DIGEST_CATCHUP_DAYS": "14", "MLR_COORDINATOR_CHANNEL": "C0RKOORD"}
    bots = [
        BotProcess(workdir=tmp_path, database_url=database_url, slack_api_url=fake_slack.api_url, extra_env=env)
        for _ in range(2)
    ]
    for bot in bots:
        bot.process_start_only()
    try:
        for bot in bots:
            bot.wait_until_healthy()
        expected = {("followup_prompt", c) for c in channels.values()} | {
            ("followup_reminder", channels["kompetens"]),
            ("followup_reminder", channels["sysselsattning"]),
        }
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with db.read() as session:
                done = {(p.kind, p.channel_id) for p in ledger.list_posts(session) if p.status == PostStatus.POSTED}
            if expected <= done:
                break
            time.sleep(0.2)
        assert expected <= done, (expected, done)
        with db.read() as session:
            reminders = [p for p in ledger.list_posts(session) if p.kind == "followup_reminder"]
    finally:
        for bot in bots:
            bot.stop()
    db.dispose()

    def reminder_messages(channel: str) -> int:
        """What the ledger says was posted: one week's reminder, or two when the run crossed a Monday."""
        return sum(len(p.messages) for p in reminders if p.channel_id == channel and p.status == PostStatus.POSTED)

    def posts(channel: str, word: str) -> int:
        return sum(
            1
            for c in fake_slack.calls_to("chat.postMessage")
            if c.args["channel"] == channel and word in c.args["text"]
        )

    for channel in channels.values():
        assert posts(channel, "årsuppföljningen") == 1
    for key in ("kompetens", "sysselsattning"):
        assert reminder_messages(channels[key]) >= 1
        assert posts(channels[key], "Påminnelse") == reminder_messages(channels[key])
    assert posts(channels["bostad"], "Påminnelse") == 0  # it has answered
