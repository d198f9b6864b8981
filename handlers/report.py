"""`/mlr rapport [år] [pdf|word|excel]`: the annual report as a file, sent to the asking coordinator: Word by default,
the accessible PDF (made by LibreOffice, handed in as services.pdf) or the Excel workbook."""

from __future__ import annotations

import logging
from functools import partial

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from core.commands import MakeReport
from core.report import ReportError, build_report, render
from core.texts import say
from handlers import access
from handlers.blocks.common import Reply, refusal_reply, text_reply
from handlers.context import PdfNotMade, Services
from storage.report import read_report_rows

log = logging.getLogger(__name__)

# Slack takes a file of at most 1 GB in one upload (files.getUploadURLExternal's `length`; "Upload files up to 1 GB"
# in Slack's help centre). A report larger than that is said so, with the way to make it on the server.
SLACK_UPLOAD_LIMIT = 1024**3
# What Slack answers when the workspace allows smaller files than that (files.getUploadURLExternal's errors).
UPLOAD_TOO_LARGE = {"file_upload_size_restricted", "file_too_large", "request_too_large"}


def report_reply(services: Services, parsed: MakeReport, *, user_id: str, client: WebClient) -> Reply:
    """Who, which year and whether the format can be made are checked before the ack; the report is built and
    sent after it."""
    lang = services.lang
    year = parsed.year or services.today().year
    with services.db.read() as session:
        refusal = access.require_coordinator(session, user_id=user_id, word=say(lang, "word.report"))
    if refusal:
        return refusal_reply(lang, refusal)
    if year > services.today().year:
        return text_reply(say(lang, "report.future", year=year))
    if parsed.fmt == "pdf" and (services.pdf is None or not services.pdf.installed()):
        return text_reply(say(lang, "report.pdf_unavailable", year=year))
    reply = text_reply(say(lang, "report.preparing", year=year, kind=say(lang, f"report.kind_{parsed.fmt}")))
    then = partial(send_report, services, client, year=year, user_id=user_id, fmt=parsed.fmt)
    return Reply(text=reply.text, blocks=reply.blocks, then=then)


def send_report(
    services: Services,
    client: WebClient,
    *,
    year: int,
    user_id: str,
    fmt: str = "docx",
    upload_limit: int = SLACK_UPLOAD_LIMIT,
) -> None:
    """Build the report and upload it into the coordinator's direct message with the bot (or say there why there
    is none: no report for the year, no PDF, a file too big for Slack)."""
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
    if fmt == "pdf":
        if services.pdf is None:
            client.chat_postMessage(channel=channel, text=say(lang, "report.pdf_unavailable", year=year))
            return
        try:
            content = services.pdf.convert(render(report, "docx"))
        except PdfNotMade as error:
            log.warning("no PDF of the %s report: %s", year, error)
            client.chat_postMessage(channel=channel, text=say(lang, "report.pdf_failed", year=year, error=error))
            return
    else:
        content = render(report, fmt)
    size = {"year": year, "format": fmt, "size": _megabytes(len(content))}
    if len(content) > upload_limit:
        too_big = say(lang, "report.too_big", **size, limit=_megabytes(upload_limit))
        client.chat_postMessage(channel=channel, text=too_big)
        return
    try:
        client.files_upload_v2(
            channel=channel,
            content=content,
            filename=f"mlr-resultat-{year}.{fmt}",
            title=report.title,
            initial_comment=say(lang, "report.uploaded", year=year),
        )
    except SlackApiError as error:
        if error.response.get("error") not in UPLOAD_TOO_LARGE:
            raise
        client.chat_postMessage(channel=channel, text=say(lang, "report.upload_refused", **size))


def _megabytes(size: int) -> str:
    """Bytes as megabytes with one decimal, never 0.0 for a file that has bytes."""
    return f"{max(size / 1_000_000, 0.1):.1f}"
