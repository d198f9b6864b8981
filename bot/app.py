"""Builds the Bolt app: our services in the context, the listeners, and one error handler."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any

from slack_bolt import App, BoltContext, BoltRequest, BoltResponse
from slack_bolt.logger import get_bolt_logger
from slack_bolt.logger.messages import warning_client_prioritized_and_token_skipped
from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler, ServerErrorRetryHandler
from slack_sdk.webhook import WebhookClient

import handlers
from bot.jobs.followup import post_prompts, start_campaign
from bot.pdf import PdfFailed, PdfUnavailable, docx_to_pdf, libreoffice_installed
from core.settings import Settings
from core.texts import say
from handlers.context import CONTEXT_KEY, FollowupJobs, PdfMaker, PdfNotMade, Services, utc_now
from storage.db import Database, DatabaseError
from storage.replay import body_seen, first_sighting

log = logging.getLogger(__name__)


class _QuietAboutOurClient(logging.Filter):
    """Bolt reads SLACK_BOT_TOKEN from the environment by itself and then warns, at every start,
    that the client we hand it (made from that same token) wins. Nothing is wrong; say nothing."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.getMessage() != warning_client_prioritized_and_token_skipped()


get_bolt_logger(App).addFilter(_QuietAboutOurClient())


def create_web_client(settings: Settings) -> WebClient:
    client = WebClient(token=settings.slack_bot_token, base_url=settings.slack_api_url, timeout=10)
    # Besides the default retry on connection errors: wait out 429s (Retry-After) and retry 5xx.
    # The handlers share one attempt counter, so each allows three.
    client.retry_handlers.extend(
        [RateLimitErrorRetryHandler(max_retry_count=3), ServerErrorRetryHandler(max_retry_count=3)]
    )
    return client


def _report_pdf(docx: bytes) -> bytes:
    """bot/pdf.py's conversion, its failures said to the handlers in their own terms."""
    try:
        return docx_to_pdf(docx)
    except (PdfUnavailable, PdfFailed) as error:
        raise PdfNotMade(str(error)) from error


def create_app(
    settings: Settings,
    db: Database,
    *,
    client: WebClient,
    clock: Callable[[], datetime] = utc_now,
    process_before_response: bool = False,
) -> App:
    """The app that HTTP mode, Socket Mode and the console all run.

    Construction calls `auth.test` once (Bolt's token verification), so that no request
    waits for it later."""
    services = Services(
        settings=settings,
        db=db,
        clock=clock,
        followup_jobs=FollowupJobs(start_campaign=start_campaign, post_prompts=post_prompts),
        pdf=PdfMaker(installed=libreoffice_installed, convert=_report_pdf),
    )
    app = App(
        client=client,
        signing_secret=settings.slack_signing_secret or "",
        process_before_response=process_before_response,
        raise_error_for_unhandled_request=False,
    )

    @app.middleware
    def refuse_replays(request: BoltRequest, next: Callable[[], Any]) -> Any:
        # Runs after Bolt has checked the signature: a correctly signed request seen before is a replay.
        signature = (request.headers.get("x-slack-signature") or [""])[0]
        if signature:
            body_sha256 = hashlib.sha256(request.raw_body.encode()).hexdigest()
            retry_reason = (request.headers.get("x-slack-retry-reason") or [""])[0]
            try:
                if request.headers.get("x-slack-retry-num") and body_seen(
                    db, body_sha256=body_sha256, now=services.now()
                ):
                    # Slack did not hear our answer in time and sent the request again (signed anew):
                    # it was handled once; answer so that Slack stops retrying, and do nothing more.
                    log.info("Slack retried a request already handled (%s)", retry_reason or "no reason given")
                    return BoltResponse(status=200, body="")
                first = first_sighting(db, signature=signature, body_sha256=body_sha256, now=services.now())
            except DatabaseError:
                first = True  # the database is down: the listener says so; a replay cannot be told now
            if not first:
                log.warning("refused a replayed request")
                return BoltResponse(status=401, body="")
        return next()

    @app.middleware
    def provide_services(context: BoltContext, next: Callable[[], Any]) -> Any:
        context[CONTEXT_KEY] = services
        return next()

    @app.error
    def handle_error(error: Exception, body: dict[str, Any]) -> None:
        log.error("listener failed", exc_info=error)
        response_url = body.get("response_url")
        if response_url:
            WebhookClient(response_url).send(
                text=say(settings.language, "error.command_failed"), response_type="ephemeral"
            )

    handlers.register_all(app)
    return app
