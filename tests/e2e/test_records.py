"""The examples of issue 11 end to end: what people type is stored as they meant it, or refused
with an answer and nothing stored; the confirmation repeats all that was understood."""

from __future__ import annotations

import json

import pytest

from bot.loopback_slack import LoopbackSlack
from storage.db import Database
from storage.entries import list_entries
from storage.groups import get_linked_group
from tests.e2e.test_commands import answer_text, entries_in, linked_channel, new_channel, new_user, wait_for_calls
from tests.harness import COORDINATOR, BotProcess


def test_a_swedish_list_of_municipalities_is_stored_whole(bot: BotProcess, bot_db: Database) -> None:
    channel = linked_channel(bot, "bostad")
    typed = "aktivitet datum:2016-11-03 kommuner:Lund, Malmö Möte med Business Arena"
    answer = bot.command(typed, user_id=new_user(), channel_id=channel).json()
    [entry] = entries_in(bot_db, channel)
    assert (entry.municipalities, entry.text) == (["Lund", "Malmö"], "Möte med Business Arena")
    assert entry.occurred_on.isoformat() == "2016-11-03"
    shown = answer_text(answer)
    assert "Kommuner: Lund, Malmö" in shown and "Hände: 2016-11-03" in shown


def test_a_date_at_the_end_is_read_and_not_kept_in_the_text(bot: BotProcess, bot_db: Database) -> None:
    channel = linked_channel(bot, "bostad")
    bot.command("resultat grupp:bostad Workshop genomförd datum:2016-10-18", user_id=new_user(), channel_id=channel)
    [entry] = entries_in(bot_db, channel)
    assert (entry.text, entry.occurred_on.isoformat(), entry.plan_year) == ("Workshop genomförd", "2016-10-18", 2016)


@pytest.mark.parametrize(
    "typed",
    ["Lund,Malmö", "Lund, Malmö", "Lund och Malmö", '"Lund, Malmö"', "lund, MALMO", "LUND och malmö"],
)
def test_kommuner_takes_a_list_the_way_swedes_write_one(bot: BotProcess, bot_db: Database, typed: str) -> None:
    channel = linked_channel(bot, "sysselsattning")
    bot.command(f"resultat kommuner:{typed} Gemensam utbildning startad", user_id=new_user(), channel_id=channel)
    [entry] = entries_in(bot_db, channel)
    assert (entry.municipalities, entry.text) == (["Lund", "Malmö"], "Gemensam utbildning startad")


def test_an_unknown_municipality_is_refused_with_the_list_and_a_guess(bot: BotProcess, bot_db: Database) -> None:
    channel = linked_channel(bot, "bostad")
    answer = bot.command("resultat kommuner:Lund, Malmoe Möte", user_id=new_user(), channel_id=channel).json()
    shown = answer_text(answer)
    assert "`Malmoe`" in shown and "Menade du `Malmö`?" in shown and "Staffanstorp" in shown
    assert "Inget sparades" in shown
    assert entries_in(bot_db, channel) == []


@pytest.mark.parametrize(
    ("typed", "key"),
    [("sysselsättning", "sysselsattning"), ("näringsliv", "naringsliv"), ("öp", "op"), ("ÖP", "op")],
)
def test_group_keys_as_people_spell_them(bot: BotProcess, bot_db: Database, typed: str, key: str) -> None:
    dm = "D0" + new_channel()[2:]
    answer = bot.command(f"resultat grupp:{typed} Samråd genomfört", user_id=COORDINATOR, channel_id=dm).json()
    [entry] = entries_in(bot_db, dm)
    assert entry.group_key == key
    assert f"(`{key}`)" in answer_text(answer)


def test_every_command_that_takes_a_group_takes_it_as_people_spell_it(
    bot: BotProcess, bot_db: Database, fake_slack: LoopbackSlack
) -> None:
    channel = new_channel()
    linked = bot.command("koppla Näringsliv", channel_id=channel).json()
    assert linked["response_type"] == "in_channel" and "(`naringsliv`)" in answer_text(linked)
    with bot_db.read() as session:
        group = get_linked_group(session, channel_id=channel)
        assert group is not None and group.key == "naringsliv"
    bot.command("resultat B2B-mässa genomförd", user_id=COORDINATOR, channel_id=channel)

    listed = bot.command("lista näringsliv", channel_id=new_channel()).json()
    assert "B2B-mässa genomförd" in json.dumps(listed, ensure_ascii=False)
    status = bot.command("status Näringslivsgruppen", channel_id=new_channel()).json()
    assert "Näringslivsgruppen" in json.dumps(status, ensure_ascii=False)
    digest = bot.command("sammanfattning NÄRINGSLIV", channel_id=new_channel()).json()
    assert "B2B-mässa genomförd" in json.dumps(digest, ensure_ascii=False)
    bot.command("plan öp 2017", trigger_id="77.88.plan")
    [opened] = wait_for_calls(fake_slack, "views.open", 1, where=lambda c: c.args.get("trigger_id") == "77.88.plan")
    assert "ÖP-gruppen" in json.dumps(opened.args["view"], ensure_ascii=False)


def test_an_ambiguous_or_unknown_group_is_refused_with_a_guess(bot: BotProcess) -> None:
    unknown = bot.command("status bostadd", channel_id=new_channel()).json()
    assert "Det finns ingen grupp `bostadd`. Menade du `bostad`?" in answer_text(unknown)
    assert "Inget sparades" not in answer_text(unknown)  # a status saves nothing, so it says nothing of saving


def test_an_option_in_the_middle_of_the_text_is_refused_and_quoted(bot: BotProcess, bot_db: Database) -> None:
    channel = linked_channel(bot, "bostad")
    answer = bot.command("resultat Workshop datum:2016-10-18 genomförd", user_id=new_user(), channel_id=channel).json()
    shown = answer_text(answer)
    assert "`datum:2016-10-18`" in shown
    assert "`/mlr resultat datum:2016-10-18 Workshop genomförd`" in shown
    assert "citattecken" in shown and "Inget sparades" in shown
    assert entries_in(bot_db, channel) == []


def test_a_quoted_text_keeps_its_own_datum(bot: BotProcess, bot_db: Database) -> None:
    channel = linked_channel(bot, "bostad")
    bot.command('resultat "Beslut om nytt datum: mars 2017"', user_id=new_user(), channel_id=channel)
    [entry] = entries_in(bot_db, channel)
    assert entry.text == "Beslut om nytt datum: mars 2017"


def test_the_confirmation_repeats_everything_understood(bot: BotProcess, bot_db: Database) -> None:
    channel, member = linked_channel(bot, "kompetens"), new_user()
    typed = "resultat (1) Industrinatten genomförd kommuner:Eslöv och Höör datum:2017-03-10"
    answer = bot.command(typed, user_id=member, channel_id=channel).json()
    [entry] = entries_in(bot_db, channel)
    shown = answer_text(answer)
    assert answer["response_type"] == "in_channel"
    for expected in (
        "Resultat",
        f"*#{entry.id}*",
        "*Långsiktig kompetensförsörjning* (`kompetens`)",
        "Hände: 2017-03-10",
        "Planerad aktivitet: (1) öka intresset för yrkesprogram",
        "Kommuner: Eslöv, Höör",
        f"`/mlr ändra {entry.id}`",
        "> Industrinatten genomförd",
    ):
        assert expected in shown, (expected, shown)


def test_the_confirmation_says_what_was_not_given(bot: BotProcess) -> None:
    channel = linked_channel(bot, "bostad")
    shown = answer_text(bot.command("aktivitet Möte", user_id=new_user(), channel_id=channel).json())
    assert "Planerad aktivitet: ingen angiven" in shown and "Kommuner: inga angivna" in shown


def test_the_forms_confirmation_repeats_everything_understood(
    bot: BotProcess, bot_db: Database, fake_slack: LoopbackSlack
) -> None:
    channel, member = linked_channel(bot, "sysselsattning"), new_user()
    bot.command("resultat", user_id=member, channel_id=channel, trigger_id="55.66.form")
    [opened] = wait_for_calls(fake_slack, "views.open", 1, where=lambda c: c.args.get("trigger_id") == "55.66.form")
    view = opened.args["view"]
    view = json.loads(view) if isinstance(view, str) else view
    values = {
        "group": {"group_select": {"type": "static_select", "selected_option": {"value": "sysselsattning"}}},
        "kind": {"kind_radio": {"type": "radio_buttons", "selected_option": {"value": "result"}}},
        "date": {"date_pick": {"type": "datepicker", "selected_date": "2017-05-02"}},
        "activity": {"activity_select": {"type": "static_select", "selected_option": {"value": "sysselsattning:2"}}},
        "municipalities": {
            "municipalities_select": {
                "type": "multi_static_select",
                "selected_options": [{"value": "Burlöv"}, {"value": "Trelleborg"}],
            }
        },
        "text": {"text_input": {"type": "plain_text_input", "value": "Inventering klar"}},
    }
    payload = {
        "type": "view_submission",
        "team": {"id": "T0MLR", "domain": "mlr"},
        "user": {"id": member, "team_id": "T0MLR"},
        "api_app_id": "A0MLR",
        "trigger_id": "999.888.submit",
        "view": {**view, "id": "V0FORM", "team_id": "T0MLR", "state": {"values": values}},
    }
    assert bot.interaction(payload).status == 200
    [entry] = entries_in(bot_db, channel)
    [posted] = wait_for_calls(fake_slack, "chat.postMessage", 1, where=lambda c: c.args.get("channel") == channel)
    shown = json.dumps(posted.args["blocks"], ensure_ascii=False)
    for expected in (
        f"*#{entry.id}*",
        "Hände: 2017-05-02",
        "Planerad aktivitet: (2) inventering av bristyrken",
        "Kommuner: Burlöv, Trelleborg",
        f"`/mlr ändra {entry.id}`",
    ):
        assert expected in shown, (expected, shown)


# ---------------------------------------------------------------- help that teaches


def test_help_shows_every_option_with_an_example(bot: BotProcess) -> None:
    body = json.dumps(bot.command("hjälp", user_id=new_user()).json(), ensure_ascii=False)
    for example in ("`grupp:bostad`", "`datum:2016-10-18`", "`(2)`", "`kommuner:Lund, Malmö`", "citattecken"):
        assert example in body, example
    assert "`/mlr hjälp resultat`" in body


@pytest.mark.parametrize("typed", ["hjälp resultat", "help result", "hjalp Resultat", "hjälp /mlr resultat"])
def test_help_on_one_command_shows_it_in_depth(bot: BotProcess, typed: str) -> None:
    answer = bot.command(typed, user_id=new_user()).json()
    body = json.dumps(answer, ensure_ascii=False)
    assert answer["response_type"] == "ephemeral"
    assert "mlr-bot: /mlr resultat" in body
    for example in ("`grupp:sysselsättning`", "`datum:2016-10-18`", "`(2)`", '`kommuner:\\"Lund, Malmö\\"`'):
        assert example in body, example
    assert "`/mlr ändra &lt;nr&gt;`" in body and "citattecken" in body  # as Slack shows "<nr>"


def test_help_on_an_unknown_command_says_so(bot: BotProcess) -> None:
    answer = bot.command("hjälp flygplan", user_id=new_user()).json()
    assert "Det finns inget kommando `flygplan`" in answer_text(answer)
    assert "Inget sparades" not in answer_text(answer)


# ---------------------------------------------------------------- only the group writes and reads its record


def dm() -> str:
    return "D0" + new_channel()[2:]


def test_someone_outside_the_group_cannot_log_for_it_from_a_dm_and_is_told_who_can(
    bot: BotProcess, bot_db: Database, fake_slack: LoopbackSlack
) -> None:
    channel, outsider, direct = linked_channel(bot, "praktisk"), new_user(), dm()
    fake_slack.members[channel] = [new_user()]
    answer = bot.command("resultat grupp:praktisk Inventering klar", user_id=outsider, channel_id=direct).json()
    shown = answer_text(answer)
    assert answer["response_type"] == "ephemeral"
    assert f"<#{channel}>" in shown and f"<@{COORDINATOR}>" in shown and "Inget sparades" in shown
    assert entries_in(bot_db, direct) == []


def test_a_member_or_guest_of_the_groups_channel_logs_for_it_from_a_dm(
    bot: BotProcess, bot_db: Database, fake_slack: LoopbackSlack
) -> None:
    channel, member, guest, direct = linked_channel(bot, "forum"), new_user(), "W0GUEST01", dm()
    fake_slack.members[channel] = [member, guest]  # conversations.members lists guests like anyone in the channel
    bot.command("aktivitet grupp:forum Forummöte hållet", user_id=member, channel_id=direct)
    bot.command("aktivitet grupp:forum Gästens anteckning", user_id=guest, channel_id=direct)
    assert sorted(e.text for e in entries_in(bot_db, direct)) == ["Forummöte hållet", "Gästens anteckning"]


def test_a_group_without_a_channel_is_written_by_coordinators_only(bot: BotProcess, bot_db: Database) -> None:
    direct = dm()
    answer = bot.command("resultat grupp:strukturplan Remiss besvarad", user_id=new_user(), channel_id=direct).json()
    assert "har ingen kopplad kanal" in answer_text(answer) and "`/mlr koppla strukturplan`" in answer_text(answer)
    bot.command("resultat grupp:strukturplan Remiss besvarad", user_id=COORDINATOR, channel_id=direct)
    assert [e.group_key for e in entries_in(bot_db, direct)] == ["strukturplan"]


def test_a_groups_list_search_and_status_are_for_its_members_and_coordinators(
    bot: BotProcess, fake_slack: LoopbackSlack
) -> None:
    channel, member, outsider = linked_channel(bot, "transport"), new_user(), new_user()
    fake_slack.members[channel] = [member]
    bot.command("resultat Trafikutredning Lund–Malmö klar", user_id=member, channel_id=channel)

    refused = bot.command("lista transport", user_id=outsider, channel_id=dm()).json()
    assert f"<#{channel}>" in answer_text(refused) and "Trafikutredning" not in json.dumps(refused, ensure_ascii=False)
    assert "Inget sparades" not in answer_text(refused)
    searched = bot.command("sök trafikutredning", user_id=outsider, channel_id=dm()).json()
    assert "Trafikutredning" not in json.dumps(searched, ensure_ascii=False)
    everything = bot.command("lista", user_id=outsider, channel_id=dm()).json()
    assert "inte med i någon grupps kanal" in answer_text(everything)
    status = bot.command("status transport", user_id=outsider, channel_id=dm()).json()
    assert "Du ser status för grupperna vars kanaler du är med i" in answer_text(status)

    for asker in (member, COORDINATOR):
        listed = bot.command("lista transport", user_id=asker, channel_id=dm()).json()
        assert "Trafikutredning Lund–Malmö klar" in json.dumps(listed, ensure_ascii=False)
        found = bot.command("sök trafikutredning", user_id=asker, channel_id=dm()).json()
        assert "Trafikutredning Lund–Malmö klar" in json.dumps(found, ensure_ascii=False)
        shown = bot.command("status transport", user_id=asker, channel_id=dm()).json()
        assert "Planer för transportsystemet" in json.dumps(shown, ensure_ascii=False)
    mine = bot.command("lista", user_id=member, channel_id=dm()).json()
    assert "Trafikutredning Lund–Malmö klar" in json.dumps(mine, ensure_ascii=False)


def test_the_form_from_outside_the_group_is_refused_on_the_group_field(
    bot: BotProcess, bot_db: Database, fake_slack: LoopbackSlack
) -> None:
    channel, outsider = linked_channel(bot, "praktisk"), new_user()
    fake_slack.members[channel] = []
    bot.command("resultat", user_id=outsider, channel_id=dm(), trigger_id="44.55.outsider")
    [opened] = wait_for_calls(fake_slack, "views.open", 1, where=lambda c: c.args.get("trigger_id") == "44.55.outsider")
    view = opened.args["view"]
    view = json.loads(view) if isinstance(view, str) else view
    values = {
        "group": {"group_select": {"type": "static_select", "selected_option": {"value": "praktisk"}}},
        "kind": {"kind_radio": {"type": "radio_buttons", "selected_option": {"value": "result"}}},
        "date": {"date_pick": {"type": "datepicker", "selected_date": "2017-05-02"}},
        "text": {"text_input": {"type": "plain_text_input", "value": "Obehörig post"}},
    }
    payload = {
        "type": "view_submission",
        "team": {"id": "T0MLR", "domain": "mlr"},
        "user": {"id": outsider, "team_id": "T0MLR"},
        "api_app_id": "A0MLR",
        "view": {**view, "id": "V0FORM", "team_id": "T0MLR", "state": {"values": values}},
    }
    answered = bot.interaction(payload).json()
    assert answered["response_action"] == "errors" and "Inget sparades" in answered["errors"]["group"]
    assert f"#{channel}" in answered["errors"]["group"] and "<#" not in answered["errors"]["group"]  # plain text
    with bot_db.read() as session:
        assert [e for e in list_entries(session) if e.text == "Obehörig post"] == []


# ---------------------------------------------------------------- language


def test_an_activity_number_the_plan_lacks_is_refused_in_clean_sentences(bot: BotProcess, bot_db: Database) -> None:
    channel = linked_channel(bot, "bostad")  # bostad's 2017 plan has no numbered activities
    none = answer_text(bot.command("resultat (4) Möte datum:2017-02-01", user_id=new_user(), channel_id=channel).json())
    assert "har inga numrerade aktiviteter" in none and "  " not in none
    kompetens = linked_channel(bot, "kompetens")
    listed = answer_text(
        bot.command("resultat (7) Möte datum:2017-02-01", user_id=new_user(), channel_id=kompetens).json()
    )
    assert "Planen har: (1) öka intresset" in listed and ".;" not in listed and ".." not in listed
    assert entries_in(bot_db, channel) == entries_in(bot_db, kompetens) == []


def test_a_weeks_count_is_said_with_swedish_plurals(bot: BotProcess) -> None:
    channel, member = linked_channel(bot, "praktisk"), new_user()  # no other test here stores for praktisk
    bot.command("aktivitet Inventering påbörjad", user_id=member, channel_id=channel)
    one = json.dumps(bot.command("sammanfattning", user_id=member, channel_id=channel).json(), ensure_ascii=False)
    assert "0 resultat · 1 aktivitet · `praktisk`" in one
    bot.command("aktivitet Andra samrådet", user_id=member, channel_id=channel)
    two = json.dumps(bot.command("sammanfattning", user_id=new_user(), channel_id=channel).json(), ensure_ascii=False)
    assert "0 resultat · 2 aktiviteter · `praktisk`" in two


def test_a_groups_digest_and_an_entrys_history_are_for_its_members_and_coordinators(
    bot: BotProcess, bot_db: Database, fake_slack: LoopbackSlack
) -> None:
    channel, member, outsider = linked_channel(bot, "naringsliv"), new_user(), new_user()
    fake_slack.members[channel] = [member]
    bot.command("resultat B2B-mässa genomförd", user_id=member, channel_id=channel)
    [entry] = entries_in(bot_db, channel)
    for text in ("sammanfattning näringsliv", f"historik {entry.id}"):
        refused = bot.command(text, user_id=outsider, channel_id=dm()).json()
        assert f"<#{channel}>" in answer_text(refused) and "B2B" not in json.dumps(refused, ensure_ascii=False)
        shown = bot.command(text, user_id=member, channel_id=dm()).json()
        assert "B2B-mässa genomförd" in json.dumps(shown, ensure_ascii=False)


def test_two_activity_numbers_are_refused(bot: BotProcess, bot_db: Database) -> None:
    channel = linked_channel(bot, "kompetens")
    answer = bot.command("resultat (1, 2) Industrinatten och eventet", user_id=new_user(), channel_id=channel).json()
    assert "`(1, 2)`" in answer_text(answer) and "Inget sparades" in answer_text(answer)
    assert entries_in(bot_db, channel) == []


@pytest.mark.parametrize("error", ["missing_scope", "ratelimited", "channel_not_found"])
def test_a_membership_slack_cannot_answer_for_is_said_as_such_and_nothing_is_stored(
    bot: BotProcess, bot_db: Database, fake_slack: LoopbackSlack, error: str
) -> None:
    channel, member, direct = linked_channel(bot, "transport"), new_user(), dm()
    fake_slack.members[channel] = [member]
    fake_slack.fail("conversations.members", error=error, channel=channel, times=20)
    answer = answer_text(
        bot.command("resultat grupp:transport Trafikplan klar", user_id=member, channel_id=direct).json()
    )
    assert f"Slack svarade `{error}`" in answer and "inte är med" not in answer and "Bara medlemmar" not in answer
    assert entries_in(bot_db, direct) == []
    status = answer_text(bot.command("status transport", user_id=member, channel_id=direct).json())
    assert f"Slack svarade `{error}`" in status
    # once Slack answers again, the member is a member
    fake_slack.clear()
    fake_slack.members[channel] = [member]
    bot.command("resultat grupp:transport Trafikplanen är klar", user_id=member, channel_id=direct)
    assert [e.text for e in entries_in(bot_db, direct)] == ["Trafikplanen är klar"]
