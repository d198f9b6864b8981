"""The annual report built from the database: what stands in for a missing statement, and how much."""

from __future__ import annotations

from datetime import UTC, date, datetime

from bot.report import LOGGED_RESULTS_SHOWN, build_report, report_markdown
from storage import queries
from storage.db import Database
from storage.models import EntryKind


def test_logged_results_stand_in_for_a_statement_and_say_how_many_more_there_are(db: Database) -> None:
    now = datetime(2025, 12, 1, tzinfo=UTC)
    with db.write() as session:
        queries.seed_groups_if_empty(session, specs=queries.read_groups_file(queries.DEFAULT_GROUPS_FILE), now=now)
        for n in range(LOGGED_RESULTS_SHOWN + 5):
            queries.add_entry(
                session,
                group_key="op",
                kind=EntryKind.RESULT,
                text=f"Resultat {n:02d}",
                user_id="U0A",
                channel_id=None,
                occurred_on=date(2025, 1, 1 + n % 28),
                now=now,
                municipalities=("Lund",) if n % 2 else (),
            )
        queries.add_entry(
            session,
            group_key="op",
            kind=EntryKind.ACTIVITY,
            text="Möte",
            user_id="U0A",
            channel_id=None,
            occurred_on=date(2025, 3, 1),
            now=now,
            municipalities=("Malmö",),
        )
    report = build_report(db, year=2025, lang="sv", today=date(2026, 1, 10))
    [op] = [row for _, row in report.rows() if row.group.key == "op"]
    assert op.source == "logged"
    assert len(op.results) == LOGGED_RESULTS_SHOWN + 1
    assert op.results[-1].text == "… och 5 äldre loggade resultat (se `mlr-bot export --year 2025`)."
    lund = next(p for p in report.participation if p.municipality == "Lund")
    malmo = next(p for p in report.participation if p.municipality == "Malmö")
    assert (lund.took_part, malmo.took_part) == ([("ÖP-gruppen", 17)], [("ÖP-gruppen", 1)])
    assert "Långsiktig kompetensförsörjning" in lund.responsible
    assert "| Lund | Långsiktig kompetensförsörjning | ÖP-gruppen (17) |" in report_markdown(report)


def test_every_word_table_repeats_its_header_row_on_each_page(db: Database) -> None:
    import io

    import docx
    from docx.oxml.ns import qn

    from bot.report import report_docx

    with db.write() as session:
        queries.seed_groups_if_empty(
            session, specs=queries.read_groups_file(queries.DEFAULT_GROUPS_FILE), now=datetime(2017, 1, 1, tzinfo=UTC)
        )
    document = docx.Document(io.BytesIO(report_docx(build_report(db, year=2017, lang="sv", today=date(2026, 1, 1)))))
    assert len(document.tables) == 3  # focus areas, ongoing work, the municipalities
    for table in document.tables:
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
        assert all(run.bold for cell in table.rows[0].cells for run in cell.paragraphs[0].runs)
