"""Reading the settings: the only module that reads the environment (and `.env`, once, at start-up)."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from urllib.parse import urlparse
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dotenv import dotenv_values, load_dotenv
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from core.settings import ConfigError, Settings
from core.texts import LANGUAGES, say

DEFAULT_SLACK_API_URL = "https://slack.com/api/"
DEFAULT_DATABASE_URL = "sqlite:///mlr.db"

_USER_ID = re.compile(r"^[UW][A-Z0-9]{2,}$")
_CHANNEL_ID = re.compile(r"^[CGD][A-Z0-9]{2,}$")


def read_settings(env_file: str | Path = ".env") -> Settings:
    """Load `.env` (without overriding what the environment already says) and read the settings."""
    load_dotenv(env_file, override=False, encoding="utf-8")
    return load_settings(os.environ)


def early_language(env_file: str | Path = ".env") -> str:
    """MLR_LANGUAGE before anything else is read (for `--help`): from the environment, else from `.env` if it
    can be read at all; Swedish when it is missing or not a language with a catalogue. Never fails."""
    value = os.environ.get("MLR_LANGUAGE")
    if value is None:
        try:
            value = dotenv_values(env_file, encoding="utf-8").get("MLR_LANGUAGE")
        except (OSError, ValueError):
            value = None
    value = (value or "").strip()
    return value if value in LANGUAGES else "sv"


class _Bad(Exception):
    """A setting that is not right: the message's id and what it names, said in MLR_LANGUAGE."""

    def __init__(self, message_id: str, **params: object) -> None:
        super().__init__(message_id)
        self.message_id, self.params = message_id, params


def load_settings(environ: Mapping[str, str]) -> Settings:
    language = environ.get("MLR_LANGUAGE", "").strip()
    lang = language if language in LANGUAGES else "sv"
    try:
        return _settings(environ)
    except _Bad as bad:
        raise ConfigError(say(lang, bad.message_id, **bad.params)) from bad.__cause__


def _settings(environ: Mapping[str, str]) -> Settings:
    def get(name: str) -> str | None:
        value = environ.get(name, "").strip()
        return value or None

    bot_token = get("SLACK_BOT_TOKEN")
    if bot_token and not bot_token.startswith("xoxb-"):
        raise _Bad("config.bot_token")
    app_token = get("SLACK_APP_TOKEN")
    if app_token and not app_token.startswith("xapp-"):
        raise _Bad("config.app_token")

    return Settings(
        slack_bot_token=bot_token,
        slack_signing_secret=get("SLACK_SIGNING_SECRET"),
        slack_app_token=app_token,
        slack_api_url=_api_url(get("SLACK_API_URL") or DEFAULT_SLACK_API_URL),
        database_url=_database_url(get("DATABASE_URL") or DEFAULT_DATABASE_URL),
        language=_language(get("MLR_LANGUAGE") or "sv"),
        timezone=_timezone(get("MLR_TIMEZONE") or "Europe/Stockholm"),
        coordinators=_coordinators(get("MLR_COORDINATORS") or ""),
        coordinator_channel=_coordinator_channel(get("MLR_COORDINATOR_CHANNEL")),
        port=_port(get("PORT") or "3000"),
        digest_cron=_cron(get("MLR_DIGEST_CRON") or "0 8 * * 1"),
        digest_empty=_choice("MLR_DIGEST_EMPTY", get("MLR_DIGEST_EMPTY") or "skip", ("skip", "post")),
        digest_catchup_days=_whole_number("MLR_DIGEST_CATCHUP_DAYS", get("MLR_DIGEST_CATCHUP_DAYS") or "3"),
        followup_date=_month_day("MLR_FOLLOWUP_DATE", get("MLR_FOLLOWUP_DATE") or "11-01"),
        followup_deadline=_month_day("MLR_FOLLOWUP_DEADLINE", get("MLR_FOLLOWUP_DEADLINE") or "11-30"),
        organisation=_organisation(get("MLR_ORGANISATION") or "MalmöLundregionen"),
        plan_period=_plan_period(get("MLR_PLAN_PERIOD") or "2016-2018"),
        backup_dir=Path(backup_dir) if (backup_dir := get("MLR_BACKUP_DIR")) else None,
        backup_cron=_backup_cron(backup_cron) if (backup_cron := get("MLR_BACKUP_CRON")) else None,
        backup_keep=_backup_keep(keep) if (keep := get("MLR_BACKUP_KEEP")) else None,
        organisation_id=_organisation_id(get("MLR_ORGANISATION_ID")),
        submission_agreement=_submission_agreement(get("MLR_SUBMISSION_AGREEMENT")),
    )


def _api_url(value: str) -> str:
    parsed = urlparse(value)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise _Bad("config.api_url", default=DEFAULT_SLACK_API_URL, value=value)
    return value if value.endswith("/") else value + "/"


def _database_url(value: str) -> str:
    try:
        backend = make_url(value).get_backend_name()
    except ArgumentError as error:
        raise _Bad("config.database_url", value=value) from error
    if backend not in ("sqlite", "postgresql"):
        raise _Bad("config.database_backend", backend=backend)
    return value


def _language(value: str) -> str:
    if value not in LANGUAGES:
        raise _Bad("config.language", choices=", ".join(LANGUAGES), value=value)
    return value


def _timezone(value: str) -> ZoneInfo:
    try:
        return ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise _Bad("config.timezone", value=value) from error


def _coordinators(value: str) -> tuple[str, ...]:
    ids = tuple(part.strip() for part in value.split(",") if part.strip())
    bad = [user_id for user_id in ids if not _USER_ID.match(user_id)]
    if bad:
        raise _Bad("config.coordinators", value=bad[0])
    return ids


def _coordinator_channel(value: str | None) -> str | None:
    if value is not None and not _CHANNEL_ID.match(value):
        raise _Bad("config.coordinator_channel", value=value)
    return value


def _port(value: str) -> int:
    if not value.isdigit() or not 1 <= int(value) <= 65535:
        raise _Bad("config.port", value=value)
    return int(value)


def _cron(value: str) -> str:
    from core.crontab import crontab_trigger

    try:
        crontab_trigger(value, ZoneInfo("UTC"))
    except ValueError as error:
        raise _Bad("config.cron", value=value, error=error) from error
    return value


def _choice(name: str, value: str, choices: tuple[str, ...]) -> str:
    if value not in choices:
        raise _Bad("config.choice", name=name, choices=", ".join(choices), value=value)
    return value


def _whole_number(name: str, value: str) -> int:
    if not value.isdigit():
        raise _Bad("config.whole_days", name=name, value=value)
    return int(value)


def _month_day(name: str, value: str) -> tuple[int, int]:
    match = re.fullmatch(r"(\d{2})-(\d{2})", value)
    try:
        if match is None:
            raise ValueError
        date(2024, int(match.group(1)), int(match.group(2)))  # a leap year, so 02-29 passes
    except ValueError as error:
        raise _Bad("config.month_day", name=name, value=value) from error
    return int(match.group(1)), int(match.group(2))


def _backup_cron(value: str) -> str:
    from core.crontab import crontab_trigger

    try:
        crontab_trigger(value, ZoneInfo("UTC"))
    except ValueError as error:
        raise _Bad("config.backup_cron", value=value, error=error) from error
    return value


def _backup_keep(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise _Bad("config.backup_keep", value=value)
    return int(value)


def _organisation(value: str) -> str:
    if len(value) > 100:
        raise _Bad("config.organisation", length=len(value))
    return value


def _plan_period(value: str) -> tuple[int, int]:
    match = re.fullmatch(r"(\d{4})\s*[-–]\s*(\d{4})", value)
    if match is None or int(match.group(1)) > int(match.group(2)):
        raise _Bad("config.plan_period", value=value)
    return int(match.group(1)), int(match.group(2))


def _organisation_id(value: str | None) -> str | None:
    """A Swedish organisation number, NNNNNN-NNNN, whose last digit checks the others (the Luhn algorithm)."""
    if value is None:
        return None
    digits = value.replace("-", "")
    if not re.fullmatch(r"\d{6}-?\d{4}", value) or not _luhn(digits):
        raise _Bad("config.organisation_id", value=value)
    return f"{digits[:6]}-{digits[6:]}"


def _luhn(digits: str) -> bool:
    total = 0
    for place, digit in enumerate(int(d) for d in reversed(digits)):
        doubled = digit * 2 if place % 2 else digit
        total += doubled - 9 if doubled > 9 else doubled
    return total % 10 == 0


def _submission_agreement(value: str | None) -> str | None:
    if value is not None and len(value) > 200:
        raise _Bad("config.submission_agreement", length=len(value))
    return value
