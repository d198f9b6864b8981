"""What a new user meets on the README's tour (issue 18): week and year that agree, the help's own example in a
year without a plan, group leads named as people spell groups, and answers whose words are right."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.app import create_web_client
from bot.loopback_slack import LoopbackSlack
from core.commands import parse_command
from core.texts import Alternatives, listed, say
from handlers import ids
from handlers.blocks.common import Reply, message_text
from handlers.commands import answer
from handlers.context import Services
from storage.db import Database
from storage.entries import list_entries
from storage.plans import list_leads
from tests.conftest import seeded_services

NOW = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)  # a Wednesday in week 49 of a year without a plan
COORDINATOR = "U0KOORD"


@pytest.fixture
def services(db: Database, fake_slack: LoopbackSlack) -> Services:
    return seeded_services(db, fake_slack, now=NOW, coordinator=COORDINATOR)


def said(services: Services, text: str) -> str:
    client = create_web_client(services.settings)
    reply = answer(services, parse_command(text), user_id=COORDINATOR, channel_id="C0KOMP", client=client)
    assert isinstance(reply, Reply)
    return "\n".join(message_text(m) for m in [reply.as_ack(), *reply.more])


def test_the_week_is_when_it_was_logged_and_the_year_when_it_happened(services: Services) -> None:
    said(services, "resultat Industrinatten genomförd datum:2017-03-10")
    status = said(services, "status kompetens")
    assert "1 post loggad i veckan, 0 poster daterade 2026" in status, status
    assert "1 post daterad 2017" in said(services, "status kompetens 2017")
    digest = said(services, "sammanfattning")
    assert "• hände 2017-03-10 · " in digest and "Industrinatten genomförd" in digest, digest
    said(services, "aktivitet Möte i dag")
    assert f"• {NOW.date().isoformat()} · " in said(services, "sammanfattning")  # this week's own day
    assert "Industrinatten genomförd" in said(services, "lista kompetens --vecka 2026-W49")
    assert "Inga poster" in said(services, "lista kompetens --vecka 2017-W10")  # the week it happened
    assert "Industrinatten genomförd" in said(services, "lista kompetens --år 2017")
    rule = "Veckan är den då posten loggades; året (status per år, listor per år, årsrapporten) är året då det hände."
    assert rule in said(services, "hjälp")
    topic = said(services, "hjälp resultat")
    assert (
        "Dagen avgör vecka och år" not in topic and "i veckans sammanfattning står den den vecka den loggades" in topic
    )


def test_the_helps_own_example_in_a_year_without_a_plan_says_there_is_no_plan(services: Services) -> None:
    example = "resultat (1) kommuner:Eslöv och Höör Industrinatten genomförd"
    assert f"`/mlr {example}`" in said(services, "hjälp resultat")
    refused = said(services, example)
    assert "*Långsiktig kompetensförsörjning* har ingen plan för 2026" in refused, refused
    assert "`/mlr plan kompetens 2026`" in refused and "`mlr-bot plan carry --to 2026`" in refused
    assert "inga numrerade aktiviteter" not in refused and "Inget sparades." in refused
    with services.db.read() as session:
        assert list_entries(session) == []


def test_a_group_lead_is_named_with_the_leads_own_example_and_a_misspelt_group_gets_the_nearest(
    services: Services,
) -> None:
    unmentioned = said(services, "gruppledare lägg till @anna bostad")
    assert "`/mlr gruppledare lägg till @Anna bostad`" in unmentioned and "koordinator" not in unmentioned
    assert "`/mlr lead add @Anna op`" in said(services, "lead add anna op")
    assert "`/mlr koordinator lägg till @Anna`" in said(services, "koordinator lägg till anna")
    misspelt = said(services, "gruppledare lägg till <@U0ANNA> bostd")
    assert "Menade du `bostad`?" in misspelt, misspelt
    assert "Menade du `bostad`?" in said(services, "uppföljning historik bostd 2017")
    with services.db.read() as session:
        assert list_leads(session) == []
    assert "är nu gruppledare för *Stimulera ökat bostadsbyggande*" in said(
        services, "gruppledare lägg till <@U0ANNA> bostad"
    )


def test_a_planned_activity_without_a_result_reads_without_a_stray_full_stop(services: Services) -> None:
    status = said(services, "status kompetens 2017")
    assert "(2) inget resultat loggat än: kommunen som attraktiv arbetsgivare" in status, status
    assert "teknologkår.\n" in status and ".:" not in status, status


def test_the_message_shortcuts_are_named_in_swedish_and_an_existing_app_is_told_to_update() -> None:
    root = Path(__file__).resolve().parents[2]
    manifest = (root / "slack-app-manifest.yml").read_text(encoding="utf-8")
    shortcuts = dict(re.findall(r"- name: (.+)\n\s+type: message\n\s+callback_id: (\w+)", manifest))
    assert shortcuts == {
        "Logga som resultat": ids.SHORTCUT_LOG_RESULT,
        "Logga som aktivitet": ids.SHORTCUT_LOG_ACTIVITY,
    }
    assert "⋯ → Logga som resultat" in say("sv", "help.footer") and "Log as" not in say("en", "help.footer")
    readme = (root / "README.md").read_text(encoding="utf-8")
    assert "*Logga som\nresultat*" in readme and "until its manifest is updated" in readme


def test_a_group_that_could_be_several_names_them_as_a_sentence_does(services: Services) -> None:
    refused = said(services, "status st")
    assert "Menade du `bostad` eller `strukturplan`?" in refused, refused


def test_lists_are_joined_by_the_languages_own_rules() -> None:
    assert listed("sv", ["Lund", "Malmö", "Höör"]) == "Lund, Malmö och Höör"
    assert listed("en", ["Lund", "Malmö", "Höör"]) == "Lund, Malmö and Höör"
    assert listed("sv", ["`a`", "`b`"], style="or") == "`a` eller `b`"
    assert say(
        "en", "error.unknown_group_suggest", key="x", keys="", candidates=Alternatives(["`a`", "`b`", "`c`"])
    ) == ("There is no group `x`. Did you mean `a`, `b` or `c`? The groups are: .")
