"""`/mlr` end to end: the real bot process, signed requests, the fake Slack, the real database."""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from bot.loopback_slack import LoopbackSlack
from storage import audit
from storage.db import Database
from storage.entries import list_entries
from storage.groups import get_linked_group, is_coordinator
from storage.models import Entry
from tests.harness import COORDINATOR, BotProcess, again_if_the_week_turned

_ids = itertools.count(1)


def new_channel() -> str:
    return f"C0T{next(_ids):05d}"


def new_user() -> str:
    return f"U0M{next(_ids):05d}"


def entries_in(db: Database, channel_id: str) -> list[Entry]:
    with db.read() as session:
        return [entry for entry in list_entries(session) if entry.channel_id == channel_id]


def linked_channel(bot: BotProcess, group: str) -> str:
    channel = new_channel()
    answer = bot.command(f"koppla {group}", channel_id=channel).json()
    assert answer["response_type"] == "in_channel", answer
    return channel


def answer_text(answer: dict) -> str:
    return "\n".join(block["text"]["text"] for block in answer.get("blocks") or [] if block.get("text"))


def test_result_in_a_linked_channel_is_stored_and_confirmed_to_the_channel(bot: BotProcess, bot_db: Database) -> None:
    channel = linked_channel(bot, "bostad")
    member = new_user()

    response = bot.command("resultat Workshop om goda exempel genomförd i Kävlinge", user_id=member, channel_id=channel)

    assert response.status == 200
    answer = response.json()
    [entry] = entries_in(bot_db, channel)
    assert (entry.group_key, entry.kind, entry.user_id) == ("bostad", "result", member)
    assert entry.text == "Workshop om goda exempel genomförd i Kävlinge"
    assert entry.created_at.tzinfo is not None
    assert answer["response_type"] == "in_channel"
    assert f"*#{entry.id}*" in answer_text(answer)
    assert "Stimulera ökat bostadsbyggande" in answer_text(answer)


def test_english_words_log_an_activity(bot: BotProcess, bot_db: Database) -> None:
    channel = linked_channel(bot, "kompetens")
    bot.command("activity Meeting with the LTH student union", user_id=new_user(), channel_id=channel)
    [entry] = entries_in(bot_db, channel)
    assert (entry.kind, entry.text) == ("activity", "Meeting with the LTH student union")


def test_text_is_stored_as_typed_and_shown_inert(bot: BotProcess, bot_db: Database) -> None:
    channel = linked_channel(bot, "op")
    typed = "Möte <!channel> & <@U999> om ÖP: åäö ÅÄÖ 🎉 a<b>c &amp;"

    answer = bot.command(f"resultat {typed}", user_id=new_user(), channel_id=channel).json()

    [entry] = entries_in(bot_db, channel)
    assert entry.text == typed
    shown = answer_text(answer)
    assert "<!channel>" not in shown and "<@U999>" not in shown
    assert "&lt;!channel&gt; &amp; &lt;@U999&gt;" in shown
    assert "&amp;amp;" in shown


def test_date_option_sets_the_day_and_plan_year(bot: BotProcess, bot_db: Database) -> None:
    channel = linked_channel(bot, "sysselsattning")
    bot.command("aktivitet datum:2025-12-31 Inventering av bristyrken klar", user_id=new_user(), channel_id=channel)
    [entry] = entries_in(bot_db, channel)
    assert (entry.occurred_on.isoformat(), entry.plan_year) == ("2025-12-31", 2025)


def test_member_logs_from_a_dm_by_naming_the_group(
    bot: BotProcess, bot_db: Database, fake_slack: LoopbackSlack
) -> None:
    dm, member = "D0" + new_channel()[2:], new_user()
    fake_slack.members[linked_channel(bot, "naringsliv")] = [member]
    answer = bot.command("resultat grupp:naringsliv B2B-mässa genomförd", user_id=member, channel_id=dm).json()
    [entry] = entries_in(bot_db, dm)
    assert entry.group_key == "naringsliv"
    assert "Näringslivsgruppen" in answer_text(answer)


def test_coordinator_logs_for_another_group_from_a_linked_channel(bot: BotProcess, bot_db: Database) -> None:
    channel = linked_channel(bot, "bostad")
    bot.command("resultat grupp:transport ÅVS genomförd", user_id=COORDINATOR, channel_id=channel)
    [entry] = entries_in(bot_db, channel)
    assert entry.group_key == "transport"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("resultat grupp:bostad", "Texten saknas"),
        ("resultat datum:2026-02-30 Möte", "inget giltigt datum"),
        ("resultat datum:2999-01-01 Möte", "har inte hänt än"),
        ("resultat grupp:finnsinte Möte", "Det finns ingen grupp `finnsinte`"),
        ("resultat grupp:migration Något", "avslutades 2016-12-31 och tar bara emot poster daterade senast"),
        ("resultat grupp:migration datum:2017-01-01 Något", "inte 2017-01-01"),
        ("resutlat Möte", "Menade du `/mlr resultat`"),
        ("x" * 3001, "Okänt kommando"),
        ("resultat " + "å" * 3001, "Texten är 3001 tecken"),
    ],
)
def test_bad_input_gets_a_clear_answer_and_stores_nothing(
    bot: BotProcess, bot_db: Database, text: str, expected: str
) -> None:
    channel = linked_channel(bot, "kompetens")
    answer = bot.command(text, user_id=new_user(), channel_id=channel).json()
    assert answer["response_type"] == "ephemeral"
    assert expected in answer_text(answer)
    assert entries_in(bot_db, channel) == []


def test_a_closed_group_takes_entries_up_to_its_closing_day_and_refuses_later_ones(
    bot: BotProcess, bot_db: Database, fake_slack: LoopbackSlack
) -> None:
    channel = new_channel()  # not linked: the coordinator names the group
    last_day = bot.command(
        "resultat grupp:migration datum:2016-12-31 Kunskapsbasen överlämnad", user_id=COORDINATOR, channel_id=channel
    ).json()
    assert last_day["response_type"] == "in_channel", last_day
    # a member as for any group: in the group's linked channel, writing from a channel that is no other group's
    member = new_user()
    fake_slack.members[linked_channel(bot, "migration")] = [member]
    earlier = bot.command("aktivitet grupp:migration datum:2016-06-01 Seminarium", user_id=member, channel_id=channel)
    assert earlier.json()["response_type"] == "in_channel"
    late = bot.command("resultat grupp:migration datum:2017-01-02 För sent", user_id=COORDINATOR, channel_id=channel)
    assert answer_text(late.json()) == (
        "*Migration &amp; integration* (`migration`) avslutades 2016-12-31 och tar bara emot poster daterade senast "
        "den dagen, inte 2017-01-02. Inget sparades."
    )
    stored = entries_in(bot_db, channel)
    assert [(e.group_key, e.occurred_on.isoformat(), e.text) for e in stored] == [
        ("migration", "2016-12-31", "Kunskapsbasen överlämnad"),
        ("migration", "2016-06-01", "Seminarium"),
    ]


def test_unknown_group_answer_lists_the_keys(bot: BotProcess) -> None:
    answer = bot.command("resultat grupp:okänd Möte", user_id=new_user(), channel_id=new_channel()).json()
    for key in ("bostad", "kompetens", "sysselsattning", "naringsliv", "op"):
        assert f"`{key}`" in answer_text(answer)


def test_unlinked_channel_explains_how_to_link_or_name_the_group(bot: BotProcess, bot_db: Database) -> None:
    channel = new_channel()
    answer = bot.command("resultat Möte", user_id=new_user(), channel_id=channel).json()
    text = answer_text(answer)
    assert "inte kopplad" in text and "grupp:" in text and "/mlr koppla" in text
    assert entries_in(bot_db, channel) == []


def test_member_cannot_log_for_another_group_in_a_linked_channel(bot: BotProcess, bot_db: Database) -> None:
    channel = linked_channel(bot, "bostad")
    answer = bot.command("resultat grupp:kompetens Möte", user_id=new_user(), channel_id=channel).json()
    assert "hör till *Stimulera ökat bostadsbyggande*" in answer_text(answer)
    assert entries_in(bot_db, channel) == []


def test_coordinator_commands_are_refused_to_members(bot: BotProcess, bot_db: Database) -> None:
    channel, member = new_channel(), new_user()
    for text in ("koppla bostad", f"koordinator lägg till <@{member}>"):
        answer = bot.command(text, user_id=member, channel_id=channel).json()
        assert "Bara koordinatorer" in answer_text(answer)
        assert f"<@{COORDINATOR}>" in answer_text(answer)
    with bot_db.read() as session:
        assert get_linked_group(session, channel_id=channel) is None
        assert not is_coordinator(session, user_id=member)


def test_linking_is_recorded_and_relinking_says_what_changed(bot: BotProcess, bot_db: Database) -> None:
    channel = linked_channel(bot, "bostad")
    again = bot.command("link bostad", channel_id=channel).json()
    moved = bot.command("link kompetens", channel_id=channel).json()
    assert "redan kopplad" in answer_text(again)
    assert "var kopplad till `bostad`" in answer_text(moved)
    with bot_db.read() as session:
        group = get_linked_group(session, channel_id=channel)
        assert group is not None
        assert group.key == "kompetens"
        events = audit.list_audit_events(session, subject=f"channel:{channel}")
    assert [(e.details["before"], e.details["after"]) for e in events] == [(None, "bostad"), ("bostad", "kompetens")]


def test_linking_a_dm_is_refused(bot: BotProcess) -> None:
    answer = bot.command("koppla bostad", channel_id="D0DIRECT1").json()
    assert "inte ett direktmeddelande" in answer_text(answer)


def test_coordinators_are_added_and_removed_but_never_the_last_or_a_configured_one(
    bot: BotProcess, bot_db: Database
) -> None:
    member = new_user()
    added = bot.command(f"koordinator lägg till <@{member}|anna>").json()
    assert f"<@{member}> är nu koordinator" in answer_text(added)
    linked_by_member = bot.command("koppla forum", user_id=member, channel_id=new_channel()).json()
    assert linked_by_member["response_type"] == "in_channel"

    configured = bot.command(f"coordinator remove <@{COORDINATOR}>", user_id=member).json()
    assert "MLR_COORDINATORS" in answer_text(configured)
    removed = bot.command(f"coordinator remove <@{member}>").json()
    assert "inte längre koordinator" in answer_text(removed)
    with bot_db.read() as session:
        assert not is_coordinator(session, user_id=member)
        assert is_coordinator(session, user_id=COORDINATOR)


def test_coordinator_command_without_a_mention_explains_itself(bot: BotProcess) -> None:
    answer = bot.command("koordinator lägg till anna").json()
    assert "Nämn personen med @" in answer_text(answer)


def test_groups_lists_every_group_with_its_channels(bot: BotProcess) -> None:
    channel = linked_channel(bot, "strukturplan")
    answer = bot.command("grupper", user_id=new_user()).json()
    text = answer_text(answer)
    assert answer["response_type"] == "ephemeral"
    for name in ("Långsiktig kompetensförsörjning", "ÖP-gruppen", "Migration & integration".replace("&", "&amp;")):
        assert name in text
    assert f"<#{channel}>" in text
    assert "avslutad" in text


@pytest.mark.parametrize("text", ["", "help", "hjälp"])
def test_help_explains_every_command(bot: BotProcess, text: str) -> None:
    answer = bot.command(text, user_id=new_user()).json()
    body = json.dumps(answer, ensure_ascii=False)
    assert answer["response_type"] == "ephemeral"
    for word in ("/mlr resultat", "/mlr aktivitet", "/mlr grupper", "/mlr koppla", "/mlr koordinator", "grupp:"):
        assert word in body


def test_result_without_text_opens_the_form_and_a_submission_is_stored(
    bot: BotProcess, bot_db: Database, fake_slack: LoopbackSlack
) -> None:
    channel, member = linked_channel(bot, "bostad"), new_user()
    response = bot.command("resultat", user_id=member, channel_id=channel, trigger_id="123.456.abc")
    assert response.status == 200 and response.body == ""
    [opened] = wait_for_calls(fake_slack, "views.open", 1)
    assert opened.args["trigger_id"] == "123.456.abc"
    view = opened.args["view"]
    view = json.loads(view) if isinstance(view, str) else view
    assert view["blocks"][0]["element"]["initial_option"]["value"] == "bostad"

    submission = form_submission(
        view,
        user_id=member,
        group="bostad",
        kind="activity",
        day="2026-10-01",
        text="Studiebesök <hos> Vellinge & Lomma",
    )
    answered = bot.interaction(submission)
    assert answered.status == 200 and answered.body == ""

    [entry] = entries_in(bot_db, channel)
    assert (entry.kind, entry.text, entry.occurred_on.isoformat()) == (
        "activity",
        "Studiebesök <hos> Vellinge & Lomma",
        "2026-10-01",
    )
    [posted] = wait_for_calls(fake_slack, "chat.postMessage", 1)
    assert posted.args["channel"] == channel
    assert "Studiebesök &lt;hos&gt; Vellinge &amp; Lomma" in json.dumps(posted.args["blocks"], ensure_ascii=False)


def test_a_blank_form_is_refused_field_by_field(bot: BotProcess, bot_db: Database, fake_slack: LoopbackSlack) -> None:
    channel = linked_channel(bot, "bostad")
    bot.command("resultat", channel_id=channel)
    [opened] = wait_for_calls(fake_slack, "views.open", 1)
    view = opened.args["view"]
    view = json.loads(view) if isinstance(view, str) else view
    answered = bot.interaction(
        form_submission(view, user_id=new_user(), group="bostad", kind="result", day="2026-10-01", text="   \n ")
    )
    assert answered.json()["response_action"] == "errors"
    assert "text" in answered.json()["errors"]
    assert entries_in(bot_db, channel) == []


def test_slow_slack_does_not_slow_the_answer(bot: BotProcess, bot_db: Database, fake_slack: LoopbackSlack) -> None:
    channel = linked_channel(bot, "bostad")
    fake_slack.delay_seconds = 5
    try:
        response = bot.command("resultat Svar trots långsam Slack", user_id=new_user(), channel_id=channel)
    finally:
        fake_slack.delay_seconds = 0
    assert response.status == 200
    assert response.seconds < 1.5, response.seconds
    assert len(entries_in(bot_db, channel)) == 1


def test_twenty_commands_at_once_are_all_stored(bot: BotProcess, bot_db: Database) -> None:
    channel = linked_channel(bot, "kompetens")
    texts = [f"Samtidigt resultat nr {n} åäö" for n in range(20)]
    with ThreadPoolExecutor(max_workers=20) as pool:
        responses = list(
            pool.map(lambda t: bot.command(f"resultat {t}", user_id=new_user(), channel_id=channel), texts)
        )
    assert [r.status for r in responses] == [200] * 20
    assert all(r.json()["response_type"] == "in_channel" for r in responses)
    stored = entries_in(bot_db, channel)
    assert sorted(entry.text for entry in stored) == sorted(texts)
    assert len({entry.id for entry in stored}) == 20


def test_every_logged_entry_leaves_an_audit_event(bot: BotProcess, bot_db: Database) -> None:
    channel, member = linked_channel(bot, "praktisk"), new_user()
    bot.command("resultat Inventering slutförd", user_id=member, channel_id=channel)
    [entry] = entries_in(bot_db, channel)
    with bot_db.read() as session:
        [event] = audit.list_audit_events(session, subject=f"entry:{entry.id}")
    assert (event.actor, event.action, event.details["after"]["text"]) == (member, "entry.add", "Inventering slutförd")


# ---------------------------------------------------------------- helpers


def wait_for_calls(
    fake: LoopbackSlack, method: str, count: int, timeout: float = 30, where: Callable[[Any], bool] | None = None
) -> list:
    """The calls to a method (those `where` accepts), once there are at least `count` of them."""
    import time

    def matching() -> list:
        return [c for c in fake.calls_to(method) if where is None or where(c)]

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        calls = matching()
        if len(calls) >= count:
            return calls
        time.sleep(0.02)
    raise AssertionError(f"expected {count} call(s) to {method}, got {matching()}")


def view_submission(view: dict, *, user_id: str, values: dict) -> dict:
    """The view_submission payload Slack sends when a form (`view`, as opened) is submitted with `values`."""
    return {
        "type": "view_submission",
        "team": {"id": "T0MLR", "domain": "mlr"},
        "user": {"id": user_id, "team_id": "T0MLR"},
        "api_app_id": "A0MLR",
        "trigger_id": "999.888.submit",
        "view": {**view, "id": "V0FORM", "team_id": "T0MLR", "state": {"values": values}},
    }


def form_submission(view: dict, *, user_id: str, group: str, kind: str, day: str, text: str) -> dict:
    """The log form submitted."""
    return view_submission(
        view,
        user_id=user_id,
        values={
            "group": {"group_select": {"type": "static_select", "selected_option": {"value": group}}},
            "kind": {"kind_radio": {"type": "radio_buttons", "selected_option": {"value": kind}}},
            "date": {"date_pick": {"type": "datepicker", "selected_date": day}},
            "text": {"text_input": {"type": "plain_text_input", "value": text}},
        },
    )


@again_if_the_week_turned
def test_digest_in_chat_shows_this_week_so_far_only_to_the_asker(bot: BotProcess, fake_slack: LoopbackSlack) -> None:
    channel, member, other_member = linked_channel(bot, "sysselsattning"), new_user(), new_user()
    fake_slack.members[channel] = [member, other_member]
    bot.command("resultat Etableringsöverenskommelse <klar>", user_id=member, channel_id=channel)
    bot.command("aktivitet Möte om bristyrken", user_id=member, channel_id=channel)

    answer = bot.command("sammanfattning", user_id=new_user(), channel_id=channel).json()
    named = bot.command("digest sysselsattning", user_id=other_member, channel_id=new_channel()).json()

    assert answer["response_type"] == "ephemeral"
    text = json.dumps(answer["blocks"], ensure_ascii=False)
    assert "Hittills v." in text and "Sysselsättning och arbetsmarknad" in text
    assert text.index("Etableringsöverenskommelse &lt;klar&gt;") < text.index("Möte om bristyrken")
    assert f"<@{member}>" in text
    assert json.dumps(named["blocks"], ensure_ascii=False) == text


def test_digest_in_an_unlinked_channel_asks_for_the_group(bot: BotProcess) -> None:
    answer = bot.command("digest", user_id=new_user(), channel_id=new_channel()).json()
    assert "Ange gruppen" in answer_text(answer) and "`bostad`" in answer_text(answer)
    unknown = bot.command("digest bostäder", user_id=new_user(), channel_id=new_channel()).json()
    assert "Det finns ingen grupp `bostäder`" in answer_text(unknown)
