"""The annual report built from the database: what stands in for a missing statement, and how much."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

from core.report import build_report, report_markdown
from storage.db import Database
from storage.entries import add_entry
from storage.groups import load_groups, seed_groups_if_empty
from storage.groups_file import DEFAULT_GROUPS_FILE, read_groups_file
from storage.models import EntryKind
from storage.report import LOGGED_RESULTS_SHOWN, read_report_rows


def test_logged_results_stand_in_for_a_statement_and_say_how_many_more_there_are(db: Database) -> None:
    now = datetime(2025, 12, 1, tzinfo=UTC)
    with db.write() as session:
        seed_groups_if_empty(session, specs=read_groups_file(DEFAULT_GROUPS_FILE), now=now)
        for n in range(LOGGED_RESULTS_SHOWN + 5):
            add_entry(
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
        add_entry(
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
    report = build_report(read_report_rows(db, year=2025), year=2025, lang="sv", today=date(2026, 1, 10))
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

    from core.report import report_docx

    with db.write() as session:
        seed_groups_if_empty(session, specs=read_groups_file(DEFAULT_GROUPS_FILE), now=datetime(2017, 1, 1, tzinfo=UTC))
    document = docx.Document(
        io.BytesIO(
            report_docx(build_report(read_report_rows(db, year=2017), year=2017, lang="sv", today=date(2026, 1, 1)))
        )
    )
    assert len(document.tables) == 3  # focus areas, ongoing work, the municipalities
    for table in document.tables:
        header_properties = table.rows[0]._tr.trPr
        assert header_properties is not None
        assert header_properties.find(qn("w:tblHeader")) is not None
        assert all(run.bold for cell in table.rows[0].cells for run in cell.paragraphs[0].runs)


def test_rows_stand_in_the_plan_order_of_the_groups_file(db: Database, tmp_path: Path) -> None:
    now = datetime(2025, 12, 1, tzinfo=UTC)
    specs = read_groups_file(DEFAULT_GROUPS_FILE)
    with db.write() as session:
        seed_groups_if_empty(session, specs=specs, now=now)
        for spec in specs:
            add_entry(
                session,
                group_key=spec.key,
                kind=EntryKind.RESULT,
                text=f"Resultat för {spec.name}",
                user_id="U0A",
                channel_id=None,
                occurred_on=date(2025, 6, 1),
                now=now,
            )

    def focus_rows() -> list[str]:
        report = build_report(read_report_rows(db, year=2025), year=2025, lang="sv", today=date(2026, 1, 10))
        title, rows = report.sections[0]
        assert title == "Fokusfrågor"
        return [row.group.key for row in rows]

    in_the_plan = [spec.key for spec in specs if spec.active and spec.kind == "focus"]
    assert in_the_plan != sorted(in_the_plan)  # so that the order below is the file's, not the keys'
    assert focus_rows() == in_the_plan

    reordered = tmp_path / "groups.json"
    data = json.loads(DEFAULT_GROUPS_FILE.read_text(encoding="utf-8"))
    data["groups"].reverse()
    reordered.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with db.write() as session:
        loaded = load_groups(session, specs=read_groups_file(reordered), actor="cli", now=now)
    assert loaded.added == [] and set(loaded.updated) == {spec.key for spec in specs}
    assert focus_rows() == in_the_plan[::-1]
