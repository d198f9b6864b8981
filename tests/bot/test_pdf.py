"""bot/pdf.py: the Word report through LibreOffice headless as a tagged PDF/A-2b, each conversion with its own
profile and time limit, nothing left behind; and what happens without LibreOffice or when it fails."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

import pytest

from bot.pdf import PdfFailed, PdfUnavailable, docx_to_pdf, libreoffice_version
from core.report_formats import to_docx
from tests.core.test_report_formats import goals_doc, seed_2016
from tests.pdf_checks import fake_soffice, outline_titles, pdf_problems, structure_kinds

TITLE = "Verksamhetsplan reviderad inför 2017 · Resultat 2016"


@pytest.fixture
def private_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temporary folder of the test's own as the system's (Python's and, through TMPDIR, LibreOffice's), so that
    what a conversion leaves there is seen."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    monkeypatch.setenv("TMPDIR", str(folder))
    return folder


def test_libreoffice_is_here_and_says_its_version() -> None:
    version = libreoffice_version()
    assert version is not None, "LibreOffice (soffice) is not on PATH: apt-get install libreoffice-writer-nogui"
    assert version.startswith("LibreOffice ")


def test_the_2016_report_is_a_tagged_pdf_a_2b_in_swedish_with_bookmarks_and_header_cells(private_tmp: Path) -> None:
    pdf = docx_to_pdf(to_docx(seed_2016()))
    assert pdf.startswith(b"%PDF-")
    assert pdf_problems(pdf, lang="sv-SE", title=TITLE) == []
    assert outline_titles(pdf) == [section.heading for section in seed_2016().sections]
    kinds = structure_kinds(pdf)
    assert kinds.count("/Table") == len(seed_2016().sections)
    # Reading order follows the table: each heading, then its table, header cells first.
    first_table = kinds.index("/Table")
    assert kinds[first_table - 1] == "/H1" and kinds[first_table + 1 : first_table + 3] == ["/TR", "/TH"]
    assert list(private_tmp.iterdir()) == []
    if os.environ.get("MLR_WRITE_REPORT_PNG") and shutil.which("pdftoppm") is not None:
        # docs/report-pdf-page1.png, as the README shows it: the PDF's first page.
        source = private_tmp.parent / "rapport.pdf"
        source.write_bytes(pdf)
        target = Path(__file__).resolve().parents[2] / "docs" / "report-pdf-page1"
        subprocess.run(
            ["pdftoppm", "-f", "1", "-l", "1", "-r", "80", "-png", "-singlefile", str(source), str(target)], check=True
        )


def test_the_english_report_says_en_gb_and_the_goal_table_keeps_its_header_cells(private_tmp: Path) -> None:
    english = replace(goals_doc(), language="en", title="Follow-up 2027")
    pdf = docx_to_pdf(to_docx(english))
    assert pdf_problems(pdf, lang="en-GB", title="Follow-up 2027") == []
    assert list(private_tmp.iterdir()) == []


def test_two_conversions_at_once_each_get_their_own_profile(private_tmp: Path) -> None:
    documents = [to_docx(seed_2016()), to_docx(goals_doc())]
    with ThreadPoolExecutor(max_workers=2) as pool:
        pdfs = list(pool.map(docx_to_pdf, documents))
    titles = [TITLE, "Uppföljning 2027"]
    assert [pdf_problems(pdf, lang="sv-SE", title=title) for pdf, title in zip(pdfs, titles, strict=True)] == [[], []]
    assert list(private_tmp.iterdir()) == []


def test_without_libreoffice_the_conversion_is_refused_and_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    assert libreoffice_version() is None
    with pytest.raises(PdfUnavailable, match="LibreOffice"):
        docx_to_pdf(to_docx(seed_2016()))


def test_a_libreoffice_that_crashes_or_writes_nothing_is_a_failure_with_nothing_left(
    tmp_path: Path, private_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", fake_soffice(tmp_path / "crash", "echo 'Segmentation fault' >&2; exit 139"))
    with pytest.raises(PdfFailed, match="Segmentation fault"):
        docx_to_pdf(b"PK not really a document")
    assert list(private_tmp.iterdir()) == []

    monkeypatch.setenv("PATH", fake_soffice(tmp_path / "silent", "exit 0"))
    with pytest.raises(PdfFailed, match="no PDF"):
        docx_to_pdf(to_docx(seed_2016()))
    assert list(private_tmp.iterdir()) == []


def test_a_libreoffice_that_hangs_is_stopped_at_the_time_limit(
    tmp_path: Path, private_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    marker = tmp_path / "hung.pid"
    monkeypatch.setenv("PATH", fake_soffice(tmp_path / "hang", f"echo $$ > {marker}; exec sleep 600"))
    with pytest.raises(PdfFailed, match=r"did not finish within 0\.5 seconds"):
        docx_to_pdf(to_docx(seed_2016()), timeout=0.5)
    pid = int(marker.read_text())
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)  # the hung program is gone, not left running
    assert list(private_tmp.iterdir()) == []


def test_a_real_libreoffice_stopped_at_its_time_limit_leaves_nothing_behind(private_tmp: Path) -> None:
    with pytest.raises(PdfFailed, match="did not finish within"):
        docx_to_pdf(to_docx(seed_2016()), timeout=0.3)
    assert list(private_tmp.iterdir()) == []
    assert docx_to_pdf(to_docx(seed_2016())).startswith(b"%PDF-")  # and the next conversion is not hindered
