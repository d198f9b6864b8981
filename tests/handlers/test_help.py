"""The help in both languages: every option with an example, and each command in depth."""

from __future__ import annotations

import json

import pytest
from slack_sdk.models.blocks import Block

from core.commands import SUBCOMMANDS, Help, parse_command
from handlers.blocks.help import help_reply

TOPICS = sorted(set(SUBCOMMANDS.values()) - {"help"})


@pytest.mark.parametrize(
    ("lang", "examples"),
    [
        ("sv", ["`grupp:bostad`", "`datum:2016-10-18`", "`(2)`", "`kommuner:Lund, Malmö`", "/mlr hjälp resultat"]),
        ("en", ["`group:bostad`", "`date:2016-10-18`", "`(2)`", "`municipalities:Lund, Malmö`", "/mlr help result"]),
    ],
)
def test_the_help_shows_every_option_in_the_chosen_language(lang: str, examples: list[str]) -> None:
    body = json.dumps(help_reply(lang).as_ack(), ensure_ascii=False)
    for example in examples:
        assert example in body, example


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("topic", TOPICS)
def test_every_command_has_its_own_help_and_it_is_valid_block_kit(lang: str, topic: str) -> None:
    assert parse_command(f"help {topic}") == Help(topic)
    ack = help_reply(lang, topic).as_ack()
    assert len(ack["blocks"]) <= 50
    for block in ack["blocks"]:
        Block.parse(block).validate_json()  # type: ignore[union-attr]
        assert len(block.get("text", {}).get("text", "")) <= 3000
    text = json.dumps(ack, ensure_ascii=False)
    assert ".:" not in text and "  " not in text
    assert ("/mlr help" if lang == "en" else "/mlr hjälp") in text
