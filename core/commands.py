"""Turns the text after `/mlr` into a command, or into a usage error. Pure: no Slack, no database, no clock."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from storage.models import MAX_TEXT_LENGTH, MUNICIPALITIES, EntryKind


@dataclass(frozen=True)
class Help:
    pass


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

_OPTION = re.compile(r"(?:(grupp|group|datum|date|kommuner|municipalities):(\S*)|\((\d{1,2})\))\s*", re.IGNORECASE)
_FOLD = str.maketrans("åäöÅÄÖ", "aaoAAO")
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
        return Help()
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
        year = _year(rest.split())
        return UsageError("error.report_usage") if isinstance(year, UsageError) else MakeReport(year)
    if name == "plan":
        words = rest.split()
        year = _year(words[1:])
        if not words or isinstance(year, UsageError):
            return UsageError("error.plan_usage")
        return EditPlan(words[0].lower(), year)
    return _parse_log(EntryKind(name), word.lower(), rest)


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


def _parse_log(kind: EntryKind, word: str, rest: str) -> Command | UsageError:
    if not rest.strip():
        return OpenLogForm(kind)
    group_key: str | None = None
    occurred_on: date | None = None
    activity_number: int | None = None
    municipalities: tuple[str, ...] = ()
    rest = rest.lstrip()
    while match := _OPTION.match(rest):
        option, value = (match.group(1) or "").lower(), match.group(2)
        rest = rest[match.end() :]
        if match.group(3):
            activity_number = int(match.group(3))
        elif option in ("grupp", "group"):
            group_key = value.lower()
        elif option in ("kommuner", "municipalities"):
            found = parse_municipalities(value)
            if isinstance(found, UsageError):
                return found
            municipalities = found
        else:
            try:
                occurred_on = date.fromisoformat(value)
            except ValueError:
                return UsageError("error.bad_date", {"value": value})
    text = rest.strip()
    if not text:
        return UsageError("error.empty_text", {"word": word})
    if len(text) > MAX_TEXT_LENGTH:
        return UsageError("error.too_long", {"length": len(text), "max": MAX_TEXT_LENGTH})
    return LogEntry(
        kind=kind,
        word=word,
        text=text,
        group_key=group_key or None,
        occurred_on=occurred_on,
        activity_number=activity_number,
        municipalities=municipalities,
    )


def parse_municipalities(value: str) -> tuple[str, ...] | UsageError:
    """`Lund,malmo,Höör` as the municipalities' own names; å, ä and ö may be typed as a and o."""
    by_folded = {name.lower().translate(_FOLD): name for name in MUNICIPALITIES}
    names: list[str] = []
    for part in filter(None, (p.strip() for p in value.split(","))):
        name = by_folded.get(part.lower().translate(_FOLD))
        if name is None:
            return UsageError("error.unknown_municipality", {"name": part, "names": ", ".join(MUNICIPALITIES)})
        if name not in names:
            names.append(name)
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
