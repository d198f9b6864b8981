"""The command line's help in MLR_LANGUAGE, from the catalogue: every --help, and argparse's own words."""

from __future__ import annotations

import argparse
import re

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
