"""`/mlr rapport [år]`: the annual report as a Word document, sent to the asking coordinator."""

from __future__ import annotations

import logging
from functools import partial

from slack_sdk import WebClient

from bot.report import Report, ReportError, build_report, report_docx
from handlers import access
from handlers.blocks import Reply, text_reply
from handlers.context import Services
from handlers.parsing import MakeReport
from handlers.texts import render, say

log = logging.getLogger(__name__)


def report_reply(services: Services, parsed: MakeReport, *, user_id: str, client: WebClient) -> Reply:
    lang = services.lang
    year = parsed.year or services.today().year
    with services.db.read() as session:
        refusal = access.require_coordinator(session, user_id=user_id, word=say(lang, "word.report"))
    if refusal:
        return text_reply(render(lang, refusal.key, refusal.params))
    try:
        report = build_report(services.db, year=year, lang=lang, today=services.today())
    except ReportError as error:
        return text_reply(str(error))
    reply = text_reply(say(lang, "report.preparing", year=year))
    return Reply(
        text=reply.text,
        blocks=reply.blocks,
        then=partial(send_report, services, client, report=report, user_id=user_id),
    )


def send_report(services: Services, client: WebClient, *, report: Report, user_id: str) -> None:
    """Render the DOCX (after the ack: it takes a moment) and upload it into the coordinator's
    direct message with the bot."""
    lang = services.lang
    channel = client.conversations_open(users=user_id)["channel"]["id"]
    client.files_upload_v2(
        channel=channel,
        content=report_docx(report),
        filename=f"mlr-resultat-{report.year}.docx",
        title=say(lang, "report.title", year=report.year),
        initial_comment=say(lang, "report.uploaded", year=report.year),
    )
