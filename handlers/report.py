"""`/mlr rapport [år]`: the annual report as a Word document, sent to the asking coordinator."""

from __future__ import annotations

import logging
from functools import partial

from slack_sdk import WebClient

from core.commands import MakeReport
from core.report import ReportError, build_report, render
from core.texts import say
from handlers import access
from handlers.blocks.common import Reply, refusal_reply, text_reply
from handlers.context import Services
from storage.report import read_report_rows

log = logging.getLogger(__name__)


def report_reply(services: Services, parsed: MakeReport, *, user_id: str, client: WebClient) -> Reply:
    """Who and which year are checked before the ack; the report is built and sent after it."""
    lang = services.lang
    year = parsed.year or services.today().year
    with services.db.read() as session:
        refusal = access.require_coordinator(session, user_id=user_id, word=say(lang, "word.report"))
    if refusal:
        return refusal_reply(lang, refusal)
    if year > services.today().year:
        return text_reply(say(lang, "report.future", year=year))
    reply = text_reply(say(lang, "report.preparing", year=year))
    return Reply(
        text=reply.text, blocks=reply.blocks, then=partial(send_report, services, client, year=year, user_id=user_id)
    )


def send_report(services: Services, client: WebClient, *, year: int, user_id: str) -> None:
    """Build the report and upload the DOCX into the coordinator's direct message with the bot
    (or say there, why there is none)."""
    lang = services.lang
    channel = client.conversations_open(users=user_id)["channel"]["id"]
    settings = services.settings
    try:
        report = build_report(
            read_report_rows(services.db, year=year),
            lang=lang,
            today=services.today(),
            organisation=settings.organisation,
            plan_period=settings.plan_period,
        )
    except ReportError as error:
        client.chat_postMessage(channel=channel, text=str(error))
        return
    client.files_upload_v2(
        channel=channel,
        content=render(report, "docx"),
        filename=f"mlr-resultat-{year}.docx",
        title=report.title,
        initial_comment=say(lang, "report.uploaded", year=year),
    )
