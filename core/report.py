"""The annual report of a year in the plan's own layout, as core/report_formats's `ReportDoc`: the focus
areas (goal | planned work | Resultat Y), the focus areas closed in the year, the ongoing work and standing
groups (description | Resultat Y), and which municipalities took part in what. Built from the rows
storage/report.py reads; the planned work is the plan revised for the next year when there is one (as the
plan's own document sets the 2017 plan beside Resultat 2016), otherwise the year's own."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from core.report_formats import (
    RENDERERS,
    Column,
    Language,
    Marker,
    ReportDoc,
    ResultLine,
    Row,
    Section,
)
from core.texts import say
from core.years import closed_in, in_year
from storage.models import (
    MUNICIPALITIES,
    ActivityStatus,
    Assessment,
    Group,
    GroupKind,
    Plan,
    PlannedActivity,
    Statement,
    StatementVersion,
)
from storage.report import ReportRows

FORMATS = tuple(RENDERERS)
STATEMENT_PARTS_LAST = "other"
# Column shares of the table's width, as the plan's own table has them: a narrow name column, wide texts.
FOCUS_WIDTHS = (3.6, 6.3, 7.6, 6.6)
ONGOING_WIDTHS = (3.6, 11.0, 9.5)
PARTICIPATION_WIDTHS = (3.0, 9.0, 12.0)
GOALS_WIDTHS = (3.6, 3.4, 8.0, 9.0)
COMPARED_WIDTHS = (3.6, 3.4, 3.0, 7.0, 8.0)
# Better or worse than last year: only between two assessed years.
_RANK = {Assessment.NOT_MET.value: 0, Assessment.PARTLY.value: 1, Assessment.MET.value: 2}

_BULLET = re.compile(r"^\s*(?:[•*\-–]\s+)")
_DATED = re.compile(r"^(?P<text>.*\S)\s*\((?P<on>\d{4}-\d{2}-\d{2})\)$")


class ReportError(ValueError):
    """A report that cannot be made; the message says why, in the report's language."""


def plan_year_for(rows: ReportRows, *, asked: int | None = None) -> int:
    """The plan whose planned work stands beside the year's results: the one asked for, else the plan revised
    for the next year when there is one, else the year's own."""
    if asked is not None:
        return asked
    return rows.year + 1 if rows.year + 1 in rows.plan_years else rows.year


def build_report(
    rows: ReportRows,
    *,
    lang: str,
    today: date,
    organisation: str,
    plan_period: tuple[int, int],
    plan_year: int | None = None,
    compare: bool = False,
) -> ReportDoc:
    """The report of `rows.year`; `compare` sets last year's assessments (rows.compared) beside the year's."""
    year = rows.year
    if year > today.year:
        raise ReportError(say(lang, "report.future", year=year))
    planned_in = plan_year_for(rows, asked=plan_year)
    if plan_year is not None and plan_year not in rows.plan_years:
        raise ReportError(say(lang, "report.no_plan_year", plan_year=plan_year))
    if not rows.plans.get(planned_in) and not rows.plans.get(year) and not rows.statements and not rows.entry_counts:
        raise ReportError(say(lang, "report.empty", year=year))
    plans = rows.plans.get(planned_in, {})
    activities = rows.activities.get(planned_in, {})

    def has_year(group: Group) -> bool:
        return group.key in rows.statements or group.key in rows.entry_counts

    def planned(group: Group) -> str:
        if group.key not in plans:
            return say(lang, "report.no_plan", plan_year=planned_in)
        return planned_work(plans.get(group.key), activities.get(group.key, []))

    def goal(group: Group) -> str:
        plan = plans.get(group.key)
        return plan.goal if plan is not None and plan.goal else group.goal

    def row(group: Group, texts: tuple[str, ...], note: str) -> Row:
        return _with_results(Row(group.name, note, texts), rows, group, lang=lang, year=year)

    shown = [g for g in rows.groups if in_year(g, year) or (not g.active and g.closed_on is None and has_year(g))]
    closed = [g for g in shown if closed_in(g, year) or (not g.active and g.closed_on is None)]
    running = [g for g in shown if g not in closed]
    focus = [g for g in running if g.kind == GroupKind.FOCUS.value]
    ongoing = [g for g in running if g.kind != GroupKind.FOCUS.value]

    first, last = plan_period
    results = say(lang, "report.col_results", year=year)
    planned_title = say(lang, "report.col_planned", plan_year=planned_in)
    focus_columns = _columns(
        (say(lang, "report.col_focus"), say(lang, "report.col_goal"), planned_title, results), FOCUS_WIDTHS
    )
    sections = [
        _goals(rows, [*running, *closed], lang=lang, compare=compare),
        _without_plans(
            Section(
                "focus",
                say(lang, "report.focus", organisation=organisation, first=first, last=last),
                focus_columns,
                tuple(row(g, (goal(g), planned(g)), ", ".join(g.municipalities)) for g in focus),
            ),
            [g.key in plans for g in focus],
        ),
        _without_plans(
            Section(
                "closed",
                say(lang, "report.closed" if len(closed) == 1 else "report.closed_many"),
                focus_columns,
                tuple(row(g, (goal(g), planned(g)), _closed_note(g, lang)) for g in closed),
            ),
            [g.key in plans for g in closed],
        ),
        _without_plans(
            Section(
                "ongoing",
                say(lang, "report.ongoing", organisation=organisation),
                _columns((say(lang, "report.col_work"), planned_title, results), ONGOING_WIDTHS),
                tuple(row(g, (planned(g),), ", ".join(g.municipalities)) for g in ongoing),
            ),
            [g.key in plans for g in ongoing],
        ),
        _participation(rows, shown, lang=lang, year=year),
    ]
    title = (
        say(lang, "report.title", year=year)
        if planned_in == year
        else say(lang, "report.title_revised", plan_year=planned_in, year=year)
    )
    language: Language = "en" if lang == "en" else "sv"
    return ReportDoc(
        title=title,
        subtitle=say(lang, "report.subtitle", first=first, last=last),
        organisation=organisation,
        made_on=today,
        language=language,
        sections=tuple(section for section in sections if section.rows),
    )


def _without_plans(section: Section, planned: list[bool]) -> Section:
    """A section none of whose groups has a plan for the year leaves "Beskrivning och genomförande" out, and its
    other columns share the page; in a section where some groups have one, the others say that none was made."""
    if any(planned):
        return section
    column = len(section.columns) - 2  # the planned work stands just before the results
    return Section(
        section.kind,
        section.heading,
        section.columns[:column] + section.columns[column + 1 :],
        tuple(replace(row, texts=row.texts[: column - 1] + row.texts[column:]) for row in section.rows),
    )


def render(doc: ReportDoc, fmt: str) -> bytes:
    """The report as the bytes of a file of the format: md, docx, csv or xlsx."""
    if fmt not in RENDERERS:
        raise ValueError(f"unknown report format {fmt!r}: one of {', '.join(FORMATS)}")
    return RENDERERS[fmt](doc)


def planned_work(plan: Plan | None, activities: list[PlannedActivity]) -> str:
    """ "Beskrivning och genomförande" as the plan has it: the description, its numbered activities, and the
    text that follows them; one paragraph a line."""
    if plan is None:
        return ""
    lines = [plan.description] if plan.description else []
    lines += [f"({a.number}) {a.text}" for a in activities]
    if plan.after_activities:
        lines.append(plan.after_activities)
    return "\n".join(lines)


def statement_lines(
    statement: Statement | StatementVersion, activities: list[PlannedActivity]
) -> tuple[ResultLine, ...]:
    """A statement's parts, in the order of the planned activities and then the rest, one result a line. A line
    the form pre-filled from a logged result ("• text (2016-10-18)") keeps its day, shown once."""
    order = [str(a.number) for a in activities] + [STATEMENT_PARTS_LAST]
    parts = sorted(statement.parts, key=lambda p: (order.index(p) if p in order else len(order), p))
    lines: list[ResultLine] = []
    for part in parts:
        for raw in statement.parts[part].splitlines():
            text = _BULLET.sub("", raw).strip()
            if not text:
                continue
            dated = _DATED.match(text)
            if dated is None:
                lines.append(ResultLine(None, text))
                continue
            try:
                lines.append(ResultLine(date.fromisoformat(dated.group("on")), dated.group("text")))
            except ValueError:
                lines.append(ResultLine(None, text))
    return tuple(lines)


def _with_results(row: Row, rows: ReportRows, group: Group, *, lang: str, year: int) -> Row:
    statement = rows.statements.get(group.key)
    if statement is not None:
        activities = rows.activities.get(year, {}).get(group.key, [])
        draft = say(lang, "report.draft_note") if statement.approved_at is None else ""
        return Row(row.name, row.note, row.texts, statement_lines(statement, activities), draft)
    found = rows.logged.get(group.key)
    if found is not None and found.total:
        lines = [ResultLine(e.occurred_on, e.text, italic=True) for e in found.latest]
        if found.total > len(found.latest):
            more = say(lang, "report.more_logged", count=found.total - len(found.latest), year=year)
            lines.append(ResultLine(None, more, italic=True))
        return Row(row.name, row.note, row.texts, tuple(lines), say(lang, "report.logged_note"), "logged")
    return Row(row.name, row.note, row.texts, (), say(lang, "report.no_results"), "none")


def assessed(rows: ReportRows) -> bool:
    """Whether the year's statements assess any goal: only then does the report open with "Måluppfyllelse"."""
    return any(s.assessment not in (None, Assessment.NOT_ASSESSED.value) for s in rows.statements.values())


def trend(before: str | None, now: str | None) -> str:
    """↑, ↓ or → from last year's assessment to this year's; nothing where either year is not assessed."""
    if before not in _RANK or now not in _RANK:
        return ""
    return "↑" if _RANK[now] > _RANK[before] else "↓" if _RANK[now] < _RANK[before] else "→"


def _marker(assessment: str | None) -> Marker:
    value = assessment if assessment in set(Assessment) else Assessment.NOT_ASSESSED.value
    marker: Marker = value  # type: ignore[assignment]  # Assessment's values are Marker's
    return marker


def _goals(rows: ReportRows, groups: list[Group], *, lang: str, compare: bool) -> Section:
    """ "Måluppfyllelse Y": per group its assessment (marker and word), the reason, the count of its activities per
    status and then each activity with its status first. A group whose statement nobody approved yet shows its draft,
    marked as one; a group without a statement shows a dash."""
    year = rows.year
    earlier = rows.compared_year
    titles = [say(lang, "report.col_group"), say(lang, "report.col_assessment", year=year)]
    if compare and earlier is not None:
        titles.append(say(lang, "report.col_assessment", year=earlier))
    titles += [say(lang, "report.col_reason"), say(lang, "report.col_activities")]
    widths = COMPARED_WIDTHS if len(titles) == 5 else GOALS_WIDTHS

    def row(group: Group) -> Row:
        statement = rows.statements.get(group.key)
        before = rows.compared.get(group.key) if compare else None
        activities = rows.activities.get(year, {}).get(group.key, [])
        statuses = statement.statuses if statement is not None else {}
        texts: list[str] = []
        markers: list[Marker | None] = []
        if statement is None:
            texts.append("–")
            markers.append(None)
        else:
            marker = _marker(statement.assessment)
            arrow = trend(before.assessment if before is not None else None, statement.assessment)
            texts.append(say(lang, f"goal.{marker}") + (f" {arrow}" if arrow else ""))
            markers.append(marker)
        if len(titles) == 5:
            if before is None:
                texts.append("–")
                markers.append(None)
            else:
                texts.append(say(lang, f"goal.{_marker(before.assessment)}"))
                markers.append(_marker(before.assessment))
        texts.append(statement.reason if statement is not None else "")
        markers.append(None)
        texts.append(_activity_lines(lang, activities, statuses))
        markers.append(None)
        note = say(lang, "report.draft") if statement is not None and statement.approved_at is None else ""
        return Row(group.name, note, tuple(texts), markers=tuple(markers))

    shown = groups if assessed(rows) else []
    return Section(
        "goals", say(lang, "report.goals", year=year), _columns(tuple(titles), widths), tuple(map(row, shown))
    )


def _activity_lines(lang: str, activities: list[PlannedActivity], statuses: dict[str, str]) -> str:
    """The count per status on the first line ("genomförd 2 · pågår 1 · 3 aktiviteter utan angiven status"), then
    each activity with its status."""
    if not activities:
        return say(lang, "report.no_activities")
    counts = [(s, sum(1 for a in activities if statuses.get(str(a.number)) == s.value)) for s in ActivityStatus]
    missing = sum(1 for a in activities if statuses.get(str(a.number)) not in set(ActivityStatus))
    summary = [f"{say(lang, f'activity.{s.value}')} {n}" for s, n in counts if n]
    if missing:
        summary.append(say(lang, "report.no_status_count", count=missing))
    lines = [" · ".join(summary)]
    for activity in activities:
        status = statuses.get(str(activity.number))
        word = say(lang, f"activity.{status}") if status in set(ActivityStatus) else say(lang, "report.no_status")
        lines.append(f"({activity.number}) {word}: {activity.text}")
    return "\n".join(lines)


def _closed_note(group: Group, lang: str) -> str:
    lines = [", ".join(group.municipalities)] if group.municipalities else []
    if group.closed_on is not None:
        lines.append(say(lang, "report.closed_on", date=group.closed_on.isoformat()))
    return "\n".join(lines)


def _participation(rows: ReportRows, shown: list[Group], *, lang: str, year: int) -> Section:
    place = {g.key: n for n, g in enumerate(rows.groups)}
    names = {g.key: g.name for g in rows.groups}

    def took_part(municipality: str) -> str:
        counts = [(key, n) for (town, key), n in rows.participation.items() if town == municipality]
        counts.sort(key=lambda item: (-item[1], place.get(item[0], len(place))))
        return ", ".join(f"{names.get(key, key)} ({n})" for key, n in counts) or "–"

    return Section(
        "participation",
        say(lang, "report.participation", year=year),
        _columns(
            (
                say(lang, "report.col_municipality"),
                say(lang, "report.col_responsible"),
                say(lang, "report.col_took_part", year=year),
            ),
            PARTICIPATION_WIDTHS,
        ),
        tuple(
            Row(
                municipality,
                texts=(
                    ", ".join(g.name for g in shown if municipality in g.municipalities) or "–",
                    took_part(municipality),
                ),
            )
            for municipality in MUNICIPALITIES
        ),
    )


def _columns(titles: tuple[str, ...], widths: tuple[float, ...]) -> tuple[Column, ...]:
    return tuple(Column(title, width) for title, width in zip(titles, widths, strict=True))
