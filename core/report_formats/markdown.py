"""The report as Markdown: one pipe table per section."""

from __future__ import annotations

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
        f"# {doc.title}",
        "",
        f"**{_md(doc.organisation)}** · {_md(doc.subtitle)} · {label(doc, 'made_on', date=doc.made_on.isoformat())}",
        "",
    ]
    for section in doc.sections:
        out += [f"## {_md(section.heading)}", ""]
        out.append("| " + " | ".join(_md(c.title) for c in section.columns) + " |")
        out.append("|" + "---|" * len(section.columns))
        for row in section.rows:
            name = f"**{_md(row.name)}**" + (f"<br>{_md(row.note)}" if row.note else "")
            cells = [name, *(_md_text(row, n) for n in range(len(row.texts)))]
            if section.has_results:
                cells.append(_md_results(row))
            out.append("| " + " | ".join(cells) + " |")
        out.append("")
    return "\n".join(out)


def _md(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("*", "\\*").replace("\n", "<br>")


def _md_text(row: Row, n: int) -> str:
    marker = marker_of(row, n)
    return f"{MARKER_EMOJI[marker]} {_md(row.texts[n])}" if marker else _md(row.texts[n])


def _md_results(row: Row) -> str:
    def italic(text: str, on: bool) -> str:
        return f"*{text}*" if on and text else text

    lines: Iterable[str] = ([italic(_md(row.results_note), True)] if row.results_note else []) + [
        "• " + italic(_md(result_text(line)), line.italic) for line in row.results
    ]
    return "<br>".join(lines)
