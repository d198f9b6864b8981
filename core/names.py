"""Names as people type them: group keys and municipalities in any case, with å/ä/ö or a/o,
Swedish names and unambiguous prefixes. Pure: the groups come in as (key, name) pairs."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from storage.models import MUNICIPALITIES

_FOLD = str.maketrans("åäöéüÅÄÖÉÜ", "aaoeuaaoeu")
_SHORTEST_PREFIX = 2


def fold(text: str) -> str:
    """Lower case, å/ä as a, ö as o, and nothing but letters and digits: `ÖP-gruppen` → `opgruppen`."""
    return re.sub(r"[^0-9a-z]", "", text.lower().translate(_FOLD))


@dataclass(frozen=True)
class GroupMatch:
    """What a typed group name resolved to: one key, or none and the keys it might have meant."""

    key: str | None
    candidates: tuple[str, ...] = ()


def match_group(typed: str, groups: Iterable[tuple[str, str]]) -> GroupMatch:
    """The group a person meant by `typed`: its key, its Swedish name, a word of the name, or an
    unambiguous start of any of them (`sysselsättning`, `näringsliv`, `ÖP`, `bost`, `Näringslivsgruppen`)."""
    wanted = fold(typed)
    pairs = list(groups)
    if not wanted:
        return GroupMatch(None)
    for key, _ in pairs:
        if fold(key) == wanted:
            return GroupMatch(key)
    exact = [key for key, name in pairs if wanted == fold(name) or wanted in _name_words(name)]
    if len(exact) == 1:
        return GroupMatch(exact[0])
    if len(wanted) >= _SHORTEST_PREFIX:
        starts = [
            key
            for key, name in pairs
            if any(alias.startswith(wanted) for alias in (fold(key), fold(name), *_name_words(name)))
        ]
        if len(starts) == 1:
            return GroupMatch(starts[0])
        if starts:
            return GroupMatch(None, tuple(starts))
    aliases = {alias: key for key, name in pairs for alias in (fold(key), fold(name), *_name_words(name))}
    close = difflib.get_close_matches(wanted, list(aliases), n=3, cutoff=0.7)
    return GroupMatch(None, tuple(dict.fromkeys(aliases[alias] for alias in close)))


def _name_words(name: str) -> list[str]:
    """The words of a group's name that could stand for it (`bostadsbyggande`, `arbetsmarknad`)."""
    return [fold(word) for word in re.split(r"[\s&/]+", name) if len(fold(word)) >= 5]


@dataclass(frozen=True)
class MunicipalityMatch:
    name: str | None
    suggestion: str | None = None


def match_municipality(typed: str, names: Sequence[str] = MUNICIPALITIES) -> MunicipalityMatch:
    """A member municipality's own name from `malmo`, `MALMÖ` or `Malmö`; otherwise the nearest name."""
    by_folded = {fold(name): name for name in names}
    wanted = fold(typed)
    if wanted in by_folded:
        return MunicipalityMatch(by_folded[wanted])
    close = difflib.get_close_matches(wanted, list(by_folded), n=1, cutoff=0.6)
    return MunicipalityMatch(None, by_folded[close[0]] if close else None)
