"""Word to PDF through LibreOffice headless: a tagged PDF that is also PDF/A-2b.

LibreOffice is a separate program, so it runs from the process layer (here), never from `core/`. Each conversion
has a profile of its own (`-env:UserInstallation`), so two at once never share LibreOffice's lock or settings, a
time limit, and a temporary folder that is removed whatever happens.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

# LibreOffice's PDF export options (filter/source/pdf/pdfexport.cxx), given as JSON after the filter's name, which
# `--convert-to` takes since LibreOffice 7.4. PDF/A-2b (SelectPdfVersion 2) with the structure tags a screen
# reader follows, bookmarks from the headings, and the document's title in the viewer's title bar.
EXPORT_OPTIONS = {
    "SelectPdfVersion": {"type": "long", "value": "2"},
    "UseTaggedPDF": {"type": "boolean", "value": "true"},
    "ExportBookmarks": {"type": "boolean", "value": "true"},
    "OpenBookmarkLevels": {"type": "long", "value": "-1"},
    "DisplayPDFDocumentTitle": {"type": "boolean", "value": "true"},
    "ExportFormFields": {"type": "boolean", "value": "false"},
    "ExportNotes": {"type": "boolean", "value": "false"},
    "UseLosslessCompression": {"type": "boolean", "value": "true"},
}
CONVERT_TO = "pdf:writer_pdf_Export:" + json.dumps(EXPORT_OPTIONS, separators=(",", ":"))
PROGRAMS = ("soffice", "libreoffice")


class PdfUnavailable(Exception):
    """LibreOffice (soffice) is not installed, or not on PATH."""


class PdfFailed(Exception):
    """LibreOffice ran but gave no PDF: it crashed, timed out, or wrote no file."""


def _program() -> str | None:
    return next((found for name in PROGRAMS if (found := shutil.which(name))), None)


def libreoffice_installed() -> bool:
    """Whether soffice is on PATH: quick enough to ask before answering Slack, unlike the version."""
    return _program() is not None


def libreoffice_version() -> str | None:
    """LibreOffice's own version line ("LibreOffice 7.4.7.2 40(Build:2)"), or None when it is not installed."""
    program = _program()
    if program is None:
        return None
    with tempfile.TemporaryDirectory(prefix="mlr-lo-version-") as folder:
        try:
            done = subprocess.run(
                [program, _profile_option(Path(folder)), "--version"],
                capture_output=True,
                text=True,
                timeout=60,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired):
            return None
    line = next((line.strip() for line in done.stdout.splitlines() if line.strip()), "")
    return line or None


def docx_to_pdf(docx: bytes, *, timeout: float = 120.0) -> bytes:
    """The Word document as a tagged PDF/A-2b. Raises PdfUnavailable without LibreOffice, PdfFailed when it gives
    no PDF within `timeout` seconds. No file is left behind either way."""
    program = _program()
    if program is None:
        raise PdfUnavailable("LibreOffice (soffice) is not installed or not on PATH")
    with tempfile.TemporaryDirectory(prefix="mlr-pdf-") as name:
        folder = Path(name)
        source = folder / "report.docx"
        source.write_bytes(docx)
        out = folder / "out"
        out.mkdir()
        scratch = folder / "tmp"  # LibreOffice's own temporary files (lu*.tmp), removed with the rest
        scratch.mkdir()
        command = [
            program,
            _profile_option(folder / "profile"),
            "--headless",
            "--norestore",
            "--nologo",
            "--nodefault",
            "--nolockcheck",
            "--convert-to",
            CONVERT_TO,
            "--outdir",
            str(out),
            str(source),
        ]
        # A session of its own, so that a time-out ends LibreOffice and every process it started.
        process = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
            env={**os.environ, "TMPDIR": str(scratch)},
        )
        try:
            _, error = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _end(process)
            raise PdfFailed(f"LibreOffice did not finish within {timeout:g} seconds") from None
        finally:
            _end(process)
        result = out / "report.pdf"
        if process.returncode != 0 or not result.is_file() or result.stat().st_size == 0:
            said = error.decode("utf-8", "replace").strip().splitlines()
            reason = said[-1] if said else "no message"
            raise PdfFailed(f"LibreOffice wrote no PDF (exit status {process.returncode}: {reason})")
        return result.read_bytes()


def _profile_option(folder: Path) -> str:
    return f"-env:UserInstallation={folder.resolve().as_uri()}"


def _end(process: subprocess.Popen[bytes]) -> None:
    """Ends the LibreOffice session if it still runs, and waits for it."""
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
