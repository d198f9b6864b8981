"""The report as a web page for the region's website, read back: its structure with Python's own HTML parser, its
colours' contrast computed from its style sheet, and the whole page checked by axe-core (Deque's WCAG engine) in the
system's Chromium driven by Playwright, with WCAG 2.1 A and AA's rules. The browser not starting is a failure."""

from __future__ import annotations

import itertools
import os
import re
from collections.abc import Iterator
from dataclasses import replace
from html.parser import HTMLParser
from typing import Any

import pytest

from core.report_formats import RENDERERS, ReportDoc, to_html
from core.report_formats.model import MARKER_COLOURS, MARKER_TINTS
from storage.db import Database
from tests.contrast import contrast
from tests.core.test_report import compared_2027
from tests.core.test_report_formats import goals_doc, seed_2016

# Debian's chromium package; MLR_TEST_CHROMIUM names another (README.md says which, per system).
CHROMIUM = os.environ.get("MLR_TEST_CHROMIUM", "/usr/bin/chromium")
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


class Page(HTMLParser):
    """The elements of a page as (tag, attributes, text inside), in document order; scripts and links noted."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str], list[str]]] = []
        self.open: list[int] = []
        self.style = ""
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {k: v or "" for k, v in attrs}, []))
        if tag not in {"meta", "col", "br", "link", "img", "input"}:
            self.open.append(len(self.elements) - 1)

    def handle_endtag(self, tag: str) -> None:
        while self.open:
            if self.elements[self.open.pop()][0] == tag:
                break

    def handle_data(self, data: str) -> None:
        for index in self.open:
            self.elements[index][2].append(data)
        if self.open and self.elements[self.open[-1]][0] == "style":
            self.style += data

    def all(self, tag: str) -> list[tuple[dict[str, str], str]]:
        return [(attrs, "".join(text)) for name, attrs, text in self.elements if name == tag]

    def text(self, tag: str) -> list[str]:
        return [" ".join(text.split()) for _, text in self.all(tag)]


def page_of(doc: ReportDoc) -> Page:
    return Page(to_html(doc).decode("utf-8"))


def test_html_is_one_of_the_report_renderers() -> None:
    assert RENDERERS["html"](seed_2016()) == to_html(seed_2016())


def test_the_page_has_its_language_title_one_h1_and_headings_in_order() -> None:
    page = page_of(goals_doc())
    [(html, _)] = page.all("html")
    assert html["lang"] == "sv-SE"
    assert page.text("title") == ["Uppföljning 2027"]
    assert page.text("h1") == ["Uppföljning 2027"]
    headings = [name for name, _, _ in page.elements if re.fullmatch(r"h[1-6]", name)]
    assert headings[0] == "h1" and all(int(b[1]) <= int(a[1]) + 1 for a, b in itertools.pairwise(headings))
    assert page.text("h2") == [section.heading for section in goals_doc().sections]
    english = page_of(replace(seed_2016(), language="en"))
    assert english.all("html")[0][0]["lang"] == "en-GB"


def test_every_table_has_a_caption_and_headers_with_scope() -> None:
    doc = goals_doc()
    page = page_of(doc)
    assert page.text("caption") == [section.heading for section in doc.sections]
    assert len(page.all("table")) == len(doc.sections)
    headers = page.all("th")
    assert headers and all(attrs.get("scope") in {"col", "row"} for attrs, _ in headers)
    column_headers = [" ".join(text.split()) for attrs, text in headers if attrs["scope"] == "col"]
    assert column_headers == [column.title for section in doc.sections for column in section.columns]
    row_headers = [attrs for attrs, _ in headers if attrs["scope"] == "row"]
    assert len(row_headers) == sum(len(section.rows) for section in doc.sections)


def test_the_markers_carry_their_word_as_text_and_the_symbol_is_hidden_from_screen_readers() -> None:
    page = page_of(goals_doc())
    marked = [(attrs["class"], text) for attrs, text in page.all("td") if "marker-" in attrs.get("class", "")]
    cells = {kind: " ".join(text.split()) for kind, text in marked}
    assert cells == {
        "marker-met": "● uppnås",
        "marker-partly": "● delvis",
        "marker-not_met": "● uppnås inte",
        "marker-not_assessed": "○ ej bedömd",
    }
    symbols = [attrs for attrs, _ in page.all("span") if attrs.get("class") == "symbol"]
    assert len(symbols) == 4 and all(attrs.get("aria-hidden") == "true" for attrs in symbols)
    assert [text for attrs, text in page.all("span") if attrs.get("class") == "assessment"] == [
        "uppnås",
        "delvis",
        "uppnås inte",
        "ej bedömd",
    ]


def _rules(style: str) -> dict[str, dict[str, str]]:
    """The style sheet's rules outside @-blocks, selector → declarations."""
    outside = re.sub(r"@media[^{]*\{(?:[^{}]*\{[^}]*\})*\s*\}", "", style)
    rules: dict[str, dict[str, str]] = {}
    for selector, body in re.findall(r"([^{}@]+)\{([^}]*)\}", outside):
        declarations = dict(
            (name.strip(), value.strip()) for name, value in (d.split(":", 1) for d in body.split(";") if ":" in d)
        )
        for one in selector.split(","):
            rules.setdefault(one.strip(), {}).update(declarations)
    return rules


def _hex(value: str) -> str:
    match = re.search(r"#([0-9A-Fa-f]{6})\b", value)
    assert match, value
    return match.group(1)


def test_text_and_markers_meet_wcag_contrast_computed_from_the_style_sheet() -> None:
    rules = _rules(page_of(goals_doc()).style)
    page_colour, page_background = _hex(rules["html"]["color"]), _hex(rules["html"]["background"])
    assert contrast(page_colour, page_background) >= 4.5
    for selector in ("h1", "h2", ".made-on"):
        assert contrast(_hex(rules[selector]["color"]), page_background) >= 4.5, selector
    assert contrast(_hex(rules["thead th"]["color"]), _hex(rules["thead th"]["background"])) >= 4.5
    for marker in MARKER_COLOURS:
        tint = _hex(rules[f".marker-{marker}"]["background"])
        symbol = _hex(rules[f".marker-{marker} .symbol"]["color"])
        assert contrast(page_colour, tint) >= 4.5, f"{marker}: the word on its tint"
        assert contrast(symbol, tint) >= 3.0, f"{marker}: the marker's shape on its tint (WCAG 1.4.11)"
        assert (tint, symbol) == (MARKER_TINTS[marker], MARKER_COLOURS[marker])


def test_the_page_prints_on_a4_landscape_and_needs_nothing_outside_itself() -> None:
    text = to_html(goals_doc()).decode("utf-8")
    assert re.search(r"@page\s*\{\s*size:\s*A4 landscape;", text)
    assert "@media print" in text and "display: table-header-group" in text
    lowered = text.lower()
    for forbidden in (
        "<script",
        "<link",
        "<img",
        "<iframe",
        "<object",
        "<embed",
        "url(",
        "@import",
        "http://",
        "https://",
    ):
        assert forbidden not in lowered, forbidden
    assert re.search(r"\son[a-z]+\s*=", lowered) is None  # no event handler attributes


def test_text_from_the_data_is_escaped() -> None:
    doc = replace(seed_2016(), title='<script>alert("x")</script> & co', organisation="A&B <i>")
    text = to_html(doc).decode("utf-8")
    assert "<script>" not in text and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co" in text
    assert "A&amp;B &lt;i&gt;" in text


# ---------------------------------------------------------------- axe-core in the system's Chromium


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Chromium from the system's packages (no browser download). It not starting fails the test with the reason."""
    from playwright.sync_api import Error, sync_playwright

    with sync_playwright() as playwright:
        try:
            chromium = playwright.chromium.launch(
                executable_path=CHROMIUM,
                args=[
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--no-first-run",
                ],
            )
        except Error as error:
            pytest.fail(
                f"Chromium ({CHROMIUM}) did not start, so axe-core cannot check the page: {error}. "
                "Install it (apt-get install -y chromium) or set MLR_TEST_CHROMIUM to the Chromium program",
                pytrace=False,
            )
        yield chromium
        chromium.close()


def axe_violations(browser: Any, html: bytes) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    page = browser.new_page()
    try:
        # Every request the page would make is refused: the page must stand alone.
        requests: list[str] = []

        def refuse(route: Any) -> None:
            requests.append(route.request.url)
            route.abort()

        page.route("**/*", refuse)
        page.set_content(html.decode("utf-8"), wait_until="load")
        results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}})
    finally:
        page.close()
    response = results.response
    assert response["passes"], "axe-core ran no rule at all"
    violations = [
        f"{v['id']}: {v['help']} ({', '.join(str(n['target']) for n in v['nodes'])})" for v in response["violations"]
    ]
    return violations + [f"the page asked for {url}" for url in requests]


def test_axe_core_finds_no_wcag_21_aa_violation_in_the_2016_report_of_the_shipped_plan(browser: Any) -> None:
    # seed_2016() is the 2016 report the shipped plan gives, row for row (test_report.py proves it from the database).
    assert axe_violations(browser, to_html(seed_2016())) == []
    assert axe_violations(browser, to_html(replace(seed_2016(), language="en"))) == []


def test_axe_core_finds_no_wcag_21_aa_violation_in_a_year_with_assessments(browser: Any, db: Database) -> None:
    report = compared_2027(db)
    assert report.sections[0].heading == "Måluppfyllelse 2027"
    assert axe_violations(browser, to_html(report)) == []
    assert axe_violations(browser, to_html(goals_doc())) == []


def test_axe_core_does_see_what_is_wrong(browser: Any) -> None:
    """The check can fail: a page without its language, with a header-less table and pale text is caught."""
    broken = to_html(seed_2016()).replace(b' lang="sv-SE"', b"").replace(b"#1A1A1A", b"#BBBBBB")
    found = {violation.split(":")[0] for violation in axe_violations(browser, broken)}
    assert {"html-has-lang", "color-contrast"} <= found
