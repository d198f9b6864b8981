"""What listeners need from the process, handed to them through Bolt's context by one middleware."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from core.settings import Settings
from handlers.access import ChannelMembers
from storage.db import Database
from storage.models import Followup

CONTEXT_KEY = "mlr"


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class FollowupJobs:
    """The follow-up's jobs, which live with the scheduler in bot/jobs/ and are handed in by
    bot/app.py, so that `/mlr uppföljning start` runs them without handlers/ importing bot/."""

    start_campaign: Callable[..., Followup | None]
    post_prompts: Callable[..., list[Any]]


class PdfNotMade(Exception):
    """LibreOffice gave no PDF (it crashed, timed out or wrote nothing); the message says what it said."""


@dataclass(frozen=True)
class PdfMaker:
    """LibreOffice, which lives with the process in bot/pdf.py and is handed in by bot/app.py, so that a PDF report
    is made without handlers/ importing bot/ or running a program itself."""

    installed: Callable[[], bool]
    convert: Callable[[bytes], bytes]  # Word in, tagged PDF/A out; raises PdfNotMade


@dataclass(frozen=True)
class Services:
    settings: Settings
    db: Database
    clock: Callable[[], datetime] = utc_now
    members: ChannelMembers = field(default_factory=ChannelMembers)
    followup_jobs: FollowupJobs | None = None
    pdf: PdfMaker | None = None

    @property
    def lang(self) -> str:
        return self.settings.language

    def now(self) -> datetime:
        return self.clock()

    def today(self) -> date:
        return self.clock().astimezone(self.settings.timezone).date()


def services_of(context: Any) -> Services:
    services: Services = context[CONTEXT_KEY]
    return services
