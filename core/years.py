"""Which groups a plan year holds: those active in it, and those closed during it, up to their closing day."""

from __future__ import annotations

from datetime import date

from storage.models import Group


def in_year(group: Group, year: int) -> bool:
    """Whether the group worked in `year`: active, or closed on a day in that year or later. A group closed
    without a date (an old database) belongs to no year's follow-up."""
    if group.closed_on is not None:
        return group.closed_on.year >= year
    return group.active


def closed_in(group: Group, year: int) -> bool:
    return group.closed_on is not None and group.closed_on.year == year and not group.active


def takes_entries_on(group: Group, day: date) -> bool:
    """A closed group takes entries of the days up to and including its closing day; one closed without a
    date takes none."""
    if group.closed_on is not None:
        return day <= group.closed_on
    return group.active
