"""Turns the text after `/mlr` into a command, or into a usage error. Pure: no Slack, no database, no clock."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from core.names import match_municipality
from storage.models import MAX_TEXT_LENGTH, MUNICIPALITIES, EntryKind


@dataclass(frozen=True)
class Help:
    topic: str | None = None  # a sub-command's own name (`result`, `list` …) for help on that one


@dataclass(frozen=True)
class LogEntry:
    kind: EntryKind
    word: str  # the word the user typed, to echo it back in answers
    text: str
    group_key: str | None = None
    occurred_on: date | None = None
    activity_number: int | None = None
    municipalities: tuple[str, ...] = ()


@dataclass(frozen=True)
class OpenLogForm:
    kind: EntryKind


@dataclass(frozen=True)
class LinkChannel:
    group_key: str


@dataclass(frozen=True)
class ListGroups:
    pass


@dataclass(frozen=True)
class ChangeCoordinator:
    add: bool
    user_id: str


@dataclass(frozen=True)
class ChangeLead:
    """`/mlr gruppledare lägg till|ta bort @person <grupp>`; without an action, the list of group leads."""

    add: bool | None  # None: list the leads
    user_id: str = ""
    group_key: str = ""


@dataclass(frozen=True)
class ShowDigest:
    group_key: str | None = None


@dataclass(frozen=True)
class FollowupCommand:
    action: str  # "start", "status", "close" or "history"
    year: int | None = None
    group_key: str | None = None  # history: the group whose versions are shown


@dataclass(frozen=True)
class MakeReport:
    year: int | None = None
    fmt: str = "docx"  # "docx", "pdf" or "xlsx": the file sent in the direct message


# `/mlr rapport [år] [pdf|word|excel]`: the words for the report's file, and the format each stands for.
REPORT_FORMAT_WORDS = {"pdf": "pdf", "word": "docx", "docx": "docx", "excel": "xlsx", "xlsx": "xlsx"}


@dataclass(frozen=True)
class EditPlan:
    group_key: str
    year: int | None = None


@dataclass(frozen=True)
class ShowStatus:
    group_key: str | None = None
    year: int | None = None


@dataclass(frozen=True)
class ListEntries:
    group_key: str | None = None
    week: str | None = None  # "2026-W47"
    year: int | None = None


@dataclass(frozen=True)
class SearchEntries:
    words: tuple[str, ...]


@dataclass(frozen=True)
class EntryCommand:
    action: str  # "edit", "delete" or "history"
    entry_id: int


@dataclass(frozen=True)
class UsageError:
    """What was wrong, as a key in handlers.texts and the values its sentence needs."""

    key: str
    params: dict[str, Any] = field(default_factory=dict)


Command = (
    Help
    | LogEntry
    | OpenLogForm
    | LinkChannel
    | ListGroups
    | ChangeCoordinator
    | ChangeLead
    | ShowDigest
    | FollowupCommand
    | MakeReport
    | EditPlan
    | ShowStatus
    | ListEntries
    | SearchEntries
    | EntryCommand
)

SUBCOMMANDS = {
    "result": "result",
    "resultat": "result",
    "activity": "activity",
    "aktivitet": "activity",
    "link": "link",
    "koppla": "link",
    "groups": "groups",
    "grupper": "groups",
    "coordinator": "coordinator",
    "koordinator": "coordinator",
    "lead": "lead",
    "gruppledare": "lead",
    "digest": "digest",
    "sammanfattning": "digest",
    "followup": "followup",
    "uppföljning": "followup",
    "uppfoljning": "followup",
    "report": "report",
    "rapport": "report",
    "plan": "plan",
    "status": "status",
    "list": "list",
    "lista": "list",
    "search": "search",
    "sök": "search",
    "sok": "search",
    "edit": "edit",
    "ändra": "edit",
    "andra": "edit",
    "delete": "delete",
    "radera": "delete",
    "history": "history",
    "historik": "history",
    "help": "help",
    "hjälp": "help",
    "hjalp": "help",
}
FOLLOWUP_ACTIONS = {
    "start": "start",
    "starta": "start",
    "status": "status",
    "close": "close",
    "stäng": "close",
    "stang": "close",
    "avsluta": "close",
    "history": "history",
    "historik": "history",
}
COORDINATOR_ADD = ("add", "lägg till", "lägg", "ny")
COORDINATOR_REMOVE = ("remove", "ta bort", "bort")

_MENTION = re.compile(r"^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$|^([UW][A-Z0-9]{2,})$")


def unescape_slack(text: str) -> str:
    """Slack sends `&`, `<` and `>` in command text as entities; store what the user typed."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def parse_command(text: str) -> Command | UsageError:
    words = text.strip().split(maxsplit=1)
    if not words:
        return Help()
    word, rest = words[0], (words[1] if len(words) > 1 else "")
    name = SUBCOMMANDS.get(word.lower())
    if name is None:
        close = difflib.get_close_matches(word.lower(), SUBCOMMANDS, n=1, cutoff=0.5)
        if close:
            return UsageError("error.unknown_command", {"word": word, "suggestion": close[0]})
        return UsageError("error.unknown_command_no_suggestion", {"word": word})
    if name == "help":
        return _parse_help(rest)
    if name == "groups":
        return ListGroups()
    if name == "link":
        key = rest.strip().lower()
        return LinkChannel(key) if key and " " not in key else UsageError("error.link_usage")
    if name == "digest":
        key = rest.strip().lower()
        return ShowDigest(key or None) if " " not in key else UsageError("error.digest_usage")
    if name == "coordinator":
        return _parse_coordinator(rest)
    if name == "lead":
        return _parse_lead(rest)
    if name == "status":
        return _parse_status(rest.split())
    if name == "list":
        return _parse_list(rest.split())
    if name == "search":
        search_words = tuple(rest.split())
        return SearchEntries(search_words) if search_words else UsageError("error.search_usage")
    if name in ("edit", "delete", "history"):
        match = re.fullmatch(r"#?(\d{1,12})", rest.strip())
        if match is None:
            return UsageError("error.entry_usage", {"word": word.lower()})
        return EntryCommand(name, int(match.group(1)))
    if name == "followup":
        words = rest.split()
        action = FOLLOWUP_ACTIONS.get(words[0].lower()) if words else None
        if action == "history":
            year = _year(words[2:])
            if len(words) < 2 or isinstance(year, UsageError):
                return UsageError("error.followup_history_usage")
            return FollowupCommand(action, year, words[1].lower())
        year = _year(words[1:])
        if action is None or isinstance(year, UsageError):
            return UsageError("error.followup_usage")
        return FollowupCommand(action, year)
    if name == "report":
        return _parse_report(rest.split())
    if name == "plan":
        words = rest.split()
        year = _year(words[1:])
        if not words or isinstance(year, UsageError):
            return UsageError("error.plan_usage")
        return EditPlan(words[0].lower(), year)
    return _parse_log(EntryKind(name), word.lower(), rest)


def _parse_help(rest: str) -> Help | UsageError:
    topic = rest.strip().lower().removeprefix("/mlr").strip()
    if not topic:
        return Help()
    name = SUBCOMMANDS.get(topic.split()[0])
    if name is None or name == "help":
        return UsageError("error.help_topic", {"word": rest.strip()})
    return Help(name)


def _parse_status(words: list[str]) -> Command | UsageError:
    group_key = words[0].lower() if words and not re.fullmatch(r"\d{4}", words[0]) else None
    year = _year(words[1:] if group_key else words)
    return UsageError("error.status_usage") if isinstance(year, UsageError) else ShowStatus(group_key, year)


def _parse_list(words: list[str]) -> Command | UsageError:
    group_key, week, year = None, None, None
    while words:
        word = re.sub(r"^[—–]", "--", words.pop(0))  # a phone or Mac may have made -- into a dash
        if word.lower() in ("--week", "--vecka") and words:
            week = words.pop(0)
        elif word.lower() in ("--year", "--år", "--ar") and words and re.fullmatch(r"\d{4}", words[0]):
            year = int(words.pop(0))
        elif not word.startswith("-") and group_key is None:
            group_key = word.lower()
        else:
            return UsageError("error.list_usage")
    if week is not None and year is not None:
        return UsageError("error.list_usage")
    return ListEntries(group_key, week, year)


def _year(words: list[str]) -> int | UsageError | None:
    """No word: None; one four-digit year: that year; anything else: a usage error."""
    if not words:
        return None
    if len(words) == 1 and re.fullmatch(r"\d{4}", words[0]):
        return int(words[0])
    return UsageError("error.year")


def _parse_report(words: list[str]) -> MakeReport | UsageError:
    """A year and a format word, each at most once and in either order; Word when no format is named."""
    year: int | None = None
    fmt: str | None = None
    for word in words:
        if year is None and re.fullmatch(r"\d{4}", word):
            year = int(word)
        elif fmt is None and word.lower() in REPORT_FORMAT_WORDS:
            fmt = REPORT_FORMAT_WORDS[word.lower()]
        else:
            return UsageError("error.report_usage")
    return MakeReport(year, fmt or "docx")


def _parse_log(kind: EntryKind, word: str, rest: str) -> Command | UsageError:
    if not rest.strip():
        return OpenLogForm(kind)
    scanned = scan_options(rest, word=word)
    if isinstance(scanned, UsageError):
        return scanned
    options, text = scanned
    if not text:
        return UsageError("error.empty_text", {"word": word})
    if len(text) > MAX_TEXT_LENGTH:
        return UsageError("error.too_long", {"length": len(text), "max": MAX_TEXT_LENGTH})
    occurred_on: date | None = None
    if "date" in options:
        typed = options["date"].value
        try:
            occurred_on = date.fromisoformat(typed)
        except ValueError:
            return UsageError("error.bad_date", {"value": typed})
    municipalities: tuple[str, ...] = ()
    if "municipalities" in options:
        found = parse_municipalities(options["municipalities"].value)
        if isinstance(found, UsageError):
            return found
        municipalities = found
    return LogEntry(
        kind=kind,
        word=word,
        text=text,
        group_key=options["group"].value.lower() if "group" in options else None,
        occurred_on=occurred_on,
        activity_number=int(options["activity"].value) if "activity" in options else None,
        municipalities=municipalities,
    )


@dataclass(frozen=True)
class Option:
    """One option as typed: `name` is group, date, municipalities or activity; `typed` the words themselves."""

    name: str
    value: str
    typed: str
    start: int
    end: int


OPTION_WORDS = {
    "grupp": "group",
    "group": "group",
    "datum": "date",
    "date": "date",
    "kommuner": "municipalities",
    "kommun": "municipalities",
    "municipalities": "municipalities",
    "municipality": "municipalities",
}
OPTION_EXAMPLES = {
    "group": "grupp:bostad",
    "date": "datum:2016-10-18",
    "municipalities": "kommuner:Lund,Malmö",
    "activity": "(2)",
}
# An option word (`datum:`, `Kommuner:` …) where a word starts; `(2)` not glued to a word before it.
_OPTION_WORD = re.compile(r"(?<![\w:])(" + "|".join(sorted(OPTION_WORDS, key=len, reverse=True)) + r"):", re.I)
_ACTIVITY = re.compile(r"(?<!\w)\((\d{1,2})\)")
_ACTIVITIES = re.compile(r"(?<!\w)\(\d{1,2}(?:\s*(?:,|&|och|and)\s*\d{1,2})+\)", re.IGNORECASE)
# Text inside quotes is the person's own: never read as options. Slack on a phone or a Mac may
# have turned "…" into “…” or ”…”.
_QUOTED = re.compile(r'"[^"]*"|“[^”"]*[”"]|”[^”]*”|«[^»]*»')
_NAME = re.compile(r"[^\s,;.&/\"“”()]+")
_LIST_SEPARATOR = re.compile(r"\s*[,/&;]\s*|\s+(?:och|samt|and)\s+|\s+(?=\S)", re.IGNORECASE)


def scan_options(rest: str, *, word: str) -> tuple[dict[str, Option], str] | UsageError:
    """The options of a log command and its text.

    Options may come first or last, in any order. One anywhere else in the text is refused with
    the option quoted, and so is an option given twice: an option word is never kept in the text.
    Quotes keep a text's own words (`"Beslut om datum: mars"`) from being read as options."""
    quoted = [(m.start(), m.end()) for m in _QUOTED.finditer(rest)]

    def taken(at: int, found: list[Option]) -> bool:
        return any(start <= at < end for start, end in quoted) or any(o.start <= at < o.end for o in found)

    found: list[Option] = []
    for match in _OPTION_WORD.finditer(rest):
        if taken(match.start(), found):
            continue
        option = _read_option(rest, match)
        if isinstance(option, UsageError):
            return option
        found.append(option)
    for match in _ACTIVITY.finditer(rest):
        if not taken(match.start(), found):
            found.append(Option("activity", match.group(1), match.group(0), match.start(), match.end()))
    for match in _ACTIVITIES.finditer(rest):
        if not taken(match.start(), found):  # `(1, 2)`: an entry names one planned activity
            return UsageError("error.one_activity", {"typed": match.group(0)})
    found.sort(key=lambda o: o.start)
    head, tail = _leading(rest, found), _trailing(rest, found)
    if len(head) == len(found):
        tail = []
    for option in found:
        if option not in head and option not in tail:
            fixed = " ".join([word, option.typed, *(rest[: option.start] + rest[option.end :]).split()])
            return UsageError("error.option_in_text", {"typed": option.typed, "word": word, "fixed": fixed})
    options: dict[str, Option] = {}
    for option in found:
        if option.name in options:
            return UsageError("error.option_twice", {"first": options[option.name].typed, "second": option.typed})
        options[option.name] = option
    text_start = head[-1].end if head else 0
    text_end = tail[0].start if tail else len(rest)
    text = rest[text_start:text_end].strip()
    if tail:  # `Workshop genomförd, datum:2016-10-18`: the comma only led to the option
        text = text.rstrip(",; \t\n")
    if len(text) >= 2 and _QUOTED.fullmatch(text):
        return options, text[1:-1].strip()
    # What is left must hold no option word outside quotes (`kommuner:Lund(1)`); if it does, say so.
    unquoted = _QUOTED.sub(lambda m: " " * len(m.group(0)), text)
    leftover = _OPTION_WORD.search(unquoted) or _ACTIVITY.search(unquoted) or _ACTIVITIES.search(unquoted)
    if leftover:
        typed = leftover.group(0)
        fixed = " ".join([word, typed, *(text[: leftover.start()] + text[leftover.end() :]).split()])
        return UsageError("error.option_in_text", {"typed": typed, "word": word, "fixed": fixed})
    return options, text


def _leading(rest: str, found: list[Option]) -> list[Option]:
    """The options before the text: from the start, with nothing but spaces between them."""
    head: list[Option] = []
    at = 0
    for option in found:
        if rest[at : option.start].strip():
            break
        head.append(option)
        at = option.end
    return head


def _trailing(rest: str, found: list[Option]) -> list[Option]:
    """The options after the text: up to the end, with nothing but spaces (or a full stop) between them."""
    tail: list[Option] = []
    at = len(rest)
    for option in reversed(found):
        if rest[option.end : at].strip(" \t\n."):
            break
        tail.insert(0, option)
        at = option.start
    return tail


def _read_option(rest: str, match: re.Match[str]) -> Option | UsageError:
    name = OPTION_WORDS[match.group(1).lower()]
    at = match.end()
    while at < len(rest) and rest[at] in " \t":  # `datum: 2016-10-18`
        at += 1
    if name == "municipalities":
        end = _municipality_list_end(rest, at)
    else:
        value = re.compile(r"\S*").match(rest, at)
        end = value.end() if value else at
        while end > at and rest[end - 1] in ".,;":  # the sentence's full stop is not the date's
            end -= 1
    value_text = rest[at:end].strip()
    if not value_text or _OPTION_WORD.match(value_text):  # `grupp: datum:…`: the value is missing
        return UsageError("error.option_empty", {"typed": match.group(0), "example": OPTION_EXAMPLES[name]})
    return Option(name, value_text, rest[match.start() : end], match.start(), end)


def _municipality_list_end(rest: str, at: int) -> int:
    """Where a `kommuner:` list ends: a quoted list, or names joined by `,` `, ` `och` `and` `&` `/`.

    After a separator the next word is part of the list (and checked against the member
    municipalities); after a bare space only a municipality's name is."""
    quote = _QUOTED.match(rest, at)
    if quote:
        return quote.end()
    name = _NAME.match(rest, at)
    if name is None:
        return at
    end = name.end()
    while True:
        separator = _LIST_SEPARATOR.match(rest, end)
        if separator is None:
            return end
        following = _NAME.match(rest, separator.end())
        if following is None:
            return end
        if not separator.group(0).strip() and match_municipality(following.group(0)).name is None:
            return end  # a space, then the text's first word
        if _OPTION_WORD.match(rest, separator.end()):
            return end
        end = following.end()


def parse_municipalities(value: str) -> tuple[str, ...] | UsageError:
    """`Lund,malmo`, `Lund, Malmö`, `Lund och Malmö`, `"Lund, Malmö"` as the municipalities' own
    names; å, ä and ö may be typed as a and o. An unknown name is refused with the nearest one."""
    names: list[str] = []
    inner = value.strip().strip('"“”«»')
    for part in _LIST_SEPARATOR.split(inner):
        part = part.strip(" .")
        if not part:
            continue
        found = match_municipality(part)
        if found.name is None:
            key = "error.unknown_municipality_suggest" if found.suggestion else "error.unknown_municipality"
            return UsageError(key, {"name": part, "suggestion": found.suggestion, "names": ", ".join(MUNICIPALITIES)})
        if found.name not in names:
            names.append(found.name)
    return tuple(names)


def _parse_coordinator(rest: str) -> Command | UsageError:
    lowered = rest.strip().lower()
    for words, add in ((COORDINATOR_ADD, True), (COORDINATOR_REMOVE, False)):
        for action in sorted(words, key=len, reverse=True):
            if lowered.startswith(action + " "):
                target = rest.strip()[len(action) :].strip()
                match = _MENTION.match(target)
                if match is None:
                    return UsageError("error.mention_needed")
                return ChangeCoordinator(add=add, user_id=match.group(1) or match.group(2))
    return UsageError("error.coordinator_usage")


def _parse_lead(rest: str) -> Command | UsageError:
    lowered = rest.strip().lower()
    if not lowered:
        return ChangeLead(add=None)
    for words, add in ((COORDINATOR_ADD, True), (COORDINATOR_REMOVE, False)):
        for action in sorted(words, key=len, reverse=True):
            if lowered.startswith(action + " "):
                target, _, key = rest.strip()[len(action) :].strip().partition(" ")
                match = _MENTION.match(target)
                if match is None:
                    return UsageError("error.mention_needed")
                key = key.strip().lower()
                if not key or " " in key:
                    return UsageError("error.lead_usage")
                return ChangeLead(add=add, user_id=match.group(1) or match.group(2), group_key=key)
    return UsageError("error.lead_usage")
