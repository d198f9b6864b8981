"""Hostile and broken input: the parser under arbitrary text, and requests no honest Slack sends."""

from __future__ import annotations

import http.client
import io
import json
import time
from urllib.parse import urlencode, urlsplit

import docx
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.loopback_slack import LoopbackSlack
from core.commands import SUBCOMMANDS, LogEntry, UsageError, parse_command, unescape_slack
from handlers import ids
from storage.db import Database
from storage.entries import list_entries
from storage.models import MAX_TEXT_LENGTH
from tests.e2e.test_commands import (
    answer_text,
    linked_channel,
    new_channel,
    new_user,
    view_submission,
    wait_for_calls,
)
from tests.harness import COORDINATOR, BotProcess, post, signed_headers

words = st.sampled_from([*SUBCOMMANDS, "grupp:bostad", "datum:2026-01-01", "(2)", "kommuner:Lund", "--vecka", "#12"])


@settings(max_examples=600, deadline=None)
@given(st.lists(st.one_of(words, st.text()), max_size=8).map(" ".join))
def test_the_parser_answers_any_text_with_a_command_or_a_usage_error(text: str) -> None:
    result = parse_command(unescape_slack(text))
    assert result is not None
    if isinstance(result, UsageError):
        assert result.key.startswith("error.")
    if isinstance(result, LogEntry):
        assert result.text.strip() and len(result.text) <= MAX_TEXT_LENGTH


def entries_in(bot: BotProcess, channel: str) -> list:
    db = Database(bot.database_url)
    with db.read() as session:
        found = [e for e in list_entries(session, include_deleted=True) if e.channel_id == channel]
    db.dispose()
    return found


def test_sql_looking_text_is_stored_as_text(bot: BotProcess) -> None:
    channel = linked_channel(bot, "bostad")
    text = "Robert'); DROP TABLE entries;-- \" OR 1=1 /* åäö */"
    assert bot.command(f"resultat {text}", user_id=new_user(), channel_id=channel).json()["response_type"] == (
        "in_channel"
    )
    [entry] = entries_in(bot, channel)
    assert entry.text == text


def test_a_100_kb_text_is_refused_and_a_2_mb_body_is_not_read(bot: BotProcess) -> None:
    channel = linked_channel(bot, "bostad")
    answer = bot.command("resultat " + "x" * 100_000, user_id=new_user(), channel_id=channel).json()
    assert "Texten är 100000 tecken" in answer_text(answer)
    body = urlencode(
        {"command": "/mlr", "text": "resultat " + "y" * 2_000_000, "user_id": COORDINATOR, "channel_id": channel}
    ).encode()
    # The headers alone announce the size: the server answers 413 before a byte of the body is sent,
    # so the answer does not depend on socket buffers or on how fast either side is.
    assert answer_before_body(bot.url, body, signed_headers(body.decode())) == 413
    # A client that sends the whole body regardless either reads the 413 or finds the connection
    # closed under it; both mean the body was not read.
    assert send_whole_body(bot.url, body, signed_headers(body.decode())) in (413, "closed")
    assert entries_in(bot, channel) == []
    assert bot.command("resultat Efter det stora", user_id=new_user(), channel_id=channel).status == 200
    assert [e.text for e in entries_in(bot, channel)] == ["Efter det stora"]


def _connection(url: str, body: bytes, headers: dict[str, str]) -> http.client.HTTPConnection:
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=15)
    connection.putrequest("POST", "/slack/events")
    for name, value in {**headers, "Content-Length": str(len(body))}.items():
        connection.putheader(name, value)
    connection.endheaders()
    return connection


def answer_before_body(url: str, body: bytes, headers: dict[str, str]) -> int:
    connection = _connection(url, body, headers)
    try:
        return connection.getresponse().status
    finally:
        connection.close()


def send_whole_body(url: str, body: bytes, headers: dict[str, str]) -> int | str:
    connection = _connection(url, body, headers)
    try:
        connection.send(body)
        return connection.getresponse().status
    except (BrokenPipeError, ConnectionResetError):
        return "closed"
    finally:
        connection.close()


def test_broken_form_encoding_is_refused_without_harm(bot: BotProcess) -> None:
    channel = linked_channel(bot, "bostad")
    for body in ("command=%2Fmlr&text=%ZZ%&&==&channel_id=" + channel, "%%%%", "payload=%7Bnot-json", "\xff\xfe"):
        response = post(bot.url + "/slack/events", body, signed_headers(body))
        assert response.status in (200, 400, 404), (body, response)
    assert entries_in(bot, channel) == []
    assert bot.command("hjälp").status == 200  # and the bot is still answering


def test_a_replayed_signed_request_is_refused(bot: BotProcess) -> None:
    channel = linked_channel(bot, "bostad")
    body = urlencode(
        {
            "command": "/mlr",
            "text": "resultat Bara en gång",
            "user_id": new_user(),
            "channel_id": channel,
            "team_id": "T0MLR",
            "trigger_id": "1.2.3",
            "response_url": "",
        }
    )
    headers = signed_headers(body)
    assert post(bot.url + "/slack/events", body, headers).status == 200
    assert post(bot.url + "/slack/events", body, headers).status == 401
    assert [e.text for e in entries_in(bot, channel)] == ["Bara en gång"]


def test_a_forged_ssl_check_does_nothing(bot: BotProcess) -> None:
    channel = linked_channel(bot, "bostad")
    body = f"ssl_check=1&token=forged&command=%2Fmlr&text=resultat+Smuggel&channel_id={channel}&user_id={COORDINATOR}"
    unsigned = post(bot.url + "/slack/events", body, {"Content-Type": "application/x-www-form-urlencoded"})
    signed = post(bot.url + "/slack/events", body, signed_headers(body))
    # Bolt answers an ssl_check with an empty 200 before anything else runs: no command is handled.
    assert (unsigned.status, unsigned.body) == (200, "")
    assert (signed.status, signed.body) == (200, "")
    assert entries_in(bot, channel) == []


def retried_headers(body: str, *, attempt: int) -> dict[str, str]:
    """What Slack sends when it retries a request it heard no answer to in time: the same body,
    signed anew a little later, with the retry's number and reason."""
    return {
        **signed_headers(body, timestamp=int(time.time()) + attempt),
        "X-Slack-Retry-Num": str(attempt),
        "X-Slack-Retry-Reason": "http_timeout",
    }


def test_a_slash_command_slack_retries_is_handled_once(bot: BotProcess) -> None:
    channel = linked_channel(bot, "bostad")
    body = urlencode(
        {
            "command": "/mlr",
            "text": "resultat Bara en gång trots omförsök",
            "user_id": new_user(),
            "channel_id": channel,
            "team_id": "T0MLR",
            "trigger_id": "retry.1.2",
            "response_url": "",
        }
    )
    first = post(bot.url + "/slack/events", body, signed_headers(body))
    assert first.status == 200 and "Bara en gång trots omförsök" in answer_text(first.json())
    for attempt in (1, 2):
        retried = post(bot.url + "/slack/events", body, retried_headers(body, attempt=attempt))
        assert (retried.status, retried.body) == (200, "")
    assert [e.text for e in entries_in(bot, channel)] == ["Bara en gång trots omförsök"]


def test_an_event_slack_retries_is_handled_once(bot: BotProcess, fake_slack: LoopbackSlack) -> None:
    user = new_user()
    body = json.dumps(
        {
            "token": "legacy",
            "team_id": "T0MLR",
            "api_app_id": "A0MLR",
            "event": {"type": "app_home_opened", "user": user, "channel": "D0RETRY", "tab": "home", "event_ts": "1.2"},
            "type": "event_callback",
            "event_id": "Ev0RETRY1",
            "event_time": int(time.time()),
        }
    )
    json_headers = signed_headers(body, content_type="application/json")
    assert post(bot.url + "/slack/events", body, json_headers).status == 200
    retried = {**retried_headers(body, attempt=1), "Content-Type": "application/json"}
    assert post(bot.url + "/slack/events", body, retried).status == 200
    wait_for_calls(fake_slack, "views.publish", 1, where=lambda call: call.args.get("user_id") == user)
    # a retry is answered at once, and the first delivery's publish is the only one that comes
    time.sleep(0.5)
    assert len([c for c in fake_slack.calls_to("views.publish") if c.args.get("user_id") == user]) == 1


def test_a_report_with_long_unbroken_words_reaches_the_coordinator(bot: BotProcess, fake_slack: LoopbackSlack) -> None:
    """A coordinator's revised plan with a 90-character URL and a long compound in its goal and description, and
    another group's result with them: `/mlr rapport` sends the Word document, every word of it whole in its cell."""
    url = "https://www.malmolundregionen.se/verksamhetsplan/2017/bostadsbyggande/business-arena-stockholm-2017"
    compound = "Bostadsbyggnadssamverkansöverenskommelseuppföljningsrapporten"
    fake_slack.clear()
    bot.command("plan bostad 2020", trigger_id="17.long.plan")
    [opened] = wait_for_calls(fake_slack, "views.open", 1, where=lambda c: c.args.get("trigger_id") == "17.long.plan")
    view = opened.args["view"] if isinstance(opened.args["view"], dict) else json.loads(opened.args["view"])
    goal, description = f"Fler bostäder, se {url} och {compound}", f"Business Arena: {url} {compound}"

    def typed(block_id: str, value: str) -> dict:
        return {block_id: {ids.PLAN_ACTION: {"type": "plain_text_input", "value": value}}}

    values = typed(ids.PLAN_GOAL_BLOCK, goal) | typed(ids.PLAN_DESCRIPTION_BLOCK, description)
    submitted = bot.interaction(view_submission(view, user_id=COORDINATOR, values=values))
    assert submitted.status == 200 and submitted.body in ("", "{}")
    channel = linked_channel(bot, "bostad")
    result = "Mässan i Stockholm genomförd."
    logged = bot.command(f"resultat datum:2020-05-04 {result}", user_id=COORDINATOR, channel_id=channel).json()
    assert logged["response_type"] == "in_channel"
    long_result = f"Strukturplanen publicerad: {url} {compound}"
    bot.command(f"resultat grupp:op datum:2020-06-01 {long_result}", user_id=COORDINATOR, channel_id=new_channel())

    asked = bot.command("rapport 2020", channel_id=new_channel()).json()
    assert "Rapporten för 2020 tas fram" in answer_text(asked)
    [complete] = wait_for_calls(fake_slack, "files.completeUploadExternal", 1, timeout=30)
    assert complete.args["channel_id"] == f"D{COORDINATOR}"
    assert not [c for c in fake_slack.calls_to("chat.postMessage") if "gick fel" in json.dumps(c.args)]
    [uploaded] = fake_slack.uploads.values()
    document = docx.Document(io.BytesIO(uploaded))
    cells = {row.cells[0].text.split("\n")[0]: [c.text for c in row.cells] for t in document.tables for row in t.rows}
    logged_note = "Ingen redovisning inlämnad; loggade resultat:"
    assert cells["ÖP-gruppen"][-1] == f"{logged_note}\n2020\u201106\u201101: {long_result}"
    assert cells["Stimulera ökat bostadsbyggande"][1:] == [
        goal,
        description,
        f"{logged_note}\n2020\u201105\u201104: {result}",
    ]
