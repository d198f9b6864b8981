"""ISO weeks in local time, and Swedish working days."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo

import holidays

from core.texts import say, span

_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")

# Days off in Swedish public-sector work besides the public holidays: the whole-day eves.
_EVES = {"Midsummer Eve", "Christmas Eve", "New Year's Eve"}


@dataclass(frozen=True, order=True)
class Week:
    year: int
    number: int

    @classmethod
    def parse(cls, text: str) -> Week:
        """`2026-W47`; ValueError with a readable message for anything else."""
        match = _WEEK.match(text.strip())
        if not match:
            raise ValueError(f"{text!r} is not a week like 2026-W47")
        year, number = int(match.group(1)), int(match.group(2))
        try:
            date.fromisocalendar(year, number, 1)
        except ValueError as error:
            raise ValueError(f"{year} has no week {number}") from error
        return cls(year, number)

    @classmethod
    def containing(cls, day: date) -> Week:
        iso = day.isocalendar()
        return cls(iso.year, iso.week)

    @property
    def monday(self) -> date:
        return date.fromisocalendar(self.year, self.number, 1)

    @property
    def sunday(self) -> date:
        return self.monday + timedelta(days=6)

    def previous(self) -> Week:
        return Week.containing(self.monday - timedelta(days=7))

    def bounds(self, tz: ZoneInfo) -> tuple[datetime, datetime]:
        """[Monday 00:00, next Monday 00:00) in local time, as UTC: 167 or 169 hours across DST."""
        start = datetime.combine(self.monday, time(0), tzinfo=tz)
        end = datetime.combine(self.monday + timedelta(days=7), time(0), tzinfo=tz)
        return start.astimezone(UTC), end.astimezone(UTC)

    def __str__(self) -> str:
        return f"{self.year}-W{self.number:02d}"

    def label(self, lang: str) -> str:
        """`v. 47 (16–22 november 2026)`, `week 47 (16–22 November 2026)`."""
        return say(lang, "week.label", number=self.number, span=span(lang, self.monday, self.sunday))


@cache
def _days_off(year: int) -> frozenset[date]:
    calendar = holidays.country_holidays(
        "SE", years=year, include_sundays=False, categories=("public", "de_facto"), language="en_US"
    )
    return frozenset(day for day, name in calendar.items() if name in _EVES or day in _public(year))


@cache
def _public(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("SE", years=year, include_sundays=False))


def is_holiday(day: date) -> bool:
    """A Swedish public holiday, or Midsummer, Christmas or New Year's Eve."""
    return day in _days_off(day.year)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and not is_holiday(day)


def next_working_day(day: date) -> date:
    day += timedelta(days=1)
    while not is_working_day(day):
        day += timedelta(days=1)
    return day
