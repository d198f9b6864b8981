"""`mlr-bot archive`: the 2016 year of the shipped plan (entries with edits and a deletion, statements with
approvals) as an E-ARK submission package, judged by the archive's own validator (eark-validator 1.1.3, in a
virtual environment of its own), read back record by record, and checked again by `mlr-bot archive verify`.

Every package is made by the real `mlr-bot` command in a process of its own; Slack is the loopback fake."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from lxml import etree

from bot.config import load_settings
from bot.loopback_slack import LoopbackSlack
from bot.startup import prepare_database
from core.archive.records import validate_xml
from storage.entries import add_entry, delete_entry, get_entry, update_entry
from storage.models import EntryKind
from storage.plans import Goals, approve_statement, submit_statement
from tests.conftest import BACKENDS, drop_schema, new_database_url
from tests.harness import BOT_TOKEN, REPO
from tests.pdf_checks import pdf_problems

STOCKHOLM = ZoneInfo("Europe/Stockholm")
EARK_VENV = REPO / ".venv-eark"
EARK_VALIDATOR = "eark-validator==1.1.3"
RUNNER = Path(__file__).with_name("eark_validate.py")
ORGANISATION_ID = "212000-1132"
AGREEMENT = "LÖ-2016/42"
COORDINATOR = "UCOORD01"
TITLE_2016 = "Verksamhetsplan reviderad inför 2017 · Resultat 2016"
METS = "{http://www.loc.gov/METS/}"
PREMIS = "{http://www.loc.gov/premis/v3}"
DC = "{http://purl.org/dc/elements/1.1/}"
DATA = "representations/rep1/data/"
REPRESENTATION_METS = "representations/rep1/METS.xml"
XLINK = "{http://www.w3.org/1999/xlink}"
# The validator's rules this package is exempted from, each with its reason in docs/archive.md, and nothing else.
EXEMPT = {"SIP14", "CSIP63"}


def at(year: int, month: int, day: int, hour: int = 10) -> datetime:
    return datetime(year, month, day, hour, tzinfo=STOCKHOLM)


# ------------------------------------------------------------------ the validator's own environment


def _eark_works(python: Path) -> bool:
    if not python.exists():
        return False
    probe = subprocess.run(
        [str(python), "-c", "import importlib.metadata as m; print(m.version('eark-validator'))"],
        capture_output=True,
        text=True,
        check=False,
    )
    return probe.stdout.strip() == EARK_VALIDATOR.split("==")[1]


@pytest.fixture(scope="session")
def eark_python() -> Path:
    """The python of `.venv-eark` (made once, then reused), where eark-validator runs with the lxml it pins. A
    validator that cannot be set up fails the test: the package's check is not optional."""
    python = EARK_VENV / "bin" / "python"
    if not _eark_works(python):
        steps = [
            [sys.executable, "-m", "venv", "--clear", str(EARK_VENV)],
            [str(python), "-m", "pip", "install", "--quiet", EARK_VALIDATOR],
        ]
        for step in steps:
            done = subprocess.run(step, capture_output=True, text=True, timeout=900, check=False)
            if done.returncode != 0:
                pytest.fail(f"eark-validator could not be set up ({' '.join(step)}): {done.stderr[-2000:]}")
    if not _eark_works(python):
        pytest.fail(f"{EARK_VALIDATOR} is not importable in {EARK_VENV}")
    return python


def eark_report(python: Path, package: Path) -> dict[str, Any]:
    """The validator's JSON report (it exits 0 whatever its verdict, so the report is what counts)."""
    done = subprocess.run([str(python), str(RUNNER), str(package)], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    report: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return report


def errors_of(report: dict[str, Any]) -> list[dict[str, Any]]:
    """Every error the validator found: in the structure, the METS schema, the CSIP and SIP rules."""
    metadata = report.get("metadata") or {}
    messages = [
        *report["structure"]["messages"],
        *((metadata.get("schema_results") or {}).get("messages") or []),
        *((metadata.get("schematron_results") or {}).get("messages") or []),
    ]
    return [message for message in messages if message["severity"].upper() == "ERROR"]


# ------------------------------------------------------------------ the 2016 records


@dataclass
class Scenario:
    database_url: str
    # (entry id, version, event) for every version and deletion of the 2016 entries, as they were made here
    history: set[tuple[int, int, str]] = field(default_factory=set)
    entries_2016: set[int] = field(default_factory=set)
    entry_2017: int = 0
    people: set[str] = field(default_factory=set)


def fill_2016(database_url: str) -> Scenario:
    """The 2016 year: results and activities logged as they happened, one edited twice (and moved to another
    group), one deleted; Kompetens's statement in two versions, the second approved by its lead; Sysselsättning's
    assessed and approved by the coordinator. And a 2017 entry and a 2017 draft that the 2016 package must not
    hold, and an entry of this year, which is not over."""
    settings = load_settings({"DATABASE_URL": database_url})
    db = prepare_database(settings, now=at(2016, 9, 1))
    scenario = Scenario(database_url)
    logged = [
        ("bostad", EntryKind.RESULT, "U0BOSTAD", date(2016, 10, 18), (), "Workshop om ”goda exempel” genomförd."),
        (
            "kompetens",
            EntryKind.RESULT,
            "U0KOMPET",
            date(2016, 9, 14),
            (),
            'Handlingsprogram med "tre" aktiviteter, <klart> & godkänt;\nandra raden: åäö ÅÄÖ',
        ),
        ("strukturplan", EntryKind.ACTIVITY, "U0STRUKT", date(2016, 10, 11), ("Lund", "Malmö"), "Samråd, del 1"),
        ("migration", EntryKind.RESULT, "U0MIGRAT", date(2016, 10, 20), (), "Kartläggningen klar."),
    ]
    with db.write() as session:
        ids = []
        for key, kind, user, day, towns, text in logged:
            entry = add_entry(
                session,
                group_key=key,
                kind=kind,
                text=text,
                user_id=user,
                channel_id=f"C0{key.upper()[:6]}",
                occurred_on=day,
                now=at(2016, day.month, day.day, 15),
                municipalities=towns,
            )
            assert entry.id is not None
            ids.append(entry.id)
            scenario.history.add((entry.id, 1, "created"))
            scenario.people.add(user)
        later = add_entry(
            session,
            group_key="kompetens",
            kind=EntryKind.RESULT,
            text="Nästa år",
            user_id="U0KOMPET",
            channel_id="C0KOMPET",
            occurred_on=date(2017, 1, 10),
            now=at(2017, 1, 10),
        )
        assert later.id is not None
        scenario.entry_2017 = later.id
        today = datetime.now(STOCKHOLM).date()
        add_entry(
            session,
            group_key="bostad",
            kind=EntryKind.ACTIVITY,
            text="I år",
            user_id="U0BOSTAD",
            channel_id=None,
            occurred_on=today,
            now=datetime.now(STOCKHOLM),
        )
    scenario.entries_2016 = set(ids)
    bostad, kompetens, _strukturplan, migration = ids
    edits = [
        (bostad, "U0BOSTAD", "bostad", "Workshop om ”goda exempel” genomförd i oktober.", at(2016, 10, 25)),
        (kompetens, COORDINATOR, "naringsliv", "Handlingsprogram, flyttat till näringslivsgruppen", at(2016, 11, 3)),
        (kompetens, COORDINATOR, "naringsliv", "Handlingsprogram, flyttat och rättat", at(2016, 11, 4)),
    ]
    for entry_id, actor, key, text, when in edits:
        with db.write() as session:
            edited = get_entry(session, entry_id=entry_id)
            assert edited is not None
            assert update_entry(
                session,
                entry=edited,
                actor=actor,
                now=when,
                group_key=key,
                kind=EntryKind(edited.kind),
                text=text,
                occurred_on=edited.occurred_on,
                activity_number=edited.activity_number,
                municipalities=tuple(edited.municipalities),
            )
            scenario.history.add((entry_id, edited.version, "edited"))
    with db.write() as session:
        hidden = get_entry(session, entry_id=migration)
        assert hidden is not None and delete_entry(session, entry=hidden, actor=COORDINATOR, now=at(2016, 11, 2))
        scenario.history.add((migration, 1, "deleted"))
        first = {"other": "Första utkastet"}
        submit_statement(session, group_key="kompetens", year=2016, parts=first, actor="U0KOMPET", now=at(2016, 11, 5))
        final = {"other": "Handlingsprogram framtaget.\nIndustrinatten 2017 beslutad."}
        submit_statement(session, group_key="kompetens", year=2016, parts=final, actor="U0KOMPET", now=at(2016, 11, 9))
        approve_statement(session, group_key="kompetens", year=2016, version=2, actor="U0OP", now=at(2016, 11, 10))
        goals = Goals(assessment="partly", reason="Etableringsavtalet dröjer.", statuses={"1": "done", "2": "ongoing"})
        submit_statement(
            session,
            group_key="sysselsattning",
            year=2016,
            parts={"1": "Avtal skrivet", "other": "Mer i år"},
            actor="U0SYSSEL",
            now=at(2016, 11, 12),
            goals=goals,
        )
        approve_statement(
            session, group_key="sysselsattning", year=2016, version=1, actor=COORDINATOR, now=at(2016, 11, 14)
        )
        submit_statement(
            session,
            group_key="kompetens",
            year=2017,
            parts={"other": "Utkast 2017"},
            actor="U0KOMPET",
            now=at(2017, 11, 2),
        )
    scenario.people |= {COORDINATOR, "U0OP", "U0SYSSEL"}
    db.dispose()
    return scenario


def mlr_bot(cwd: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "MLR_", "DATABASE_URL", "PORT"))}
    return subprocess.run(
        [sys.executable, "-m", "bot", *args], cwd=cwd, env={**clean, **env}, capture_output=True, text=True, timeout=600
    )


@dataclass
class Made:
    scenario: Scenario
    folder: Path  # the first package, as a folder: names from Slack, organisation number, submission agreement
    zipped: Path  # the second, as a zip: no Slack token, no organisation number, replacing the first
    first: subprocess.CompletedProcess[str]
    second: subprocess.CompletedProcess[str]
    users_info: list[str]  # the users.info calls the first made, by user id


@pytest.fixture(scope="module", params=BACKENDS)
def made(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, fake_slack: LoopbackSlack
) -> Iterator[Made]:
    workdir = tmp_path_factory.mktemp("archive")
    url, schema = new_database_url(request.param, workdir)
    scenario = fill_2016(url)
    first_out, second_out = workdir / "first", workdir / "second"
    first_out.mkdir()
    second_out.mkdir()
    fake_slack.clear()
    env = {
        "DATABASE_URL": url,
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_API_URL": fake_slack.api_url,
        "MLR_ORGANISATION_ID": ORGANISATION_ID,
        "MLR_SUBMISSION_AGREEMENT": AGREEMENT,
    }
    first = mlr_bot(workdir, "archive", "--year", "2016", "--out", str(first_out), env=env)
    assert first.returncode == 0, first.stderr
    users_info = [str(call.args["user"]) for call in fake_slack.calls_to("users.info")]
    [folder] = list(first_out.iterdir())
    second = mlr_bot(
        workdir,
        "archive", "--year", "2016", "--out", str(second_out), "--zip", "--ersätter", folder.name,
        env={"DATABASE_URL": url},
    )  # fmt: skip
    assert second.returncode == 0, second.stderr
    [zipped] = list(second_out.iterdir())
    fake_slack.clear()
    yield Made(scenario, folder, zipped, first, second, users_info)
    if schema:
        drop_schema(schema)


def read_csv(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8"), newline="")))


def xml(path: Path) -> etree._Element:
    return etree.fromstring(path.read_bytes())


# ------------------------------------------------------------------ the tests


def test_the_2016_package_passes_the_archives_own_validator_as_a_folder_and_as_a_zip(
    made: Made, eark_python: Path
) -> None:
    for package in (made.folder, made.zipped):
        report = eark_report(eark_python, package)
        assert report["structure"]["status"].upper() == "WELLFORMED", report["structure"]
        assert report["metadata"]["schema_results"]["status"].upper() == "VALID", report["metadata"]["schema_results"]
        assert [e for e in errors_of(report) if e["rule_id"] not in EXEMPT] == [], package
        assert report["package"]["details"]["oaispackagetype"] == "SIP"
    # CSIP63 as the specification's text has it: a file group whose content information type is OTHER names it.
    mets = xml(made.folder / "METS.xml")
    csip = "{https://DILCIS.eu/XML/METS/CSIPExtensionMETS}"
    for group in mets.iter(f"{METS}fileGrp"):
        if group.get(f"{csip}CONTENTINFORMATIONTYPE") == "OTHER":
            assert group.get(f"{csip}OTHERCONTENTINFORMATIONTYPE")
    assert made.folder.name == mets.get("OBJID") and made.zipped.name == f"{xml_of_zip(made.zipped).get('OBJID')}.zip"


def xml_of_zip(path: Path, name: str = "METS.xml") -> etree._Element:
    with zipfile.ZipFile(path) as archive:
        [top] = {member.split("/")[0] for member in archive.namelist()}
        return etree.fromstring(archive.read(f"{top}/{name}"))


def test_the_mets_header_names_the_software_the_organisation_the_agreement_and_what_it_replaces(made: Made) -> None:
    header = xml(made.folder / "METS.xml").find(f"{METS}metsHdr")
    assert header is not None and header.get("RECORDSTATUS") == "NEW"
    agents = {agent.get("ROLE") + "/" + agent.get("TYPE"): agent for agent in header.iter(f"{METS}agent")}
    software = agents["CREATOR/OTHER"]
    assert software.get("OTHERTYPE") == "SOFTWARE" and software.findtext(f"{METS}name") == "mlr-bot"
    assert software.findtext(f"{METS}note")
    organisation = agents["ARCHIVIST/ORGANIZATION"]
    assert organisation.findtext(f"{METS}name") == "MalmöLundregionen"
    assert organisation.findtext(f"{METS}note") == ORGANISATION_ID
    assert [(a.get("TYPE"), a.text) for a in header.iter(f"{METS}altRecordID")] == [("SUBMISSIONAGREEMENT", AGREEMENT)]
    assert "MLR_ORGANISATION_ID" not in made.first.stderr

    replacing = xml_of_zip(made.zipped).find(f"{METS}metsHdr")
    assert replacing is not None and replacing.get("RECORDSTATUS") == "REPLACEMENT"
    assert [(a.get("TYPE"), a.text) for a in replacing.iter(f"{METS}altRecordID")] == [
        ("PREVIOUSREFERENCECODE", made.folder.name)
    ]
    archivist = [a for a in replacing.iter(f"{METS}agent") if a.get("ROLE") == "ARCHIVIST"]
    assert [a.find(f"{METS}note") for a in archivist] == [None]  # no MLR_ORGANISATION_ID: no code, and a warning
    assert "MLR_ORGANISATION_ID" in made.second.stderr
    description = xml_of_zip(made.zipped, "metadata/descriptive/description.xml")
    assert f"Ersätter det tidigare levererade paketet {made.folder.name}." in [e.text for e in description]


def listing(mets_file: Path, base: str = "") -> dict[str, etree._Element]:
    """What a METS document lists (its file and mdRef elements), by path under the package's root."""
    listed: dict[str, etree._Element] = {}
    for element in xml(mets_file).iter(f"{METS}file", f"{METS}mdRef"):
        location = element if element.tag == f"{METS}mdRef" else element.find(f"{METS}FLocat")
        assert location is not None
        listed[base + location.get(f"{XLINK}href", "")] = element
    return listed


def test_every_file_is_in_the_mets_with_its_size_mime_type_and_sha256(made: Made) -> None:
    package = listing(made.folder / "METS.xml")
    representation = listing(made.folder / REPRESENTATION_METS, "representations/rep1/")
    assert set(package) & set(representation) == set()
    listed = package | representation
    on_disk = {p.relative_to(made.folder).as_posix() for p in made.folder.rglob("*") if p.is_file()}
    assert set(listed) == on_disk - {"METS.xml"}
    assert set(representation) == {path for path in on_disk if path.startswith(DATA)}
    # The package's METS points to the representation's, as CSIP has it.
    [pointer] = xml(made.folder / "METS.xml").iter(f"{METS}mptr")
    assert pointer.get(f"{XLINK}href") == REPRESENTATION_METS
    for path, element in listed.items():
        content = (made.folder / path).read_bytes()
        assert element.get("SIZE") == str(len(content)), path
        assert element.get("CHECKSUMTYPE") == "SHA-256"
        assert element.get("CHECKSUM") == hashlib.sha256(content).hexdigest(), path
        assert element.get("MIMETYPE"), path
    assert {path for path in on_disk if path.startswith(DATA)} == {
        DATA + name
        for name in (
            "groups.csv", "groups.xml", "plans.csv", "plans.xml", "planned_activities.csv", "entries.csv",
            "entries.xml", "statements.csv", "statements.xml", "arsredovisning-2016.pdf", "arsredovisning-2016.docx",
        )
    }  # fmt: skip
    assert listed[DATA + "arsredovisning-2016.pdf"].get("MIMETYPE") == "application/pdf"
    assert listed[DATA + "entries.csv"].get("MIMETYPE") == "text/csv"


def test_every_entry_version_and_deletion_is_in_the_csv_the_xml_and_the_premis_and_nothing_else(made: Made) -> None:
    expected = made.scenario.history
    rows = read_csv(made.folder / DATA / "entries.csv")
    assert {(int(r["entry_id"]), int(r["version"]), r["event"]) for r in rows} == expected
    assert len(rows) == len(expected)
    by_version = {(int(r["entry_id"]), int(r["version"]), r["event"]): r for r in rows}
    tricky = by_version[(min(made.scenario.entries_2016) + 1, 1, "created")]
    assert tricky["text"] == 'Handlingsprogram med "tre" aktiviteter, <klart> & godkänt;\nandra raden: åäö ÅÄÖ'
    assert tricky["group"] == "kompetens" and tricky["by"] == "U0KOMPET"
    moved = by_version[(min(made.scenario.entries_2016) + 1, 3, "edited")]
    assert (moved["group"], moved["by"], moved["author"]) == ("naringsliv", COORDINATOR, "U0KOMPET")
    assert by_version[(min(made.scenario.entries_2016) + 2, 1, "created")]["municipalities"] == "Lund, Malmö"

    entries = xml(made.folder / DATA / "entries.xml")
    ns = "{urn:mlr-bot:arkiv:1}"
    found: list[tuple[int, int, str]] = []
    for entry in entries.iter(f"{ns}entry"):
        entry_id = int(entry.get("id", "0"))
        versions = list(entry.iter(f"{ns}version"))
        numbers = [int(version.get("number", "0")) for version in versions]
        found += [(entry_id, number, v.get("event", "")) for number, v in zip(numbers, versions, strict=True)]
        for deleted in entry.iter(f"{ns}deleted"):
            found.append((entry_id, numbers[-1], "deleted"))  # a deletion hides the last version
            assert deleted.get("by") == COORDINATOR
    assert sorted(found) == sorted(expected)
    texts = [t.text for t in entries.iter(f"{ns}text")]
    assert 'Handlingsprogram med "tre" aktiviteter, <klart> & godkänt;\nandra raden: åäö ÅÄÖ' in texts

    premis = xml(made.folder / "metadata/preservation/premis.xml")
    events: list[tuple[int, int, str]] = []
    kinds = {"creation": "created", "modification": "edited", "deletion": "deleted"}
    for event in premis.iter(f"{PREMIS}event"):
        name = event.findtext(f"{PREMIS}eventIdentifier/{PREMIS}eventIdentifierValue") or ""
        if not name.startswith("entry-"):
            continue
        _, number, suffix = name.split("-")
        obj = event.findtext(f"{PREMIS}linkingObjectIdentifier/{PREMIS}linkingObjectIdentifierValue")
        assert obj == f"entry:{number}"
        agent = event.findtext(f"{PREMIS}linkingAgentIdentifier/{PREMIS}linkingAgentIdentifierValue")
        assert agent and event.findtext(f"{PREMIS}eventDateTime")
        version = max(v for i, v, _e in expected if i == int(number)) if suffix == "deleted" else int(suffix[1:])
        events.append((int(number), version, kinds[event.findtext(f"{PREMIS}eventType") or ""]))
    assert sorted(events) == sorted(expected)
    assert made.scenario.entry_2017 not in {i for i, _v, _e in events}

    schema = (made.folder / "schemas/records.xsd").read_bytes()
    for name in ("groups.xml", "plans.xml", "entries.xml", "statements.xml"):
        assert validate_xml((made.folder / DATA / name).read_bytes(), schema) == [], name


def test_the_statements_keep_every_version_with_its_assessment_statuses_and_approval(made: Made) -> None:
    rows = read_csv(made.folder / DATA / "statements.csv")
    assert [(r["group"], r["version"], r["approved"], r["approved_by"]) for r in rows] == [
        ("kompetens", "1", "false", ""),
        ("kompetens", "2", "true", "U0OP"),
        ("sysselsattning", "1", "true", COORDINATOR),
    ]
    sysselsattning = rows[2]
    assert (sysselsattning["assessment"], json.loads(sysselsattning["statuses"])) == (
        "partly",
        {"1": "done", "2": "ongoing"},
    )
    assert sysselsattning["approved_at"] == at(2016, 11, 14).astimezone(ZoneInfo("UTC")).isoformat()
    premis = xml(made.folder / "metadata/preservation/premis.xml")
    approvals = [
        (e.findtext(f"{PREMIS}eventIdentifier/{PREMIS}eventIdentifierValue"),
         e.findtext(f"{PREMIS}linkingAgentIdentifier/{PREMIS}linkingAgentIdentifierValue"))
        for e in premis.iter(f"{PREMIS}event")
        if e.findtext(f"{PREMIS}eventType") == "approval"
    ]  # fmt: skip
    assert approvals == [
        ("statement-kompetens-2016-v2-approved", "U0OP"),
        ("statement-sysselsattning-2016-v1-approved", COORDINATOR),
    ]
    plans = read_csv(made.folder / DATA / "plans.csv")
    assert {r["year"] for r in plans} == {"2017"} and "kompetens" in {r["group"] for r in plans}
    activities = read_csv(made.folder / DATA / "planned_activities.csv")
    assert ("kompetens", "1") in {(r["group"], r["number"]) for r in activities}


def test_people_are_named_as_slack_names_them_asked_once_each_and_ids_alone_without_a_token(made: Made) -> None:
    assert sorted(made.users_info) == sorted(made.scenario.people)  # once per person, and only people
    premis = xml(made.folder / "metadata/preservation/premis.xml")
    people = {
        agent.findtext(f"{PREMIS}agentIdentifier/{PREMIS}agentIdentifierValue"): agent
        for agent in premis.iter(f"{PREMIS}agent")
        if agent.findtext(f"{PREMIS}agentType") == "person"
    }
    assert set(people) == made.scenario.people
    # the loopback Slack's users.info gives the id as the real name
    assert all(agent.findtext(f"{PREMIS}agentName") == user for user, agent in people.items())
    assert all("när paketet skapades" in (agent.findtext(f"{PREMIS}agentNote") or "") for agent in people.values())
    readme = (made.folder / "documentation/README.txt").read_text(encoding="utf-8")
    assert "visningsnamn Slack angav" in readme and "entry_id" in readme and "not_assessed" in readme

    unnamed = xml_of_zip(made.zipped, "metadata/preservation/premis.xml")
    persons = [a for a in unnamed.iter(f"{PREMIS}agent") if a.findtext(f"{PREMIS}agentType") == "person"]
    assert [a.find(f"{PREMIS}agentName") for a in persons] == [None] * len(people)


def test_the_same_database_gives_the_same_data_files_byte_for_byte_and_each_package_an_id_of_its_own(
    made: Made,
) -> None:
    with zipfile.ZipFile(made.zipped) as archive:
        [top] = {member.split("/")[0] for member in archive.namelist()}
        for path in sorted(made.folder.joinpath(DATA).iterdir()):
            if path.suffix in (".csv", ".xml", ".json"):
                assert archive.read(f"{top}/{DATA}{path.name}") == path.read_bytes(), path.name
    assert top != made.folder.name and top.startswith("mlr-2016-")


def test_the_annual_report_is_pdf_a_2b_with_every_font_embedded_and_the_word_file_beside_it(made: Made) -> None:
    pdf = (made.folder / DATA / "arsredovisning-2016.pdf").read_bytes()
    assert pdf_problems(pdf, lang="sv-SE", title=TITLE_2016) == []
    docx = (made.folder / DATA / "arsredovisning-2016.docx").read_bytes()
    assert docx.startswith(b"PK")


def test_archive_verify_passes_and_names_the_file_after_one_byte_of_the_csv_is_changed(
    made: Made, tmp_path: Path
) -> None:
    env = {"DATABASE_URL": made.scenario.database_url}
    for package in (made.folder, made.zipped):
        ok = mlr_bot(tmp_path, "archive", "verify", str(package), env=env)
        assert ok.returncode == 0, ok.stdout + ok.stderr
        assert "stämmer med sina kontrollsummor" in ok.stdout
    copy = tmp_path / made.folder.name
    shutil.copytree(made.folder, copy)
    target = copy / DATA / "entries.csv"
    content = bytearray(target.read_bytes())
    content[len(content) // 2] ^= 0x01
    target.write_bytes(bytes(content))
    changed = mlr_bot(tmp_path, "archive", "verify", str(copy), env=env)
    assert changed.returncode == 1
    assert changed.stdout.splitlines() == [f"{DATA}entries.csv: SHA-256 stämmer inte med METS.xml"]

    broken_zip = tmp_path / "broken.zip"
    with zipfile.ZipFile(made.zipped) as source, zipfile.ZipFile(broken_zip, "w") as out:
        for info in source.infolist():
            data = source.read(info)
            if info.filename.endswith("/entries.csv"):
                data = data.replace(b"Lund, Malm", b"Lund; Malm")
            out.writestr(info, data)
    changed = mlr_bot(tmp_path, "archive", "verify", str(broken_zip), env=env)
    assert changed.returncode == 1
    assert changed.stdout.splitlines() == [f"{DATA}entries.csv: SHA-256 stämmer inte med METS.xml"]

    # An XML file changed and its checksum with it: the package's own XSD still finds it out.
    schema_broken = tmp_path / "schema-broken"
    shutil.copytree(made.folder, schema_broken)
    entries_xml = schema_broken / DATA / "entries.xml"
    changed_xml = entries_xml.read_bytes().replace(b"<kind>result</kind>", b"<kind>resultat</kind>", 1)
    entries_xml.write_bytes(changed_xml)
    relist(schema_broken, REPRESENTATION_METS, "data/entries.xml", changed_xml)
    relist(schema_broken, "METS.xml", REPRESENTATION_METS, (schema_broken / REPRESENTATION_METS).read_bytes())
    invalid = mlr_bot(tmp_path, "archive", "verify", str(schema_broken), env=env)
    assert invalid.returncode == 1
    [line] = invalid.stdout.splitlines()
    assert line.startswith(f"{DATA}entries.xml: följer inte schemat: line ") and "resultat" in line

    not_package = mlr_bot(tmp_path, "archive", "verify", str(tmp_path / "nowhere"), env=env)
    assert not_package.returncode == 2 and "är inget paket" in not_package.stderr
    assert "Traceback" not in not_package.stderr


def relist(package: Path, mets_path: str, href: str, content: bytes) -> None:
    """Give a file's new size and checksum in the METS document that lists it, as a forger would."""
    mets = xml(package / mets_path)
    [element] = [
        f for f in mets.iter(f"{METS}file") for at in f.iter(f"{METS}FLocat") if at.get(f"{XLINK}href") == href
    ]
    element.set("SIZE", str(len(content)))
    element.set("CHECKSUM", hashlib.sha256(content).hexdigest())
    (package / mets_path).write_bytes(etree.tostring(mets, xml_declaration=True, encoding="UTF-8"))


def test_a_year_with_a_statement_waiting_or_not_over_is_packaged_only_as_a_draft_that_says_so(
    made: Made, tmp_path: Path
) -> None:
    env = {"DATABASE_URL": made.scenario.database_url}
    refused = mlr_bot(tmp_path, "archive", "--year", "2017", "--out", str(tmp_path), env=env)
    assert refused.returncode == 2
    assert refused.stderr.strip().splitlines() == [
        "mlr-bot: 2017 kan bara paketeras som utkast: 1 redovisning väntar på godkännande (kompetens). "
        "Lägg till --utkast för ett utkast; inget paket skrevs"
    ]
    assert list(tmp_path.iterdir()) == []
    this_year = datetime.now(STOCKHOLM).year
    current = mlr_bot(tmp_path, "archive", "--year", str(this_year), "--out", str(tmp_path), env=env)
    assert current.returncode == 2 and f"året {this_year} är inte slut" in current.stderr
    assert list(tmp_path.iterdir()) == []

    draft = mlr_bot(tmp_path, "archive", "--year", "2017", "--out", str(tmp_path), "--utkast", env=env)
    assert draft.returncode == 0, draft.stderr
    [package] = list(tmp_path.iterdir())
    description = [e.text or "" for e in xml(package / "metadata/descriptive/description.xml")]
    assert description[0].startswith("UTKAST: ")
    assert "Utkast, inte slutligt: 1 redovisning väntar på godkännande (kompetens)" in description
    assert "DETTA ÄR ETT UTKAST" in (package / "documentation/README.txt").read_text(encoding="utf-8")


def test_bad_input_gets_one_line_exit_2_and_no_package(made: Made, tmp_path: Path) -> None:
    env = {"DATABASE_URL": made.scenario.database_url}
    out = tmp_path / "out"
    out.mkdir()
    a_file = tmp_path / "a-file.txt"
    a_file.write_text("x")
    cases = [
        (["--year", "1999", "--out", str(out)], "1999 har inga poster, planer eller redovisningar att arkivera"),
        (["--year", "2016", "--out", str(tmp_path / "missing")], "går inte att skriva i"),
        (["--year", "2016", "--out", str(a_file)], "går inte att skriva i"),
        (["--year", "2016", "--out", str(out), "--replaces", "../x"], "--ersätter ska vara id:t"),
        (["--out", str(out)], "archive behöver --year"),
    ]
    for args, said in cases:
        done = mlr_bot(tmp_path, "archive", *args, env=env)
        assert done.returncode == 2, (args, done.stderr)
        assert len(done.stderr.strip().splitlines()) == 1 and said in done.stderr, (args, done.stderr)
    # LibreOffice missing: found on no PATH
    empty = tmp_path / "bin"
    empty.mkdir()
    done = mlr_bot(tmp_path, "archive", "--year", "2016", "--out", str(out), env={**env, "PATH": str(empty)})
    assert done.returncode == 2
    assert done.stderr.strip().splitlines()[-1] == (
        "mlr-bot: LibreOffice behövs för årsredovisningens PDF/A men finns inte (installera libreoffice-writer-nogui); "
        "inget paket skrevs"
    )
    assert list(out.iterdir()) == []
    english = mlr_bot(tmp_path, "archive", "--year", "1999", "--out", str(out), env={**env, "MLR_LANGUAGE": "en"})
    assert english.returncode == 2 and "1999 has no entries, plans or statements to archive" in english.stderr
