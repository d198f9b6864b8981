"""The report as an Excel workbook: a sheet per section, a frozen header, rows as high as their text."""

from __future__ import annotations

import io
from datetime import datetime, time
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from core.report_formats.model import (
    LABELS,
    LANGUAGE_TAGS,
    MARKER_COLOURS,
    MARKER_SYMBOLS,
    MARKER_TINTS,
    ReportDoc,
    Row,
    Section,
    column_widths,
    marker_of,
    name_cell,
    result_text,
)


def to_xlsx(doc: ReportDoc) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    properties = workbook.properties
    properties.title = doc.title
    properties.subject = doc.subtitle
    properties.creator = properties.lastModifiedBy = doc.organisation
    properties.language = LANGUAGE_TAGS[doc.language]
    properties.created = properties.modified = datetime.combine(doc.made_on, time())

    header_font, header_fill = Font(bold=True), PatternFill("solid", fgColor="DCE3EE")
    wrapped = Alignment(wrap_text=True, vertical="top")
    names: set[str] = set()
    for section in doc.sections:
        sheet = workbook.create_sheet(_sheet_name(doc, section, names))
        sheet.append([column.title for column in section.columns])
        for cell in sheet[1]:
            cell.font, cell.fill, cell.alignment = header_font, header_fill, wrapped
        for row in section.rows:
            values: list[Any] = [name_cell(row), *(_xlsx_text(row, n) for n in range(len(row.texts)))]
            if section.has_results:
                values.append(_xlsx_results(row))
            sheet.append(values)
            for n, marker in enumerate(row.markers):
                if marker is not None and MARKER_TINTS[marker] != "FFFFFF":
                    sheet.cell(row=sheet.max_row, column=n + 2).fill = PatternFill(
                        "solid", fgColor=MARKER_TINTS[marker]
                    )
        for cells in sheet.iter_rows(min_row=2):
            for cell in cells:
                cell.alignment = wrapped
                if cell.data_type == "f":  # openpyxl takes a text starting with "=" for a formula: it is text
                    cell.data_type = "s"
            cells[0].font = Font(bold=True)
        sheet.freeze_panes = "B2"
        # Column widths in characters: about 190 of them fill a landscape A4 page at Excel's default font.
        widths = column_widths(section.columns, 190)
        for n, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(n)].width = width
        # Row heights as the wrapped text needs them: a spreadsheet program does not always measure a row
        # again when it opens the file (LibreOffice does not), and then the lines run over each other.
        for cells in sheet.iter_rows():
            lines = max(
                _wrapped_lines(str(cell.value or ""), width) for cell, width in zip(cells, widths, strict=False)
            )
            sheet.row_dimensions[cells[0].row].height = LINE_POINTS * lines + 4
        sheet.auto_filter.ref = sheet.dimensions
        sheet.print_title_rows = "1:1"
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
        sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


LINE_POINTS = 15  # one line of Excel's default 11-point font


def _wrapped_lines(text: str, width: float) -> int:
    """How many lines `text` takes in a column `width` characters wide, each paragraph wrapped."""
    per_line = max(int(width * 0.95), 1)  # a little under the width: words do not fill a line exactly
    return max(1, sum(max(1, -(-len(paragraph) // per_line)) for paragraph in text.split("\n")))


def _sheet_name(doc: ReportDoc, section: Section, taken: set[str]) -> str:
    """Excel's limits for a sheet's name: at most 31 characters, none of []:*?/\\, unique in the workbook."""
    base = LABELS[doc.language]["closed_sheet" if section.kind == "closed" else section.kind]
    name, n = base, 2
    while name in taken:
        name, n = f"{base} {n}", n + 1
    taken.add(name)
    return name[:31]


def _xlsx_text(row: Row, n: int) -> str | CellRichText:
    marker = marker_of(row, n)
    if marker is None:
        return row.texts[n]
    symbol = TextBlock(InlineFont(color=MARKER_COLOURS[marker]), MARKER_SYMBOLS[marker] + " ")
    return CellRichText(symbol, row.texts[n])


def _xlsx_results(row: Row) -> str | CellRichText:
    lines = ([(row.results_note, True)] if row.results_note else []) + [
        (f"• {result_text(line)}", line.italic) for line in row.results
    ]
    if not any(italic for _, italic in lines):
        return "\n".join(text for text, _ in lines)
    rich = CellRichText()
    for n, (text, italic) in enumerate(lines):
        shown = text if n == len(lines) - 1 else text + "\n"
        rich.append(TextBlock(InlineFont(i=True), shown) if italic else shown)
    return rich
