"""Settings: defaults, and one clear line naming the variable for anything missing or malformed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.config import ConfigError, load_settings


def test_defaults_are_sqlite_swedish_and_stockholm() -> None:
    settings = load_settings({})
    assert settings.database_url == "sqlite:///mlr.db"
    assert settings.language == "sv"
    assert settings.timezone.key == "Europe/Stockholm"
    assert settings.slack_api_url == "https://slack.com/api/"
    assert settings.port == 3000
    assert settings.coordinators == ()
    assert (settings.organisation, settings.plan_period) == ("MalmöLundregionen", (2016, 2018))


def test_values_are_read_and_normalised() -> None:
    settings = load_settings(
        {
            "SLACK_API_URL": "http://127.0.0.1:9/api",
            "MLR_COORDINATORS": " U01AAA , W02BBB ,",
            "MLR_LANGUAGE": "en",
            "PORT": "8080",
            "MLR_COORDINATOR_CHANNEL": "C0KOORD",
            "DATABASE_URL": "postgresql+psycopg://postgres@127.0.0.1/mlr",
            "MLR_ORGANISATION": " Sydöstra Skånes samarbetskommitté ",
            "MLR_PLAN_PERIOD": "2019–2022",
        }
    )
    assert (settings.organisation, settings.plan_period) == ("Sydöstra Skånes samarbetskommitté", (2019, 2022))
    assert settings.slack_api_url == "http://127.0.0.1:9/api/"
    assert settings.coordinators == ("U01AAA", "W02BBB")
    assert (settings.language, settings.port, settings.coordinator_channel) == ("en", 8080, "C0KOORD")


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("SLACK_BOT_TOKEN", "xoxp-user-token"),
        ("SLACK_APP_TOKEN", "xoxb-not-an-app-token"),
        ("SLACK_API_URL", "slack.com/api"),
        ("DATABASE_URL", "mysql://root@localhost/mlr"),
        ("DATABASE_URL", "not a url"),
        ("MLR_LANGUAGE", "de"),
        ("MLR_TIMEZONE", "Europe/Lund"),
        ("MLR_COORDINATORS", "U01AAA,anna"),
        ("MLR_COORDINATOR_CHANNEL", "#koordinator"),
        ("PORT", "70000"),
        ("PORT", "tre"),
        ("MLR_DIGEST_CRON", "0 8 * *"),
        ("MLR_DIGEST_CRON", "0 8 * * */2"),
        ("MLR_DIGEST_EMPTY", "ja"),
        ("MLR_DIGEST_CATCHUP_DAYS", "-1"),
        ("MLR_FOLLOWUP_DATE", "13-01"),
        ("MLR_FOLLOWUP_DEADLINE", "1130"),
        ("MLR_PLAN_PERIOD", "2018-2016"),
        ("MLR_PLAN_PERIOD", "2016"),
        ("MLR_ORGANISATION", "x" * 101),
    ],
)
def test_a_malformed_setting_names_its_variable(name: str, value: str) -> None:
    with pytest.raises(ConfigError) as raised:
        load_settings({name: value})
    assert str(raised.value).startswith(name)


def test_a_malformed_setting_is_said_in_the_chosen_language() -> None:
    with pytest.raises(ConfigError) as swedish:
        load_settings({"PORT": "tre"})
    assert str(swedish.value) == "PORT ska vara ett tal från 1 till 65535 (fick 'tre')"
    with pytest.raises(ConfigError) as english:
        load_settings({"PORT": "tre", "MLR_LANGUAGE": "en"})
    assert str(english.value) == "PORT must be a number from 1 to 65535 (got 'tre')"
    with pytest.raises(ConfigError) as unknown_language:  # a language it cannot read is said in Swedish
        load_settings({"MLR_LANGUAGE": "de"})
    assert str(unknown_language.value) == "MLR_LANGUAGE ska vara ett av sv, en (fick 'de')"


def test_missing_slack_credentials_are_named() -> None:
    settings = load_settings({"SLACK_BOT_TOKEN": "xoxb-1"})
    with pytest.raises(ConfigError, match=r"^SLACK_SIGNING_SECRET"):
        settings.require_slack(http=True)
    settings.require_slack(http=False)  # Socket Mode needs no signing secret
    with pytest.raises(ConfigError, match=r"^SLACK_BOT_TOKEN"):
        load_settings({}).require_slack(http=False)


def _run_cli(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "MLR_", "DATABASE_URL", "PORT"))}
    return subprocess.run(
        [sys.executable, "-m", "bot", *args], cwd=cwd, env={**clean, **env}, capture_output=True, text=True, timeout=60
    )


@pytest.mark.parametrize(
    ("env", "variable"),
    [
        ({}, "SLACK_BOT_TOKEN"),
        ({"SLACK_BOT_TOKEN": "xoxb-1"}, "SLACK_SIGNING_SECRET"),
        ({"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s", "MLR_TIMEZONE": "Mars/Base"}, "MLR_TIMEZONE"),
    ],
)
def test_the_bot_stops_with_one_line_and_no_traceback(tmp_path: Path, env: dict[str, str], variable: str) -> None:
    result = _run_cli(["run", "--http"], tmp_path, env)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and variable in lines[0], result.stderr
    assert "Traceback" not in result.stderr


def test_settings_come_from_dotenv_and_the_environment_wins(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("MLR_LANGUAGE=en\nMLR_TIMEZONE=Mars/Base\n", encoding="utf-8")
    from_file = _run_cli(["run", "--http"], tmp_path, {})
    assert "MLR_TIMEZONE" in from_file.stderr
    overridden = _run_cli(["run", "--http"], tmp_path, {"MLR_TIMEZONE": "Europe/Stockholm"})
    assert "SLACK_BOT_TOKEN" in overridden.stderr
