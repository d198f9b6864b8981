"""`mlr-bot report --format pdf|html`: the published report's files as the coordinator makes them, read back with
the tools no one here wrote; and every way it can go wrong answered in one line with no file left behind."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from tests.e2e.test_cli import mlr_bot
from tests.pdf_checks import fake_soffice, outline_titles, pdf_problems

TITLE_2016 = "Verksamhetsplan reviderad inför 2017 · Resultat 2016"


@pytest.fixture
def upgraded(database_url: str, tmp_path: Path) -> str:
    assert mlr_bot(["db", "upgrade"], database_url=database_url, cwd=tmp_path).returncode == 0
    return database_url


def test_the_pdf_report_is_tagged_pdf_a_in_the_bots_language(upgraded: str, tmp_path: Path) -> None:
    made = mlr_bot(
        ["report", "--year", "2016", "--format", "pdf", "--out", "rapport.pdf"], database_url=upgraded, cwd=tmp_path
    )
    assert made.returncode == 0, made.stderr
    assert made.stderr.strip().splitlines()[-1] == "rapporten för 2016 är skriven till rapport.pdf"
    pdf = (tmp_path / "rapport.pdf").read_bytes()
    assert pdf_problems(pdf, lang="sv-SE", title=TITLE_2016) == []
    assert outline_titles(pdf)[0] == "Fokusfrågor MalmöLundregionen 2016–2018"
    assert stat.S_IMODE((tmp_path / "rapport.pdf").stat().st_mode) & 0o044  # readable as any new file, not 0600

    english = mlr_bot(
        ["report", "--year", "2016", "--format", "pdf", "--out", "report.pdf"],
        database_url=upgraded,
        cwd=tmp_path,
        env={"MLR_LANGUAGE": "en"},
    )
    assert english.returncode == 0, english.stderr
    problems = pdf_problems(
        (tmp_path / "report.pdf").read_bytes(), lang="en-GB", title="Activity plan revised for 2017 · Results 2016"
    )
    assert problems == []


def test_the_html_report_prints_or_goes_to_out(upgraded: str, tmp_path: Path) -> None:
    printed = mlr_bot(["report", "--year", "2016", "--format", "html"], database_url=upgraded, cwd=tmp_path)
    assert printed.returncode == 0, printed.stderr
    assert printed.stdout.startswith('<!DOCTYPE html>\n<html lang="sv-SE">')
    assert f"<title>{TITLE_2016}</title>" in printed.stdout
    written = mlr_bot(
        ["report", "--year", "2016", "--format", "html", "--out", "rapport.html"], database_url=upgraded, cwd=tmp_path
    )
    assert written.returncode == 0, written.stderr
    assert (tmp_path / "rapport.html").read_text(encoding="utf-8") == printed.stdout


def test_a_format_the_command_does_not_know_is_refused_in_one_line(upgraded: str, tmp_path: Path) -> None:
    refused = mlr_bot(
        ["report", "--year", "2016", "--format", "rtf", "--out", "r.rtf"], database_url=upgraded, cwd=tmp_path
    )
    assert refused.returncode == 2
    assert refused.stderr.strip().splitlines() == [
        "mlr-bot: --format rtf finns inte för rapporten; välj en av: md, docx, csv, xlsx, html, pdf"
    ]
    english = mlr_bot(
        ["report", "--year", "2016", "--format", "PDF/A"],
        database_url=upgraded,
        cwd=tmp_path,
        env={"MLR_LANGUAGE": "en"},
    )
    assert english.returncode == 2
    assert english.stderr.strip().splitlines()[-1].startswith("mlr-bot: --format PDF/A is not a report format;")
    needs_out = mlr_bot(["report", "--year", "2016", "--format", "pdf"], database_url=upgraded, cwd=tmp_path)
    assert needs_out.returncode == 2
    assert (
        needs_out.stderr.strip().splitlines()[-1]
        == "mlr-bot: --format pdf behöver --out FIL (filen är inte för terminalen)"
    )
    assert not (tmp_path / "r.rtf").exists()


def test_without_libreoffice_pdf_is_refused_and_no_file_is_written(upgraded: str, tmp_path: Path) -> None:
    refused = mlr_bot(
        ["report", "--year", "2016", "--format", "pdf", "--out", "rapport.pdf"],
        database_url=upgraded,
        cwd=tmp_path,
        env={"PATH": "/nonexistent"},
    )
    assert refused.returncode == 2
    assert refused.stderr.strip().splitlines()[-1] == (
        "mlr-bot: --format pdf behöver LibreOffice, som inte finns här (installera paketet "
        "libreoffice-writer-nogui, se README.md); ingen fil är skriven"
    )
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "mlr-test.db") == []


def test_a_crashing_libreoffice_leaves_the_earlier_file_as_it_was(upgraded: str, tmp_path: Path) -> None:
    earlier = tmp_path / "rapport.pdf"
    earlier.write_bytes(b"%PDF- the report made last week")
    path = fake_soffice(tmp_path / "bin", "echo 'Fatal exception: Signal 6' >&2; exit 134")
    crashed = mlr_bot(
        ["report", "--year", "2016", "--format", "pdf", "--out", "rapport.pdf"],
        database_url=upgraded,
        cwd=tmp_path,
        env={"PATH": path},
    )
    assert crashed.returncode == 2
    assert crashed.stderr.strip().splitlines()[-1] == (
        "mlr-bot: LibreOffice kunde inte göra PDF:en (LibreOffice wrote no PDF (exit status 134: "
        "Fatal exception: Signal 6)); ingen fil är skriven"
    )
    assert earlier.read_bytes() == b"%PDF- the report made last week"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name not in {"mlr-test.db", "bin"}) == ["rapport.pdf"]


def test_a_folder_that_cannot_be_written_is_one_line_and_nothing_half_written(upgraded: str, tmp_path: Path) -> None:
    missing = mlr_bot(
        ["report", "--year", "2016", "--format", "html", "--out", "nowhere/rapport.html"],
        database_url=upgraded,
        cwd=tmp_path,
    )
    assert missing.returncode == 2
    last = missing.stderr.strip().splitlines()[-1]
    assert last.startswith("mlr-bot: kan inte skriva nowhere/rapport.html (") and last.endswith("ingen fil är skriven")


def test_check_says_whether_libreoffice_is_there_as_a_warning_only(upgraded: str, tmp_path: Path) -> None:
    env = {"SLACK_BOT_TOKEN": "", "SLACK_SIGNING_SECRET": "s"}
    there = mlr_bot(["check"], database_url=upgraded, cwd=tmp_path, env=env)
    [line] = [line for line in there.stdout.splitlines() if "libreoffice:" in line]
    assert line.startswith("ok    libreoffice: LibreOffice ") and line.endswith("(för mlr-bot report --format pdf)")
    missing = mlr_bot(["check"], database_url=upgraded, cwd=tmp_path, env={**env, "PATH": "/nonexistent"})
    assert missing.returncode == there.returncode  # a warning: the exit status is the other checks'
    [warning] = [line for line in missing.stdout.splitlines() if "libreoffice:" in line]
    assert warning.startswith("obs   libreoffice: finns inte, så mlr-bot report --format pdf")
    english = mlr_bot(
        ["check"], database_url=upgraded, cwd=tmp_path, env={**env, "PATH": "/nonexistent", "MLR_LANGUAGE": "en"}
    )
    assert "warn  libreoffice: not installed" in english.stdout
