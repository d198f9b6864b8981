"""documentation/README.txt: the archivist's guide to the package, in Swedish: what each file holds, each column
and code, and how the records were made."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass


@dataclass(frozen=True)
class ReadmeFacts:
    year: int
    organisation: str
    package_id: str
    entries: int
    versions: int  # entry versions and deletions: the rows of entries.csv
    deleted: int
    statement_versions: int
    plans: int
    names_asked: bool  # whether Slack was asked for display names
    names_as_of: str  # the day the package was made
    draft_reasons: list[str]
    replaces: str | None


def build_readme(facts: ReadmeFacts) -> bytes:
    year = facts.year
    draft = "\n" + _fill("DETTA ÄR ETT UTKAST: " + " ".join(facts.draft_reasons)) + "\n" if facts.draft_reasons else ""
    replaces = (
        "\n"
        + _fill(
            f"Paketet ersätter det tidigare levererade paketet {facts.replaces} (METS-huvudet: RECORDSTATUS "
            "REPLACEMENT och altRecordID PREVIOUSREFERENCECODE)."
        )
        + "\n"
        if facts.replaces
        else ""
    )
    people = (
        'Personer anges med sitt Slack-användar-id (U…). "cli" och "system" är boten själv, körd från '
        "kommandoraden respektive av sitt schema. "
    )
    names = people + (
        f"Namnen i metadata/preservation/premis.xml är de visningsnamn Slack angav den {facts.names_as_of}, när "
        "paketet skapades; en person kan ha hetat något annat när händelsen inträffade. Användar-id:t är det som "
        "identifierar personen."
        if facts.names_asked
        else "Slack tillfrågades inte om namn när paketet skapades: personer anges bara med sitt Slack-användar-id."
    )
    contents = _fill(
        f"Innehåll: {facts.entries} poster med sammanlagt {facts.versions} versioner och raderingar "
        f"({facts.deleted} av posterna raderade), {facts.statement_versions} versioner av gruppernas "
        f"redovisningar och {facts.plans} planer."
    )
    names = _fill(names, initial_indent="- ", subsequent_indent="  ")
    text = f"""LÄS MIG: {facts.organisation}, verksamhetsplanens uppföljning {year}
{"=" * 72}

Paket: {facts.package_id}
Skapat av mlr-bot, den Slack-bot som {facts.organisation}s arbetsgrupper loggar aktiviteter och
resultat med. Allt som loggas är allmänna handlingar: en ändring ger en ny version och en radering
döljer posten, men varje version och radering finns kvar och finns med här.
{draft}{replaces}
{contents}

HUR HANDLINGARNA KOM TILL
-------------------------
- Gruppens medlemmar loggar en aktivitet eller ett resultat med /mlr aktivitet eller /mlr resultat i
  gruppens Slack-kanal, eller i ett formulär. Dagen det hände (occurred_on) anges av den som loggar;
  verksamhetsåret (plan_year) är den dagens år. Tiden det loggades (at) sätts av boten.
- En post ändras med /mlr ändra (av den som loggade eller en koordinator): varje ändring blir en ny
  version. En post raderas med /mlr radera: den döljs i sammanställningar men finns kvar.
- Varje år lämnar varje grupp en redovisning av årets resultat (/mlr uppföljning): en bedömning av
  måluppfyllelsen, ett skäl, en status per planerad aktivitet och text per aktivitet. Varje inlämning
  är en ny version; en version är ett utkast tills en gruppledare eller koordinator godkänner den.
- Planerna (långsiktig målbild, beskrivning och numrerade aktiviteter) förs in av koordinatorn.
- Alla tider är UTC (ISO 8601 med +00:00). Dagar (occurred_on, closed_on) är svenska kalenderdagar.
{names}

FILER
-----
METS.xml                          Paketets struktur (E-ARK CSIP 2.1.0 och SIP 2.1.0, FGS Paketstruktur 2.0):
                                  varje fil med storlek, MIME-typ och SHA-256-kontrollsumma, utom
                                  handlingarna, som representations/rep1/METS.xml förtecknar.
metadata/descriptive/description.xml  Beskrivning (Dublin Core): titel, skapare, år, grupper, språk.
metadata/preservation/premis.xml  Historiken (PREMIS 3): varje loggning, ändring, radering, inlämning
                                  och godkännande som en händelse med tid och person, paketets
                                  skapande och varje fils kontrollsumma.
schemas/records.xsd               XML-schema för XML-filerna i representations/rep1/data/.
documentation/README.txt          Den här filen.
representations/rep1/METS.xml     Representationens struktur: handlingarna i data/ med storlek, MIME-typ
                                  och SHA-256-kontrollsumma.
representations/rep1/data/        Handlingarna. Varje tabell finns som CSV (UTF-8 utan BOM, komma som
                                  avgränsare, citattecken enligt RFC 4180, radslut CRLF) och, utom
                                  planned_activities, som XML enligt schemas/records.xsd. CSV och XML
                                  har samma innehåll.

groups.csv / groups.xml  De grupper året gäller.
  key             gruppens nyckel (det som skrivs i kommandon och står i andra filer)
  name            gruppens namn
  kind            focus = fokusfråga, standing = stående arbetsgrupp, ongoing = pågående arbete
  municipalities  ansvariga kommuner, åtskilda med ", "
  active          true = aktiv, false = avslutad
  closed_on       dagen gruppen avslutades (tom om aktiv)

plans.csv / plans.xml  Planerna för {year} och för {year + 1} (planen reviderad inför nästa år, som
årsredovisningen ställer bredvid resultaten).
  group, year       grupp och planår
  goal              långsiktig målbild (bara fokusfrågor)
  description       beskrivning och genomförande
  after_activities  text efter de numrerade aktiviteterna
  updated_by, updated_at  vem som senast ändrade planen och när

planned_activities.csv  Planernas numrerade aktiviteter (i plans.xml som <activity>).
  group, year, number, text   grupp, planår, aktivitetens nummer (1), (2) … och dess text

entries.csv / entries.xml  Årets poster: en rad per version och en rad per radering.
  entry_id         postens nummer (samma i hela historiken)
  version          versionens nummer, 1 när posten loggades
  event            created = loggad, edited = ändrad (ny version), deleted = raderad (raden visar
                   innehållet som det var när posten raderades)
  at, by           när (UTC) och av vem händelsen skedde
  group            gruppens nyckel
  kind             activity = aktivitet, result = resultat
  occurred_on      dagen det hände
  plan_year        verksamhetsåret
  activity_number  den planerade aktivitet posten gäller, t.ex. 2 för (2); tom om ingen
  municipalities   kommuner som deltog, åtskilda med ", "
  text             texten, exakt som den skrevs
  author           den som loggade posten
  channel_id       Slack-kanalen den loggades i (tom om formulär eller direktmeddelande utan kanal)
  I entries.xml är varje post ett <entry> med sina <version> och, om den raderats, <deleted>.

statements.csv / statements.xml  Varje version av gruppernas redovisningar för {year}.
  group, year, version  grupp, år och versionens nummer
  assessment       bedömning av måluppfyllelsen: met = uppnås, partly = delvis, not_met = uppnås
                   inte, not_assessed = ej bedömd, tom = lämnad innan bedömning efterfrågades
  reason           skälet till bedömningen
  statuses         status per planerad aktivitet, som JSON {{"1": "done"}}: done = genomförd,
                   ongoing = pågår, not_started = ej påbörjad, delayed = försenad, cancelled = utgår
  parts            texten per aktivitet ("1", "2" …) och övrigt ("other"), som JSON
  submitted_by, submitted_at   vem som lämnade in versionen och när
  approved         true = godkänd, false = utkast
  approved_by, approved_at     vem som godkände versionen och när (tomt för ett utkast)

arsredovisning-{year}.pdf   Årsredovisningen som PDF/A-2b (den arkivbeständiga formen).
arsredovisning-{year}.docx  Samma rapport som Word-fil, en bekvämlighetskopia.

KONTROLL
--------
Varje fil har sin SHA-256-kontrollsumma i METS.xml och i premis.xml. Med mlr-bot kontrolleras
paketet med: mlr-bot archive verify <mapp eller zip>
"""
    return text.encode("utf-8")


def _fill(text: str, *, initial_indent: str = "", subsequent_indent: str = "") -> str:
    return textwrap.fill(text, width=100, initial_indent=initial_indent, subsequent_indent=subsequent_indent)
