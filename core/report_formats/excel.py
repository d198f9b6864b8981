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
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.worksheet.page import PageMargins

from core.report_formats.model import (
    FONT,
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

# One font, named on every style and every run of rich text: a font left unnamed is the theme's, which
# LibreOffice, without the theme's Calibri, prints in a serif for bold and italic text.
FONT_SIZE = 10
BODY = Font(name=FONT, size=FONT_SIZE, family=2)
BOLD = Font(name=FONT, size=FONT_SIZE, family=2, bold=True)
FOOTER_FONT = f"{FONT},Regular"
# Column widths are counted in the widest digit of the body font, 7 pixels for Arial 10 (ECMA-376 §18.3.1.13):
# a landscape A4 page with 1.5 cm margins is 26.7 cm, about 1,000 pixels, so about 140 of them.
PAGE_CHARACTERS = 140
DIGIT_PIXELS = 7
# Arial's average character in Swedish text at 10 pt is about 0.45 em, a bold one about 0.5 em; a line is 12.75 points.
REGULAR_POINTS, BOLD_POINTS, LINE_POINTS = 0.45 * FONT_SIZE, 0.5 * FONT_SIZE, 12.75
CELL_PADDING_POINTS = 4


def to_xlsx(doc: ReportDoc) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    # The Normal style's font is the workbook's first: Arial, not the theme's Calibri. openpyxl has no public way
    # to change it (its Workbook sets DEFAULT_FONT in _setup_styles).
    workbook._fonts = IndexedList([BODY])
    properties = workbook.properties
    properties.title = doc.title
    properties.subject = doc.subtitle
    properties.creator = properties.lastModifiedBy = doc.organisation
    properties.language = LANGUAGE_TAGS[doc.language]
    properties.created = properties.modified = datetime.combine(doc.made_on, time())

    header_fill = PatternFill("solid", fgColor="DCE3EE")
    wrapped = Alignment(wrap_text=True, vertical="top")
    names: set[str] = set()
    for section in doc.sections:
        sheet = workbook.create_sheet(_sheet_name(doc, section, names))
        widths = column_widths(section.columns, PAGE_CHARACTERS)
        sheet.append([column.title for column in section.columns])
        for cell in sheet[1]:
            cell.font, cell.fill, cell.alignment = BOLD, header_fill, wrapped
        for row in section.rows:
            values: list[Any] = [name_cell(row), *(_xlsx_text(row, n) for n in range(len(row.texts)))]
            if section.has_results:
                values.append(_xlsx_results(row))
            first = sheet.max_row + 1
            for n, part in enumerate(_rows_that_fit(values, widths)):
                if n:
                    part[0] = f"{LABELS[doc.language]['continued']} {values[0]}"
                sheet.append(part)
            for n, marker in enumerate(row.markers):
                if marker is not None and MARKER_TINTS[marker] != "FFFFFF":
                    sheet.cell(row=first, column=n + 2).fill = PatternFill("solid", fgColor=MARKER_TINTS[marker])
        for cells in sheet.iter_rows(min_row=2):
            for cell in cells:
                cell.alignment, cell.font = wrapped, BODY
                if cell.data_type == "f":  # openpyxl takes a text starting with "=" for a formula: it is text
                    cell.data_type = "s"
            cells[0].font = BOLD
        sheet.freeze_panes = "B2"
        for n, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(n)].width = width
        # Row heights as the wrapped text needs them: a spreadsheet program does not always measure a row
        # again when it opens the file (LibreOffice does not), and then the lines run over each other.
        for cells in sheet.iter_rows():
            lines = max(
                _wrapped_lines(_shown(cell.value), width, bold=bool(cell.font.b))
                for cell, width in zip(cells, widths, strict=False)
            )
            sheet.row_dimensions[cells[0].row].height = min(LINE_POINTS * lines + 3, MAX_ROW_POINTS)
        sheet.auto_filter.ref = sheet.dimensions
        _print_setup(sheet, doc)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _print_setup(sheet: Any, doc: ReportDoc) -> None:
    """Landscape A4, as wide as the page; the header row on every printed page; the organisation and the title at
    the foot of each page, and "Sida X av Y"."""
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_margins = PageMargins(left=0.6, right=0.6, top=0.6, bottom=0.8, header=0.3, footer=0.35)
    before, _, rest = LABELS[doc.language]["page"].partition("{page}")
    between, _, after = rest.partition("{pages}")
    footer = sheet.oddFooter
    footer.left.text = f"{doc.organisation} · {doc.title}".replace("&", "&&")
    footer.right.text = f"{before}&P{between}&N{after}"
    for part in (footer.left, footer.right):
        part.font, part.size = FOOTER_FONT, 8


# Excel sets a row at most 409 points high (and a cell at most 32,767 characters): the foot of a taller row's text
# is never shown or printed. A row whose planned work or results need more lines (a statement of many results, or
# logged results at the forms' 3,000 characters) goes on in the rows below it, each as high as Excel allows.
MAX_ROW_POINTS = 409
MAX_ROW_LINES = int((MAX_ROW_POINTS - 3) / LINE_POINTS)


def _rows_that_fit(values: list[Any], widths: list[int]) -> list[list[Any]]:
    """The row's values, as one row or, where a cell needs more than MAX_ROW_LINES lines, as several: each long cell
    split between its lines (a paragraph longer than a row between its words), the other cells in the first row;
    each row after the first is named "forts. <name>". Read one after the other, a cell's parts are its text."""
    name, *texts = values  # the name (at most 200 characters and a short note) stays whole, in the first row
    columns = [[name], *(_cell_parts(value, width) for value, width in zip(texts, widths[1:], strict=False))]
    return [[parts[n] if n < len(parts) else None for parts in columns] for n in range(max(map(len, columns)))]


def _cell_parts(value: Any, width: float) -> list[Any]:
    if _wrapped_lines(_shown(value), width) <= MAX_ROW_LINES:
        return [value]
    rich = isinstance(value, CellRichText)
    chunk = _per_line(width, bold=False) * (MAX_ROW_LINES - 2)
    pieces: list[Any] = []  # whole lines, or parts of a line too long for one row, each with its font
    for block in list(value) if rich else [value]:
        font, text = (block.font, block.text) if isinstance(block, TextBlock) else (None, str(block))
        for line in text.splitlines(keepends=True):
            while len(line) > chunk:
                cut = line.rfind(" ", chunk // 2, chunk) + 1 or chunk
                pieces.append((font, line[:cut]))
                line = line[cut:]
            pieces.append((font, line))
    parts: list[list[Any]] = [[]]
    used = 0
    for font, text in pieces:
        lines = _wrapped_lines(text.removesuffix("\n"), width)
        if parts[-1] and used + lines > MAX_ROW_LINES:
            parts.append([])
            used = 0
        parts[-1].append((font, text))
        used += lines
    if not rich:
        return ["".join(text for _, text in part) for part in parts]
    return [CellRichText(*(TextBlock(font, text) if font else text for font, text in part)) for part in parts]


def _shown(value: object) -> str:
    return "" if value is None else str(value)


def _per_line(width: float, *, bold: bool) -> int:
    """About how many characters a line of a column `width` characters wide holds."""
    points = (width * DIGIT_PIXELS + 5) * 0.75 - CELL_PADDING_POINTS
    return max(int(points / (BOLD_POINTS if bold else REGULAR_POINTS)), 1)


def _wrapped_lines(text: str, width: float, *, bold: bool = False) -> int:
    """How many lines `text` takes in a column `width` characters wide: each paragraph wrapped word by word, as
    a spreadsheet program wraps it, a word longer than the line broken where the line ends."""
    per_line = _per_line(width, bold=bold)
    lines = 0
    for paragraph in text.split("\n"):
        used = 0
        lines += 1
        for word in paragraph.split(" "):
            if used and used + 1 + len(word) > per_line:
                lines, used = lines + 1, 0
            used += len(word) + (1 if used else 0)
            while used > per_line:
                lines, used = lines + 1, used - per_line
    return max(lines, 1)


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
    symbol = TextBlock(_inline(color=MARKER_COLOURS[marker]), MARKER_SYMBOLS[marker] + " ")
    return CellRichText(symbol, TextBlock(_inline(), row.texts[n]))


def _xlsx_results(row: Row) -> str | CellRichText:
    lines = ([(row.results_note, True)] if row.results_note else []) + [
        (f"• {result_text(line)}", line.italic) for line in row.results
    ]
    if not any(italic for _, italic in lines):
        return "\n".join(text for text, _ in lines)
    rich = CellRichText()
    for n, (text, italic) in enumerate(lines):
        shown = text if n == len(lines) - 1 else text + "\n"
        rich.append(TextBlock(_inline(i=italic), shown))
    return rich


def _inline(**style: Any) -> InlineFont:
    """A run of rich text in the body's font: a run without one is set in the program's default font."""
    return InlineFont(rFont=FONT, sz=FONT_SIZE, family=2, **style)
