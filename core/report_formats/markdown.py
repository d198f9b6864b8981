"""The report as Markdown: one pipe table per section."""

from __future__ import annotations

import re
from collections.abc import Iterable

from core.report_formats.model import (
    MARKER_EMOJI,
    ReportDoc,
    Row,
    label,
    marker_of,
    result_text,
)


def to_markdown(doc: ReportDoc) -> str:
    out = [
        f"# {_md(doc.title)}",
        "",
        f"{_strong(doc.organisation)} · {_md(doc.subtitle)} · {label(doc, 'made_on', date=doc.made_on.isoformat())}",
        "",
    ]
    for section in doc.sections:
        out += [f"## {_md(section.heading)}", ""]
        out.append("| " + " | ".join(_md(c.title) for c in section.columns) + " |")
        out.append("|" + "---|" * len(section.columns))
        for row in section.rows:
            name = _strong(row.name) + (f"<br>{_md(row.note)}" if row.note else "")
            cells = [name, *(_md_text(row, n) for n in range(len(row.texts)))]
            if section.has_results:
                cells.append(_md_results(row))
            out.append("| " + " | ".join(cells) + " |")
        out.append("")
    return "\n".join(out)


# The characters that start Markdown's inline markup (CommonMark with GitHub's tables and strikethrough): each is
# escaped with a backslash, and "&" only where it would start a character reference, so that "Migration &
# integration" reads as typed in the file as well as on the rendered page.
_MARKUP = re.compile(r"([\\`*_\[\]<|~])|&(?=#?[0-9A-Za-z]+;)")


def _md(text: str) -> str:
    """A text as Markdown shows it as typed, one line of a table cell: markup escaped, a line break as <br>."""
    return _MARKUP.sub(lambda m: "\\" + m.group(0), text).replace("\n", "<br>")


def _strong(text: str) -> str:
    """Bold, for a text that has a character to make bold: emphasis cannot start or end with a space."""
    return f"**{_md(text.strip())}**" if text.strip() else _md(text)


def _md_text(row: Row, n: int) -> str:
    marker = marker_of(row, n)
    return f"{MARKER_EMOJI[marker]} {_md(row.texts[n])}" if marker else _md(row.texts[n])


def _md_results(row: Row) -> str:
    def italic(text: str, on: bool) -> str:
        return f"*{_md(text.strip())}*" if on and text.strip() else _md(text)

    lines: Iterable[str] = ([italic(row.results_note, True)] if row.results_note else []) + [
        "• " + italic(result_text(line), line.italic) for line in row.results
    ]
    return "<br>".join(lines)
