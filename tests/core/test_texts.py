"""The bot's words: Swedish plurals, and no stray punctuation in any sentence, in both languages."""

from __future__ import annotations

import re
import string
from typing import Any

import pytest

from core.texts import CATALOGUES, COUNTED, say


@pytest.mark.parametrize(
    ("lang", "key", "params", "expected"),
    [
        (
            "sv",
            "status.counts",
            {"week": 1, "year_count": 1, "year": 2017},
            "1 post loggad i veckan, 1 post daterad 2017",
        ),
        (
            "sv",
            "status.counts",
            {"week": 2, "year_count": 9, "year": 2017},
            "2 poster loggade i veckan, 9 poster daterade 2017",
        ),
        (
            "sv",
            "status.counts",
            {"week": 0, "year_count": 0, "year": 2017},
            "0 poster loggade i veckan, 0 poster daterade 2017",
        ),
        ("sv", "status.counts_year", {"year_count": 1, "year": 2017}, "1 post daterad 2017"),
        ("sv", "status.counts_year", {"year_count": 2, "year": 2017}, "2 poster daterade 2017"),
        ("en", "status.counts_year", {"year_count": 1, "year": 2017}, "1 entry dated 2017"),
        ("sv", "cli.statements_exported", {"count": 1, "out": "x"}, "1 version av redovisningarna skriven till x"),
        ("sv", "cli.statements_exported", {"count": 3, "out": "x"}, "3 versioner av redovisningarna skrivna till x"),
        ("sv", "digest.totals", {"results": 1, "activities": 1, "key": "op"}, "1 resultat · 1 aktivitet · `op`"),
        ("sv", "digest.totals", {"results": 2, "activities": 3, "key": "op"}, "2 resultat · 3 aktiviteter · `op`"),
        (
            "sv",
            "home.group",
            {"name": "ÖP-gruppen", "key": "op", "week": 1},
            "*ÖP-gruppen* (`op`): 1 post den här veckan",
        ),
        ("sv", "status.silent", {"weeks": 1}, "tyst i 1 vecka"),
        ("sv", "cli.exported", {"count": 1, "out": "x.csv"}, "1 post skriven till x.csv"),
        ("sv", "cli.exported", {"count": 4, "out": "x.csv"}, "4 poster skrivna till x.csv"),
        (
            "sv",
            "plan.saved",
            {"key": "op", "year": 2017, "count": 1},
            "Planen för `op` 2017 är sparad, med 1 numrerad aktivitet.",
        ),
        ("en", "status.counts", {"week": 1, "year_count": 2, "year": 2017}, "1 entry logged this week, 2 dated 2017"),
        ("en", "digest.totals", {"results": 1, "activities": 2, "key": "op"}, "1 result · 2 activities · `op`"),
        ("en", "cli.exported", {"count": 1, "out": "x.csv"}, "1 entry written to x.csv"),
    ],
)
def test_a_count_takes_the_right_form(lang: str, key: str, params: dict[str, Any], expected: str) -> None:
    assert say(lang, key, **params) == expected


def _sample_params(key: str, template: str, number: int) -> dict[str, Any]:
    """A text's fields filled: a count (a plural message `<key>.<field>`) with the number, others with text."""
    return {
        name: number if f"{key}.{name}" in COUNTED else f"x{number}"
        for _, name, _, _ in string.Formatter().parse(template)
        if name
    }


@pytest.mark.parametrize("lang", sorted(CATALOGUES))
@pytest.mark.parametrize("number", [1, 2])
def test_no_sentence_has_stray_or_doubled_punctuation(lang: str, number: int) -> None:
    for key, template in CATALOGUES[lang].items():
        said = say(lang, key, **_sample_params(key, template, number))
        assert not re.search(r"\.:|:\.|\.\.(?!\.)|[^\n ] {2,}\S|\s[.,;:](?!\S)", said), (key, said)


@pytest.mark.parametrize("lang", sorted(CATALOGUES))
def test_no_bold_name_runs_into_a_letter(lang: str) -> None:
    """Slack shows the asterisks of `*Stimulera ökat bostadsbyggande*s` instead of making it bold."""
    for key, template in CATALOGUES[lang].items():
        assert not re.search(
            r"(?:^|[\s(])\*[^*\s][^*\n]*\*[^\W_]", say(lang, key, **_sample_params(key, template, 2))
        ), key


# Lines the command line prints on their own (not after "mlr-bot: "): each a sentence starting with a capital.
PRINTED_ALONE = (
    "cli.db_ready",
    "cli.report_written",
    "cli.nothing_logged",
    "cli.nothing_to_post",
    "cli.carried_revise",
    "db.verify_whole",
)


@pytest.mark.parametrize("lang", sorted(CATALOGUES))
@pytest.mark.parametrize("key", PRINTED_ALONE)
def test_a_line_printed_on_its_own_starts_with_a_capital(lang: str, key: str) -> None:
    said = say(lang, key, **_sample_params(key, CATALOGUES[lang][key], 2))
    assert said[0].isupper(), said


@pytest.mark.parametrize("lang", sorted(CATALOGUES))
def test_counts_in_a_line_keep_the_case_of_the_line(lang: str) -> None:
    """The sign-off counts follow "Årsuppföljningen 2026: " or a " · ": they do not start a sentence."""
    said = say(lang, "followup.status_counts", not_started=8, draft=0, approved=1)
    assert said[0].islower() and not re.search(r" · [A-ZÅÄÖ]", said), said
