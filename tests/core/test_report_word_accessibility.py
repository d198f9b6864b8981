"""The Word report against the rules of Word's own accessibility checker, read back with python-docx
(tests/word_checks.py): title, heading styles in order, header rows, no merged cells, images with alternative text,
and the contrast of every shaded cell's text computed from its colours. And the checks themselves can fail."""

from __future__ import annotations

import base64
import io
from dataclasses import replace

import pytest
from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import RGBColor

from core.report_formats import ReportDoc, to_docx
from tests.core.test_report_formats import goals_doc, seed_2016
from tests.word_checks import heading_levels, word_problems

# A 1×1 PNG, for a document with an image.
PIXEL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


@pytest.mark.parametrize(
    "doc",
    [seed_2016(), goals_doc(), replace(goals_doc(), language="en", title="Follow-up 2027")],
    ids=["2016", "goals", "english"],
)
def test_the_word_report_passes_words_accessibility_rules(doc: ReportDoc) -> None:
    content = to_docx(doc)
    assert word_problems(content) == []
    document = Document(io.BytesIO(content))
    assert document.core_properties.title == doc.title
    assert heading_levels(document) == [(0, doc.title), *((1, section.heading) for section in doc.sections)]


def test_every_word_table_is_named_by_its_sections_heading() -> None:
    doc = goals_doc()
    document = Document(io.BytesIO(to_docx(doc)))
    captions = [table._tbl.tblPr.find(qn("w:tblCaption")) for table in document.tables]
    assert [c.get(qn("w:val")) if c is not None else None for c in captions] == [s.heading for s in doc.sections]


def _broken() -> bytes:
    """A document that breaks every rule: no title, a skipped heading level, a custom heading style, a table without
    a header row and with merged cells, pale text on a shaded cell, and an image without alternative text."""
    document = Document()
    document.add_paragraph("Rapport", style="Title")
    document.add_heading("Underrubrik", level=2)
    document.styles.add_style("Min rubrik", 1)
    document.add_paragraph("Egen rubrik", style="Min rubrik")
    table = document.add_table(rows=2, cols=2)
    table.cell(1, 0).merge(table.cell(1, 1))
    cell = table.cell(0, 0)
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:fill"), "FFF4CC")
    cell._tc.get_or_add_tcPr().append(shading)
    cell.paragraphs[0].add_run("delvis").font.color.rgb = RGBColor.from_string("E0A100")
    document.add_picture(io.BytesIO(PIXEL))
    for shape in document.element.body.iter(qn("wp:docPr")):
        shape.set("descr", "")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_the_rules_see_what_is_wrong() -> None:
    problems = word_problems(_broken())
    assert problems[0] == "no title in the document's properties"
    text = "\n".join(problems)
    for expected in (
        "heading 'Underrubrik' is level 2 after level 0: a level skipped",
        "heading 'Egen rubrik' in the custom style 'Min rubrik', not a built-in one",
        "table 1's first row is not marked as a header row (w:tblHeader)",
        "table 1 has merged cells (w:gridSpan)",
        "table 1: 'delvis' #E0A100 on #FFF4CC is 2.06:1, under 4.5:1",
        "has no alternative text",
    ):
        assert expected in text
