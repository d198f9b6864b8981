"""Weekly digests with time as a parameter: week windows, holidays, catch-up, retries, exactly once."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from slack_sdk import WebClient
from slack_sdk.models.blocks import Block

from bot.app import create_web_client
from bot.config import load_settings
from bot.jobs import undelivered
from bot.jobs.delivery import Delivery
from bot.jobs.digests import post_digests, post_due_digests, render_group_digest, render_overview
from bot.loopback_slack import LoopbackSlack
from bot.scheduler import describe_jobs, start_scheduler
from core.crontab import crontab_trigger
from core.dates import Week, is_holiday, next_working_day
from core.schedule import due_weeks
from handlers import ids
from handlers.context import Services
from storage import ledger
from storage.db import Database
from storage.entries import add_entry, list_entries_created
from storage.groups import link_channel, seed_groups_if_empty
from storage.groups_file import DEFAULT_GROUPS_FILE, read_groups_file
from storage.models import EntryKind, PostStatus

STOCKHOLM = ZoneInfo("Europe/Stockholm")
COORDINATION = "C0KOORD"


def local(year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=STOCKHOLM)


@pytest.fixture
def services(db: Database, fake_slack: LoopbackSlack) -> Services:
    settings = replace(
        load_settings({"SLACK_BOT_TOKEN": "xoxb-test", "SLACK_API_URL": fake_slack.api_url}),
        coordinator_channel=COORDINATION,
    )
    with db.write() as session:
        seed_groups_if_empty(session, specs=read_groups_file(DEFAULT_GROUPS_FILE), now=datetime.now(UTC))
        link_channel(session, channel_id="C0BOSTAD", group_key="bostad", actor="U0K", now=datetime.now(UTC))
        link_channel(session, channel_id="C0KOMP", group_key="kompetens", actor="U0K", now=datetime.now(UTC))
    return Services(settings=settings, db=db)


@pytest.fixture
def client(services: Services) -> WebClient:
    return create_web_client(services.settings)


def log(
    services: Services, group: str, text: str, at: datetime, kind: EntryKind = EntryKind.RESULT, user: str = "U0ANNA"
) -> int:
    with services.db.write() as session:
        entry = add_entry(
            session,
            group_key=group,
            kind=kind,
            text=text,
            user_id=user,
            channel_id="C0X",
            occurred_on=at.astimezone(STOCKHOLM).date(),
            now=at.astimezone(UTC),
        )
        assert entry.id is not None
        return entry.id


def posts_to(fake: LoopbackSlack, channel: str) -> list:
    return [call for call in fake.calls_to("chat.postMessage") if call.args["channel"] == channel]


def blocks_of(call: object) -> list[dict]:
    blocks = call.args["blocks"]  # type: ignore[attr-defined]
    return json.loads(blocks) if isinstance(blocks, str) else blocks


def text_of(call: object) -> str:
    return json.dumps(blocks_of(call), ensure_ascii=False)


# ---------------------------------------------------------------- the week window


def test_week_53_runs_across_new_year(services: Services) -> None:
    week = Week.parse("2026-W53")
    assert (week.monday, week.sunday) == (date(2026, 12, 28), date(2027, 1, 3))
    assert Week.containing(date(2027, 1, 3)) == week
    assert Week.containing(date(2027, 1, 4)) == Week(2027, 1)
    log(services, "bostad", "före", local(2026, 12, 27, 23, 59))
    inside = [
        log(services, "bostad", "mellandagarna", local(2026, 12, 28, 0, 0)),
        log(services, "bostad", "nyårsdagen", local(2027, 1, 1, 12, 0)),
        log(services, "bostad", "sista minuten", local(2027, 1, 3, 23, 59)),
    ]
    log(services, "bostad", "efter", local(2027, 1, 4, 0, 0))
    start, end = week.bounds(STOCKHOLM)
    with services.db.read() as session:
        found = [e.id for e in list_entries_created(session, start=start, end=end, group_key="bostad")]
    assert found == inside
    assert "v. 53 (28 december 2026–3 januari 2027)" in week.label("sv")


def test_2026_has_no_week_54_and_bad_weeks_are_refused() -> None:
    for text in ("2026-W54", "2025-W53", "2026-47", "vecka 47"):
        with pytest.raises(ValueError):
            Week.parse(text)


def test_daylight_saving_weeks_are_167_and_169_hours_of_local_time(services: Services) -> None:
    spring, autumn = Week.parse("2026-W13"), Week.parse("2026-W43")
    for week, hours in ((spring, 167), (autumn, 169)):
        start, end = week.bounds(STOCKHOLM)
        assert end - start == timedelta(hours=hours)
        assert start.astimezone(STOCKHOLM).hour == 0 and end.astimezone(STOCKHOLM).hour == 0
    last_spring = log(services, "kompetens", "söndag kväll", local(2026, 3, 29, 23, 30))  # 21:30 UTC
    log(services, "kompetens", "måndag natt", local(2026, 3, 30, 0, 30))  # 22:30 UTC on Sunday
    start, end = spring.bounds(STOCKHOLM)
    with services.db.read() as session:
        found = [e.id for e in list_entries_created(session, start=start, end=end, group_key="kompetens")]
    assert found == [last_spring]


def test_the_monday_run_stays_at_eight_local_across_daylight_saving(services: Services) -> None:
    trigger = crontab_trigger("0 8 * * 1", STOCKHOLM)
    before = trigger.get_next_fire_time(None, local(2026, 3, 21))
    after = trigger.get_next_fire_time(None, local(2026, 3, 28))
    assert (before.astimezone(UTC).hour, after.astimezone(UTC).hour) == (7, 6)
    assert before.astimezone(STOCKHOLM).hour == after.astimezone(STOCKHOLM).hour == 8
    assert after.date() == date(2026, 3, 30) and after.weekday() == 0


@pytest.mark.parametrize(
    ("expression", "weekday"), [("0 8 * * 1", 0), ("0 8 * * 0", 6), ("0 8 * * 7", 6), ("0 8 * * fri", 4)]
)
def test_cron_weekdays_mean_what_cron_means(expression: str, weekday: int) -> None:
    fire = crontab_trigger(expression, STOCKHOLM).get_next_fire_time(None, local(2026, 11, 26))
    assert fire.weekday() == weekday and fire.hour == 8


# ---------------------------------------------------------------- holidays and when digests are due


def test_swedish_holidays() -> None:
    for day in (date(2026, 4, 6), date(2026, 6, 19), date(2026, 12, 24), date(2026, 12, 31), date(2027, 1, 6)):
        assert is_holiday(day), day
    assert not is_holiday(date(2026, 11, 30))
    assert next_working_day(date(2026, 4, 3)) == date(2026, 4, 7)  # Good Friday → Easter Monday → Tuesday
    assert next_working_day(date(2026, 12, 24)) == date(2026, 12, 28)


def test_on_a_holiday_monday_the_digest_waits_for_the_next_working_day(services: Services) -> None:
    assert due_weeks(services.settings, local(2026, 4, 6, 8, 0)) == []  # Easter Monday
    assert due_weeks(services.settings, local(2026, 4, 6, 23, 59)) == []
    assert due_weeks(services.settings, local(2026, 4, 7, 8, 0)) == [Week(2026, 14)]
    assert due_weeks(services.settings, local(2026, 11, 30, 7, 59)) == []
    assert due_weeks(services.settings, local(2026, 11, 30, 8, 0)) == [Week(2026, 48)]


def test_jobs_show_the_next_monday_eight_in_stockholm_and_holiday_moves(services: Services) -> None:
    [digests, followup, ticks] = describe_jobs(services, local(2026, 11, 26, 12, 0))
    assert digests.startswith(ids.JOB_WEEKLY_DIGESTS) and "nästa 2026-11-30 08:00 CET (måndag)" in digests
    assert followup.startswith(ids.JOB_ANNUAL_FOLLOWUP) and "nästa 2027-11-01 09:00 CET" in followup
    assert ticks.startswith(ids.JOB_SCHEDULED_POSTS)
    [easter, _, _] = describe_jobs(services, local(2026, 4, 3, 12, 0))
    assert "nästa 2026-04-07 08:00 CEST (tisdag), flyttad från 2026-04-06 (helgdag)" in easter
    [in_english, _, _] = describe_jobs(
        replace(services, settings=replace(services.settings, language="en")), local(2026, 4, 3, 12, 0)
    )
    assert "next 2026-04-07 08:00 CEST (Tuesday), moved from 2026-04-06 (holiday)" in in_english


def test_the_scheduler_registers_its_jobs_under_fixed_ids(services: Services, client: WebClient) -> None:
    scheduler = start_scheduler(services, client)
    try:
        assert {job.id for job in scheduler.get_jobs()} >= {ids.JOB_WEEKLY_DIGESTS, ids.JOB_SCHEDULED_POSTS}
        weekly = scheduler.get_job(ids.JOB_WEEKLY_DIGESTS)
        assert weekly.next_run_time.astimezone(STOCKHOLM).hour == 8
        assert weekly.next_run_time.weekday() == 0
    finally:
        scheduler.shutdown(wait=True)


# ---------------------------------------------------------------- posting exactly once


def test_a_digest_lists_results_first_with_date_author_and_id(
    services: Services, client: WebClient, fake_slack: LoopbackSlack
) -> None:
    activity = log(services, "bostad", "Möte med Business Arena", local(2026, 11, 24, 10), EntryKind.ACTIVITY)
    result = log(services, "bostad", "Workshop <!channel> & goda exempel", local(2026, 11, 25, 14), user="U0BERIT")
    outcomes = post_due_digests(services, client, now=local(2026, 11, 30, 8, 0))
    assert {(o.kind, o.channel_id, o.delivery) for o in outcomes} == {
        ("digest", "C0BOSTAD", Delivery.POSTED),
        ("digest", "C0KOMP", Delivery.POSTED),
        ("overview", COORDINATION, Delivery.POSTED),
    }
    [post] = posts_to(fake_slack, "C0BOSTAD")
    text = text_of(post)
    assert text.index(f"#{result}") < text.index(f"#{activity}")
    assert "2026-11-25 · U0BERIT" in text  # fake users.info: real_name is the id
    assert "&lt;!channel&gt; &amp; goda exempel" in text and "<!channel>" not in text
    assert "1 resultat · 1 aktivitet" in text
    assert posts_to(fake_slack, "C0KOMP") == []  # nothing logged: no post by default
    with services.db.read() as session:
        row = ledger.get_post(session, kind="digest", period="2026-W48", channel_id="C0BOSTAD")
    assert row is not None and row.status == PostStatus.POSTED and row.ts == post.response["ts"]


def test_empty_weeks_are_posted_when_asked(services: Services, client: WebClient, fake_slack: LoopbackSlack) -> None:
    services = replace(services, settings=replace(services.settings, digest_empty="post"))
    post_due_digests(services, client, now=local(2026, 11, 30, 8, 0))
    [post] = posts_to(fake_slack, "C0KOMP")
    assert "Inget loggat den här veckan" in text_of(post)


def test_after_a_restart_a_missed_digest_is_posted_once_within_the_catch_up_window(
    services: Services, client: WebClient, fake_slack: LoopbackSlack
) -> None:
    log(services, "bostad", "Workshop", local(2026, 11, 25, 14))
    # The bot was down on Monday at 08:00 and comes back on Wednesday.
    first = post_due_digests(services, client, now=local(2026, 12, 2, 10, 0))
    again = post_due_digests(services, client, now=local(2026, 12, 2, 10, 1))
    assert [o.delivery for o in first if o.channel_id == "C0BOSTAD"] == [Delivery.POSTED]
    assert [o.delivery for o in again if o.channel_id == "C0BOSTAD"] == [Delivery.ALREADY]
    assert len(posts_to(fake_slack, "C0BOSTAD")) == 1


def test_a_digest_older_than_the_catch_up_window_is_not_posted(
    services: Services, client: WebClient, fake_slack: LoopbackSlack
) -> None:
    log(services, "bostad", "Workshop", local(2026, 11, 25, 14))
    assert post_due_digests(services, client, now=local(2026, 12, 3, 8, 1)) == []
    assert fake_slack.calls_to("chat.postMessage") == []


@pytest.mark.parametrize("status", [429, 500])
def test_429_or_500_then_ok_posts_once(
    services: Services, client: WebClient, fake_slack: LoopbackSlack, status: int
) -> None:
    log(services, "bostad", "Workshop", local(2026, 11, 25, 14))
    fake_slack.fail("chat.postMessage", status=status, retry_after=1 if status == 429 else None)
    post_digests(services, client, week=Week(2026, 48), group_key="bostad", now=local(2026, 11, 30, 8))
    calls = posts_to(fake_slack, "C0BOSTAD")
    assert len(calls) == 2  # the failed try, then the one Slack took
    if status == 429:
        assert calls[1].at - calls[0].at >= 0.9  # Retry-After honoured
    with services.db.read() as session:
        row = ledger.get_post(session, kind="digest", period="2026-W48", channel_id="C0BOSTAD")
    assert row is not None and row.status == PostStatus.POSTED and row.ts


def test_what_still_fails_is_retried_on_a_later_tick_once(
    services: Services, client: WebClient, fake_slack: LoopbackSlack
) -> None:
    log(services, "bostad", "Workshop", local(2026, 11, 25, 14))
    fake_slack.fail("chat.postMessage", status=500, times=4)  # more than the client's own retries
    monday = local(2026, 11, 30, 8, 0)
    [first] = post_digests(services, client, week=Week(2026, 48), group_key="bostad", now=monday)
    assert first.delivery is Delivery.FAILED
    [early] = post_digests(services, client, week=Week(2026, 48), group_key="bostad", now=monday)
    assert early.delivery is Delivery.WAITING  # backing off: not posted, and said so (never "already")
    [later] = post_due_digests(services, client, now=monday + timedelta(minutes=5))[:1]
    assert later.delivery is Delivery.POSTED
    assert len(posts_to(fake_slack, "C0BOSTAD")) == 5  # 4 failures, 1 success
    [more] = post_due_digests(services, client, now=monday + timedelta(minutes=6))[:1]
    assert more.delivery is Delivery.ALREADY


def test_a_long_week_is_split_into_a_thread_and_resumes_without_repeating(
    services: Services, client: WebClient, fake_slack: LoopbackSlack
) -> None:
    for n in range(500):
        log(services, "bostad", f"Post {n} " + "å" * 120, local(2026, 11, 24, 9) + timedelta(minutes=n))
    fake_slack.fail("chat.postMessage", error="internal_error", times=1)  # fails part 1 once: ok false
    monday = local(2026, 11, 30, 8, 0)
    post_digests(services, client, week=Week(2026, 48), group_key="bostad", now=monday)
    with services.db.read() as session:
        row = ledger.get_post(session, kind="digest", period="2026-W48", channel_id="C0BOSTAD")
    assert row is not None and row.status == PostStatus.FAILED
    parts = len(row.messages)
    assert parts > 1
    fake_slack.clear()
    post_due_digests(services, client, now=monday + timedelta(minutes=3))
    calls = posts_to(fake_slack, "C0BOSTAD")
    assert len(calls) == parts
    first_ts = calls[0].response["ts"]
    assert "thread_ts" not in calls[0].args
    assert all(call.args["thread_ts"] == first_ts for call in calls[1:])
    shown = " ".join(text_of(call) for call in calls)
    assert all(f"Post {n} " in shown for n in range(500))
    for call in calls:
        blocks = blocks_of(call)
        assert len(blocks) <= 50
        for block in blocks:
            Block.parse(block).validate_json()  # type: ignore[union-attr]


def test_a_failure_mid_thread_resumes_after_the_parts_slack_took(
    services: Services, client: WebClient, fake_slack: LoopbackSlack
) -> None:
    for n in range(300):
        log(services, "bostad", f"Rad {n} " + "ö" * 150, local(2026, 11, 24, 9) + timedelta(minutes=n))
    monday = local(2026, 11, 30, 8, 0)
    parts = len(render_group_digest(services, group_key="bostad", week=Week(2026, 48), author=str))
    assert parts >= 3
    fake_slack.fail_after("chat.postMessage", ok_calls=2, error="internal_error")
    [first] = post_digests(services, client, week=Week(2026, 48), group_key="bostad", now=monday)
    assert first.delivery is Delivery.FAILED
    [second] = post_digests(services, client, week=Week(2026, 48), group_key="bostad", now=monday + timedelta(hours=1))
    assert second.delivery is Delivery.POSTED
    sent = [call for call in posts_to(fake_slack, "C0BOSTAD") if call.response_ok]
    assert len(sent) == parts  # every part once: none repeated, none lost
    headers = [text_of(call) for call in sent]
    assert len(set(headers)) == parts


def test_force_posts_again(services: Services, client: WebClient, fake_slack: LoopbackSlack) -> None:
    log(services, "bostad", "Workshop", local(2026, 11, 25, 14))
    week, monday = Week(2026, 48), local(2026, 11, 30, 8, 0)
    post_digests(services, client, week=week, group_key="bostad", now=monday)
    [again] = post_digests(services, client, week=week, group_key="bostad", now=monday)
    [forced] = post_digests(services, client, week=week, group_key="bostad", now=monday, force=True)
    assert (again.delivery, forced.delivery) == (Delivery.ALREADY, Delivery.POSTED)
    assert len(posts_to(fake_slack, "C0BOSTAD")) == 2


# ---------------------------------------------------------------- the coordinator's overview


def test_the_overview_counts_shows_newest_results_and_flags_silent_groups(services: Services) -> None:
    log(services, "bostad", "Workshop", local(2026, 11, 25, 14))
    log(services, "bostad", "Möte", local(2026, 11, 26, 9), EntryKind.ACTIVITY)
    log(services, "kompetens", "Industrinatten beslutad " + "x" * 300, local(2026, 10, 20, 9))
    log(services, "sysselsattning", "Kartläggning klar", local(2026, 11, 10, 9))
    [message] = render_overview(services, week=Week(2026, 48))
    text = json.dumps(message["blocks"], ensure_ascii=False)
    assert "*Stimulera ökat bostadsbyggande* (`bostad`): 1 resultat, 1 aktivitet" in text
    assert "Senaste resultat 2026-11-25" in text
    assert re.search(r"Industrinatten beslutad x{100,}…", text)  # long text shortened, and says so
    assert "kompetens`): 0 resultat, 0 aktiviteter" in text and "tyst i 5 veckor" in text
    assert "sysselsattning`): 0 resultat" in text and "tyst i 2 veckor" not in text
    assert text.count("inget loggat ännu") == 6  # naringsliv, op, strukturplan, transport, praktisk, forum
    assert "migration" not in text  # closed groups are not in the overview


def test_in_the_follow_up_season_the_overview_counts_not_started_drafts_and_approved(services: Services) -> None:
    from storage import plans

    now = local(2026, 11, 20, 9)
    [before] = render_overview(services, week=Week(2026, 48))
    assert "Årsuppföljningen" not in json.dumps(before["blocks"], ensure_ascii=False)  # no follow-up open
    with services.db.write() as session:
        plans.start_followup(session, year=2026, deadline=date(2026, 11, 30), actor="U0C", now=now)
        for key in ("bostad", "kompetens"):
            plans.submit_statement(session, group_key=key, year=2026, parts={"other": "x"}, actor="U0B", now=now)
        plans.approve_statement(session, group_key="kompetens", year=2026, version=1, actor="U0L", now=now)
    [message] = render_overview(services, week=Week(2026, 48))
    totals = message["blocks"][1]["elements"][0]["text"]
    assert totals.endswith("\nÅrsuppföljningen 2026: inte påbörjade: 7 · utkast: 1 · godkända: 1"), totals
    with services.db.write() as session:
        plans.close_followup(session, year=2026, actor="U0C", now=now)
    [closed] = render_overview(services, week=Week(2026, 48))
    assert "Årsuppföljningen" not in json.dumps(closed["blocks"], ensure_ascii=False)


# ---------------------------------------------------------------- real processes, the command line


def mlr_bot_process(
    args: list[str], *, database_url: str, fake: LoopbackSlack, cwd: Path, extra: dict[str, str] | None = None
) -> subprocess.Popen[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "MLR_", "DATABASE_URL", "PORT"))}
    env = {
        **clean,
        "DATABASE_URL": database_url,
        "SLACK_BOT_TOKEN": "xoxb-test",
        "SLACK_API_URL": fake.api_url,
        "MLR_COORDINATOR_CHANNEL": COORDINATION,
        **(extra or {}),
    }
    return subprocess.Popen(
        [sys.executable, "-m", "bot", *args],
        cwd=cwd,
        env=env,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def finish(process: subprocess.Popen[str]) -> tuple[int, str, str]:
    out, err = process.communicate(timeout=120)
    return process.returncode, out, err


def test_two_processes_on_one_database_post_every_digest_once(
    services: Services, fake_slack: LoopbackSlack, tmp_path: Path
) -> None:
    for n in range(120):  # long enough to be several messages, so the race spans several calls
        log(services, "bostad", f"Resultat {n} " + "ä" * 200, local(2026, 11, 24, 9) + timedelta(minutes=n))
    log(services, "kompetens", "Industrinatten", local(2026, 11, 25, 9))
    url = services.db.url
    processes = [
        mlr_bot_process(
            ["digest", "due", "--now", "2026-11-30T08:00:30+01:00"], database_url=url, fake=fake_slack, cwd=tmp_path
        )
        for _ in range(2)
    ]
    results = [finish(process) for process in processes]
    assert all(code == 0 for code, _, _ in results), results
    bostad_parts = len(render_group_digest(services, group_key="bostad", week=Week(2026, 48), author=str))
    assert bostad_parts > 1
    assert len(posts_to(fake_slack, "C0BOSTAD")) == bostad_parts
    assert len(posts_to(fake_slack, "C0KOMP")) == 1
    assert len(posts_to(fake_slack, COORDINATION)) == 1
    said = "".join(out for _, out, _ in results)
    assert said.count("digest 2026-W48 → C0BOSTAD: posted") == 1
    assert said.count("digest 2026-W48 → C0BOSTAD: already") == 1


def test_digest_cli_previews_posts_once_and_forces(
    services: Services, fake_slack: LoopbackSlack, tmp_path: Path
) -> None:
    log(services, "bostad", "Workshop om goda exempel", local(2026, 11, 25, 14))
    url = services.db.url
    code, out, err = finish(
        mlr_bot_process(
            ["digest", "preview", "--week", "2026-W48", "--group", "bostad"],
            database_url=url,
            fake=fake_slack,
            cwd=tmp_path,
        )
    )
    assert code == 0, err
    assert "Veckosammanfattning v. 48 (23–29 november 2026): Stimulera ökat bostadsbyggande" in out
    assert "Workshop om goda exempel" in out and "U0ANNA" in out
    assert fake_slack.calls == []  # a preview talks to nobody

    post = ["digest", "post", "--week", "2026-W48", "--group", "bostad"]
    first = finish(mlr_bot_process(post, database_url=url, fake=fake_slack, cwd=tmp_path))
    second = finish(mlr_bot_process(post, database_url=url, fake=fake_slack, cwd=tmp_path))
    forced = finish(mlr_bot_process([*post, "--force"], database_url=url, fake=fake_slack, cwd=tmp_path))
    assert "C0BOSTAD: posted" in first[1] and "C0BOSTAD: already" in second[1] and "C0BOSTAD: posted" in forced[1]
    assert len(posts_to(fake_slack, "C0BOSTAD")) == 2


@pytest.mark.parametrize(
    ("args", "complaint"),
    [
        (["digest", "preview", "--week", "2026-W54"], "2026 har ingen vecka 54"),
        (["digest", "post", "--week", "47"], "'47' är ingen vecka"),
        (["digest", "preview", "--group", "bostäder"], "det finns ingen grupp 'bostäder'"),
        (["digest", "due", "--now", "i morgon"], "--now ska vara en tid enligt ISO 8601"),
    ],
)
def test_digest_cli_refuses_bad_input_in_one_line(
    services: Services, fake_slack: LoopbackSlack, tmp_path: Path, args: list[str], complaint: str
) -> None:
    code, _, err = finish(mlr_bot_process(args, database_url=services.db.url, fake=fake_slack, cwd=tmp_path))
    assert code == 2 and complaint in err and "Traceback" not in err


def test_jobs_command_lists_the_next_monday_in_stockholm_time(
    services: Services, fake_slack: LoopbackSlack, tmp_path: Path
) -> None:
    code, out, err = finish(mlr_bot_process(["jobs"], database_url=services.db.url, fake=fake_slack, cwd=tmp_path))
    assert code == 0, err
    match = re.search(r"weekly_digests\s+nästa (\d{4}-\d{2}-\d{2}) 08:00 (CET|CEST) \((\w+)\)", out)
    assert match, out
    assert date.fromisoformat(match.group(1)).weekday() == 0 or "flyttad från" in out
    assert "scheduled_posts" in out


# ---------------------------------------------------------------- Slack refuses a scheduled post


@pytest.mark.parametrize(
    ("error", "extra", "advice"),
    [
        ("not_in_channel", {}, "Bjud in boten till kanalen"),
        ("channel_not_found", {}, "Kanalen finns inte längre eller är arkiverad"),
        ("is_archived", {}, "Kanalen finns inte längre eller är arkiverad"),
        ("missing_scope", {"needed": "chat:write.public"}, "saknar en behörighet (chat:write.public)"),
        ("msg_too_long", {}, "Slack tog inte emot meddelandet"),
        ("invalid_blocks", {}, "Slack tog inte emot meddelandet"),
    ],
)
def test_a_post_slack_refuses_is_told_to_the_coordinator_once_and_never_marked_posted(
    services: Services, client: WebClient, fake_slack: LoopbackSlack, error: str, extra: dict[str, str], advice: str
) -> None:
    log(services, "bostad", "Workshop", local(2026, 11, 25, 14))
    fake_slack.fail("chat.postMessage", error=error, channel="C0BOSTAD", times=100, extra=extra)
    monday = local(2026, 11, 30, 8, 0)
    outcomes = post_digests(services, client, week=Week(2026, 48), now=monday)
    [digest] = [o for o in outcomes if o.channel_id == "C0BOSTAD"]
    assert digest.delivery is Delivery.FAILED and digest.error == error
    for minutes in (1, 5, 30, 120):  # later ticks: waiting, then tried again, still refused
        post_due_digests(services, client, now=monday + timedelta(minutes=minutes))
    [notice] = [c for c in posts_to(fake_slack, COORDINATION) if "kom inte fram" in c.args["text"]]
    assert "<#C0BOSTAD>" in notice.args["text"] and f"`{error}`" in notice.args["text"]
    assert advice in notice.args["text"] and "Veckosammanfattningen för 2026-W48" in notice.args["text"]
    assert len(posts_to(fake_slack, "C0BOSTAD")) > 1  # the post itself is still retried
    with services.db.read() as session:
        row = ledger.get_post(session, kind="digest", period="2026-W48", channel_id="C0BOSTAD")
    assert row is not None and row.status == PostStatus.FAILED and error in (row.last_error or "")


@pytest.mark.parametrize("error", ["invalid_auth", "token_revoked", "account_inactive"])
def test_a_refused_token_is_logged_once_and_told_to_nobody_in_slack(
    services: Services, client: WebClient, fake_slack: LoopbackSlack, caplog: pytest.LogCaptureFixture, error: str
) -> None:
    log(services, "bostad", "Workshop", local(2026, 11, 25, 14))
    fake_slack.fail("chat.postMessage", error=error, times=100)
    monday = local(2026, 11, 30, 8, 0)
    undelivered.logged_token_errors.clear()  # once per process: this test stands for a fresh one
    with caplog.at_level("ERROR", logger="bot.jobs.undelivered"):
        for minutes in (0, 5, 30):
            post_due_digests(services, client, now=monday + timedelta(minutes=minutes))
    assert [r.message for r in caplog.records].count(
        f"Slack refused the bot's token ({error}): nothing can be posted until it is mended"
    ) == 1
    assert [c.args["text"] for c in fake_slack.calls_to("chat.postMessage") if "kom inte fram" in c.args["text"]] == []
    with services.db.read() as session:
        assert [p.kind for p in ledger.list_posts(session) if p.messages and p.status == PostStatus.POSTED] == []


def test_digest_post_right_after_a_refusal_says_not_posted_and_fails(
    services: Services, fake_slack: LoopbackSlack, tmp_path: Path
) -> None:
    log(services, "bostad", "Workshop om goda exempel", local(2026, 11, 25, 14))
    fake_slack.fail("chat.postMessage", error="channel_not_found", channel="C0BOSTAD", times=100)
    args = ["digest", "post", "--week", "2026-W48", "--group", "bostad"]
    first = finish(mlr_bot_process(args, database_url=services.db.url, fake=fake_slack, cwd=tmp_path))
    again = finish(mlr_bot_process(args, database_url=services.db.url, fake=fake_slack, cwd=tmp_path))
    for code, out, _ in (first, again):
        assert code == 1, out
        assert "already" not in out
    assert "digest 2026-W48 → C0BOSTAD: failed" in first[1] and "channel_not_found" in first[1]
    assert "digest 2026-W48 → C0BOSTAD: not posted" in again[1] and "channel_not_found" in again[1]


@pytest.mark.parametrize("error", ["user_not_found", "missing_scope"])
def test_an_author_slack_cannot_name_is_shown_by_id_and_the_digest_still_goes_out(
    services: Services, client: WebClient, fake_slack: LoopbackSlack, error: str
) -> None:
    log(services, "bostad", "Workshop", local(2026, 11, 25, 14), user="U0GONE")
    fake_slack.fail("users.info", error=error, times=10)
    [digest] = [
        o
        for o in post_digests(services, client, week=Week(2026, 48), now=local(2026, 11, 30, 8))
        if o.channel_id == "C0BOSTAD"
    ]
    assert digest.delivery is Delivery.POSTED
    [posted] = posts_to(fake_slack, "C0BOSTAD")
    assert "U0GONE" in text_of(posted) and "<@U0GONE>" not in text_of(posted)  # named, not pinged
