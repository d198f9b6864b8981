"""The bot's settings as one value: what every layer reads, and only `bot/config.py` fills in."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from core.texts import say


class ConfigError(Exception):
    """A missing or malformed setting; the message is one line that names the variable."""


@dataclass(frozen=True)
class Settings:
    slack_bot_token: str | None
    slack_signing_secret: str | None
    slack_app_token: str | None
    slack_api_url: str
    database_url: str
    language: str
    timezone: ZoneInfo
    coordinators: tuple[str, ...]
    coordinator_channel: str | None
    port: int
    digest_cron: str = "0 8 * * 1"
    digest_empty: str = "skip"
    digest_catchup_days: int = 3
    followup_date: tuple[int, int] = (11, 1)  # month, day
    followup_deadline: tuple[int, int] = (11, 30)
    organisation: str = "MalmöLundregionen"  # the report's title block, footer and author
    plan_period: tuple[int, int] = (2016, 2018)  # the activity plan's years, as its name gives them
    backup_dir: Path | None = None  # MLR_BACKUP_DIR: where `db backup` and the scheduled backups write
    backup_cron: str | None = None  # MLR_BACKUP_CRON: scheduled backups (off when None)
    backup_keep: int | None = None  # MLR_BACKUP_KEEP: the newest N scheduled backups kept (all when None)
    organisation_id: str | None = None  # the organisation number (organisationsnummer) the archive package names
    submission_agreement: str | None = (
        None  # the archive's reference for the submission agreement (leveransöverenskommelse)
    )

    def require_slack(self, *, http: bool) -> None:
        """Check what talking to Slack needs: the bot token, and the signing secret in HTTP mode."""
        if not self.slack_bot_token:
            raise ConfigError(say(self.language, "config.no_bot_token"))
        if http and not self.slack_signing_secret:
            raise ConfigError(say(self.language, "config.no_signing_secret"))
