"""The report as one self-contained web page for the region's website (WCAG 2.1 AA, EN 301 549 chapter 9).

The document language and a title; one `h1` and an `h2` per section, inside its table's `caption`, so that a
heading and a caption name each table once; column headers `th scope="col"` and each row's name `th scope="row"`;
the goal markers are a symbol beside their word, never colour alone. One inline style sheet with a print style for
A4 landscape, no scripts, no images, no link to anything outside the file.
"""

from __future__ import annotations

from html import escape

from core.report_formats.model import (
    LANGUAGE_TAGS,
    MARKER_COLOURS,
    MARKER_SYMBOLS,
    MARKER_TINTS,
    ReportDoc,
    Row,
    Section,
    column_widths,
    label,
    marker_of,
)

# Text on white, the header cells' shade and the headings' blue: every pair is at least 4.5:1 (tests compute it).
TEXT, MUTED, HEADING, HEADER_FILL, RULE = "1A1A1A", "4A4A4A", "1F3864", "DCE3EE", "8C96A8"


def _style() -> str:
    markers = "\n".join(
        f".marker-{name} {{ background: #{MARKER_TINTS[name]}; }}\n"
        f".marker-{name} .symbol {{ color: #{MARKER_COLOURS[name]}; }}"
        for name in MARKER_COLOURS
    )
    return f"""
html {{ color: #{TEXT}; background: #FFFFFF; font-family: Arial, "Liberation Sans", Helvetica, sans-serif; }}
body {{ margin: 1.5rem auto; max-width: 90rem; padding: 0 1rem; line-height: 1.4; }}
.organisation {{ font-weight: bold; margin: 0; }}
h1 {{ color: #{HEADING}; font-size: 1.8rem; margin: 0.3rem 0; }}
.subtitle {{ font-size: 1.15rem; margin: 0; }}
.made-on {{ color: #{MUTED}; margin: 0.3rem 0 1rem; }}
table {{ border-collapse: collapse; width: 100%; margin: 0 0 2rem; table-layout: fixed; }}
caption {{ text-align: left; }}
h2 {{ color: #{HEADING}; font-size: 1.3rem; margin: 1.2rem 0 0.5rem; }}
th, td {{ border: 1px solid #{RULE}; padding: 0.35rem 0.45rem; text-align: left; vertical-align: top;
  overflow-wrap: break-word; }}
thead th {{ background: #{HEADER_FILL}; color: #{TEXT}; }}
tbody th {{ font-weight: bold; }}
td p, th p {{ margin: 0 0 0.3rem; }}
.note {{ font-weight: normal; font-size: 0.9em; }}
.activity {{ padding-left: 1.6em; text-indent: -1.6em; }}
ul {{ margin: 0; padding-left: 1.2em; }}
li {{ margin: 0 0 0.2rem; }}
.logged {{ font-style: italic; }}
.date {{ white-space: nowrap; }}
.symbol {{ font-size: 1.2em; }}
.assessment {{ font-weight: bold; }}
{markers}
@page {{ size: A4 landscape; margin: 15mm 18mm; }}
@media print {{
  html {{ font-size: 9.5pt; }}
  body {{ margin: 0; max-width: none; padding: 0; }}
  thead {{ display: table-header-group; }}
  tr {{ break-inside: avoid; }}
  h2 {{ break-after: avoid; }}
  * {{ print-color-adjust: exact; -webkit-print-color-adjust: exact; }}
}}
""".strip()


def to_html(doc: ReportDoc) -> bytes:
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{LANGUAGE_TAGS[doc.language]}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(doc.title)}</title>",
        f'<meta name="author" content="{_e(doc.organisation)}">',
        f'<meta name="description" content="{_e(doc.subtitle)}">',
        f"<style>\n{_style()}\n</style>",
        "</head>",
        "<body>",
        "<header>",
        f'<p class="organisation">{_e(doc.organisation)}</p>',
        f"<h1>{_e(doc.title)}</h1>",
        f'<p class="subtitle">{_e(doc.subtitle)}</p>',
        f'<p class="made-on">{_e(label(doc, "made_on", date=doc.made_on.isoformat()))}</p>',
        "</header>",
        "<main>",
    ]
    for number, section in enumerate(doc.sections, start=1):
        out += _table(section, number)
    out += ["</main>", "</body>", "</html>", ""]
    return "\n".join(out).encode("utf-8")


def _e(text: str) -> str:
    return escape(text, quote=True)


def _table(section: Section, number: int) -> list[str]:
    out = ["<table>", f'<caption><h2 id="section-{number}">{_e(section.heading)}</h2></caption>', "<colgroup>"]
    out += [f'<col style="width: {width / 10:g}%">' for width in column_widths(section.columns, 1000)]
    out += ["</colgroup>", "<thead>", "<tr>"]
    out += [f'<th scope="col">{_e(column.title)}</th>' for column in section.columns]
    out += ["</tr>", "</thead>", "<tbody>"]
    for row in section.rows:
        out.append("<tr>")
        note = f'<br><span class="note">{_e(row.note)}</span>' if row.note else ""
        out.append(f'<th scope="row">{_e(row.name)}{note}</th>')
        out += [_text_cell(row, n) for n in range(len(row.texts))]
        if section.has_results:
            out.append(_results_cell(row))
        out.append("</tr>")
    out += ["</tbody>", "</table>"]
    return out


def _paragraphs(text: str) -> str:
    """One paragraph a line; a numbered activity "(1) …" hangs, as in the plan."""
    lines = [line for line in text.split("\n") if line]
    if len(lines) == 1 and not _is_activity(lines[0]):
        return _e(lines[0])
    hanging = ' class="activity"'
    return "".join(f"<p{hanging if _is_activity(line) else ''}>{_e(line)}</p>" for line in lines)


def _is_activity(line: str) -> bool:
    return line.startswith("(") and ") " in line[:5]


def _text_cell(row: Row, n: int) -> str:
    text = row.texts[n]
    marker = marker_of(row, n)
    if marker is None:
        return f"<td>{_paragraphs(text)}</td>"
    # The symbol is decoration for the eye; the word beside it is what is read, printed and heard.
    word, _, rest = text.partition("\n")
    symbol = f'<span class="symbol" aria-hidden="true">{MARKER_SYMBOLS[marker]}</span>'
    more = _paragraphs(rest) if rest else ""
    return f'<td class="marker-{marker}">{symbol} <span class="assessment">{_e(word)}</span>{more}</td>'


def _results_cell(row: Row) -> str:
    parts = []
    if row.results_note:
        parts.append(f'<p class="logged">{_e(row.results_note)}</p>')
    if row.results:
        items = []
        for line in row.results:
            day = f'<span class="date">{line.on.isoformat()}</span>: ' if line.on is not None else ""
            kind = ' class="logged"' if line.italic else ""
            items.append(f"<li{kind}>{day}{_e(line.text)}</li>")
        parts.append("<ul>" + "".join(items) + "</ul>")
    return f"<td>{''.join(parts)}</td>"
