"""`mlr-bot check`: is this installation ready? Settings, database and Slack, each said plainly."""

from __future__ import annotations

import logging
import shutil
import tempfile

from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from slack_sdk.errors import SlackApiError, SlackClientError
from sqlalchemy.engine import make_url

from bot.app import create_web_client
from bot.pdf import libreoffice_version
from core.settings import ConfigError, Settings
from core.texts import say
from storage.db import Database, DatabaseError, alembic_config


def run_checks(settings: Settings) -> int:
    logging.getLogger("slack_sdk").setLevel(logging.CRITICAL)  # the lines below say what failed
    lang = settings.language
    results = [check_settings(settings, lang), check_database(settings, lang), check_slack(settings, lang)]
    if settings.backup_cron:
        results.append(check_backups(settings, lang))
    for ok, line in results:
        print(say(lang, "check.ok" if ok else "check.fail") + line)
    # Only `--format pdf` needs LibreOffice, not the bot's own job: a warning, never a failure.
    found, line = check_libreoffice(lang)
    print(say(lang, "check.ok" if found else "check.warn") + line)
    return 0 if all(ok for ok, _ in results) else 1


def check_libreoffice(lang: str) -> tuple[bool, str]:
    version = libreoffice_version()
    if version is None:
        return False, say(lang, "check.libreoffice_missing")
    return True, say(lang, "check.libreoffice_ok", version=version)


def check_settings(settings: Settings, lang: str) -> tuple[bool, str]:
    mode = say(lang, "check.socket_mode") if settings.slack_app_token else say(lang, "check.http", port=settings.port)
    try:
        settings.require_slack(http=not settings.slack_app_token)
    except ConfigError as error:
        return False, say(lang, "check.settings_bad", error=error)
    return True, say(lang, "check.settings", mode=mode, language=settings.language, zone=settings.timezone.key)


def check_database(settings: Settings, lang: str) -> tuple[bool, str]:
    shown = make_url(settings.database_url).render_as_string(hide_password=True)
    db = Database(settings.database_url)
    try:
        with db.engine.connect() as connection:
            current = MigrationContext.configure(connection).get_current_revision()
    except DatabaseError as error:
        return False, say(lang, "check.db_unreachable", url=shown, error=_first_line(error))
    finally:
        db.dispose()
    head = ScriptDirectory.from_config(alembic_config(settings.database_url)).get_current_head()
    if current != head:
        current_shown = current or say(lang, "check.no_schema")
        return False, say(lang, "check.db_behind", url=shown, current=current_shown, head=head)
    return True, say(lang, "check.db_ok", url=shown, head=head)


def check_slack(settings: Settings, lang: str) -> tuple[bool, str]:
    if not settings.slack_bot_token:
        return False, say(lang, "check.no_token")
    try:
        identity = create_web_client(settings).auth_test()
    except SlackApiError as error:
        return False, say(lang, "check.token_refused", url=settings.slack_api_url, error=error.response.get("error"))
    except (SlackClientError, OSError) as error:
        return False, say(lang, "check.slack_unreachable", url=settings.slack_api_url, error=error)
    return True, say(lang, "check.slack_ok", user=identity.get("user"), team=identity.get("team"))


def _first_line(error: BaseException) -> str:
    text = str(getattr(error, "orig", None) or error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def check_backups(settings: Settings, lang: str) -> tuple[bool, str]:
    """With MLR_BACKUP_CRON set: a folder this replica can write in, and pg_dump for PostgreSQL."""
    folder = settings.backup_dir
    if folder is None:
        return False, say(lang, "check.backup_no_dir")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as error:
        return False, say(lang, "check.backup_dir_bad", folder=folder, error=error.strerror or error)
    if make_url(settings.database_url).get_backend_name() == "postgresql" and shutil.which("pg_dump") is None:
        return False, say(lang, "check.backup_no_pg_dump")
    return True, say(lang, "check.backup_ok", folder=folder, cron=settings.backup_cron)
