"""What a PDF must have to be accessible and archivable, read back with pikepdf (a PDF library no one here wrote):
the checks of EN 301 549 chapter 10 that a program can make, and the PDF/A identification."""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from pathlib import Path

import pikepdf


def pdf_problems(content: bytes, *, lang: str, title: str) -> list[str]:
    """Every rule the PDF breaks, one line each; [] when it passes."""
    problems: list[str] = []
    with pikepdf.open(io.BytesIO(content)) as pdf:
        root = pdf.Root
        mark_info = root.get("/MarkInfo")
        if mark_info is None or not bool(mark_info.get("/Marked", False)):
            problems.append("not marked: /MarkInfo /Marked is not true")
        if "/StructTreeRoot" not in root:
            problems.append("no structure tree (/StructTreeRoot): not tagged")
        if str(root.get("/Lang", "")) != lang:
            problems.append(f"document language {root.get('/Lang')!r}, not {lang!r}")
        if str(pdf.docinfo.get("/Title", "")) != title:
            problems.append(f"title {pdf.docinfo.get('/Title')!r}, not {title!r}")
        preferences = root.get("/ViewerPreferences")
        if preferences is None or not bool(preferences.get("/DisplayDocTitle", False)):
            problems.append("the viewer shows the file name, not the title (/DisplayDocTitle)")
        with pdf.open_metadata() as xmp:
            part = xmp.get("{http://www.aiim.org/pdfa/ns/id/}part")
            conformance = xmp.get("{http://www.aiim.org/pdfa/ns/id/}conformance")
            if (part, conformance) != ("2", "B"):
                problems.append(f"XMP says PDF/A part {part!r} conformance {conformance!r}, not 2 B")
        problems += _font_problems(pdf)
        if "/StructTreeRoot" in root:
            elements = list(_elements(root.StructTreeRoot))
            problems += _table_problems(elements)
            for element in elements:
                if str(element.get("/S")) == "/Figure" and not str(element.get("/Alt", "")).strip():
                    problems.append("a Figure without alternative text (/Alt)")
            headings = [e for e in elements if str(e.get("/S")) in {"/H1", "/H2", "/H3"}]
            if headings and not _outline_titles(pdf):
                problems.append("headings but no bookmarks (/Outlines)")
    return problems


def fake_soffice(folder: Path, script: str) -> str:
    """A stand-in for LibreOffice at the edge: a program called soffice in `folder` that runs the shell `script`;
    gives a PATH with it first."""
    folder.mkdir()
    program = folder / "soffice"
    program.write_text("#!/bin/sh\n" + script + "\n")
    program.chmod(0o755)
    return f"{folder}:{os.environ['PATH']}"


def outline_titles(content: bytes) -> list[str]:
    with pikepdf.open(io.BytesIO(content)) as pdf:
        return _outline_titles(pdf)


def structure_kinds(content: bytes) -> list[str]:
    """The structure elements' kinds in reading order (depth first), e.g. "/H1", "/Table", "/TH"."""
    with pikepdf.open(io.BytesIO(content)) as pdf:
        return [str(e.get("/S")) for e in _elements(pdf.Root.StructTreeRoot)]


def _outline_titles(pdf: pikepdf.Pdf) -> list[str]:
    with pdf.open_outline() as outline:
        titles: list[str] = []

        def walk(items: list[pikepdf.OutlineItem]) -> None:
            for item in items:
                titles.append(item.title)
                walk(item.children)

        walk(outline.root)
        return titles


def _elements(node: pikepdf.Object) -> Iterator[pikepdf.Dictionary]:
    """The structure elements under `node`, depth first (marked-content ids and object references skipped)."""
    kids = node.get("/K") if isinstance(node, pikepdf.Dictionary) else None
    if kids is None:
        return
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            yield kid
            yield from _elements(kid)


def _kids(element: pikepdf.Dictionary) -> list[pikepdf.Object]:
    kids = element.get("/K")
    return [] if kids is None else list(kids) if isinstance(kids, pikepdf.Array) else [kids]


def _children(element: pikepdf.Dictionary, kind: str) -> list[pikepdf.Dictionary]:
    return [k for k in _kids(element) if isinstance(k, pikepdf.Dictionary) and str(k.get("/S")) == kind]


def _table_problems(elements: list[pikepdf.Dictionary]) -> list[str]:
    problems: list[str] = []
    tables = [e for e in elements if str(e.get("/S")) == "/Table"]
    for n, table in enumerate(tables, start=1):
        rows = _children(table, "/TR") or [r for part in _children(table, "/THead") for r in _children(part, "/TR")]
        if not rows:
            problems.append(f"table {n} has no rows (/TR)")
            continue
        kinds = [str(cell.get("/S")) for cell in _cells(rows[0])]
        if not kinds or any(kind != "/TH" for kind in kinds):
            problems.append(f"table {n}'s first row is {kinds}, not header cells (/TH)")
        for row in rows[1:]:
            if any(str(cell.get("/S")) == "/TH" for cell in _cells(row)):
                problems.append(f"table {n} has a header cell below its first row")
                break
    return problems


def _cells(row: pikepdf.Dictionary) -> list[pikepdf.Dictionary]:
    return [k for k in _kids(row) if isinstance(k, pikepdf.Dictionary) and str(k.get("/S")) in {"/TH", "/TD"}]


def _font_problems(pdf: pikepdf.Pdf) -> list[str]:
    problems: list[str] = []
    seen: set[str] = set()
    for number, page in enumerate(pdf.pages, start=1):
        fonts = page.obj.get("/Resources", pikepdf.Dictionary()).get("/Font", pikepdf.Dictionary())
        for font in fonts.values():
            for face in [font, *font.get("/DescendantFonts", [])]:
                if str(face.get("/Subtype")) in {"/Type0", "/Type3"}:
                    continue  # a composite font's glyphs are its descendant's; a Type 3 font's are its own streams
                name = str(face.get("/BaseFont"))
                descriptor = face.get("/FontDescriptor")
                embedded = descriptor is not None and any(
                    key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")
                )
                if not embedded and name not in seen:
                    seen.add(name)
                    problems.append(f"font {name} on page {number} is not embedded")
    return problems
