"""`mlr-bot check`: is this installation ready? Settings, database and Slack, each said plainly."""

from __future__ import annotations

import logging

from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from slack_sdk.errors import SlackApiError, SlackClientError
from sqlalchemy.engine import make_url

from bot.app import create_web_client
from core.settings import ConfigError, Settings
from storage.db import Database, DatabaseError, alembic_config


def run_checks(settings: Settings) -> int:
    logging.getLogger("slack_sdk").setLevel(logging.CRITICAL)  # the lines below say what failed
    results = [check_settings(settings), check_database(settings), check_slack(settings)]
    for ok, line in results:
        print(("ok    " if ok else "FAIL  ") + line)
    return 0 if all(ok for ok, _ in results) else 1


def check_settings(settings: Settings) -> tuple[bool, str]:
    mode = "Socket Mode" if settings.slack_app_token else f"HTTP mode on port {settings.port}"
    try:
        settings.require_slack(http=not settings.slack_app_token)
    except ConfigError as error:
        return False, f"settings: {error}"
    return True, f"settings: {mode}, language {settings.language}, time zone {settings.timezone.key}"


def check_database(settings: Settings) -> tuple[bool, str]:
    shown = make_url(settings.database_url).render_as_string(hide_password=True)
    db = Database(settings.database_url)
    try:
        with db.engine.connect() as connection:
            current = MigrationContext.configure(connection).get_current_revision()
    except DatabaseError as error:
        return False, f"database {shown}: cannot be reached ({_first_line(error)})"
    finally:
        db.dispose()
    head = ScriptDirectory.from_config(alembic_config(settings.database_url)).get_current_head()
    if current != head:
        return False, f"database {shown}: schema at {current or 'nothing'}, not {head}: run `mlr-bot db upgrade`"
    return True, f"database {shown}: reachable, schema at {head}"


def check_slack(settings: Settings) -> tuple[bool, str]:
    if not settings.slack_bot_token:
        return False, "slack: SLACK_BOT_TOKEN is not set"
    try:
        identity = create_web_client(settings).auth_test()
    except SlackApiError as error:
        return False, f"slack: {settings.slack_api_url} refused the token ({error.response.get('error')})"
    except (SlackClientError, OSError) as error:
        return False, f"slack: {settings.slack_api_url} cannot be reached ({error})"
    return True, f"slack: the token is the bot @{identity.get('user')} in {identity.get('team')}"


def _first_line(error: BaseException) -> str:
    text = str(getattr(error, "orig", None) or error).strip()
    return text.splitlines()[0] if text else type(error).__name__
