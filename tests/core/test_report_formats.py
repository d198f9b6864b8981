"""The report's files read back: the seed's 2016 table as Word (landscape A4, page numbers, Swedish proofing, rows
that cannot split), as Excel, as CSV a Swedish Excel opens, and as Markdown."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from openpyxl import load_workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock

from core.report_formats import (
    Column,
    ReportDoc,
    ResultLine,
    Row,
    Section,
    to_csv,
    to_docx,
    to_markdown,
    to_xlsx,
)

# The seed's 2016 report (see ../shared/seed/verksamhetsplan-2016-2018-rev2017.txt): planned work from the plan
# revised for 2017 beside Resultat 2016. Bostad's row stands for a group that submitted no statement: its one
# result is a logged entry, dated, shown in italics.
LOGGED_NOTE = "Ingen redovisning inlämnad; loggade resultat:"
FOCUS_COLUMNS = (
    Column("Fokusfråga", 3.6),
    Column("Långsiktig målbild", 6.3),
    Column("Beskrivning och genomförande 2017", 7.6),
    Column("Resultat 2016", 6.6),
)
ONGOING_COLUMNS = (
    Column("Arbete", 3.6),
    Column("Beskrivning och genomförande 2017", 11.0),
    Column("Resultat 2016", 9.5),
)


def seed_2016() -> ReportDoc:
    def said(*texts: str) -> tuple[ResultLine, ...]:
        return tuple(ResultLine(None, text) for text in texts)

    focus = Section(
        "focus",
        "Fokusfrågor MalmöLundregionen 2016–2018",
        FOCUS_COLUMNS,
        (
            Row(
                "Långsiktig kompetensförsörjning",
                "Eslöv, Höör, Lund, Lomma",
                (
                    "Den långsiktiga kompetensförsörjningen i MalmöLundregionen har stärkts genom ett samarbete som "
                    "tillser att: tillräckligt antal utbildningsplatser finns för högre utbildning och gymnasium, "
                    "antal elever i yrkesprogram svarar mot näringslivets behov, att kommunernas egna "
                    "kompetensförsörjning tryggas och att den arbetskraftsresurs som finns i nyanlända används bättre.",
                    "Inom kompetensförsörjning finns utmaningar som berör hela MalmöLundregionen. En handlingsplan "
                    "har tagits fram (2016) där följande aktiviteter genomförs 2017:\n"
                    "(1) öka intresset för yrkesprogram: genomförande av Industrinatten MalmöLundregionen 2017.\n"
                    "(2) kommunen som attraktiv arbetsgivare: samarbete arbetsmarknadsevent med LTH:s teknologkår.\n"
                    "(3) öka kunskapen om kommunernas egen kompetensförsörjning: regional nulägesanalys över "
                    "bristyrken och personalomsättning, samt åtgärdsförslag.",
                ),
                said(
                    "Handlingsprogram framtaget med tre konkreta aktiviteter.",
                    "Beslut har tagits om att arrangera Industrinatten 2017 i MalmöLundregionen. Projektet "
                    "påbörjades 2016.",
                    "Förberedelser för event med tema kommunen som attraktiv arbetsgivare, i samarbete med "
                    "teknologkåren vid Lunds Tekniska Högskola.",
                ),
            ),
            Row(
                "Stimulera ökat bostadsbyggande",
                "Kävlinge, Malmö, Staffanstorp, Vellinge",
                (
                    "I MalmöLundregionen har antalet aktörer på bostadsmarknaden ökat, vilket stimulerar "
                    "bostadsbyggandet och stärker konkurrensen. Dessutom har gemensamma insatser satt fokus på "
                    "behovet av mer effektiv och konsekvent handläggning från statliga myndigheter.",
                    "MalmöLundregionen behöver agera gemensamt för att stimulera ökat bostadsbyggande. I syfte att "
                    "få fler investerare i bostadssektorn att etablera sig i regionen är ambitionen att från och med "
                    "2017 gemensamt delta i Business Arena i Stockholm och i andra sammanhang där en gemensam "
                    "plattform ger fördelar. I fokusfrågans genomförande ska erfarenhetsbyten lyfta fram goda "
                    "exempel och bostadssituationen för nyanlända och andra grupper med låg betalningsförmåga "
                    "beaktas.",
                ),
                (
                    ResultLine(
                        date(2016, 10, 18),
                        "Workshop med tema ”goda exempel inom bostadsbyggande” genomfördes.",
                        italic=True,
                    ),
                ),
                results_note=LOGGED_NOTE,
                source="logged",
            ),
            Row(
                "Sysselsättning och arbetsmarknad",
                "Burlöv, Malmö, Svedala, Trelleborg",
                (
                    "I MalmöLundregionen har gemensamma insatser inom arbetsmarknadsområdet stimulerat ökad "
                    "sysselsättning och skapat en starkare arbetsmarknad.",
                    "Ett gemensamt arbete för att öka sysselsättningen inom MalmöLundregionen är nödvändigt. En "
                    "handlingsplan, med konkreta förslag på insatser som ökar sysselsättningen i "
                    "MalmöLundregionen, har tagits fram (2016) och implementeras (2016-2018). Den innehåller tre "
                    "projekt:\n"
                    "(1) etableringsöverenskommelse mellan kommunerna och staten\n"
                    "(2) inventering av bristyrken, samverkan yrkesutbildningar för bristyrken\n"
                    "(3) kompetensutveckling medarbetare inom arbetsmarknadsområdet\n"
                    "I arbetet ska arbetsmarknads- och näringslivsfrågor beaktas tillsammans. Etablering och "
                    "integration lyfts in som viktig del.",
                ),
                said(
                    "Kunskapsunderlag i form av en kartläggning/inventering av samtliga kommuneras "
                    "arbetsmarknadsarbete har tagits fram.",
                    "Gemensam handlingsplan med konkreta åtgärder, samt utkast till etableringsöverenskommelse har "
                    "tagits fram.",
                ),
            ),
        ),
    )
    closed = Section(
        "closed",
        "Avslutad fokusfråga",
        FOCUS_COLUMNS,
        (
            Row(
                "Migration & integration",
                "Avslutad 2016-12-31",
                (
                    "En gemensam kunskapsbas för särskilt utmanande frågor inom migration och integration har "
                    "byggts upp. Det ger stärkt kapacitet att klara av gemensamma utmaningar.",
                    "Resultatet från den kartläggning och jämförande analys över etableringsinsatser (gemensam "
                    "kunskapsbas) som togs fram förs in i arbetet med övriga fokusfrågor.",
                ),
                said(
                    "Efter att en gemensam kunskapsbas tagits fram (2016), i enlighet med den långsiktiga "
                    "målbilden, upphör Migration & Integration att vara en särskild fokusfråga."
                ),
            ),
        ),
    )
    standing = (
        "MalmöLundregionens näringslivsgrupp och ÖP-grupp är exempel på mellankommunala arbetsgrupper som under "
        "åren har etablerat en väl fungerande struktur. Dessa arbetsgrupper förväntas fortsätta med sin verksamhet "
        "och inplanerade aktiviteter. Kommundirektörsgruppen ansvarar för verkställighet och att tillgängliga "
        "resurser beaktas."
    )
    ongoing = Section(
        "ongoing",
        "Pågående arbete i MalmöLundregionen",
        ONGOING_COLUMNS,
        (
            Row(
                "Strukturplan MalmöLundregionen",
                texts=(
                    "En strukturplan för MalmöLundregionen formulerar strategier och gemensamma ståndpunkter inom "
                    "områden som: nationell och internationell konkurrenskraft, boende och bebyggelse, "
                    "kommunikationer.\n"
                    "Det gemensamma arbetet med att ta fram en strukturplan avslutas när styrelsen har godkänt "
                    "planen (2016) och respektive kommun har beslutat om dess status (2017). Strukturplanens "
                    "förväntas därefter bli utgångspunkt för gemensamma ställningstaganden och uppföljningsprojekt.",
                ),
                results=said(
                    "Remissversion Strukturplan MalmöLundregionen framtagen (maj 2016), samråd genomfört "
                    "(okt 2016), antagande slutlig version (dec 2016)."
                ),
            ),
            Row(
                "Planer för transportsystemet",
                texts=(
                    "Under 2017 kommer MalmöLundregionens strukturplan att utgöra grunden för MalmöLundregionens "
                    "gemensamma ställningstaganden i nästa nationella plan för transportsystemet och regionala "
                    "transportinfrastrukturplan. Vid behov sker även samordning med Sverigeförhandlingens "
                    "processer, inklusive den sekundära och regionala kollektivtrafiken.",
                ),
                results=said(
                    "ÅVS MalmöLundregionen har genomförts tillsammans med Region Skåne.",
                    "Kontaktgrupp för infrastrukturfrågor har etablerats i syfte att underlätta informationsspridning.",
                ),
            ),
            Row(
                "Praktisk samverkan",
                texts=(
                    "Våra kommuner samverkar i dag inom en stor mängd områden. MalmöLundregionens styrelse och "
                    "kommundirektörsgrupp ska fortsatt vara ett forum där sådana samarbeten kan lyfta fram sina "
                    "utmaningar.\n"
                    "Likaså är det viktigt att existerande arbetsgrupper, om tillämpligt, kan användas till att "
                    "driva MalmöLundregionens gemensamma prioriterade frågor.\n"
                    "En inventering av praktisk samverkan i MalmöLundregionen har slutförts. Den syftar till att se "
                    "över om praktisk samverkan kan etableras eller utökas. Kommundirektörsgruppen ansvarar för att "
                    "det underlag som har tagits fram används för att stärka samverkan inom särskilt intressanta "
                    "områden.",
                ),
                results=said(
                    "Inventering av praktisk samverkan i MalmöLundregionen har slutförts, inklusive undersökning av "
                    "intresse att etablera eller utvidga samarbeten.",
                    "I samband med beslut om Kommunförbundet Skånes Brysselkontors verksamhet har samverkan mellan "
                    "EU-samordnare i MalmöLundregionen koordinerats.",
                ),
            ),
            Row(
                "Näringslivsgruppen",
                texts=(standing,),
                results=said(
                    "Näringslivsgruppen har arrangerat B2B-mässa och informationsevent besöksnäring för politiker. "
                    "Vidare har det skett ett kontinuerligt kunskapsutbyte och olika projektuppslag har lyfts fram, "
                    "bl.a. Industrinatten."
                ),
            ),
            Row(
                "ÖP-gruppen",
                texts=(standing,),
                results=said(
                    "ÖP-gruppen har fokuserat på Strukturplanen. Därutöver har det skett ett omfattande "
                    "kunskapsutbyte och separata seminarier om t.ex. översiktsplanearbete har genomförts."
                ),
            ),
            Row(
                "Forum för viktiga gemensamma frågor",
                texts=(
                    "MalmöLundregionen är ett samarbete där avgörande och högaktuella frågor regelbundet lyfts upp "
                    "och diskuteras. Exempel under 2016 är etableringsfrågan, Greater Copenhagen och "
                    "Sverigeförhandlingen.\n"
                    "Under 2017-2018 ska det fortsatt ges utrymme till att viktiga gemensamma frågor lyfts fram.\n"
                    "Det kan ta sig uttryck i att relevanta personer från regering, region eller närliggande "
                    "länder bjuds in till strukturerad diskussion.\n"
                    "Det kan även innebära att högaktuella frågor lyfts in på agendan och diskuteras, även om "
                    "beslutsfattandet sker i annan organisation.",
                ),
                results=said(
                    "Vid samtliga styrelsemöten har det skett ett kunskapsutbyte och en informationsuppdatering "
                    "kring Sverigeförhandlingen och Greater Copenhagen. Vidare har etableringsfrågan diskuterats "
                    "vid ett flertal tillfällen.",
                    "En studieresa till Berling genomfördes där möten med Berlin Stad, Bundeskanzleramt och "
                    "Deutscher Verein für öffentliche und private Fürsorge gav värdefulla insikter om arbetet med "
                    "etablering av nyanlända i Tyskland.",
                ),
            ),
        ),
    )
    responsible = {
        "Burlöv": "Sysselsättning och arbetsmarknad",
        "Eslöv": "Långsiktig kompetensförsörjning",
        "Höör": "Långsiktig kompetensförsörjning",
        "Kävlinge": "Stimulera ökat bostadsbyggande",
        "Lomma": "Långsiktig kompetensförsörjning",
        "Lund": "Långsiktig kompetensförsörjning",
        "Malmö": "Stimulera ökat bostadsbyggande, Sysselsättning och arbetsmarknad",
        "Staffanstorp": "Stimulera ökat bostadsbyggande",
        "Svedala": "Sysselsättning och arbetsmarknad",
        "Trelleborg": "Sysselsättning och arbetsmarknad",
        "Vellinge": "Stimulera ökat bostadsbyggande",
    }
    participation = Section(
        "participation",
        "Kommunernas deltagande 2016",
        (Column("Kommun", 3.0), Column("Ansvarar för", 9.0), Column("Deltog i 2016 (antal poster)", 12.0)),
        tuple(
            Row(name, texts=(groups, "Strukturplan MalmöLundregionen (1), Praktisk samverkan (1)"))
            for name, groups in responsible.items()
        ),
    )
    return ReportDoc(
        title="Verksamhetsplan reviderad inför 2017 · Resultat 2016",
        subtitle="Verksamhetsplan 2016–2018",
        organisation="MalmöLundregionen",
        made_on=date(2017, 1, 16),
        language="sv",
        sections=(focus, closed, ongoing, participation),
    )


def _cell_text(cell: Any) -> str:
    return "\n".join(p.text for p in cell.paragraphs)


def _lang(rpr: Any) -> str | None:
    lang = None if rpr is None else rpr.find(qn("w:lang"))
    return None if lang is None else lang.get(qn("w:val"))


# ---------------------------------------------------------------- Word


def test_the_word_report_is_a_landscape_a4_with_the_title_block_page_numbers_and_properties() -> None:
    report = seed_2016()
    document = Document(io.BytesIO(to_docx(report)))

    page = document.sections[0]
    assert page.orientation == WD_ORIENT.LANDSCAPE
    assert page.page_width is not None and page.page_height is not None
    assert (round(page.page_width.cm, 1), round(page.page_height.cm, 1)) == (29.7, 21.0)

    opening = [p.text for p in document.paragraphs[:4]]
    assert opening == [
        "MalmöLundregionen",
        "Verksamhetsplan reviderad inför 2017 · Resultat 2016",
        "Verksamhetsplan 2016–2018",
        "Framtagen 2017\u201101\u201116",
    ]

    footer = page.footer._element
    codes = [t.text.strip() for t in footer.iter(qn("w:instrText"))]
    assert codes == ["PAGE", "NUMPAGES"]
    assert [c.get(qn("w:fldCharType")) for c in footer.iter(qn("w:fldChar"))] == ["begin", "separate", "end"] * 2
    assert (
        page.footer.paragraphs[0].text
        == "MalmöLundregionen · Verksamhetsplan reviderad inför 2017 · Resultat 2016\tSida 1 av 1"
    )

    properties = document.core_properties
    assert properties.author == properties.last_modified_by == "MalmöLundregionen"
    assert properties.title == report.title
    assert properties.language == "sv-SE"
    assert "python-docx" not in (properties.comments + properties.author + properties.keywords)
    assert properties.created is not None and properties.created.date() == date(2017, 1, 16)


def test_every_style_of_the_word_report_proofs_in_swedish() -> None:
    document = Document(io.BytesIO(to_docx(seed_2016())))
    styles = document.styles.element
    default = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert _lang(default) == "sv-SE"
    checked = 0
    for style in styles.findall(qn("w:style")):
        if style.get(qn("w:type")) == "numbering":
            continue
        assert _lang(style.find(qn("w:rPr"))) == "sv-SE", style.get(qn("w:styleId"))
        checked += 1
    assert checked > 100  # the template's paragraph, character and table styles, not just Normal
    assert document.settings.element.find(qn("w:proofState")) is None
    assert 'w:val="en-US"' not in styles.xml  # w:eastAsia stays en-US, as in a Swedish Word's own template


def test_the_word_tables_have_the_plans_columns_widths_by_content_and_rows_that_cannot_split() -> None:
    report = seed_2016()
    document = Document(io.BytesIO(to_docx(report)))
    tables = document.tables
    assert len(tables) == len(report.sections)
    headings = [p.text for p in document.paragraphs if p.style is not None and p.style.name == "Heading 1"]
    assert headings == [s.heading for s in report.sections]

    for table, section in zip(tables, report.sections, strict=True):
        assert [c.text for c in table.rows[0].cells] == [c.title for c in section.columns]
        assert len(table.rows) == 1 + len(section.rows)
        tbl = table._tbl
        assert tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
        grid = [int(g.get(qn("w:w"))) for g in tbl.tblGrid.findall(qn("w:gridCol"))]
        for n, tr in enumerate(tbl.tr_lst):
            trpr = tr.trPr
            assert trpr is not None and trpr.find(qn("w:cantSplit")) is not None, (section.heading, n)
            assert (trpr.find(qn("w:tblHeader")) is not None) == (n == 0), (section.heading, n)
            cell_widths = [tc.find(qn("w:tcPr")).find(qn("w:tcW")) for tc in tr.tc_lst]
            assert [(int(w.get(qn("w:w"))), w.get(qn("w:type"))) for w in cell_widths] == [(g, "dxa") for g in grid]
        # The whole text width (29.7 cm less two 1.8 cm margins), shared as the columns ask.
        assert abs(sum(grid) - round(26.1 / 2.54 * 1440)) <= 2
        weights = [c.width for c in section.columns]
        assert grid.index(min(grid)) == weights.index(min(weights)) == 0
        assert grid.index(max(grid)) == weights.index(max(weights))

    # The participation table is kept on one page: every row but the last keeps with the next.
    participation = tables[-1]
    kept = [all(p.paragraph_format.keep_with_next for c in r.cells for p in c.paragraphs) for r in participation.rows]
    assert kept == [True] * (len(participation.rows) - 1) + [False]
    assert not any(p.paragraph_format.keep_with_next for r in tables[0].rows for c in r.cells for p in c.paragraphs)

    focus, _, ongoing, _ = tables
    focus_grid = [int(g.get(qn("w:w"))) for g in focus._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert focus_grid[0] < focus_grid[1] < focus_grid[3] < focus_grid[2]
    assert [c.text for c in ongoing.rows[0].cells] == ["Arbete", "Beskrivning och genomförande 2017", "Resultat 2016"]


def test_a_word_column_is_never_narrower_than_its_longest_word() -> None:
    report = seed_2016()
    narrow = Section(
        "focus",
        "Fokusfrågor",
        (Column("Fokusfråga", 1.0), Column("Långsiktig målbild", 8.0), Column("Resultat 2016", 8.0)),
        (Row("Långsiktig kompetensförsörjning", texts=("Mål",), results=(ResultLine(None, "Klart"),)),),
    )
    doc = ReportDoc(report.title, report.subtitle, report.organisation, report.made_on, "sv", (narrow,))
    table = Document(io.BytesIO(to_docx(doc))).tables[0]
    grid = [int(g.get(qn("w:w"))) for g in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    # 1/17 of the width would be 1.5 cm; "kompetensförsörjning" in bold 9.5 pt Arial needs about 4 cm.
    assert 3.9 <= grid[0] / 1440 * 2.54 <= 4.5
    assert abs(grid[1] - grid[2]) <= 1 and sum(grid) == round(26.1 / 2.54 * 1440)


def test_the_word_cells_carry_the_seeds_texts_and_results_as_bullets_dated_once_the_fallback_in_italics() -> None:
    report = seed_2016()
    document = Document(io.BytesIO(to_docx(report)))
    focus = document.tables[0]
    kompetens = focus.rows[1].cells
    assert _cell_text(kompetens[0]) == "Långsiktig kompetensförsörjning\nEslöv, Höör, Lund, Lomma"
    assert kompetens[0].paragraphs[0].runs[0].bold
    assert _cell_text(kompetens[1]) == report.sections[0].rows[0].texts[0]
    assert _cell_text(kompetens[2]) == report.sections[0].rows[0].texts[1]

    for table, section in zip(document.tables, report.sections, strict=True):
        for table_row, row in zip(table.rows[1:], section.rows, strict=True):
            if not section.has_results:
                assert len(table_row.cells) == 1 + len(row.texts)
                continue
            paragraphs = table_row.cells[-1].paragraphs
            bullets = [p for p in paragraphs if p.style is not None and p.style.name == "List Bullet"]
            assert len(bullets) == len(row.results), row.name
            assert all(p.text.endswith(line.text) for p, line in zip(bullets, row.results, strict=True)), row.name
            assert all(
                run.italic == line.italic for p, line in zip(bullets, row.results, strict=True) for run in p.runs
            )

    statement = focus.rows[1].cells[3].paragraphs
    assert not any(run.italic for p in statement for run in p.runs)
    bostad = focus.rows[2].cells[3].paragraphs
    assert bostad[0].text == LOGGED_NOTE and bostad[0].style.name != "List Bullet"
    assert all(run.italic for p in bostad for run in p.runs)
    # The date once, at the start, with hyphens Word and LibreOffice never break at.
    assert bostad[1].text == "2016\u201110\u201118: Workshop med tema ”goda exempel inom bostadsbyggande” genomfördes."
    assert "2016-10-18" not in _cell_text(focus.rows[2].cells[3])

    closed = document.tables[1]
    assert _cell_text(closed.rows[1].cells[0]) == "Migration & integration\nAvslutad 2016-12-31"
    numbered = [p for p in kompetens[2].paragraphs if p.text.startswith("(")]
    assert len(numbered) == 3
    assert all(p.paragraph_format.first_line_indent is not None for p in numbered)


# ---------------------------------------------------------------- Excel


def test_the_workbook_has_a_sheet_per_section_with_a_frozen_header_wrapped_text_and_widths() -> None:
    report = seed_2016()
    workbook = load_workbook(io.BytesIO(to_xlsx(report)), rich_text=True)
    assert workbook.sheetnames == ["Fokusfrågor", "Avslutade", "Pågående arbete", "Deltagande"]
    assert workbook.properties.creator == "MalmöLundregionen"
    assert workbook.properties.title == report.title
    for sheet, section in zip(workbook.worksheets, report.sections, strict=True):
        assert sheet.freeze_panes == "B2"
        assert [c.value for c in sheet[1]] == [c.title for c in section.columns]
        assert sheet.max_row == 1 + len(section.rows)
        assert all(cell.alignment.wrap_text for cells in sheet.iter_rows() for cell in cells)
        widths = [sheet.column_dimensions[letter].width for letter in "ABCD"[: len(section.columns)]]
        weights = [c.width for c in section.columns]
        assert widths.index(min(widths)) == weights.index(min(weights))
        assert widths.index(max(widths)) == weights.index(max(weights))
        assert sheet.page_setup.orientation == "landscape"

    focus = workbook["Fokusfrågor"]
    assert focus["A2"].value == "Långsiktig kompetensförsörjning\nEslöv, Höör, Lund, Lomma"
    assert str(focus["D2"].value).split("\n") == ["• " + line.text for line in report.sections[0].rows[0].results]
    bostad = focus["D3"].value
    assert isinstance(bostad, CellRichText)
    blocks = [part for part in bostad if isinstance(part, TextBlock)]
    assert [b.text.strip() for b in blocks] == [
        LOGGED_NOTE,
        "• 2016-10-18 Workshop med tema ”goda exempel inom bostadsbyggande” genomfördes.",
    ]
    assert all(b.font.i for b in blocks)
    assert workbook["Pågående arbete"].max_column == 3


# ---------------------------------------------------------------- CSV


def test_the_csv_is_what_a_swedish_excel_reads_bom_semicolons_swedish_headers_and_ja_nej() -> None:
    report = seed_2016()
    data = to_csv(report)
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert "True" not in text and "False" not in text
    lines = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert lines[0] == [
        "Avsnitt",
        "Namn",
        "Anmärkning",
        "Långsiktig målbild",
        "Beskrivning och genomförande 2017",
        "Resultat 2016",
        "Ansvarar för",
        "Deltog i 2016 (antal poster)",
        "Redovisning inlämnad",
        "Avslutad",
    ]
    rows = {line[1]: dict(zip(lines[0], line, strict=True)) for line in lines[1:]}
    assert len(lines) == 1 + sum(len(s.rows) for s in report.sections)
    assert rows["Långsiktig kompetensförsörjning"]["Redovisning inlämnad"] == "ja"
    assert rows["Långsiktig kompetensförsörjning"]["Avslutad"] == "nej"
    assert rows["Stimulera ökat bostadsbyggande"]["Redovisning inlämnad"] == "nej"
    assert rows["Stimulera ökat bostadsbyggande"]["Resultat 2016"] == (
        f"{LOGGED_NOTE}\n2016-10-18 Workshop med tema ”goda exempel inom bostadsbyggande” genomfördes."
    )
    assert rows["Migration & integration"]["Avslutad"] == "ja"
    assert rows["Migration & integration"]["Avsnitt"] == "Avslutad fokusfråga"
    assert rows["ÖP-gruppen"]["Långsiktig målbild"] == ""  # ongoing work has no goal column
    assert rows["ÖP-gruppen"]["Beskrivning och genomförande 2017"].startswith("MalmöLundregionens näringslivsgrupp")
    assert rows["Malmö"]["Ansvarar för"] == "Stimulera ökat bostadsbyggande, Sysselsättning och arbetsmarknad"
    assert rows["Malmö"]["Redovisning inlämnad"] == rows["Malmö"]["Avslutad"] == ""
    assert rows["Långsiktig kompetensförsörjning"]["Resultat 2016"].count("\n") == 2


def test_the_english_csv_and_word_speak_english() -> None:
    english = ReportDoc(
        title="Follow-up 2016",
        subtitle="Activity plan 2016–2018",
        organisation="MalmöLundregionen",
        made_on=date(2017, 1, 16),
        language="en",
        sections=(
            Section(
                "focus",
                "Focus areas",
                (Column("Focus area", 1), Column("Goal", 2), Column("Results 2016", 2)),
                (Row("Bostad", texts=("Mål",), results=(ResultLine(None, "Workshop"),)),),
            ),
        ),
    )
    header = next(csv.reader(io.StringIO(to_csv(english).decode("utf-8-sig")), delimiter=";"))
    assert header == ["Section", "Name", "Note", "Goal", "Results 2016", "Statement submitted", "Closed"]
    document = Document(io.BytesIO(to_docx(english)))
    assert document.sections[0].footer.paragraphs[0].text.endswith("\tPage 1 of 1")
    assert document.core_properties.language == "en-GB"


# ---------------------------------------------------------------- Markdown


def test_the_markdown_has_a_table_per_section_with_escaped_cells_and_the_fallback_in_italics() -> None:
    report = seed_2016()
    text = to_markdown(report)
    lines = text.splitlines()
    assert lines[0] == "# Verksamhetsplan reviderad inför 2017 · Resultat 2016"
    assert lines[2] == "**MalmöLundregionen** · Verksamhetsplan 2016–2018 · Framtagen 2017-01-16"
    for section in report.sections:
        start = lines.index(f"## {section.heading}")
        header, rule, *body = lines[start + 2 : start + 4 + len(section.rows)]
        assert header == "| " + " | ".join(c.title for c in section.columns) + " |"
        assert rule == "|" + "---|" * len(section.columns)
        for line in body:
            cells = line.strip("|").replace("\\|", "").split("|")
            assert len(cells) == len(section.columns), line
    bostad = next(line for line in lines if line.startswith("| **Stimulera ökat bostadsbyggande**"))
    assert bostad.endswith(
        f"| *{LOGGED_NOTE}*<br>• *2016-10-18 Workshop med tema ”goda exempel inom bostadsbyggande” genomfördes.* |"
    )
    assert "| **Migration & integration**<br>Avslutad 2016-12-31 |" in text


def test_a_row_that_does_not_fit_its_sections_columns_is_refused() -> None:
    with pytest.raises(ValueError, match="has 2 texts"):
        Section("ongoing", "Pågående arbete", ONGOING_COLUMNS, (Row("Forum", texts=("a", "b")),))
    with pytest.raises(ValueError, match="no results column"):
        Section(
            "participation",
            "Deltagande",
            (Column("Kommun"), Column("Ansvarar för")),
            (Row("Lund", texts=("a",), results=(ResultLine(None, "x"),)),),
        )


# ---------------------------------------------------------------- as LibreOffice lays it out


@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None, reason="no LibreOffice")
def test_libreoffice_lays_the_report_out_with_page_numbers_and_unbroken_dates(tmp_path: Path) -> None:
    source = tmp_path / "rapport-2016.docx"
    source.write_bytes(to_docx(seed_2016()))
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    pdf = tmp_path / "rapport-2016.pdf"
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    pages = text.split("\f")[:-1] if text.endswith("\f") else text.split("\f")
    assert len(pages) >= 2
    for n, page in enumerate(pages, start=1):
        assert f"Sida {n} av {len(pages)}" in page
    # The date and the first words of its line together: the date was not broken (pdftotext gives U+2011 as "-").
    assert "2016-10-18: Workshop med tema" in text.replace("\u2011", "-")
    assert "Långsiktig kompetensförsörjning" in text and "ÖP-gruppen" in text


def goals_doc() -> ReportDoc:
    """A report whose first table is "Måluppfyllelse 2027": one row per assessment, and one without a statement."""
    columns = (Column("Grupp", 3.6), Column("Bedömning 2027", 3.4), Column("Motivering", 8.0), Column("Aktiviteter", 9))
    rows = (
        Row("Kompetens", "", ("uppnås", "Alla klara.", "genomförd 1\n(1) genomförd: Industrinatten"), markers=("met",)),
        Row("Bostad", "utkast, ej godkänt", ("delvis", "Hälften | ungefär.", "–"), markers=("partly", None, None)),
        Row("Transport", "", ("uppnås inte", "Stannade.", "–"), markers=("not_met", None, None)),
        Row("Forum", "", ("ej bedömd", "", "–"), markers=("not_assessed", None, None)),
        Row("ÖP", "", ("–", "", "–")),
    )
    return ReportDoc(
        title="Uppföljning 2027",
        subtitle="Verksamhetsplan 2016–2018",
        organisation="MalmöLundregionen",
        made_on=date(2028, 1, 16),
        language="sv",
        sections=(Section("goals", "Måluppfyllelse 2027", columns, rows), *seed_2016().sections),
    )


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def test_the_goal_table_reads_back_from_word_with_coloured_markers_words_and_tints() -> None:
    document = Document(io.BytesIO(to_docx(goals_doc())))
    headings = [p.text for p in document.paragraphs if p.style is not None and p.style.name == "Heading 1"]
    assert headings[0] == "Måluppfyllelse 2027"
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["Grupp", "Bedömning 2027", "Motivering", "Aktiviteter"]
    seen = {}
    for row in table.rows[1:]:
        cell = row.cells[1]
        runs = cell.paragraphs[0].runs
        colour = str(runs[0].font.color.rgb) if runs and runs[0].font.color.rgb is not None else None
        shading = cell._tc.get_or_add_tcPr().find(f"{W}shd")
        seen[row.cells[0].paragraphs[0].text] = (
            cell.text,
            colour,
            shading.get(f"{W}fill") if shading is not None else None,
        )
    assert seen == {
        "Kompetens": ("● uppnås", "2E7D32", "E3F1E4"),
        "Bostad": ("● delvis", "B07D00", "FFF4CC"),
        "Transport": ("● uppnås inte", "C62828", "FBE3E3"),
        "Forum": ("○ ej bedömd", "8A8A8A", None),  # white: no tint, the hollow marker
        "ÖP": ("–", None, None),
    }
    assert table.rows[2].cells[0].text == "Bostad\nutkast, ej godkänt"


def test_the_goal_table_reads_back_from_excel_markdown_and_csv() -> None:
    workbook = load_workbook(io.BytesIO(to_xlsx(goals_doc())), rich_text=True)
    sheet = workbook.worksheets[0]
    assert sheet.title == "Måluppfyllelse" and [c.value for c in sheet[1]] == [
        "Grupp",
        "Bedömning 2027",
        "Motivering",
        "Aktiviteter",
    ]
    cells = {str(r[0].value): r[1] for r in sheet.iter_rows(min_row=2)}
    kompetens = cells["Kompetens"].value
    assert isinstance(kompetens, CellRichText) and str(kompetens) == "● uppnås"
    assert isinstance(kompetens[0], TextBlock) and kompetens[0].font.color.rgb == "002E7D32"
    assert cells["Kompetens"].fill.fgColor.rgb == "00E3F1E4"
    assert cells["Bostad\nutkast, ej godkänt"].fill.fgColor.rgb == "00FFF4CC"
    assert str(cells["Forum"].value) == "○ ej bedömd" and cells["Forum"].fill.fill_type is None
    assert cells["ÖP"].value == "–"

    md = to_markdown(goals_doc())
    assert md.split("\n## ")[1].splitlines()[:5] == [
        "Måluppfyllelse 2027",
        "",
        "| Grupp | Bedömning 2027 | Motivering | Aktiviteter |",
        "|---|---|---|---|",
        "| **Kompetens** | 🟢 uppnås | Alla klara. | genomförd 1<br>(1) genomförd: Industrinatten |",
    ]
    assert "| **Bostad**<br>utkast, ej godkänt | 🟡 delvis | Hälften \\| ungefär. | – |" in md
    assert "| **Transport** | 🔴 uppnås inte |" in md and "| **Forum** | ⚪ ej bedömd |" in md

    rows = list(csv.reader(io.StringIO(to_csv(goals_doc()).decode("utf-8-sig")), delimiter=";"))
    header = rows[0]
    first = dict(zip(header, rows[1], strict=True))
    assert (first["Avsnitt"], first["Namn"], first["Bedömning 2027"]) == (
        "Måluppfyllelse 2027",
        "Kompetens",
        "● uppnås",
    )
    assert first["Redovisning inlämnad"] == "" and first["Avslutad"] == ""


@pytest.mark.skipif(shutil.which("soffice") is None, reason="no LibreOffice")
def test_libreoffice_puts_the_goal_table_on_page_one(tmp_path: Path) -> None:
    """LibreOffice lays the Word file out with the goal table first; its first page is rendered to
    docs/report-goals-page1.png with MLR_WRITE_REPORT_PNG=1 (as the README shows it)."""
    import os

    source = tmp_path / "rapport.docx"
    source.write_bytes(to_docx(goals_doc()))
    profile = f"-env:UserInstallation=file://{tmp_path}/lo"
    subprocess.run(
        ["soffice", profile, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = tmp_path / "rapport.pdf"
    assert pdf.exists()
    if shutil.which("pdftotext") is not None:
        text = subprocess.run(
            ["pdftotext", "-f", "1", "-l", "1", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
        ).stdout
        assert "Måluppfyllelse 2027" in text and "uppnås inte" in text and "ej bedömd" in text
    if os.environ.get("MLR_WRITE_REPORT_PNG") and shutil.which("pdftoppm") is not None:
        target = Path(__file__).resolve().parents[2] / "docs" / "report-goals-page1"
        subprocess.run(
            ["pdftoppm", "-f", "1", "-l", "1", "-r", "80", "-png", "-singlefile", str(pdf), str(target)], check=True
        )
