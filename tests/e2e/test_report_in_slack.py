"""`/mlr rapport [år] [pdf|word|excel]` through the real bot: the coordinator chooses the file, Word stays the
default; no LibreOffice, a crashing one, and a file Slack will not take each get a clear answer and no upload."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import docx
import pytest
from openpyxl import load_workbook

from bot.app import create_web_client
from bot.config import load_settings
from bot.loopback_slack import LoopbackSlack
from handlers.context import Services
from handlers.report import send_report
from storage.db import Database
from storage.groups import seed_groups_if_empty
from storage.groups_file import DEFAULT_GROUPS_FILE, read_groups_file
from tests.e2e.test_commands import answer_text, wait_for_calls
from tests.harness import COORDINATOR, BotProcess
from tests.pdf_checks import fake_soffice, pdf_problems

TITLE_2016 = "Verksamhetsplan reviderad inför 2017 · Resultat 2016"


def _dm_texts(fake: LoopbackSlack) -> list[str]:
    return [
        str(c.args.get("text")) for c in fake.calls_to("chat.postMessage") if c.args.get("channel") == f"D{COORDINATOR}"
    ]


def test_the_coordinator_chooses_pdf_or_excel_and_word_stays_the_default(
    bot: BotProcess, fake_slack: LoopbackSlack
) -> None:
    fake_slack.clear()
    asked = bot.command("rapport 2016 pdf").json()
    assert answer_text(asked) == (
        "Rapporten för 2016 tas fram och kommer strax som en PDF (taggad, PDF/A) i ett direktmeddelande."
    )
    [complete] = wait_for_calls(fake_slack, "files.completeUploadExternal", 1)
    assert complete.args["channel_id"] == f"D{COORDINATOR}"
    [requested] = fake_slack.calls_to("files.getUploadURLExternal")
    assert requested.args["filename"] == "mlr-resultat-2016.pdf"
    [pdf] = fake_slack.uploads.values()
    assert pdf_problems(pdf, lang="sv-SE", title=TITLE_2016) == []

    fake_slack.clear()
    assert "som en Excel-arbetsbok" in answer_text(bot.command("rapport excel 2016").json())
    wait_for_calls(fake_slack, "files.completeUploadExternal", 1)
    [xlsx] = fake_slack.uploads.values()
    assert load_workbook(io.BytesIO(xlsx)).sheetnames[0] == "Fokusfrågor"
    assert fake_slack.calls_to("files.getUploadURLExternal")[0].args["filename"] == "mlr-resultat-2016.xlsx"

    fake_slack.clear()
    assert "som ett Word-dokument" in answer_text(bot.command("rapport 2016").json())
    wait_for_calls(fake_slack, "files.completeUploadExternal", 1)
    [word] = fake_slack.uploads.values()
    assert docx.Document(io.BytesIO(word)).core_properties.title == TITLE_2016


def test_a_format_slack_does_not_offer_is_refused_with_the_command_written_right(
    bot: BotProcess, fake_slack: LoopbackSlack
) -> None:
    fake_slack.clear()
    refused = answer_text(bot.command("rapport 2016 html").json())
    assert refused.endswith(
        "Skriv `/mlr rapport [år] [pdf|word|excel]`, till exempel `/mlr rapport 2026` (Word) eller "
        "`/mlr rapport 2026 pdf`."
    )
    assert fake_slack.calls_to("files.getUploadURLExternal") == []


def test_a_workspace_that_refuses_so_large_a_file_is_told_in_the_dm(bot: BotProcess, fake_slack: LoopbackSlack) -> None:
    fake_slack.clear()
    fake_slack.fail("files.getUploadURLExternal", error="file_upload_size_restricted")
    bot.command("rapport 2016 pdf")
    wait_for_calls(fake_slack, "chat.postMessage", 1, where=lambda c: c.args.get("channel") == f"D{COORDINATOR}")
    [told] = _dm_texts(fake_slack)
    assert told.startswith("Slack tog inte emot rapporten för 2016 (pdf, ")
    assert told.endswith("`mlr-bot report --year 2016 --format pdf --out FIL`.")
    assert fake_slack.uploads == {}


@pytest.fixture
def other_bot(
    database_url: str, tmp_path: Path, fake_slack: LoopbackSlack, request: pytest.FixtureRequest
) -> Iterator[BotProcess]:
    """A bot whose PATH is what the test says (request.param): no LibreOffice, or one that crashes."""
    bot = BotProcess(
        workdir=tmp_path,
        database_url=database_url,
        slack_api_url=fake_slack.api_url,
        extra_env={"PATH": request.param(tmp_path)},
    ).start()
    yield bot
    bot.stop()


def _crashing(tmp_path: Path) -> str:
    return fake_soffice(tmp_path / "bin", "echo 'Fatal exception: Signal 11' >&2; exit 139")


@pytest.mark.parametrize("other_bot", [lambda _: "/nonexistent"], indirect=True, ids=["no-libreoffice"])
def test_without_libreoffice_pdf_is_refused_at_once_and_word_still_works(
    other_bot: BotProcess, fake_slack: LoopbackSlack
) -> None:
    fake_slack.clear()
    refused = answer_text(other_bot.command("rapport 2016 pdf").json())
    assert refused == (
        "En PDF görs av LibreOffice, som inte finns där boten körs. Be den som driftar boten installera paketet "
        "libreoffice-writer-nogui, eller ta rapporten som Word: `/mlr rapport 2016`."
    )
    assert fake_slack.calls_to("conversations.open") == []
    other_bot.command("rapport 2016")
    wait_for_calls(fake_slack, "files.completeUploadExternal", 1)


@pytest.mark.parametrize("other_bot", [_crashing], indirect=True, ids=["crashing-libreoffice"])
def test_a_crashing_libreoffice_is_said_in_the_dm_and_nothing_is_uploaded(
    other_bot: BotProcess, fake_slack: LoopbackSlack
) -> None:
    fake_slack.clear()
    assert "tas fram" in answer_text(other_bot.command("rapport 2016 pdf").json())
    wait_for_calls(fake_slack, "chat.postMessage", 1, where=lambda c: c.args.get("channel") == f"D{COORDINATOR}")
    [told] = _dm_texts(fake_slack)
    assert told.startswith("PDF:en för 2016 gick inte att göra (LibreOffice: LibreOffice wrote no PDF (exit status 139")
    assert told.endswith("eller ta rapporten som Word: `/mlr rapport 2016`.")
    assert fake_slack.calls_to("files.getUploadURLExternal") == [] and fake_slack.uploads == {}


def test_a_report_bigger_than_one_slack_upload_is_said_with_the_way_to_make_it(
    db: Database, fake_slack: LoopbackSlack
) -> None:
    """Slack's limit is 1 GB, more than a report reaches; the limit is a parameter so that the answer is seen."""
    settings = load_settings({"SLACK_BOT_TOKEN": "xoxb-test", "SLACK_API_URL": fake_slack.api_url})
    with db.write() as session:
        seed_groups_if_empty(
            session, specs=read_groups_file(DEFAULT_GROUPS_FILE), now=datetime(2017, 1, 10, tzinfo=UTC)
        )
    services = Services(settings=settings, db=db, clock=lambda: datetime(2017, 1, 16, 9, tzinfo=UTC))
    fake_slack.clear()
    send_report(services, create_web_client(settings), year=2016, user_id=COORDINATOR, fmt="xlsx", upload_limit=1000)
    [told] = _dm_texts(fake_slack)
    assert re.fullmatch(
        r"Rapporten för 2016 \(xlsx\) är \d+\.\d MB, mer än Slack tar emot i en uppladdning \(0\.1 MB\)\. Den som "
        r"driftar boten kan göra den på servern: `mlr-bot report --year 2016 --format xlsx --out FIL`\.",
        told,
    ), told
    assert fake_slack.calls_to("files.getUploadURLExternal") == []
