"""The annual report built from the database: the seed's 2016 table row for row, what stands in for a missing
statement and how much, and the plan's order."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from core.report import ReportError, build_report, render
from core.report_formats import ReportDoc
from storage.db import Database
from storage.entries import add_entry
from storage.groups import load_groups, seed_groups_if_empty
from storage.groups_file import DEFAULT_GROUPS_FILE, read_groups_file
from storage.models import EntryKind
from storage.report import LOGGED_RESULTS_SHOWN, read_report_rows
from tests.core.test_report_formats import seed_2016


def report_of(db: Database, year: int, *, today: date, plan_year: int | None = None) -> ReportDoc:
    return build_report(
        read_report_rows(db, year=year, plan_year=plan_year),
        lang="sv",
        today=today,
        organisation="MalmöLundregionen",
        plan_period=(2016, 2018),
        plan_year=plan_year,
    )


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
    report = report_of(db, 2025, today=date(2026, 1, 10))
    [op] = [row for section in report.sections for row in section.rows if row.name == "ÖP-gruppen"]
    assert op.source == "logged" and op.results_note == "Ingen redovisning inlämnad; loggade resultat:"
    assert len(op.results) == LOGGED_RESULTS_SHOWN + 1
    assert op.results[-1].text == "… och 5 äldre loggade resultat (se `mlr-bot export --year 2025`)."
    [participation] = [section for section in report.sections if section.kind == "participation"]
    by_town = {row.name: row.texts for row in participation.rows}
    assert (by_town["Lund"][1], by_town["Malmö"][1]) == ("ÖP-gruppen (17)", "ÖP-gruppen (1)")
    assert "Långsiktig kompetensförsörjning" in by_town["Lund"][0]
    markdown = render(report, "md").decode("utf-8")
    assert "| **Lund** | Långsiktig kompetensförsörjning | ÖP-gruppen (17) |" in markdown


def test_every_word_table_repeats_its_header_row_on_each_page(db: Database) -> None:
    import io

    import docx
    from docx.oxml.ns import qn

    with db.write() as session:
        seed_groups_if_empty(session, specs=read_groups_file(DEFAULT_GROUPS_FILE), now=datetime(2017, 1, 1, tzinfo=UTC))
    document = docx.Document(io.BytesIO(render(report_of(db, 2017, today=date(2026, 1, 1)), "docx")))
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
        focus = report_of(db, 2025, today=date(2026, 1, 10)).sections[0]
        assert focus.heading == "Fokusfrågor MalmöLundregionen 2016–2018"
        keys = {spec.name: spec.key for spec in specs}
        return [keys[row.name] for row in focus.rows]

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


SEED_STATEMENTS_2016 = {
    "kompetens": {
        "other": "Handlingsprogram framtaget med tre konkreta aktiviteter.\n"
        "Beslut har tagits om att arrangera Industrinatten 2017 i MalmöLundregionen. Projektet påbörjades 2016.\n"
        "Förberedelser för event med tema kommunen som attraktiv arbetsgivare, i samarbete med teknologkåren vid "
        "Lunds Tekniska Högskola."
    },
    "sysselsattning": {
        "other": "• Kunskapsunderlag i form av en kartläggning/inventering av samtliga kommuneras "
        "arbetsmarknadsarbete har tagits fram.\n"
        "• Gemensam handlingsplan med konkreta åtgärder, samt utkast till etableringsöverenskommelse har tagits fram."
    },
    "migration": {
        "other": "Efter att en gemensam kunskapsbas tagits fram (2016), i enlighet med den långsiktiga målbilden, "
        "upphör Migration & Integration att vara en särskild fokusfråga."
    },
    "strukturplan": {
        "other": "Remissversion Strukturplan MalmöLundregionen framtagen (maj 2016), samråd genomfört (okt 2016), "
        "antagande slutlig version (dec 2016)."
    },
    "transport": {
        "other": "ÅVS MalmöLundregionen har genomförts tillsammans med Region Skåne.\n"
        "Kontaktgrupp för infrastrukturfrågor har etablerats i syfte att underlätta informationsspridning."
    },
    "praktisk": {
        "other": "Inventering av praktisk samverkan i MalmöLundregionen har slutförts, inklusive undersökning av "
        "intresse att etablera eller utvidga samarbeten.\n"
        "I samband med beslut om Kommunförbundet Skånes Brysselkontors verksamhet har samverkan mellan "
        "EU-samordnare i MalmöLundregionen koordinerats."
    },
    "naringsliv": {
        "other": "Näringslivsgruppen har arrangerat B2B-mässa och informationsevent besöksnäring för politiker. "
        "Vidare har det skett ett kontinuerligt kunskapsutbyte och olika projektuppslag har lyfts fram, "
        "bl.a. Industrinatten."
    },
    "op": {
        "other": "ÖP-gruppen har fokuserat på Strukturplanen. Därutöver har det skett ett omfattande kunskapsutbyte "
        "och separata seminarier om t.ex. översiktsplanearbete har genomförts."
    },
    "forum": {
        "other": "Vid samtliga styrelsemöten har det skett ett kunskapsutbyte och en informationsuppdatering kring "
        "Sverigeförhandlingen och Greater Copenhagen. Vidare har etableringsfrågan diskuterats vid ett flertal "
        "tillfällen.\n"
        "En studieresa till Berling genomfördes där möten med Berlin Stad, Bundeskanzleramt och Deutscher Verein "
        "für öffentliche und private Fürsorge gav värdefulla insikter om arbetet med etablering av nyanlända i "
        "Tyskland."
    },
}


def shipped_2016(db: Database) -> None:
    """The shipped plan's groups with the seed's 2016 statements approved, Bostad's one logged result, and two
    activities every municipality took part in: what the 2016 report of the seed is made of."""
    from storage import plans

    now = datetime(2017, 1, 10, tzinfo=UTC)
    with db.write() as session:
        seed_groups_if_empty(session, specs=read_groups_file(DEFAULT_GROUPS_FILE), now=now)
        for key, parts in SEED_STATEMENTS_2016.items():
            plans.submit_statement(session, group_key=key, year=2016, parts=parts, actor="U0A", now=now)
            # The seed's statements are the ones the board adopted: approved, as the report shows only those.
            plans.approve_statement(session, group_key=key, year=2016, version=1, actor="U0LEAD", now=now)
        add_entry(
            session,
            group_key="bostad",
            kind=EntryKind.RESULT,
            text="Workshop med tema ”goda exempel inom bostadsbyggande” genomfördes.",
            user_id="U0B",
            channel_id=None,
            occurred_on=date(2016, 10, 18),
            now=now,
        )
        everyone = ("Burlöv", "Eslöv", "Höör", "Kävlinge", "Lomma", "Lund", "Malmö", "Staffanstorp", "Svedala")
        for key in ("praktisk", "strukturplan"):
            add_entry(
                session,
                group_key=key,
                kind=EntryKind.ACTIVITY,
                text="Möte med alla kommuner",
                user_id="U0A",
                channel_id=None,
                occurred_on=date(2016, 5, 2),
                now=now,
                municipalities=(*everyone, "Trelleborg", "Vellinge"),
            )


def test_the_2016_report_of_the_shipped_plan_is_the_seeds_table_row_for_row(db: Database) -> None:
    """Every group but Bostad states its 2016 results; Bostad only logged one. The planned work is the plan
    revised for 2017, ongoing work has no goal column, and Migration & integration, closed on 2016-12-31,
    stands apart with its closing statement."""
    shipped_2016(db)
    report = report_of(db, 2016, today=date(2017, 1, 16))
    expected = seed_2016()
    assert [s.heading for s in report.sections] == [s.heading for s in expected.sections]
    for got, want in zip(report.sections, expected.sections, strict=True):
        assert got.columns == want.columns
        assert [r.name for r in got.rows] == [r.name for r in want.rows]
        for got_row, want_row in zip(got.rows, want.rows, strict=True):
            assert got_row == want_row, got_row.name
    assert report == expected


def test_the_report_sets_its_own_years_plan_beside_the_results_when_there_is_no_revision(db: Database) -> None:
    from storage import plans

    now = datetime(2018, 1, 10, tzinfo=UTC)
    with db.write() as session:
        seed_groups_if_empty(session, specs=read_groups_file(DEFAULT_GROUPS_FILE), now=now)
        plans.submit_statement(
            session, group_key="bostad", year=2017, parts={"other": "Business Arena."}, actor="U0A", now=now
        )
    report = report_of(db, 2017, today=date(2018, 1, 16))
    assert report.title == "Uppföljning 2017"
    focus = report.sections[0]
    assert focus.columns[2].title == "Beskrivning och genomförande 2017"
    assert focus.rows[1].texts[1].startswith("MalmöLundregionen behöver agera gemensamt")
    assert [s.kind for s in report.sections] == ["focus", "ongoing", "participation"]  # migration closed in 2016

    asked = report_of(db, 2016, today=date(2018, 1, 16), plan_year=2017)
    assert asked.title == "Verksamhetsplan reviderad inför 2017 · Resultat 2016"
    with pytest.raises(ReportError, match=r"^Det finns ingen plan för 2015 att ställa bredvid resultaten\.$"):
        report_of(db, 2016, today=date(2018, 1, 16), plan_year=2015)


def test_the_report_speaks_english_when_the_bot_does(db: Database) -> None:
    from storage import plans

    now = datetime(2017, 1, 10, tzinfo=UTC)
    with db.write() as session:
        seed_groups_if_empty(session, specs=read_groups_file(DEFAULT_GROUPS_FILE), now=now)
        plans.submit_statement(
            session, group_key="migration", year=2016, parts={"other": "Closed."}, actor="U0A", now=now
        )
    report = build_report(
        read_report_rows(db, year=2016),
        lang="en",
        today=date(2017, 1, 16),
        organisation="MalmöLundregionen",
        plan_period=(2016, 2018),
    )
    assert (report.title, report.subtitle, report.language) == (
        "Activity plan revised for 2017 · Results 2016",
        "Activity plan 2016–2018",
        "en",
    )
    assert [s.heading for s in report.sections] == [
        "Focus areas MalmöLundregionen 2016–2018",
        "Closed focus area",
        "Ongoing work in MalmöLundregionen",
        "The municipalities' participation 2016",
    ]
    closed = report.sections[1].rows[0]
    assert (closed.note, closed.results[0].text) == ("Closed 2016-12-31", "Closed.")
    assert report.sections[0].rows[0].results_note == "No results submitted or logged."


def assessed_year(db: Database) -> None:
    """2026 and 2027 plans for Kompetens; 2026 approved "delvis", 2027 approved "uppnås" then revised as a draft;
    Bostad has only a draft for 2027, Sysselsättning nothing."""
    from storage import plans

    now = datetime(2028, 1, 10, tzinfo=UTC)
    with db.write() as session:
        seed_groups_if_empty(session, specs=read_groups_file(DEFAULT_GROUPS_FILE), now=now)
        spec = plans.PlanSpec(activities=("Industrinatten", "Eventet", "Analysen"))
        for year in (2026, 2027):
            plans.set_plan(session, group_key="kompetens", year=year, goal="Målbild", spec=spec, actor="t", now=now)
        plans.submit_statement(
            session,
            group_key="kompetens",
            year=2026,
            parts={"1": "Gjort."},
            actor="U0K",
            now=now,
            goals=plans.Goals("partly", "Halvvägs.", {"1": "ongoing"}),
        )
        plans.approve_statement(session, group_key="kompetens", year=2026, version=1, actor="U0L", now=now)
        plans.submit_statement(
            session,
            group_key="kompetens",
            year=2027,
            parts={"1": "Industrinatten genomförd."},
            actor="U0K",
            now=now,
            goals=plans.Goals("met", "Alla aktiviteter klara | nästan.", {"1": "done", "2": "done", "3": "cancelled"}),
        )
        plans.approve_statement(session, group_key="kompetens", year=2027, version=1, actor="U0L", now=now)
        plans.submit_statement(
            session,
            group_key="kompetens",
            year=2027,
            parts={"1": "Ändrad text."},
            actor="U0K",
            now=now,
            goals=plans.Goals("not_met", "Sämre.", {}),
        )
        plans.submit_statement(
            session,
            group_key="bostad",
            year=2027,
            parts={"other": "Utkast."},
            actor="U0B",
            now=now,
            goals=plans.Goals("not_met", "Bygget stannade.", {}),
        )


def test_the_report_opens_with_goal_attainment_from_approved_statements_drafts_marked(db: Database) -> None:
    assessed_year(db)
    report = report_of(db, 2027, today=date(2028, 1, 16))
    goals = report.sections[0]
    assert (goals.kind, goals.heading) == ("goals", "Måluppfyllelse 2027")
    assert [c.title for c in goals.columns] == ["Grupp", "Bedömning 2027", "Motivering", "Aktiviteter"]
    rows = {row.name: row for row in goals.rows}
    kompetens = rows["Långsiktig kompetensförsörjning"]
    # The approved version 1, not the later draft.
    assert kompetens.texts[:2] == ("uppnås", "Alla aktiviteter klara | nästan.")
    assert kompetens.markers == ("met", None, None)
    assert kompetens.note == ""
    assert kompetens.texts[2].split("\n") == [
        "genomförd 2 · utgår 1",
        "(1) genomförd: Industrinatten",
        "(2) genomförd: Eventet",
        "(3) utgår: Analysen",
    ]
    bostad = rows["Stimulera ökat bostadsbyggande"]
    assert (bostad.texts[0], bostad.markers[0], bostad.note) == ("uppnås inte", "not_met", "utkast, ej godkänt")
    assert bostad.texts[2] == "Inga planerade aktiviteter."
    assert rows["Sysselsättning och arbetsmarknad"].texts[0] == "–"
    assert rows["Sysselsättning och arbetsmarknad"].markers[0] is None
    # The results column too: the approved text; Bostad's draft with its note.
    focus = {row.name: row for row in report.sections[1].rows}
    assert [line.text for line in focus["Långsiktig kompetensförsörjning"].results] == ["Industrinatten genomförd."]
    assert focus["Stimulera ökat bostadsbyggande"].results_note == "Utkast, ännu inte godkänt:"


def compared_2027(db: Database) -> ReportDoc:
    """The 2027 report of `assessed_year` with 2026's assessments beside."""
    assessed_year(db)
    return build_report(
        read_report_rows(db, year=2027, compare=2026),
        lang="sv",
        today=date(2028, 1, 16),
        organisation="MalmöLundregionen",
        plan_period=(2016, 2018),
        compare=True,
    )


def test_compare_sets_last_years_assessment_beside_with_a_trend(db: Database) -> None:
    report = compared_2027(db)
    goals = report.sections[0]
    assert [c.title for c in goals.columns][1:3] == ["Bedömning 2027", "Bedömning 2026"]
    kompetens = next(r for r in goals.rows if r.name == "Långsiktig kompetensförsörjning")
    assert kompetens.texts[:2] == ("uppnås ↑", "delvis") and kompetens.markers[:2] == ("met", "partly")
    bostad = next(r for r in goals.rows if r.name == "Stimulera ökat bostadsbyggande")
    assert bostad.texts[:2] == ("uppnås inte", "–")  # no earlier assessment, no arrow


def test_trend_arrows_only_between_assessed_years() -> None:
    from core.report import trend

    assert [trend("not_met", "partly"), trend("met", "partly"), trend("partly", "partly")] == ["↑", "↓", "→"]
    assert trend("not_assessed", "met") == "" and trend(None, "met") == "" and trend("met", "not_assessed") == ""


def test_a_year_that_assessed_no_goal_has_no_goal_table(db: Database) -> None:
    from storage import plans

    now = datetime(2027, 1, 10, tzinfo=UTC)
    with db.write() as session:
        seed_groups_if_empty(session, specs=read_groups_file(DEFAULT_GROUPS_FILE), now=now)
        plans.submit_statement(
            session,
            group_key="bostad",
            year=2026,
            parts={"other": "x"},
            actor="U",
            now=now,
            goals=plans.Goals("not_assessed"),
        )
    report = report_of(db, 2026, today=date(2027, 1, 16))
    assert "goals" not in [s.kind for s in report.sections]


def test_the_goal_table_speaks_english(db: Database) -> None:
    assessed_year(db)
    report = build_report(
        read_report_rows(db, year=2027),
        lang="en",
        today=date(2028, 1, 16),
        organisation="MalmöLundregionen",
        plan_period=(2016, 2018),
    )
    goals = report.sections[0]
    assert goals.heading == "Goal attainment 2027"
    bostad = next(r for r in goals.rows if r.name == "Stimulera ökat bostadsbyggande")
    assert (bostad.texts[0], bostad.note) == ("not met", "draft, not approved")
    assert "## Goal attainment 2027" in render(report, "md").decode()
