"""The annual report's files: one model (`model.py`) and one module per format, each a pure renderer of it.

Nothing here reads a database, the settings or the clock. A new format is a module with a `to_<format>(doc)` and
one line in `RENDERERS`.
"""

from __future__ import annotations

from collections.abc import Callable

from core.report_formats.csv_file import to_csv
from core.report_formats.excel import to_xlsx
from core.report_formats.html import to_html
from core.report_formats.markdown import to_markdown
from core.report_formats.model import (
    Column,
    Language,
    Marker,
    ReportDoc,
    ResultLine,
    Row,
    Section,
)
from core.report_formats.word import to_docx


def _markdown_bytes(doc: ReportDoc) -> bytes:
    return to_markdown(doc).encode("utf-8")


# The formats core renders, by the name `--format` takes; each gives the file's bytes.
RENDERERS: dict[str, Callable[[ReportDoc], bytes]] = {
    "md": _markdown_bytes,
    "docx": to_docx,
    "csv": to_csv,
    "xlsx": to_xlsx,
    "html": to_html,
}

__all__ = [
    "RENDERERS",
    "Column",
    "Language",
    "Marker",
    "ReportDoc",
    "ResultLine",
    "Row",
    "Section",
    "to_csv",
    "to_docx",
    "to_html",
    "to_markdown",
    "to_xlsx",
]
