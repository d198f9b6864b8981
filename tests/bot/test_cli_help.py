"""The command line's help in MLR_LANGUAGE, from the catalogue: every --help, and argparse's own words."""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import build_parser
from core.texts import CATALOGUES


def _parsers(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    """The parser and every sub-command's, as `mlr-bot … --help` shows them."""
    found = [parser]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in dict.fromkeys(action.choices.values()):
                found += _parsers(sub)
    return found


def _words(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_every_help_text_is_the_catalogues(lang: str) -> None:
    shown = [parser.format_help() for parser in _parsers(build_parser(lang))]
    everything = _words(" ".join(shown))
    for key, text in CATALOGUES[lang].items():
        if key.startswith("cli.help."):
            assert _words(text) in everything, key
    usage, options = ("användning: ", "val:") if lang == "sv" else ("usage: ", "options:")
    assert all(help_.startswith(usage + "mlr-bot") and options in help_ for help_ in shown)
    if lang == "sv":
        english = ("usage:", "options:", "positional arguments", "show this help", "COMMAND", "ACTION", "the ")
        assert not [word for word in english if word in everything]


def _mlr_bot(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "MLR_", "DATABASE_URL", "PORT"))}
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
        env={**clean, **(env or {})},
    )


def test_help_reads_mlr_language_before_the_arguments(tmp_path: Path) -> None:
    swedish = _mlr_bot(["--help"], tmp_path)
    assert swedish.returncode == 0 and swedish.stdout.startswith("användning: mlr-bot"), swedish
    assert "kör boten" in swedish.stdout and "visa den här hjälpen och avsluta" in swedish.stdout
    english = _mlr_bot(["report", "--help"], tmp_path, {"MLR_LANGUAGE": "en"})
    assert english.returncode == 0 and english.stdout.startswith("usage: mlr-bot report"), english
    assert "the annual report" not in english.stdout and "the plan year, e.g. 2026" in english.stdout


def test_help_works_with_a_broken_env_file(tmp_path: Path) -> None:
    """MLR_LANGUAGE from a .env whose other settings are wrong; a .env that cannot be read at all is passed by."""
    (tmp_path / ".env").write_text("MLR_LANGUAGE=en\nMLR_DIGEST_CRON=every monday\nPORT=eighty\nnot a setting\n")
    english = _mlr_bot(["db", "--help"], tmp_path)
    assert english.returncode == 0 and english.stdout.startswith("usage: mlr-bot db"), english
    (tmp_path / ".env").write_bytes(b"MLR_LANGUAGE=en\n\xff\xfe\x00SLACK_BOT_TOKEN=\x9b\n")
    unreadable = _mlr_bot(["--help"], tmp_path)
    assert unreadable.returncode == 0 and unreadable.stdout.startswith("användning: mlr-bot"), unreadable
    assert unreadable.stderr == ""


def test_argparse_refuses_in_swedish(tmp_path: Path) -> None:
    missing = _mlr_bot(["report", "--year"], tmp_path)
    assert missing.returncode == 2
    assert missing.stderr.splitlines()[-1] == "mlr-bot report: fel: argumentet --year: ett värde behövs"
    unknown = _mlr_bot(["rapport"], tmp_path)
    assert unknown.returncode == 2 and "mlr-bot: fel: argumentet KOMMANDO: ogiltigt val: 'rapport'" in unknown.stderr
