"""A record is never silently wrong: options in any order, spacing, case and spelling are read
exactly, and anything else is refused with an answer and nothing stored (issue 11)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from slack_sdk import WebClient

from bot.app import create_web_client
from bot.loopback_slack import LoopbackSlack
from core.commands import LogEntry, OpenLogForm, UsageError, parse_command
from core.names import match_group
from core.texts import render
from handlers.blocks.common import Reply
from handlers.commands import answer
from handlers.context import Services
from storage.db import Database
from storage.entries import list_entries
from storage.groups_file import DEFAULT_GROUPS_FILE, read_groups_file
from storage.models import MUNICIPALITIES
from tests.conftest import seeded_services

GROUPS = [(spec.key, spec.name) for spec in read_groups_file(DEFAULT_GROUPS_FILE)]
# (as typed, the key it means): keys, Swedish names, words of the name, å/ä/ö or not, any case, prefixes.
GROUP_SPELLINGS = [
    ("bostad", "bostad"),
    ("Bostad", "bostad"),
    ("bost", "bostad"),
    ("bostadsbyggande", "bostad"),
    ("kompetens", "kompetens"),
    ("KOMPETENS", "kompetens"),
    ("kompetensförsörjning", "kompetens"),
    ("sysselsättning", "sysselsattning"),
    ("Sysselsattning", "sysselsattning"),
    ("arbetsmarknad", "sysselsattning"),
    ("näringsliv", "naringsliv"),
    ("Näringslivsgruppen", "naringsliv"),
    ("naringsliv", "naringsliv"),
    ("öp", "op"),
    ("ÖP", "op"),
    ("op", "op"),
    ("ÖP-gruppen", "op"),
    ("transport", "transport"),
    ("Strukturplan", "strukturplan"),
    ("praktisk", "praktisk"),
    ("forum", "forum"),
]
WORDS = ["Möte", "med", "LTH:s", "teknologkår", "Workshop", "om", "goda", "exempel", "genomförd", "och"]
WORDS += ["Industrinatten", "2017", "B2B-mässa", "för", "politiker", "ÅÄÖ", "åäö", "Tema:", "Datum", "grupp"]
WORDS += ["kommuner", "bostäder", "&", "<b>", "kl.", "14:00", "(se", "bilaga)", "“citat”", "Lund"]
FIRST_WORDS = [w for w in WORDS if w not in ("och", "&", "Lund", "“citat”")]
LAST_WORDS = [w for w in WORDS if not w.endswith((",", ";"))]
SPACES = st.sampled_from([" ", "  ", "\n", " \t "])
OPTION_LEFT = re.compile(
    r"(?i)(?<![\w:])(grupp|group|datum|date|kommuner|kommun|municipalit(y|ies)):|(?<!\w)\(\d{1,2}\)"
)


def _spell_municipality(name: str, upper: bool, ascii_only: bool) -> str:
    spelled = name.translate(str.maketrans("åäöÅÄÖ", "aaoAAO")) if ascii_only else name
    return spelled.upper() if upper else spelled


@st.composite
def municipality_option(draw: st.DrawFn) -> tuple[str, tuple[str, ...]]:
    names = draw(st.lists(st.sampled_from(MUNICIPALITIES), min_size=1, max_size=3, unique=True))
    spelled = [_spell_municipality(n, draw(st.booleans()), draw(st.booleans())) for n in names]
    word = draw(st.sampled_from(["kommuner:", "Kommuner:", "KOMMUNER:", "municipalities:", "kommuner: "]))
    if draw(st.booleans()) and len(spelled) > 1:
        joined = '"' + ", ".join(spelled) + '"'
    else:
        joined = spelled[0]
        for name in spelled[1:]:
            joined += draw(st.sampled_from([",", ", ", " , ", " och ", " and ", " & ", "/"])) + name
    return word + joined, tuple(names)


@dataclass(frozen=True)
class Command:
    text: str  # what follows /mlr
    body: str  # the text meant
    group: str | None
    day: date | None
    activity: int | None
    municipalities: tuple[str, ...]


@st.composite
def log_commands(draw: st.DrawFn, *, spellings: list[tuple[str, str]], days: st.SearchStrategy[date]) -> Command:
    """A log command with some options, each first or last, in any order, case and spacing."""
    kind = draw(st.sampled_from(["resultat", "Resultat", "aktivitet", "result", "ACTIVITY"]))
    options: list[str] = []
    group = day = activity = None
    municipalities: tuple[str, ...] = ()
    if draw(st.booleans()):
        typed, group = draw(st.sampled_from(spellings))
        options.append(draw(st.sampled_from(["grupp:", "Grupp:", "GRUPP:", "group:"])) + typed)
    if draw(st.booleans()):
        day = draw(days)
        options.append(draw(st.sampled_from(["datum:", "Datum:", "date:", "datum: "])) + day.isoformat())
    if draw(st.booleans()):
        activity = draw(st.integers(1, 3))
        options.append(f"({activity})")
    if draw(st.booleans()):
        typed, municipalities = draw(municipality_option())
        options.append(typed)
    options = draw(st.permutations(options))
    split = draw(st.integers(0, len(options)))
    words = [draw(st.sampled_from(FIRST_WORDS))]
    words += draw(st.lists(st.sampled_from(WORDS), max_size=5))
    if len(words) > 1:
        words[-1] = draw(st.sampled_from(LAST_WORDS))
    body = words[0]
    for word in words[1:]:
        body += draw(SPACES) + word
    parts = [*options[:split], body, *options[split:]]
    text = kind
    for part in parts:
        text += draw(SPACES) + part
    if split < len(options) and draw(st.booleans()):
        text += "."  # a sentence's full stop after the last option
    return Command(text, body, group, day, activity, municipalities)


ANY_DAY = st.dates(date(2015, 1, 1), date(2017, 11, 30))


@settings(max_examples=400, deadline=None)
@given(log_commands(spellings=GROUP_SPELLINGS, days=ANY_DAY))
def test_every_option_is_read_exactly_and_none_is_left_in_the_text(command: Command) -> None:
    parsed = parse_command(command.text)
    assert isinstance(parsed, LogEntry), (command.text, parsed)
    assert parsed.text == command.body
    assert OPTION_LEFT.search(parsed.text) is None
    resolved = match_group(parsed.group_key, GROUPS).key if parsed.group_key else None
    assert resolved == command.group
    assert parsed.occurred_on == command.day
    assert parsed.activity_number == command.activity
    assert parsed.municipalities == command.municipalities


@st.composite
def misplaced_options(draw: st.DrawFn) -> tuple[str, str]:
    """An option between two words of the text, or the same option twice: (command, the option as typed)."""
    command = draw(log_commands(spellings=GROUP_SPELLINGS, days=ANY_DAY))
    option = draw(
        st.sampled_from(["datum:2016-10-18", "grupp:bostad", "Kommuner:Lund", "DATE:2016-01-02", "(2)", "group:öp"])
    )
    if draw(st.booleans()):
        words = ["Workshop", "genomförd", "i", "hamnen"]
        at = draw(st.integers(1, len(words) - 1))
        return f"resultat {' '.join(words[:at])} {option} {' '.join(words[at:])}", option
    return f"{command.text} {option} {option}", option


@settings(max_examples=300, deadline=None)
@given(misplaced_options())
def test_an_option_in_the_text_or_given_twice_is_refused_and_quoted(case: tuple[str, str]) -> None:
    text, option = case
    parsed = parse_command(text)
    assert isinstance(parsed, UsageError), (text, parsed)
    assert parsed.key in ("error.option_in_text", "error.option_twice"), (text, parsed)
    for lang in ("sv", "en"):
        said = render(lang, parsed.key, parsed.params)
        assert f"`{option}`" in said or f"`{option}" in said, said
        assert ".:" not in said and "  " not in said


SOUP = ["grupp:", "datum:", "Kommuner:", "date:", "(1)", "(2)", "(1, 2)", "Lund", "Malmö", "malmo", ",", ", ", " och "]
SOUP += [
    "2016-10-18",
    "bostad",
    "öp",
    "Möte",
    '"',
    "“",
    "”",
    " ",
    "  ",
    "\n",
    ".",
    ":",
    "LTH:s",
    "(",
    ")",
    "datum",
    "&",
]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(SOUP), min_size=1, max_size=12))
def test_whatever_is_typed_no_option_word_is_ever_kept_in_the_text(parts: list[str]) -> None:
    """Any mix of option words, names, punctuation and quotes: refused, or read with no option left."""
    text = "resultat " + "".join(parts)
    parsed = parse_command(text)
    assert isinstance(parsed, LogEntry | UsageError | OpenLogForm)
    if isinstance(parsed, LogEntry) and not re.search(r'["“”]', text):  # quoted words are the person's own
        assert OPTION_LEFT.search(parsed.text) is None, (text, parsed)
        assert parsed.text and parsed.text == parsed.text.strip()


# ---------------------------------------------------------------- through the listener, to the database

NOW = datetime(2017, 12, 1, 9, 0, tzinfo=UTC)
COORDINATOR = "U0KOORD"


@pytest.fixture
def services(db: Database, fake_slack: LoopbackSlack) -> Services:
    return seeded_services(db, fake_slack, now=NOW, coordinator=COORDINATOR)


@pytest.fixture
def client(services: Services) -> WebClient:
    return create_web_client(services.settings)


def _answer(services: Services, client: WebClient, text: str, *, channel_id: str) -> Reply:
    reply = answer(services, parse_command(text), user_id=COORDINATOR, channel_id=channel_id, client=client)
    assert isinstance(reply, Reply)
    return reply


def _stored(services: Services) -> list[Any]:
    with services.db.read() as session:
        return list_entries(session)


# Groups whose 2017 plan has activities (1)–(3), so that every `(n)` drawn names a planned activity.
PLANNED = [(typed, key) for typed, key in GROUP_SPELLINGS if key in ("kompetens", "sysselsattning")]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(command=log_commands(spellings=PLANNED, days=st.dates(date(2017, 1, 1), date(2017, 11, 30))))
def test_every_accepted_command_stores_exactly_what_was_meant(
    services: Services, client: WebClient, command: Command
) -> None:
    channel = "D0PROPERTY" if command.group else "C0KOMP"
    before = len(_stored(services))
    reply = _answer(services, client, command.text, channel_id=channel)
    entries = _stored(services)
    assert len(entries) == before + 1, (command.text, reply.text)
    entry = entries[-1]
    assert entry.text == command.body
    assert entry.group_key == (command.group or "kompetens")
    assert entry.occurred_on == (command.day or NOW.date())
    assert entry.activity_number == command.activity
    assert tuple(entry.municipalities) == command.municipalities
    assert reply.in_channel and f"#{entry.id}" in reply.text


@st.composite
def refused_commands(draw: st.DrawFn) -> tuple[str, str]:
    """A command that must be refused, and what its answer must quote: a misplaced or doubled option,
    or a value that is not a group, a municipality, a date or a planned activity of the group."""
    if draw(st.booleans()):
        return draw(misplaced_options())
    command = draw(log_commands(spellings=PLANNED, days=st.dates(date(2017, 1, 1), date(2017, 11, 30))))
    bad, quoted = draw(
        st.sampled_from(
            [
                ("grupp:flygplan", "flygplan"),
                ("kommuner:Ystad", "Ystad"),
                ("kommuner:Lund, Malmoe", "Malmoe"),
                ("datum:2017-02-30", "2017-02-30"),
                ("datum:igår", "igår"),
                ("datum:2999-01-01", "2999-01-01"),
                ("(9)", "(9)"),
                ("(1, 2)", "(1, 2)"),
                ("datum:", "datum:"),
            ]
        )
    )
    word = command.text.split()[0]
    other = draw(st.sampled_from(["", "grupp:kompetens", "(1)", "kommuner:Lund och Malmö"]))
    if other.split(":")[0] == bad.split(":")[0] or (other == "(1)" and bad.startswith("(")):
        other = ""
    first = bad != "datum:" and draw(st.booleans())  # `datum: Möte` would read Möte as the date
    parts = [bad, command.body, other] if first else [other, command.body, bad]
    text = " ".join([word, *(p for p in parts if p)])
    return text, quoted


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=refused_commands())
def test_every_other_command_stores_nothing_and_answers(
    services: Services, client: WebClient, case: tuple[str, str]
) -> None:
    text, quoted = case
    before = len(_stored(services))
    reply = _answer(services, client, text, channel_id="C0KOMP")
    assert len(_stored(services)) == before, text
    assert not reply.in_channel and quoted in reply.text, (text, reply.text)


@pytest.mark.parametrize(
    ("text", "suggestion", "quoted"),
    [
        (
            "aktivitet datun:2017-11-01 Möte med Boverket",
            "datum:",
            '/mlr aktivitet "datun:2017-11-01 Möte med Boverket"',
        ),
        ("resultat Möte med Boverket Datun:2017-11-01", "datum:", '/mlr resultat "Möte med Boverket Datun:2017-11-01"'),
        (
            "resultat Möte med Boverket datun: 2017-11-01",
            "datum:",
            '/mlr resultat "Möte med Boverket datun: 2017-11-01"',
        ),
        ("resultat kommunr:Lund Möte", "kommuner:", '/mlr resultat "kommunr:Lund Möte"'),
        ("resultat (1) grup:kompetens Möte", "grupp:", '/mlr resultat (1) "grup:kompetens Möte"'),
        ("result Meeting dte:2017-01-01", "date:", '/mlr result "Meeting dte:2017-01-01"'),
    ],
)
def test_an_option_misspelt_where_options_are_read_is_refused_with_the_option_meant(
    services: Services, client: WebClient, text: str, suggestion: str, quoted: str
) -> None:
    reply = _answer(services, client, text, channel_id="C0KOMP")
    assert f"Menade du `{suggestion}`?" in reply.text and f"`{quoted}`" in reply.text, reply.text
    assert "Inget sparades." in reply.text and not reply.in_channel and _stored(services) == []
    kept = _answer(services, client, quoted.removeprefix("/mlr "), channel_id="C0KOMP")
    [entry] = _stored(services)
    assert kept.in_channel and entry.text == quoted.split('"')[1] and entry.occurred_on == NOW.date()
