"""The annual report in the plan's own layout: one row per group with name and municipalities,
long-term goal, planned work and "Resultat YYYY"; closed groups apart; and which municipalities
took part in what. Built from the rows storage/report.py reads, rendered as Markdown, CSV or Word."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from core.texts import say
from storage.models import MUNICIPALITIES, Group, GroupKind
from storage.report import ReportRows

FORMATS = ("md", "docx", "csv")


class ReportError(ValueError):
    """A report that cannot be made; the message says why, in the report's language."""


@dataclass(frozen=True)
class ResultLine:
    label: str  # "(2)" for a planned activity, "" otherwise
    text: str


@dataclass(frozen=True)
class GroupRow:
    group: Group
    goal: str
    description: str
    activities: list[tuple[int, str]]
    source: str  # "statement", "logged" or "none"
    results: list[ResultLine]


@dataclass(frozen=True)
class Participation:
    municipality: str
    responsible: list[str]
    took_part: list[tuple[str, int]]


@dataclass
class Report:
    year: int
    lang: str
    sections: list[tuple[str, list[GroupRow]]] = field(default_factory=list)
    participation: list[Participation] = field(default_factory=list)

    def rows(self) -> list[tuple[str, GroupRow]]:
        return [(title, row) for title, rows in self.sections for row in rows]


def build_report(rows: ReportRows, *, year: int, lang: str, today: date) -> Report:
    if year > today.year:
        raise ReportError(say(lang, "report.future", year=year))
    groups, plan_by_group, statements = rows.groups, rows.plans, rows.statements
    entry_counts, activities, results_of, counts = rows.entry_counts, rows.activities, rows.logged, rows.participation
    if not plan_by_group and not statements and not entry_counts:
        raise ReportError(say(lang, "report.empty", year=year))

    logged: dict[str, list[ResultLine]] = {}
    for key, found in results_of.items():
        if not found.total:
            continue
        lines = [
            ResultLine(f"({e.activity_number})" if e.activity_number else "", f"{e.text} ({e.occurred_on.isoformat()})")
            for e in found.latest
        ]
        if found.total > len(found.latest):
            lines.append(
                ResultLine("", say(lang, "report.more_logged", count=found.total - len(found.latest), year=year))
            )
        logged[key] = lines

    def row(group: Group) -> GroupRow:
        plan = plan_by_group.get(group.key)
        statement = statements.get(group.key)
        numbered = [(a.number, a.text) for a in activities[group.key]]
        if statement is not None:
            order = [str(n) for n, _ in numbered] + ["other"]
            results = [
                ResultLine(f"({part})" if part.isdigit() else "", statement.parts[part])
                for part in sorted(statement.parts, key=lambda p: order.index(p) if p in order else len(order))
            ]
            source = "statement"
        elif logged.get(group.key):
            results, source = logged[group.key], "logged"
        else:
            results, source = [], "none"
        return GroupRow(
            group, plan.goal if plan else group.goal, plan.description if plan else "", numbered, source, results
        )

    def has_year(group: Group) -> bool:
        return group.key in plan_by_group or group.key in statements or group.key in entry_counts

    active = [g for g in groups if g.active]
    report = Report(year=year, lang=lang)
    report.sections = [
        (say(lang, "report.focus"), [row(g) for g in active if g.kind == GroupKind.FOCUS.value]),
        (say(lang, "report.ongoing"), [row(g) for g in active if g.kind != GroupKind.FOCUS.value]),
        (say(lang, "report.closed"), [row(g) for g in groups if not g.active and has_year(g)]),
    ]
    report.sections = [(title, rows) for title, rows in report.sections if rows]

    names = {g.key: g.name for g in groups}
    report.participation = [
        Participation(
            municipality=m,
            responsible=[g.name for g in groups if m in g.municipalities],
            took_part=sorted(((names[key], n) for (mm, key), n in counts.items() if mm == m), key=lambda x: -x[1]),
        )
        for m in MUNICIPALITIES
    ]
    return report


# ---------------------------------------------------------------- cell texts, shared by every format


def name_cell(row: GroupRow, lang: str) -> str:
    lines = [row.group.name, ", ".join(row.group.municipalities)]
    if not row.group.active:
        lines.append(say(lang, "report.closed_note", reason=row.group.closed_reason or "").strip())
    return "\n".join(line for line in lines if line)


def planned_cell(row: GroupRow) -> str:
    lines = [row.description] if row.description else []
    lines += [f"({number}) {text}" for number, text in row.activities]
    return "\n".join(lines)


def result_cell(row: GroupRow, lang: str) -> str:
    if row.source == "none":
        return say(lang, "report.no_results")
    lines = [] if row.source == "statement" else [say(lang, "report.logged_note")]
    lines += [f"{line.label} {line.text}".strip() for line in row.results]
    return "\n".join(lines)


def participation_cells(item: Participation, lang: str) -> tuple[str, str, str]:
    took_part = ", ".join(f"{name} ({n})" for name, n in item.took_part) or "–"
    return item.municipality, ", ".join(item.responsible) or "–", took_part


def _headers(report: Report) -> list[str]:
    lang = report.lang
    return [
        say(lang, "report.col_group"),
        say(lang, "report.col_goal"),
        say(lang, "report.col_planned"),
        say(lang, "report.col_results", year=report.year),
    ]


# ---------------------------------------------------------------- formats


def report_markdown(report: Report) -> str:
    lang = report.lang

    def cell(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", "<br>")

    out = [f"# {say(lang, 'report.title', year=report.year)}", ""]
    for title, rows in report.sections:
        out += [f"## {title}", "", "| " + " | ".join(_headers(report)) + " |", "|---|---|---|---|"]
        for row in rows:
            cells = [name_cell(row, lang), row.goal, planned_cell(row), result_cell(row, lang)]
            out.append("| " + " | ".join(cell(c) for c in cells) + " |")
        out.append("")
    out += [f"## {say(lang, 'report.participation')}", ""]
    out += [
        f"| {say(lang, 'report.col_municipality')} | {say(lang, 'report.col_responsible')} | "
        f"{say(lang, 'report.col_took_part', year=report.year)} |",
        "|---|---|---|",
    ]
    out += ["| " + " | ".join(cell(c) for c in participation_cells(item, lang)) + " |" for item in report.participation]
    return "\n".join(out) + "\n"


CSV_FIELDS = (
    "section",
    "group",
    "name",
    "municipalities",
    "active",
    "goal",
    "planned_work",
    "result_source",
    "results",
)


def report_csv(report: Report) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for title, row in report.rows():
        writer.writerow(
            {
                "section": title,
                "group": row.group.key,
                "name": row.group.name,
                "municipalities": ", ".join(row.group.municipalities),
                "active": row.group.active,
                "goal": row.goal,
                "planned_work": planned_cell(row),
                "result_source": row.source,
                "results": "\n".join(f"{line.label} {line.text}".strip() for line in row.results),
            }
        )
    return buffer.getvalue()


def report_docx(report: Report) -> bytes:
    lang = report.lang
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))
    document.styles["Normal"].font.size = Pt(9)
    document.core_properties.title = say(lang, "report.title", year=report.year)
    document.core_properties.language = "sv-SE" if lang == "sv" else "en-GB"
    document.add_heading(say(lang, "report.title", year=report.year), level=0)

    widths = (Cm(4.5), Cm(6.0), Cm(7.5), Cm(8.7))
    for title, rows in report.sections:
        document.add_heading(title, level=1)
        table = _table(document, _headers(report))
        for row in rows:
            cells = table.add_row().cells
            texts = (name_cell(row, lang), row.goal, planned_cell(row), result_cell(row, lang))
            for cell, text in zip(cells, texts, strict=True):
                _fill(cell, text)
            cells[0].paragraphs[0].runs[0].bold = True
        for table_row in table.rows:
            for cell, width in zip(table_row.cells, widths, strict=True):
                cell.width = width

    document.add_heading(say(lang, "report.participation"), level=1)
    headers = (
        say(lang, "report.col_municipality"),
        say(lang, "report.col_responsible"),
        say(lang, "report.col_took_part", year=report.year),
    )
    table = _table(document, headers)
    for item in report.participation:
        for cell, text in zip(table.add_row().cells, participation_cells(item, lang), strict=True):
            _fill(cell, text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _table(document: Any, headers: Sequence[str]) -> Any:
    """A grid table whose bold header row repeats at the top of every page it runs onto."""
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    header = table.rows[0]
    for cell, text in zip(header.cells, headers, strict=True):
        cell.paragraphs[0].add_run(text).bold = True
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    header._tr.get_or_add_trPr().append(repeat)
    return table


def _fill(cell: object, text: str) -> None:
    """One paragraph per line, so a cell reads as the plan's cells do."""
    lines = text.split("\n") or [""]
    cell.text = lines[0]  # type: ignore[attr-defined]
    for line in lines[1:]:
        cell.add_paragraph(line)  # type: ignore[attr-defined]
