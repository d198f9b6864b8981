"""The report as CSV for a Swedish Excel: one line per row of every section."""

from __future__ import annotations

import csv
import io

from core.report_formats.model import (
    ReportDoc,
    label,
    marked_text,
    result_lines,
)


def to_csv(doc: ReportDoc) -> bytes:
    """What a Swedish Excel opens as columns: UTF-8 with a byte-order mark, ";" between fields, and headers and
    values in the report's language. One line per row of every section; the columns of all sections side by side."""
    middle: list[str] = []
    for section in doc.sections:
        for column in section.columns[1:]:
            if column.title not in middle:
                middle.append(column.title)
    fixed = [label(doc, "section"), label(doc, "name"), label(doc, "note")]
    flags = [label(doc, "statement"), label(doc, "closed")]
    yes, no = label(doc, "yes"), label(doc, "no")

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(fixed + middle + flags)
    for section in doc.sections:
        for row in section.rows:
            values = dict.fromkeys(middle, "")
            texts = [marked_text(row, n) for n in range(len(row.texts))]
            cells = texts + (["\n".join(result_lines(row))] if section.has_results else [])
            for column, text in zip(section.columns[1:], cells, strict=True):
                values[column.title] = text
            if section.has_results:
                submitted = yes if row.source == "statement" else no
                closed = yes if section.kind == "closed" else no
            else:
                submitted = closed = ""
            writer.writerow([section.heading, row.name, row.note, *values.values(), submitted, closed])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
