"""The rules of Word's own accessibility checker that a program can read back with python-docx: a title in the
document's properties, built-in heading styles in order, a header row first in every table, no merged cells,
alternative text on every image, and every shaded cell's text in enough contrast with its shading."""

from __future__ import annotations

import io
import re
from typing import Any

from docx import Document
from docx.oxml.ns import qn

from core.report_formats.model import MARKER_SYMBOLS
from tests.contrast import contrast

WHITE, AUTO_TEXT = "FFFFFF", "000000"
SYMBOLS = set(MARKER_SYMBOLS.values())


def word_problems(content: bytes) -> list[str]:
    """Every rule the Word file breaks, one line each; [] when it passes."""
    document = Document(io.BytesIO(content))
    problems: list[str] = []
    if not (document.core_properties.title or "").strip():
        problems.append("no title in the document's properties")
    problems += _heading_problems(document)
    for number, table in enumerate(document.tables, start=1):
        problems += _table_problems(number, table)
    for shape in document.element.body.iter(qn("wp:docPr")):
        if not (shape.get("descr") or "").strip():
            problems.append(f"image {shape.get('name')!r} has no alternative text")
    return problems


def heading_levels(document: Any) -> list[tuple[int, str]]:
    """(level, text) of each heading paragraph: Title is 0, Heading N is N."""
    levels = []
    for paragraph in document.paragraphs:
        name = paragraph.style.name if paragraph.style is not None else ""
        if name == "Title":
            levels.append((0, paragraph.text))
        elif match := re.fullmatch(r"Heading (\d)", name):
            levels.append((int(match.group(1)), paragraph.text))
    return levels


def _heading_problems(document: Any) -> list[str]:
    problems = []
    for paragraph in document.paragraphs:
        style = paragraph.style
        looks_like_heading = style is not None and re.search(r"(?i)heading|rubrik|title", style.name or "")
        if looks_like_heading and not style.builtin:
            problems.append(f"heading {paragraph.text!r} in the custom style {style.name!r}, not a built-in one")
    levels = heading_levels(document)
    if not levels or levels[0][0] != 0:
        problems.append("the document does not open with a Title")
    previous = 0
    for level, text in levels:
        if level > previous + 1:
            problems.append(f"heading {text!r} is level {level} after level {previous}: a level skipped")
        previous = level if level else previous
    return problems


def _table_problems(number: int, table: Any) -> list[str]:
    problems = []
    rows = table.rows
    if not rows:
        return [f"table {number} is empty"]
    for n, row in enumerate(rows):
        header = row._tr.trPr is not None and row._tr.trPr.find(qn("w:tblHeader")) is not None
        if n == 0 and not header:
            problems.append(f"table {number}'s first row is not marked as a header row (w:tblHeader)")
        if n > 0 and header:
            problems.append(f"table {number}'s row {n + 1} is marked as a header row")
    for tag in ("w:gridSpan", "w:vMerge", "w:hMerge"):
        if next(table._tbl.iter(qn(tag)), None) is not None:
            problems.append(f"table {number} has merged cells ({tag})")
    for tc in table._tbl.iter(qn("w:tc")):
        problems += _contrast_problems(number, tc)
    return problems


def _contrast_problems(number: int, tc: Any) -> list[str]:
    """Each run's colour against the cell's shading (white when none): 4.5:1 for text, 3:1 for a marker symbol."""
    shading = tc.find(f"{qn('w:tcPr')}/{qn('w:shd')}")
    fill = shading.get(qn("w:fill")) if shading is not None else None
    background = fill.upper() if fill and fill.lower() != "auto" else WHITE
    problems = []
    for run in tc.iter(qn("w:r")):
        text = "".join(t.text or "" for t in run.iter(qn("w:t"))).strip()
        if not text:
            continue
        colour = run.find(f"{qn('w:rPr')}/{qn('w:color')}")
        value = colour.get(qn("w:val")) if colour is not None else None
        foreground = value.upper() if value and value.lower() != "auto" else AUTO_TEXT
        needed = 3.0 if text in SYMBOLS else 4.5
        ratio = contrast(foreground, background)
        if ratio < needed:
            problems.append(
                f"table {number}: {text!r} #{foreground} on #{background} is {ratio:.2f}:1, under {needed}:1"
            )
    return problems
