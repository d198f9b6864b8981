"""The coordinator's view and corrections end to end: status, lists with paging, search, edit,
delete and history, the message shortcut and the App Home."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from datetime import date

import pytest
from slack_sdk.models.views import View

from bot.jobs.digests import render_group_digest
from bot.loopback_slack import LoopbackSlack
from core.dates import Week
from core.report import build_report, render
from handlers import ids
from handlers.context import Services
from storage import audit
from storage.db import Database
from storage.entries import get_entry
from storage.report import read_report_rows
from tests.e2e.test_commands import answer_text, linked_channel, new_channel, new_user, wait_for_calls
from tests.harness import COORDINATOR, BotProcess, again_if_the_week_turned


def log_entry(bot: BotProcess, text: str, *, user: str, channel: str) -> int:
    answer = bot.command(f"resultat {text}", user_id=user, channel_id=channel).json()
    assert answer["response_type"] == "in_channel", answer
    return int(answer_text(answer).split("*#")[1].split("*")[0])


def view_of(call: object) -> dict:
    view = call.args["view"]  # type: ignore[attr-defined]
    return view if isinstance(view, dict) else json.loads(view)


def click(bot: BotProcess, fake: LoopbackSlack, *, user: str, action_id: str, value: str, name: str) -> None:
    bot.interaction(
        {
            "type": "block_actions",
            "user": {"id": user},
            "team": {"id": "T0MLR"},
            "api_app_id": "A0MLR",
            "trigger_id": f"trigger-{name}",
            "response_url": fake.response_url(name),
            "container": {"type": "message_attachment"},
            "channel": {"id": "C0ANY"},
            "actions": [{"type": "button", "action_id": action_id, "value": value, "block_id": "b", "action_ts": "1"}],
        }
    )


def response_to(fake: LoopbackSlack, name: str) -> dict:
    calls = wait_for_calls(fake, "response_url", 1, where=lambda call: call.path.endswith("/" + name))
    return _message(calls[-1].args)


def _message(args: dict) -> dict:
    return {**args, "blocks": json.loads(args["blocks"]) if isinstance(args.get("blocks"), str) else args.get("blocks")}


# ---------------------------------------------------------------- status


@again_if_the_week_turned
def test_status_for_a_coordinator_shows_every_active_group(bot: BotProcess) -> None:
    channel = linked_channel(bot, "kompetens")
    log_entry(bot, "Industrinatten beslutad", user=new_user(), channel=channel)
    answer = bot.command("status", channel_id=new_channel()).json()
    text = json.dumps(answer["blocks"], ensure_ascii=False)
    assert answer["response_type"] == "ephemeral"
    for key in ("kompetens", "bostad", "sysselsattning", "naringsliv", "op", "forum"):
        assert f"(`{key}`)" in text
    assert "(`migration`)" not in text
    assert "1 post loggad i veckan" in text and "senaste resultat" in text


def test_status_for_a_member_shows_the_channels_group_only(bot: BotProcess) -> None:
    channel, member = linked_channel(bot, "transport"), new_user()
    mine = bot.command("status", user_id=member, channel_id=channel).json()
    text = json.dumps(mine["blocks"], ensure_ascii=False)
    assert "(`transport`)" in text and "(`kompetens`)" not in text
    other = bot.command("status kompetens", user_id=member, channel_id=channel).json()
    assert "Du ser status för grupperna vars kanaler du är med i" in answer_text(other)
    nowhere = bot.command("status", user_id=member, channel_id=new_channel()).json()
    assert "skriv `/mlr status` i en gruppkanal" in answer_text(nowhere)


def test_status_of_a_past_year_heads_with_the_year_and_its_latest_result_by_the_day_it_happened(
    bot: BotProcess,
) -> None:
    channel, member = linked_channel(bot, "sysselsattning"), new_user()
    october = log_entry(bot, "datum:2016-10-20 Handlingsplan framtagen", user=member, channel=channel)
    log_entry(bot, "datum:2016-03-01 Kartläggning klar", user=member, channel=channel)  # logged last, happened first
    bot.command("resultat grupp:migration datum:2016-12-01 Kunskapsbas framtagen", channel_id=new_channel())

    one = bot.command("status sysselsattning 2016", user_id=member, channel_id=channel).json()
    assert one["blocks"][0]["text"]["text"] == "Sysselsättning och arbetsmarknad: läget 2016"
    line = answer_text(one)
    assert "2 poster daterade 2016" in line and f"senaste resultat 2016-10-20 (#{october})" in line
    assert "i veckan" not in line and "tyst i" not in line
    assert "Senaste resultatet: Handlingsplan framtagen" in line

    every = bot.command("status 2016", channel_id=new_channel()).json()
    assert every["blocks"][0]["text"]["text"] == "Läget 2016"
    text = json.dumps(every["blocks"], ensure_ascii=False)
    assert "(`migration`)" in text and "1 post daterad 2016" in text  # closed on 2016-12-31: part of 2016
    this_year = bot.command("status", channel_id=new_channel()).json()
    assert this_year["blocks"][0]["text"]["text"].startswith("Läget v. ")


def test_a_list_of_a_year_heads_with_the_year_and_an_empty_one_names_the_years_with_entries(
    bot: BotProcess,
) -> None:
    channel, member = linked_channel(bot, "sysselsattning"), new_user()
    log_entry(bot, "datum:2016-05-04 Seminarium om etablering", user=member, channel=channel)
    listed = bot.command("lista --år 2016", user_id=member, channel_id=channel).json()
    heading = listed["blocks"][0]
    assert (heading["type"], heading["text"]["text"]) == ("header", "Poster 2016 · sysselsattning")
    assert "Seminarium om etablering" in json.dumps(listed["blocks"], ensure_ascii=False)
    empty = bot.command("lista --år 2015", user_id=member, channel_id=channel).json()
    assert answer_text(empty) == (
        "Poster 2015 · sysselsattning\nInga poster · sysselsattning · 2015. Det finns poster för 2016."
    )


# ---------------------------------------------------------------- lists, paging and search


def test_a_long_list_pages_with_buttons_and_loses_nothing(bot: BotProcess, fake_slack: LoopbackSlack) -> None:
    channel, member = linked_channel(bot, "forum"), new_user()
    ids_logged = [log_entry(bot, f"Forummöte nummer {n}", user=member, channel=channel) for n in range(45)]
    first = bot.command("lista forum", user_id=member, channel_id=channel).json()
    assert "Poster 1–20 av 45" in json.dumps(first["blocks"], ensure_ascii=False)
    seen = _entry_ids(first["blocks"])
    [next_button] = [e for b in first["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert next_button["action_id"] == ids.PAGE_NEXT
    click(bot, fake_slack, user=member, action_id=ids.PAGE_NEXT, value=next_button["value"], name="page2")
    second = response_to(fake_slack, "page2")
    assert second["replace_original"] in (True, "true") and "Poster 21–40 av 45" in json.dumps(
        second["blocks"], ensure_ascii=False
    )
    seen += _entry_ids(second["blocks"])
    buttons = [e for b in second["blocks"] if b["type"] == "actions" for e in b["elements"]]
    # previous and next, each with its own action_id (Slack wants them unique within the block)
    assert [button["action_id"] for button in buttons] == [ids.PAGE_PREVIOUS, ids.PAGE_NEXT]
    click(bot, fake_slack, user=member, action_id=ids.PAGE_PREVIOUS, value=buttons[0]["value"], name="back1")
    back = response_to(fake_slack, "back1")
    assert "Poster 1–20 av 45" in json.dumps(back["blocks"], ensure_ascii=False)
    assert _entry_ids(back["blocks"]) == _entry_ids(first["blocks"])
    click(bot, fake_slack, user=member, action_id=ids.PAGE_NEXT, value=buttons[1]["value"], name="page3")
    third = response_to(fake_slack, "page3")
    seen += _entry_ids(third["blocks"])
    assert sorted(seen) == sorted(ids_logged)  # every entry exactly once across the pages


def test_a_list_of_long_entries_pages_by_size_and_loses_nothing(bot: BotProcess, fake_slack: LoopbackSlack) -> None:
    """20 entries of 300 shown characters of `&<>` are over 30,000 characters escaped: a page holds
    fewer, the next page starts where it stopped, and every entry is shown once."""
    channel, member = linked_channel(bot, "transport"), new_user()
    ids_logged = [log_entry(bot, f"{n} " + "&<>" * 150, user=member, channel=channel) for n in range(25)]
    seen: list[int] = []
    page = bot.command("lista transport", user_id=member, channel_id=channel).json()
    for number in range(1, 30):
        blocks = page["blocks"]
        text = sum(len(t) for t in re.findall(r'"text": "((?:[^"\\]|\\.)*)"', json.dumps(blocks)))
        assert 0 < text <= 12_000  # tests/slack_rules.py checks every page as well
        seen += _entry_ids(blocks)
        buttons = {e["action_id"]: e for b in blocks if b["type"] == "actions" for e in b["elements"]}
        if ids.PAGE_NEXT not in buttons:
            break
        click(
            bot,
            fake_slack,
            user=member,
            action_id=ids.PAGE_NEXT,
            value=buttons[ids.PAGE_NEXT]["value"],
            name=f"p{number}",
        )
        page = response_to(fake_slack, f"p{number}")
    assert number > 2  # 25 such entries are more than two pages
    assert sorted(seen) == sorted(ids_logged)  # every entry exactly once across the pages


def _entry_ids(blocks: list[dict]) -> list[int]:
    import re

    text = " ".join(b["text"]["text"] for b in blocks if b["type"] == "section")
    return [int(n) for n in re.findall(r"\*#(\d+)\*", text)]


def test_search_finds_words_whatever_their_case(bot: BotProcess) -> None:
    channel = linked_channel(bot, "transport")
    wanted = log_entry(bot, "ÅVS Malmö–Lund genomförd med Region Skåne", user=new_user(), channel=channel)
    log_entry(bot, "Något helt annat", user=new_user(), channel=channel)
    answer = bot.command("sök åvs SKÅNE", user_id=new_user(), channel_id=channel).json()
    assert _entry_ids(answer["blocks"]) == [wanted]
    none = bot.command("search 100%_säkert", user_id=new_user(), channel_id=channel).json()
    assert "Inga poster" in answer_text(none)


# ---------------------------------------------------------------- edit, delete, history


def submit_edit(bot: BotProcess, view: dict, *, user: str, text: str, group: str) -> dict:
    response = bot.interaction(
        {
            "type": "view_submission",
            "user": {"id": user},
            "team": {"id": "T0MLR"},
            "api_app_id": "A0MLR",
            "view": {
                **view,
                "id": "V0EDIT",
                "team_id": "T0MLR",
                "state": {
                    "values": {
                        "group": {"group_select": {"type": "static_select", "selected_option": {"value": group}}},
                        "kind": {"kind_radio": {"type": "radio_buttons", "selected_option": {"value": "result"}}},
                        "date": {"date_pick": {"type": "datepicker", "selected_date": "2026-01-15"}},
                        "text": {"text_input": {"type": "plain_text_input", "value": text}},
                    }
                },
            },
        }
    )
    return response.json() if response.body else {}


def test_two_edits_keep_every_version_in_the_history(
    bot: BotProcess, bot_db: Database, fake_slack: LoopbackSlack
) -> None:
    channel, author, stranger = linked_channel(bot, "praktisk"), new_user(), new_user()
    entry_id = log_entry(bot, "Inventering slutförd i maj", user=author, channel=channel)

    refused = bot.command(f"ändra {entry_id}", user_id=stranger, channel_id=channel).json()
    assert "Bara den som skrev post" in answer_text(refused)
    assert bot.command(f"ändra #{entry_id}", user_id=author, channel_id=channel).body == ""
    [opened] = wait_for_calls(fake_slack, "views.open", 1)
    view = view_of(opened)
    assert view["callback_id"] == ids.EDIT_VIEW
    assert view["blocks"][-1]["element"]["initial_value"] == "Inventering slutförd i maj"

    assert "Bara den som skrev" in json.dumps(
        submit_edit(bot, view, user=stranger, text="Kapat", group="praktisk"), ensure_ascii=False
    )
    moved = submit_edit(bot, view, user=author, text="x", group="bostad")
    assert "Bara en koordinator kan flytta" in json.dumps(moved, ensure_ascii=False)
    assert submit_edit(bot, view, user=author, text="Inventering slutförd i juni", group="praktisk") == {}
    assert submit_edit(bot, view, user=COORDINATOR, text="Inventering slutförd i juni 2026", group="praktisk") == {}

    with bot_db.read() as session:
        entry = get_entry(session, entry_id=entry_id)
        events = audit.list_audit_events(session, subject=f"entry:{entry_id}")
    assert entry is not None
    assert (entry.version, entry.text, entry.occurred_on) == (3, "Inventering slutförd i juni 2026", date(2026, 1, 15))
    assert [(e.action, e.actor) for e in events] == [
        ("entry.add", author),
        ("entry.update", author),
        ("entry.update", COORDINATOR),
    ]

    history = bot.command(f"historik {entry_id}", user_id=stranger, channel_id=channel).json()
    text = json.dumps(history["blocks"], ensure_ascii=False)
    for line in (
        "Inventering slutförd i maj",
        "Inventering slutförd i juni",
        "Inventering slutförd i juni 2026",
        f"<@{author}> · loggade",
        f"<@{author}> · ändrade",
        f"<@{COORDINATOR}> · ändrade",
    ):
        assert line in text


def test_a_long_history_goes_on_in_more_messages_and_loses_nothing(bot: BotProcess, fake_slack: LoopbackSlack) -> None:
    """Three edits to 3,000 characters of `&<>` are 39,000 characters escaped: the history is split
    into messages that each fit, the first on the ack and the rest through response_url."""
    channel, author = linked_channel(bot, "praktisk"), new_user()
    versions = ["Kort första version", *((mark + "&<>" * 1000)[:3000] for mark in ("A", "B", "C"))]
    entry_id = log_entry(bot, versions[0], user=author, channel=channel)
    assert bot.command(f"ändra {entry_id}", user_id=author, channel_id=channel).body == ""
    [opened] = wait_for_calls(fake_slack, "views.open", 1)
    for text in versions[1:]:
        assert submit_edit(bot, view_of(opened), user=author, text=text, group="praktisk") == {}
    fake_slack.clear()
    url = fake_slack.response_url("history")
    first = bot.command(f"historik {entry_id}", user_id=author, channel_id=channel, response_url=url).json()
    assert first["response_type"] == "ephemeral"
    rest = wait_for_calls(fake_slack, "response_url", 3, where=lambda call: call.path.endswith("/history"))
    messages = [first, *(_message(call.args) for call in rest)]
    assert len(messages) == 4 and all(m["response_type"] == "ephemeral" for m in messages)
    parts = [b["elements"][0]["text"] for m in messages for b in m["blocks"] if b["type"] == "context"]
    assert parts == [f"del {n} av 4" for n in range(1, 5)]
    shown = "".join(b["text"]["text"] for m in messages for b in m["blocks"] if b["type"] == "section")
    for text in versions:
        escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        assert escaped in shown.replace("\n", "")  # every version whole, split only between sections
    assert fake_slack.violations == []


def test_a_long_entry_is_confirmed_whole_to_the_channel(bot: BotProcess, fake_slack: LoopbackSlack) -> None:
    """3,000 characters of `&<>` are 13,000 escaped: the confirmation goes on in a second message,
    visible to the channel like the first."""
    channel, author = linked_channel(bot, "praktisk"), new_user()
    text = ("<!channel>" + "&<>" * 1000)[:3000]
    url = fake_slack.response_url("long-entry")
    first = bot.command(f"resultat {text}", user_id=author, channel_id=channel, response_url=url).json()
    [rest] = wait_for_calls(fake_slack, "response_url", 1, where=lambda call: call.path.endswith("/long-entry"))
    messages = [first, _message(rest.args)]
    assert [m["response_type"] for m in messages] == ["in_channel", "in_channel"]
    quoted = [b["text"]["text"] for m in messages for b in m["blocks"] if b["type"] == "section"][1:]
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    assert re.sub(r"^> ?", "", "".join(quoted)) == escaped and "<!channel>" not in json.dumps(messages)
    assert fake_slack.violations == []


def test_a_deletion_hides_the_entry_everywhere_but_the_record(
    bot: BotProcess, bot_db: Database, fake_slack: LoopbackSlack
) -> None:
    channel, author = linked_channel(bot, "naringsliv"), new_user()
    kept = log_entry(bot, "B2B-mässa genomförd", user=author, channel=channel)
    gone = log_entry(bot, "Felaktig post om mässan", user=author, channel=channel)

    refused = bot.command(f"radera {gone}", user_id=new_user(), channel_id=channel).json()
    assert "Bara den som skrev post" in answer_text(refused)
    question = bot.command(f"radera {gone}", user_id=author, channel_id=channel).json()
    assert "finns kvar i historiken" in answer_text(question)
    [yes, cancel] = [e for b in question["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert yes["confirm"] and yes["style"] == "danger"

    click(bot, fake_slack, user=author, action_id=ids.DELETE_CANCEL, value=cancel["value"], name="cancel")
    assert "inget togs bort" in response_to(fake_slack, "cancel")["text"]
    click(bot, fake_slack, user=author, action_id=ids.DELETE_CONFIRM, value=yes["value"], name="confirm")
    assert f"Post #{gone} är borttagen" in response_to(fake_slack, "confirm")["text"]

    listed = bot.command("lista naringsliv", user_id=author, channel_id=channel).json()
    assert _entry_ids(listed["blocks"]) == [kept]
    assert "kan inte ändras" in answer_text(bot.command(f"ändra {gone}", user_id=author, channel_id=channel).json())
    history = json.dumps(bot.command(f"historik {gone}", channel_id=channel).json()["blocks"], ensure_ascii=False)
    assert f"<@{author}> · tog bort" in history

    from bot.config import load_settings

    services = Services(settings=load_settings({}), db=bot_db)
    # The week and year the bot gave the entry, so a run across midnight or New Year tests the same thing.
    with bot_db.read() as session:
        kept_entry = get_entry(session, entry_id=kept)
    assert kept_entry is not None
    week = Week.containing(kept_entry.occurred_on)
    digest = json.dumps(
        render_group_digest(services, group_key="naringsliv", week=week, author=str), ensure_ascii=False
    )
    assert "B2B-mässa genomförd" in digest and "Felaktig post" not in digest
    report = render(
        build_report(
            read_report_rows(bot_db, year=kept_entry.plan_year),
            lang="sv",
            today=kept_entry.occurred_on,
            organisation=services.settings.organisation,
            plan_period=services.settings.plan_period,
        ),
        "csv",
    ).decode("utf-8")
    assert "B2B-mässa genomförd" in report and "Felaktig post" not in report

    def export(*flags: str) -> list[dict[str, str]]:
        result = subprocess.run(
            [sys.executable, "-m", "bot", "export", "--format", "csv", "--group", "naringsliv", *flags],
            cwd=bot.workdir,
            env=bot.env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        return list(csv.DictReader(io.StringIO(result.stdout)))

    assert [int(r["id"]) for r in export()] == [kept]
    with_deleted = {int(r["id"]): r["deleted"] for r in export("--include-deleted")}
    assert with_deleted == {kept: "False", gone: "True"}


def test_a_coordinator_may_delete_anyones_entry(bot: BotProcess, bot_db: Database, fake_slack: LoopbackSlack) -> None:
    channel, author = linked_channel(bot, "naringsliv"), new_user()
    entry_id = log_entry(bot, "Dubbelregistrerad post", user=author, channel=channel)
    question = bot.command(f"delete {entry_id}", user_id=COORDINATOR, channel_id=channel).json()
    [yes, _] = [e for b in question["blocks"] if b["type"] == "actions" for e in b["elements"]]
    click(bot, fake_slack, user=COORDINATOR, action_id=ids.DELETE_CONFIRM, value=yes["value"], name="coordinator")
    assert f"Post #{entry_id} är borttagen" in response_to(fake_slack, "coordinator")["text"]
    with bot_db.read() as session:
        entry = get_entry(session, entry_id=entry_id)
    assert entry is not None
    assert entry.deleted_at is not None and entry.deleted_by == COORDINATOR


# ---------------------------------------------------------------- shortcut and App Home


def test_the_message_shortcut_fills_the_form_with_the_message_and_a_link(
    bot: BotProcess, fake_slack: LoopbackSlack
) -> None:
    channel = linked_channel(bot, "strukturplan")
    bot.interaction(
        {
            "type": "message_action",
            "callback_id": ids.SHORTCUT_LOG_RESULT,
            "trigger_id": "shortcut-1",
            "user": {"id": new_user()},
            "team": {"id": "T0MLR", "domain": "mlr"},
            "api_app_id": "A0MLR",
            "channel": {"id": channel, "name": "strukturplan"},
            "response_url": fake_slack.response_url("shortcut"),
            "message": {
                "type": "message",
                "text": "Strukturplanen antagen i alla kommuner &amp; klar",
                "ts": "1700000123.004500",
            },
        }
    )
    [opened] = wait_for_calls(fake_slack, "views.open", 1)
    view = view_of(opened)
    text = view["blocks"][-1]["element"]["initial_value"]
    assert text.startswith("Strukturplanen antagen i alla kommuner & klar")
    assert text.endswith(f"https://mlr.slack.com/archives/{channel}/p1700000123004500")
    assert view["blocks"][0]["element"]["initial_option"]["value"] == "strukturplan"
    assert view["blocks"][1]["element"]["initial_option"]["value"] == "result"


@again_if_the_week_turned
def test_the_app_home_shows_groups_follow_up_and_own_entries(bot: BotProcess, fake_slack: LoopbackSlack) -> None:
    channel, member = linked_channel(bot, "op"), new_user()
    fake_slack.members[channel] = [member]
    log_entry(bot, "Seminarium om översiktsplanering", user=member, channel=channel)
    assert (
        bot.event(
            {"type": "app_home_opened", "user": member, "channel": "D0HOME", "tab": "home", "event_ts": "1.2"}
        ).status
        == 200
    )
    [published] = wait_for_calls(fake_slack, "views.publish", 1)
    assert published.args["user_id"] == member
    view = view_of(published)
    View(**{k: v for k, v in view.items() if k in ("type", "blocks")}).validate_json()
    assert view["type"] == "home" and len(view["blocks"]) <= 100
    text = json.dumps(view["blocks"], ensure_ascii=False)
    assert "*ÖP-gruppen* (`op`): 1 post den här veckan" in text
    assert "Seminarium om översiktsplanering" in text
    assert {e["action_id"] for b in view["blocks"] if b["type"] == "actions" for e in b["elements"]} == {
        ids.HOME_LOG_RESULT,
        ids.HOME_LOG_ACTIVITY,
    }


# ---------------------------------------------------------------- a form Slack will not open


@pytest.mark.parametrize(
    ("error", "said"),
    [("expired_trigger_id", "Slack väntar bara tre sekunder"), ("invalid_arguments", "`invalid_arguments`")],
)
def test_a_form_that_cannot_open_from_the_app_home_is_said_in_a_direct_message(
    bot: BotProcess, fake_slack: LoopbackSlack, error: str, said: str
) -> None:
    member = new_user()
    fake_slack.fail("views.open", error=error)
    click(bot, fake_slack, user=member, action_id=ids.HOME_LOG_RESULT, value="", name=f"home-{error}")
    [told] = wait_for_calls(fake_slack, "chat.postMessage", 1, where=lambda call: call.args["channel"] == member)
    assert "Formuläret" in told.args["text"] and said in told.args["text"]


def test_a_form_that_cannot_open_from_a_slash_command_is_said_through_its_response_url(
    bot: BotProcess, fake_slack: LoopbackSlack
) -> None:
    channel = linked_channel(bot, "bostad")
    fake_slack.fail("views.open", error="expired_trigger_id")
    url = fake_slack.response_url("form-expired")
    assert bot.command("resultat", user_id=new_user(), channel_id=channel, response_url=url).status == 200
    told = response_to(fake_slack, "form-expired")
    assert "Formuläret hann inte öppnas" in told["text"] and told["response_type"] == "ephemeral"


def test_a_report_whose_direct_message_slack_will_not_open_is_said_through_the_command(
    bot: BotProcess, fake_slack: LoopbackSlack
) -> None:
    fake_slack.fail("conversations.open", error="user_not_found")
    url = fake_slack.response_url("report-no-dm")
    answer = bot.command("rapport 2016", channel_id=new_channel(), response_url=url).json()
    assert "Rapporten för 2016 tas fram" in answer_text(answer)
    told = response_to(fake_slack, "report-no-dm")
    assert "Slack svarade `user_not_found`" in told["text"] and told["response_type"] == "ephemeral"
    assert fake_slack.calls_to("files.completeUploadExternal") == []
