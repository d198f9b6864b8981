"""The annual report's model: the finished table, in the plan's own layout, that every format renders.

The model is the plan's own layout, already in the report's language: sections in the plan's order, each a
table whose first column names the group (or municipality) and whose last column, except for participation,
holds "Resultat YYYY" as dated lines. Nothing here reads a database, the settings or the clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

SectionKind = Literal["goals", "focus", "ongoing", "closed", "participation"]
Language = Literal["sv", "en"]
ResultSource = Literal["statement", "logged", "none"]
# A goal's assessment as a marker: "met", "partly", "not_met", "not_assessed" (storage.models.Assessment's values).
Marker = Literal["met", "partly", "not_met", "not_assessed"]
# The marker's colour (a traffic light, as Swedish municipalities' annual reports mark goals) and, for its cell, a
# light tint of it. The word always stands beside the marker, so that the table reads in black and white and aloud.
# Each marker is at least 3:1 against its tint (WCAG 1.4.11, a graphic's contrast), hence a dark amber for "delvis".
MARKER_COLOURS: dict[str, str] = {"met": "2E7D32", "partly": "B07D00", "not_met": "C62828", "not_assessed": "8A8A8A"}
MARKER_TINTS: dict[str, str] = {"met": "E3F1E4", "partly": "FFF4CC", "not_met": "FBE3E3", "not_assessed": "FFFFFF"}
MARKER_SYMBOLS: dict[str, str] = {"met": "●", "partly": "●", "not_met": "●", "not_assessed": "○"}
MARKER_EMOJI: dict[str, str] = {"met": "🟢", "partly": "🟡", "not_met": "🔴", "not_assessed": "⚪"}


@dataclass(frozen=True)
class ResultLine:
    """One line of "Resultat YYYY": a statement's line has no date; a logged result has the day it happened."""

    on: date | None
    text: str
    italic: bool = False  # the logged-results fallback, where a group submitted no statement


@dataclass(frozen=True)
class Column:
    title: str
    width: float = 1.0  # share of the table's width, relative to the other columns


@dataclass(frozen=True)
class Row:
    name: str  # the group (or, for participation, the municipality)
    note: str = ""  # under the name: the responsible municipalities, or when the group closed
    texts: tuple[str, ...] = ()  # the columns between the name and the results; "\n" starts a new paragraph
    results: tuple[ResultLine, ...] = ()
    results_note: str = ""  # an italic line above the results, e.g. "Ingen redovisning inlämnad; loggade resultat:"
    source: ResultSource = "statement"
    markers: tuple[Marker | None, ...] = ()  # per text: the assessment marker drawn before it (the goals table)


@dataclass(frozen=True)
class Section:
    kind: SectionKind
    heading: str
    columns: tuple[Column, ...]  # the name column, one per text, then the results column (none for participation)
    rows: tuple[Row, ...]

    def __post_init__(self) -> None:
        texts = len(self.columns) - 1 - (1 if self.has_results else 0)
        if texts < 0:
            raise ValueError(f"section {self.heading!r} has too few columns for its kind {self.kind}")
        for row in self.rows:
            if len(row.texts) != texts:
                raise ValueError(f"row {row.name!r} has {len(row.texts)} texts, section {self.heading!r} {texts}")
            if row.results and not self.has_results:
                raise ValueError(f"row {row.name!r}: a {self.kind} section has no results column")

    @property
    def has_results(self) -> bool:
        return self.kind not in ("participation", "goals")


@dataclass(frozen=True)
class ReportDoc:
    title: str  # "Verksamhetsplan reviderad inför 2017 · Resultat 2016"
    subtitle: str  # the plan's name: "Verksamhetsplan 2016–2018"
    organisation: str  # "MalmöLundregionen": the title block, the footer and the document's author
    made_on: date
    language: Language
    sections: tuple[Section, ...]


LABELS: dict[str, dict[str, str]] = {
    "sv": {
        "made_on": "Framtagen {date}",
        "page": "Sida {page} av {pages}",
        "section": "Avsnitt",
        "name": "Namn",
        "note": "Anmärkning",
        "statement": "Redovisning inlämnad",
        "closed": "Avslutad",
        "yes": "ja",
        "no": "nej",
        "focus": "Fokusfrågor",
        "ongoing": "Pågående arbete",
        "closed_sheet": "Avslutade",
        "participation": "Deltagande",
        "goals": "Måluppfyllelse",
    },
    "en": {
        "made_on": "Made on {date}",
        "page": "Page {page} of {pages}",
        "section": "Section",
        "name": "Name",
        "note": "Note",
        "statement": "Statement submitted",
        "closed": "Closed",
        "yes": "yes",
        "no": "no",
        "focus": "Focus areas",
        "ongoing": "Ongoing work",
        "closed_sheet": "Closed",
        "participation": "Participation",
        "goals": "Goal attainment",
    },
}
LANGUAGE_TAGS = {"sv": "sv-SE", "en": "en-GB"}

FONT = "Arial"  # on every office machine; LibreOffice renders it with the metric-compatible Liberation Sans


def label(doc: ReportDoc, key: str, **values: object) -> str:
    return LABELS[doc.language][key].format(**values)


def result_text(line: ResultLine) -> str:
    return f"{line.on.isoformat()} {line.text}" if line.on else line.text


def result_lines(row: Row) -> list[str]:
    return ([row.results_note] if row.results_note else []) + [result_text(line) for line in row.results]


def marker_of(row: Row, n: int) -> Marker | None:
    return row.markers[n] if n < len(row.markers) else None


def marked_text(row: Row, n: int) -> str:
    """A text with its marker's symbol before it, as the formats without colour show it."""
    marker = marker_of(row, n)
    return f"{MARKER_SYMBOLS[marker]} {row.texts[n]}" if marker else row.texts[n]


def name_cell(row: Row) -> str:
    return f"{row.name}\n{row.note}" if row.note else row.name


def column_widths(columns: tuple[Column, ...], total: int) -> list[int]:
    """Whole units that add up to `total`, in proportion to the columns' widths."""
    weight = sum(c.width for c in columns)
    widths = [int(total * c.width / weight) for c in columns]
    widths[-1] += total - sum(widths)
    return widths
