"""The report as a Word document: landscape A4, the plan's tables with fixed column widths, rows that do not split."""

from __future__ import annotations

import io
from collections.abc import Iterable
from datetime import date, datetime, time
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor, Twips

from core.report_formats.model import (
    FONT,
    LABELS,
    LANGUAGE_TAGS,
    MARKER_COLOURS,
    MARKER_SYMBOLS,
    MARKER_TINTS,
    Marker,
    ReportDoc,
    Row,
    Section,
    label,
    marker_of,
)

NON_BREAKING_HYPHEN = "\u2011"
PAGE_WIDTH, PAGE_HEIGHT = Cm(29.7), Cm(21.0)  # A4, landscape
SIDE_MARGIN_CM = 1.8
SIDE_MARGIN = Cm(SIDE_MARGIN_CM)
TEXT_WIDTH = Cm(29.7 - 2 * SIDE_MARGIN_CM)


def _kept_date(day: date) -> str:
    """An ISO date Word and LibreOffice cannot break over two lines."""
    return day.isoformat().replace("-", NON_BREAKING_HYPHEN)


def to_docx(doc: ReportDoc) -> bytes:
    document = Document()
    language = LANGUAGE_TAGS[doc.language]
    _set_styles(document, language)

    page = document.sections[0]
    page.orientation = WD_ORIENT.LANDSCAPE
    page.page_width, page.page_height = PAGE_WIDTH, PAGE_HEIGHT
    page.left_margin = page.right_margin = SIDE_MARGIN
    page.top_margin, page.bottom_margin = Cm(1.5), Cm(1.7)
    page.footer_distance = Cm(0.8)
    _footer(document, doc)

    organisation = document.add_paragraph()
    organisation.add_run(doc.organisation).bold = True
    document.add_paragraph(doc.title, style="Title")
    document.add_paragraph(doc.subtitle, style="Subtitle")
    document.add_paragraph(label(doc, "made_on", date=_kept_date(doc.made_on)))

    for section in doc.sections:
        document.add_heading(section.heading, level=1)
        _section_table(document, section)

    properties = document.core_properties
    properties.title = doc.title
    properties.subject = doc.subtitle
    properties.author = doc.organisation
    properties.last_modified_by = doc.organisation
    properties.language = language
    properties.comments = ""
    properties.keywords = ""
    properties.created = properties.modified = datetime.combine(doc.made_on, time())
    properties.revision = 1

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _set_styles(document: Any, language: str) -> None:
    """Every style proofs in the report's language and uses one font; the body is compact enough for a table."""
    styles = document.styles.element
    rpr_default = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    targets = [rpr_default]
    for style in styles.findall(qn("w:style")):
        # A numbering style carries no run properties (ECMA-376 §17.7.4.17): its text is in the paragraphs.
        if style.get(qn("w:type")) != "numbering":
            targets.append(style.get_or_add_rPr())
    for rpr in targets:
        _set_language(rpr, language)
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is not None:
            # A theme font overrides the named one, so the theme attributes go.
            for attribute in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
                fonts.attrib.pop(qn(f"w:{attribute}"), None)
            for attribute in ("ascii", "hAnsi", "eastAsia", "cs"):
                fonts.set(qn(f"w:{attribute}"), FONT)
    # The template says its spelling was checked clean; without that Word checks the Swedish itself.
    settings = document.settings.element
    for proof_state in settings.findall(qn("w:proofState")):
        settings.remove(proof_state)

    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(9.5)
    normal.paragraph_format.space_after = Pt(3)
    normal.paragraph_format.line_spacing = 1.05
    for name, size in (("Title", 20), ("Subtitle", 12), ("Heading 1", 13)):
        style = document.styles[name]
        style.font.size = Pt(size)
        style.font.color.rgb = RGBColor(0x1F, 0x38, 0x64)
    document.styles["Heading 1"].paragraph_format.space_before = Pt(14)
    document.styles["Heading 1"].paragraph_format.space_after = Pt(5)
    document.styles["Heading 1"].paragraph_format.keep_with_next = True
    bullet = document.styles["List Bullet"].paragraph_format
    bullet.space_after = Pt(2)
    document.styles["Footer"].font.size = Pt(8)


def _set_language(rpr: Any, language: str) -> None:
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        # w:lang comes before these three in a run's properties (ECMA-376 §17.3.2.28, CT_RPr's sequence).
        later = [rpr.find(qn(tag)) for tag in ("w:eastAsianLayout", "w:specVanish", "w:oMath")]
        following = next((element for element in later if element is not None), None)
        if following is None:
            rpr.append(lang)
        else:
            following.addprevious(lang)
    lang.set(qn("w:val"), language)


def _footer(document: Any, doc: ReportDoc) -> None:
    """Organisation and title on the left, "Sida X av Y" on the right, on every page."""
    paragraph = document.sections[0].footer.paragraphs[0]
    tabs = paragraph.paragraph_format.tab_stops
    for position in (4680, 9360):  # the template's footer tabs, made for a portrait Letter page
        tabs.add_tab_stop(Twips(position), WD_TAB_ALIGNMENT.CLEAR)
    tabs.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)
    paragraph.add_run(f"{doc.organisation} · {doc.title}\t")
    before, _, rest = LABELS[doc.language]["page"].partition("{page}")
    between, _, after = rest.partition("{pages}")
    paragraph.add_run(before)
    _field(paragraph, "PAGE")
    paragraph.add_run(between)
    _field(paragraph, "NUMPAGES")
    if after:
        paragraph.add_run(after)


def _field(paragraph: Any, instruction: str) -> None:
    """A complex field as Word writes one (begin, instruction, separate, shown value, end). python-docx has no
    field API (python-openxml/python-docx#498, #1297); Word and LibreOffice compute the value as they lay out."""

    def run_with(element: Any) -> None:
        paragraph.add_run()._r.append(element)

    run_with(_field_char("begin"))
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    run_with(code)
    run_with(_field_char("separate"))
    paragraph.add_run("1")
    run_with(_field_char("end"))


def _field_char(kind: str) -> Any:
    element = OxmlElement("w:fldChar")
    element.set(qn("w:fldCharType"), kind)
    return element


def _section_table(document: Any, section: Section) -> None:
    table = document.add_table(rows=1, cols=len(section.columns))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    # Fixed layout, the grid (w:gridCol) and every cell's w:tcW together: Word honours the cell widths,
    # LibreOffice the grid (python-openxml/python-docx#78, #161), and neither re-fits the columns to the text.
    table.autofit = False
    widths = _docx_widths(section)
    table_width = table._tbl.tblPr.find(qn("w:tblW"))
    table_width.set(qn("w:type"), "dxa")
    table_width.set(qn("w:w"), str(sum(widths)))
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Twips(width)
    _name_table(table, section.heading)

    header = table.rows[0]
    _keep_row_together(header, repeat=True)
    for cell, column, width in zip(header.cells, section.columns, widths, strict=True):
        cell.width = Twips(width)
        cell.paragraphs[0].add_run(column.title).bold = True
        _shade(cell, "DCE3EE")

    for row in section.rows:
        table_row = table.add_row()
        _keep_row_together(table_row, repeat=False)
        cells = table_row.cells
        for cell, width in zip(cells, widths, strict=True):
            cell.width = Twips(width)
        name = cells[0].paragraphs[0]
        name.add_run(row.name).bold = True
        if row.note:
            cells[0].add_paragraph().add_run(row.note).font.size = Pt(8.5)
        for n, (cell, text) in enumerate(zip(cells[1:], row.texts, strict=False)):
            marker = marker_of(row, n)
            if marker is None:
                _text_cell(cell, text)
            else:
                _marker_cell(cell, marker, text)
        if section.has_results:
            _results_cell(cells[-1], row)
    if section.kind == "participation":
        # One short line per member municipality: the table stays on one page with its heading rather than leave
        # a row or two at the foot of a page. Keep-with-next on every row but the last is how Word keeps a table
        # together, and LibreOffice reads it the same way.
        for table_row in table.rows[:-1]:
            for cell in table_row.cells:
                for paragraph in cell.paragraphs:
                    paragraph.paragraph_format.keep_with_next = True


# Arial's average character at the body's 9.5 pt is about 0.5 em wide, a bold one about 0.56 em; a cell has
# 108 twips of padding on each side (the "Table Grid" style), and a bullet hangs 360 twips (the "List Bullet" level).
REGULAR_CHARACTER, BOLD_CHARACTER = 0.5 * 9.5 * 20, 0.56 * 9.5 * 20  # twips
CELL_PADDING, BULLET_INDENT = 2 * 108, 360


def _docx_widths(section: Section) -> list[int]:
    """The columns' shares of the text width, but never so narrow that a word (a group's name such as
    "kompetensförsörjning", a heading) is broken inside: such a column gets what its longest word needs, and the
    others share the rest as asked."""

    def longest(texts: Iterable[str]) -> int:
        return max((len(word) for text in texts for word in text.split()), default=0)

    columns = section.columns
    needed = [CELL_PADDING + BOLD_CHARACTER * longest([columns[0].title, *(r.name for r in section.rows)])]
    for n, column in enumerate(columns[1:], start=1):
        texts = [r.texts[n - 1] for r in section.rows if n - 1 < len(r.texts)]
        if section.has_results and n == len(columns) - 1:
            texts = [line.text for r in section.rows for line in r.results]
            needed.append(CELL_PADDING + BULLET_INDENT + REGULAR_CHARACTER * longest(texts))
        else:
            needed.append(CELL_PADDING + REGULAR_CHARACTER * longest(texts))
        needed[n] = max(needed[n], CELL_PADDING + BOLD_CHARACTER * longest([column.title]))

    total = TEXT_WIDTH.twips
    fixed: dict[int, float] = {}
    while True:
        free = [n for n in range(len(columns)) if n not in fixed]
        rest = total - sum(fixed.values())
        weight = sum(columns[n].width for n in free)
        share = {n: rest * columns[n].width / weight for n in free}
        narrow = [n for n in free if share[n] < needed[n]]
        if not narrow or len(narrow) == len(free):
            break
        fixed.update({n: needed[n] for n in narrow})
    shares = [fixed.get(n, share.get(n, 0.0)) for n in range(len(columns))]
    widths = [int(w) for w in shares]
    widths[-1] += total - sum(widths)
    return widths


def _name_table(table: Any, name: str) -> None:
    """The table's title (Word's Alt Text for a table, w:tblCaption, last in w:tblPr): its section's heading, which
    a screen reader says when it enters the table."""
    caption = OxmlElement("w:tblCaption")
    caption.set(qn("w:val"), name)
    table._tbl.tblPr.append(caption)


def _keep_row_together(row: Any, *, repeat: bool) -> None:
    """w:cantSplit keeps a row on one page; w:tblHeader repeats the header row at the top of each page."""
    properties = row._tr.get_or_add_trPr()
    for tag in ("w:cantSplit", *(("w:tblHeader",) if repeat else ())):
        element = OxmlElement(tag)
        element.set(qn("w:val"), "true")
        properties.append(element)


def _shade(cell: Any, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _text_cell(cell: Any, text: str) -> None:
    """One paragraph per line; a numbered activity "(1) …" hangs, as in the plan."""
    for n, line in enumerate(text.split("\n")):
        paragraph = cell.paragraphs[0] if n == 0 else cell.add_paragraph()
        paragraph.add_run(line)
        if line.startswith("(") and ") " in line[:5]:
            paragraph.paragraph_format.left_indent = Cm(0.6)
            paragraph.paragraph_format.first_line_indent = Cm(-0.6)


def _marker_cell(cell: Any, marker: Marker, text: str) -> None:
    """The marker in its colour, then the word in black, on the marker's light tint."""
    paragraph = cell.paragraphs[0]
    symbol = paragraph.add_run(MARKER_SYMBOLS[marker] + " ")
    symbol.font.color.rgb = RGBColor.from_string(MARKER_COLOURS[marker])
    symbol.font.size = Pt(12)
    for n, line in enumerate(text.split("\n")):
        (paragraph if n == 0 else cell.add_paragraph()).add_run(line).bold = n == 0
    if MARKER_TINTS[marker] != "FFFFFF":
        _shade(cell, MARKER_TINTS[marker])


def _results_cell(cell: Any, row: Row) -> None:
    """The results as a bulleted list, each line with its date once, at its start."""
    first = cell.paragraphs[0]
    if row.results_note:
        first.add_run(row.results_note).italic = True
        first = None
    for line in row.results:
        paragraph = first if first is not None else cell.add_paragraph()
        first = None
        paragraph.style = "List Bullet"
        if line.on is not None:
            paragraph.add_run(f"{_kept_date(line.on)}: ").italic = line.italic
        paragraph.add_run(line.text).italic = line.italic
