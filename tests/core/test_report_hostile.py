"""Hostile text through every report format (core.report_formats.RENDERERS, whichever are registered there):
whatever a person typed in Slack, at any length the forms allow, in every field that reaches the report (plan
goals, descriptions and activities, results, statements, reasons, group names, notes), each file is made, opens
with its format's own reader, and gives every text back whole in the cell it belongs to.

`test_every_format_has_a_reader` fails when a format is registered without a reader here."""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Callable
from datetime import UTC, date, datetime
from html.parser import HTMLParser

from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from openpyxl import load_workbook

from core.report import build_report, planned_work
from core.report_formats import RENDERERS, Column, ReportDoc, ResultLine, Row, Section
from core.report_formats.model import Marker, readable, result_text
from storage.entries import YearResults
from storage.models import MAX_TEXT_LENGTH, Entry, Group, Plan, PlannedActivity, StatementVersion
from storage.report import ReportRows
from tests.handlers.test_hostile_blocks import PIECES

Table = list[list[str]]  # rows of cells, the header row first

# What Slack's forms and a pasted text can hold beyond the Block Kit pieces: line breaks of every kind, characters
# an XML file cannot hold, what a spreadsheet takes for a formula, Markdown's and HTML's own markup.
REPORT_PIECES = [
    *PIECES,
    "https://www.malmolundregionen.se/verksamhetsplan/2017/kompetensforsorjning/industrinatten-2017-program",
    "Kompetensförsörjningssamverkansöverenskommelseuppföljningsrapporten",
    "\r\n",
    "\r",
    "\t",
    "\x0b",
    "\x00",
    "\x1f",
    "\u2028",
    "\ufffe",
    "=SUM(A1:A9)",
    '=HYPERLINK("https://evil.example")',
    "+46 40 34 10 00",
    "-1",
    "@kommun",
    "|",
    "||",
    "<br>",
    "**",
    "__",
    "[länk](https://evil.example)",
    "![bild](x.png)",
    "# Rubrik",
    "1. ",
    "- ",
    "&ouml;",
    "\\",
    "<script>alert(1)</script>",
    "\u202e",
    "\u200b",
]


def typed(max_size: int) -> st.SearchStrategy[str]:
    """Text of at most max_size characters, not blank (the bot stores no blank text)."""
    parts = st.lists(st.one_of(st.sampled_from(REPORT_PIECES), st.text(max_size=12)), min_size=1, max_size=6)
    return parts.map(lambda items: "".join(items)[:max_size]).filter(lambda text: bool(text.strip()))


TEXT = typed(MAX_TEXT_LENGTH)
NAME = typed(200)  # Group.name
SETTINGS = settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
NOW = datetime(2027, 1, 15, 9, tzinfo=UTC)


# ------------------------------------------------------------------ each format read back by its own reader


def _docx_tables(content: bytes) -> list[Table]:
    document = Document(io.BytesIO(content))
    return [
        [["\n".join(p.text for p in cell.paragraphs).replace("\u2011", "-") for cell in row.cells] for row in t.rows]
        for t in document.tables
    ]


def _xlsx_tables(content: bytes) -> list[Table]:
    workbook = load_workbook(io.BytesIO(content), rich_text=True)
    tables = []
    for sheet in workbook.worksheets:
        for cells in sheet.iter_rows():
            for cell in cells:
                # Text stays text: what starts with "=" is not a formula a spreadsheet would compute.
                assert cell.data_type in ("s", "inlineStr", "n"), (cell.coordinate, cell.data_type)
        rows: Table = []
        for cells in sheet.iter_rows():
            values = ["" if cell.value is None else str(cell.value) for cell in cells]
            # a row too long for one row of Excel goes on in rows named "forts. <name>": read as one
            if rows and values[0] in (f"forts. {rows[-1][0]}", f"cont. {rows[-1][0]}"):
                rows[-1][1:] = [before + after for before, after in zip(rows[-1][1:], values[1:], strict=True)]
            else:
                rows.append(values)
        tables.append(rows)
    return tables


def _csv_tables(content: bytes) -> list[Table]:
    assert content.startswith(b"\xef\xbb\xbf")
    lines = list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline=""), delimiter=";"))
    header, body = lines[0], lines[1:]
    assert all(len(line) == len(header) for line in body)
    return [[header, *body]]


def _markdown_tables(content: bytes) -> list[Table]:
    """The pipe tables as a CommonMark reader with GitHub's tables reads them: a cell's text, <br> as a new line."""
    tokens = MarkdownIt("commonmark").enable(["table", "strikethrough"]).parse(content.decode("utf-8"))
    tables: list[Table] = []
    for token in tokens:
        if token.type == "table_open":
            tables.append([])
        elif token.type == "tr_open":
            tables[-1].append([])
        elif token.type == "inline" and tables and tables[-1] and token.level >= 3:
            text = ""
            for child in token.children or []:
                if child.type == "html_inline":
                    assert child.content == "<br>", child.content  # the only markup a cell holds is ours
                    text += "\n"
                elif child.type in ("text", "code_inline"):
                    assert child.type == "text", child.content
                    text += child.content
                elif child.type == "softbreak":
                    text += "\n"
                else:
                    assert child.type in ("strong_open", "strong_close", "em_open", "em_close"), child.type
            tables[-1][-1].append(text)
    return tables


class _HtmlTables(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[Table] = []
        self.cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("td", "th") and self.tables and self.tables[-1]:
            self.cell = []
        elif tag in ("br", "p", "li", "div") and self.cell is not None:
            self.cell.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self.cell is not None:
            self.tables[-1][-1].append("".join(self.cell))
            self.cell = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)


def _html_tables(content: bytes) -> list[Table]:
    parser = _HtmlTables()
    parser.feed(content.decode("utf-8"))
    parser.close()
    return parser.tables


def _same(text: str) -> str:
    return text


def _spaced(text: str) -> str:
    """Markdown and HTML keep no space at a cell's or a line's ends, and a reader sees runs of it as one."""
    return " ".join(text.split())


# Per format: its tables read back, and how a text compares in them (a format that sets text as its reader sees it).
READERS: dict[str, tuple[Callable[[bytes], list[Table]], Callable[[str], str]]] = {
    "docx": (_docx_tables, _same),
    "xlsx": (_xlsx_tables, _same),
    "csv": (_csv_tables, _same),
    "md": (_markdown_tables, _spaced),
    "html": (_html_tables, _spaced),
}


def test_every_format_has_a_reader() -> None:
    assert set(RENDERERS) <= set(READERS), f"add a reader for {set(RENDERERS) - set(READERS)} to READERS"


# ------------------------------------------------------------------ the check


def _pieces(row: Row, section: Section) -> list[list[str]]:
    """What each cell of the row must hold, whole: the name and its note; each text; the results."""
    results = [row.results_note, *(line.text for line in row.results)] if section.has_results else []
    cells = [[row.name, row.note], *([text] for text in row.texts)]
    return [[p for p in cell if p.strip()] for cell in ([*cells, results] if section.has_results else cells)]


def check_every_format(doc: ReportDoc) -> None:
    """Every registered format made, read back, and every text of the report found whole in its own cell."""
    expected = doc
    for fmt, render in RENDERERS.items():
        content = render(doc)
        assert content, fmt
        read, norm = READERS[fmt]
        tables = read(content)
        if fmt == "csv":
            _check_csv(expected, tables[0])
            continue
        assert len(tables) == len(expected.sections), fmt
        for table, section in zip(tables, expected.sections, strict=True):
            assert [norm(cell) for cell in table[0]] == [norm(c.title) for c in section.columns], fmt
            assert len(table) == 1 + len(section.rows), (fmt, section.heading)
            for cells, row in zip(table[1:], section.rows, strict=True):
                assert len(cells) == len(section.columns), fmt
                for cell, pieces in zip(cells, _pieces(row, section), strict=True):
                    for piece in pieces:
                        assert norm(piece) in norm(cell), (fmt, section.heading, piece[:200], cell[:400])


def _check_csv(doc: ReportDoc, table: Table) -> None:
    header, body = table[0], table[1:]
    rows = [(section, row) for section in doc.sections for row in section.rows]
    assert len(body) == len(rows)
    for line, (section, row) in zip(body, rows, strict=True):
        values = dict(zip(header, line, strict=True))
        assert (line[0], line[1], line[2]) == (section.heading, row.name, row.note)
        titles = [c.title for c in section.columns[1:]]
        for title, pieces in zip(titles, _pieces(row, section)[1:], strict=True):
            for piece in pieces:
                assert piece in values[title], (title, piece[:200])


# ------------------------------------------------------------------ the report's model, hostile in every field

FOCUS = (
    Column("Fokusfråga", 3.6),
    Column("Långsiktig målbild", 6.3),
    Column("Beskrivning", 7.6),
    Column("Resultat", 6.6),
)
GOALS = (Column("Grupp", 3.6), Column("Bedömning", 3.4), Column("Motivering", 8.0), Column("Aktiviteter", 9.0))
ONGOING = (Column("Arbete", 3.6), Column("Beskrivning", 11.0), Column("Resultat", 9.5))
PARTICIPATION = (Column("Kommun", 3.0), Column("Ansvarar för", 9.0), Column("Deltog i", 12.0))
MARKERS: st.SearchStrategy[Marker | None] = st.sampled_from([None, "met", "partly", "not_met", "not_assessed"])


@st.composite
def rows(draw: st.DrawFn, texts: int, *, results: bool, markers: bool = False) -> Row:
    lines = draw(st.lists(st.tuples(st.none() | st.just(date(2026, 5, 4)), TEXT, st.booleans()), max_size=3))
    return Row(
        draw(NAME),
        draw(st.just("") | NAME),
        tuple(draw(st.lists(TEXT, min_size=texts, max_size=texts))),
        tuple(ResultLine(on, text, italic) for on, text, italic in lines) if results else (),
        draw(st.just("") | TEXT) if results else "",
        markers=tuple(draw(st.lists(MARKERS, min_size=texts, max_size=texts))) if markers else (),
    )


@st.composite
def reports(draw: st.DrawFn) -> ReportDoc:
    def section(kind: str, columns: tuple[Column, ...], row: st.SearchStrategy[Row]) -> Section:
        return Section(kind, draw(NAME), columns, tuple(draw(st.lists(row, min_size=1, max_size=3))))  # type: ignore[arg-type]

    return ReportDoc(
        title=draw(NAME),
        subtitle=draw(NAME),
        organisation=draw(NAME),
        made_on=date(2027, 1, 15),
        language=draw(st.sampled_from(["sv", "en"])),
        sections=(
            section("goals", GOALS, rows(3, results=False, markers=True)),
            section("focus", FOCUS, rows(2, results=True)),
            section("closed", FOCUS, rows(2, results=True)),
            section("ongoing", ONGOING, rows(1, results=True)),
            section("participation", PARTICIPATION, rows(2, results=False)),
        ),
    )


@SETTINGS
@given(doc=reports())
def test_every_format_gives_back_every_text_of_the_model_whole_in_its_cell(doc: ReportDoc) -> None:
    check_every_format(doc)


# ------------------------------------------------------------------ and the report built from what people typed


@st.composite
def typed_year(draw: st.DrawFn) -> tuple[ReportRows, dict[str, list[str]]]:
    """A year's rows with hostile text in every field people type: the groups' names and goals, the plans' goals,
    descriptions, activities and closing text, the statements' parts and reasons, the logged results. With it,
    per group, the texts the report must show."""
    year = 2026
    groups, plans, activities, statements, logged, shown = [], {}, {}, {}, {}, {}
    for n, kind in enumerate(("focus", "focus", "standing", "ongoing")):
        key = f"g{n}"
        group = Group(key=key, name=draw(NAME), kind=kind, municipalities=["Lund", "Malmö"], goal=draw(TEXT))
        numbered = draw(st.lists(TEXT, max_size=3))
        plan = Plan(
            group_key=key,
            year=year,
            goal=draw(TEXT),
            description=draw(TEXT),
            after_activities=draw(st.just("") | TEXT),
            updated_by="U0A",
            updated_at=NOW,
        )
        plans[key] = plan
        activities[key] = [
            PlannedActivity(group_key=key, year=year, number=i + 1, text=t) for i, t in enumerate(numbered)
        ]
        groups.append(group)
        shown[key] = [group.name, planned_work(plan, activities[key])]
        if kind == "focus":
            shown[key].append(plan.goal)
        if n % 2 == 0:
            parts = {str(i + 1): draw(TEXT) for i in range(len(numbered))} | {"other": draw(TEXT)}
            statements[key] = StatementVersion(
                group_key=key,
                year=year,
                version=1,
                parts=parts,
                assessment=draw(st.sampled_from(["met", "partly", "not_met", "not_assessed", None])),
                reason=draw(TEXT),
                statuses={"1": "done"},
                submitted_by="U0A",
                submitted_at=NOW,
                approved_by="U0B" if n == 0 else None,
                approved_at=NOW if n == 0 else None,
            )
            # a statement's line stands without the bullet the form puts before it, stripped of space at its ends
            lines = [re.sub(r"^\s*(?:[•*\-–]\s+)", "", line).strip() for p in parts.values() for line in p.splitlines()]
            shown[key] += [line for line in lines if line]
        else:
            texts = draw(st.lists(TEXT, min_size=1, max_size=3))
            entries = [
                Entry(id=i, group_key=key, kind="result", text=t, user_id="U0A", created_at=NOW,
                      occurred_on=date(year, 3, 1 + i), plan_year=year)
                for i, t in enumerate(texts)
            ]  # fmt: skip
            logged[key] = YearResults(total=len(entries), latest=entries)
            shown[key] += texts
    rows = ReportRows(
        year=year,
        groups=groups,
        plan_years=[year],
        plans={year: plans},
        activities={year: activities},
        statements=statements,
        entry_counts={g.key: 1 for g in groups},
        logged=logged,
        participation=Counter(),
    )
    return rows, shown


@SETTINGS
@given(year=typed_year(), lang=st.sampled_from(["sv", "en"]))
def test_every_format_shows_what_people_typed_in_every_field_that_reaches_the_report(
    year: tuple[ReportRows, dict[str, list[str]]], lang: str
) -> None:
    rows, shown = year
    doc = build_report(
        rows, lang=lang, today=date(2027, 1, 15), organisation="MalmöLundregionen", plan_period=(2016, 2018)
    )
    names = {g.key: readable(g.name) for g in rows.groups}
    for key, texts in shown.items():
        in_report = [
            "\n".join([row.name, row.note, *row.texts, row.results_note, *(result_text(line) for line in row.results)])
            for section in doc.sections
            for row in section.rows
            if row.name == names[key]
        ]
        assert in_report, key
        for text in texts:
            assert any(readable(text) in cell for cell in in_report), (key, text[:200])
    reason_of = {key: readable(s.reason) for key, s in rows.statements.items() if s.reason.strip()}
    goals = [s for s in doc.sections if s.kind == "goals"]
    for key, reason in reason_of.items() if goals else ():
        assert any(reason in row.texts for row in goals[0].rows), key
    check_every_format(doc)
