"""Which groups a plan year holds: active ones, one closed during the year, and its entries up to the closing day."""

from __future__ import annotations

from datetime import date

from core.years import closed_in, in_year, takes_entries_on
from storage.models import Group


def group(*, active: bool = True, closed_on: date | None = None) -> Group:
    return Group(key="migration", name="Migration & integration", kind="focus", active=active, closed_on=closed_on)


def test_a_group_closed_during_a_year_belongs_to_that_year_and_the_ones_before_it_only() -> None:
    closed = group(active=False, closed_on=date(2016, 12, 31))
    assert [in_year(closed, year) for year in (2015, 2016, 2017)] == [True, True, False]
    assert [closed_in(closed, year) for year in (2015, 2016, 2017)] == [False, True, False]
    assert in_year(group(), 2030) and not closed_in(group(), 2030)


def test_a_group_closed_without_a_day_belongs_to_no_year_and_takes_no_entry() -> None:
    undated = group(active=False)
    assert not in_year(undated, 2016) and not closed_in(undated, 2016)
    assert not takes_entries_on(undated, date(2010, 1, 1))


def test_a_closed_group_takes_entries_up_to_and_including_its_closing_day() -> None:
    closed = group(active=False, closed_on=date(2016, 12, 31))
    assert takes_entries_on(closed, date(2016, 12, 31)) and takes_entries_on(closed, date(2016, 1, 4))
    assert not takes_entries_on(closed, date(2017, 1, 1))
    assert takes_entries_on(group(), date(2026, 12, 1))
