"""`mlr-bot console` tries everything without Slack: buttons are numbered choices a typed number
clicks, forms are asked field by field with the pre-filled values as defaults, and a file the bot
sends in a DM is written to disk. Driven through its standard input, as a newcomer would type."""

from __future__ import annotations

import re
from pathlib import Path

from storage import audit
from storage.db import Database
from storage.entries import list_entries
from storage.plans import get_statement, list_planned_activities
from tests.e2e.test_cli import mlr_bot


def console(
    database_url: str, tmp_path: Path, *lines: str, coordinator: bool = True, env: dict[str, str] | None = None
) -> str:
    args = ["console", "--coordinator"] if coordinator else ["console", "--user", "U0NYKOMLING"]
    result = mlr_bot(args, database_url=database_url, cwd=tmp_path, stdin="\n".join([*lines, ":q"]) + "\n", env=env)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stdout + result.stderr, result.stdout + result.stderr
    return result.stdout


def test_a_typed_number_clicks_the_delete_buttons_after_their_confirmation(database_url: str, tmp_path: Path) -> None:
    out = console(
        database_url,
        tmp_path,
        "/mlr koppla bostad",
        "/mlr resultat Workshop genomförd",
        "/mlr resultat Möte med Business Arena",
        "/mlr radera 1",
        "1",
        "j",
        "/mlr radera 2",
        "2",
    )
    assert "[4.1] Ta bort" in out and "[4.2] Avbryt" in out and "[5.2] Avbryt" in out
    assert "Ta bort posten? Post #1 döljs" in out and "Skriv j för Ta bort" in out
    assert "Post #1 är borttagen" in out and "Post #2 är kvar; inget togs bort" in out
    db = Database(database_url)
    with db.read() as session:
        entries = {e.id: e for e in list_entries(session, include_deleted=True)}
    db.dispose()
    assert entries[1].deleted_at is not None and entries[2].deleted_at is None


def test_a_list_pages_with_a_typed_number(database_url: str, tmp_path: Path) -> None:
    logged = [f"/mlr aktivitet Forummöte {n}" for n in range(23)]
    out = console(database_url, tmp_path, "/mlr koppla forum", *logged, "/mlr lista", "1")
    assert "Poster 1–20 av 23" in out and "[25.1] Nästa →" in out
    assert "Poster 21–23 av 23" in out and "Forummöte 22" in out and "[25.1] ← Föregående" in out


def test_the_log_form_is_asked_field_by_field_with_defaults(database_url: str, tmp_path: Path) -> None:
    out = console(
        database_url,
        tmp_path,
        "/mlr koppla kompetens",
        "/mlr plan kompetens 2026",  # the form offers this year's planned activities: 2017's, carried over
        "",  # the goal
        "",  # the description
        *[""] * 20,  # one field per activity: (1)-(3) keep 2017's, the rest stay empty
        "",  # the text after the activities: none
        "/mlr resultat",
        "",  # group: the channel's, kompetens
        "2",  # kind: activity
        "2026-03-10",
        "1",  # planned activity (1) of kompetens
        "2, 3",  # Eslöv, Höör
        "Industrinatten genomförd",
        "i Lund",
        "",  # the empty line ends the text
    )
    assert "[Enter = Långsiktig kompetensförsörjning (kompetens)]" in out and "[Enter = Resultat]" in out
    assert "Formuläret är skickat." in out
    assert "Planerad aktivitet: (1) öka intresset för yrkesprogram" in out and "Kommuner: Eslöv, Höör" in out
    db = Database(database_url)
    with db.read() as session:
        [entry] = list_entries(session)
    db.dispose()
    assert (entry.group_key, entry.kind, entry.occurred_on.isoformat()) == ("kompetens", "activity", "2026-03-10")
    assert (entry.activity_number, entry.municipalities) == (1, ["Eslöv", "Höör"])
    assert entry.text == "Industrinatten genomförd\ni Lund"


def test_a_wrong_answer_is_asked_again_and_the_form_can_be_cancelled(database_url: str, tmp_path: Path) -> None:
    out = console(database_url, tmp_path, "/mlr koppla bostad", "/mlr resultat", "99", "", "", "i går", ":avbryt")
    assert "Skriv ett av numren i listan." in out and "Skriv datumet som ÅÅÅÅ-MM-DD" in out
    assert "Formuläret är avbrutet; inget skickades." in out
    db = Database(database_url)
    with db.read() as session:
        assert list_entries(session) == []
    db.dispose()


def test_the_edit_form_keeps_every_value_but_the_one_changed(database_url: str, tmp_path: Path) -> None:
    out = console(
        database_url,
        tmp_path,
        "/mlr koppla bostad",
        "/mlr resultat kommuner:Kävlinge Workshop datum:2016-10-18",
        "/mlr ändra 1",
        "",
        "",
        "",
        "",  # municipalities: keep Kävlinge
        "Workshop om goda exempel genomförd",
        "",
    )
    assert "[Enter = 2016-10-18]" in out and "[Enter = Kävlinge]" in out and "[Enter = Workshop]" in out
    assert "Post #1 är ändrad (version 2)" in out
    assert "Nu: Resultat för *Stimulera ökat bostadsbyggande* (`bostad`)" in out
    assert "Hände: 2016-10-18 · Planerad aktivitet: ingen angiven · Kommuner: Kävlinge" in out
    assert "> Workshop om goda exempel genomförd" in out
    db = Database(database_url)
    with db.read() as session:
        [entry] = list_entries(session)
        events = audit.list_audit_events(session, subject="entry:1")
    db.dispose()
    assert (entry.text, entry.occurred_on.isoformat(), entry.municipalities) == (
        "Workshop om goda exempel genomförd",
        "2016-10-18",
        ["Kävlinge"],
    )
    assert [e.action for e in events] == ["entry.add", "entry.update"]


def test_the_plan_form_and_the_follow_up_prompts_button_and_statement_form(database_url: str, tmp_path: Path) -> None:
    out = console(
        database_url,
        tmp_path,
        "/mlr koppla kompetens",
        "/mlr plan kompetens 2017",
        "",  # the goal
        "",  # the description
        "Industrinatten 2017",  # activity (1), ended by an empty line
        "",
        "Event med LTH:s teknologkår",  # activity (2)
        "",
        "-",  # activity (3), which the shipped plan has, left empty
        *[""] * 19,  # the rest of the activities and the text after them: empty
        "/mlr resultat (1) Industrinatten genomförd datum:2017-03-10",
        "/mlr uppföljning start 2017",
        "1",  # the prompt's button opens the statement form
        "2",  # the goal: delvis
        "Hälften av aktiviteterna är gjorda.",  # the reason, ended by an empty line
        "",
        "",  # (1): keep what was drafted from the log
        "1",  # (1)'s status: genomförd
        "Eventet hölls i maj",  # (2)
        "",
        "2",  # (2)'s status: pågår
        "",  # other: nothing
    )
    assert "Planen för `kompetens` 2017 är sparad, med 2 numrerade aktiviteter." in out
    assert "[5.1] Lämna resultaten för 2017" in out
    assert "[Enter = • Industrinatten genomförd (2017-03-10)]" in out
    assert "har lämnat ett utkast till resultaten för 2017 (version 1)" in out and "[6.1] Godkänn version 1" in out
    db = Database(database_url)
    with db.read() as session:
        assert [a.text for a in list_planned_activities(session, group_key="kompetens", year=2017)] == [
            "Industrinatten 2017",
            "Event med LTH:s teknologkår",
        ]
        statement = get_statement(session, group_key="kompetens", year=2017)
    db.dispose()
    assert statement is not None and "Eventet hölls i maj" in str(statement.parts)
    assert (statement.assessment, statement.statuses) == ("partly", {"1": "done", "2": "ongoing"})


def test_a_report_sent_in_a_dm_is_written_to_a_file_whose_path_is_printed(database_url: str, tmp_path: Path) -> None:
    out = console(
        database_url, tmp_path, "/mlr koppla bostad", "/mlr resultat Workshop datum:2016-10-18", "/mlr rapport 2016"
    )
    [path] = re.findall(r"sparad i (\S+\.docx)", out)
    saved = Path(path)
    assert saved.is_file() and saved.read_bytes()[:2] == b"PK"  # a Word document is a zip file
    assert saved.parent == tmp_path / "mlr-console-files"


def test_a_newcomer_without_a_group_is_told_who_can_add_entries(database_url: str, tmp_path: Path) -> None:
    out = console(database_url, tmp_path, "/mlr resultat grupp:bostad Möte", "/mlr lista bostad", coordinator=False)
    assert out.count("har ingen kopplad kanal än, så bara koordinatorerna") == 2
    assert "Inget sparades." in out


def test_the_follow_up_with_sign_off_keeps_every_answers_buttons(database_url: str, tmp_path: Path) -> None:
    """Answers are numbered and keep their buttons: after :avbryt the prompt's button is clicked again as 4.1,
    and the draft is approved as 6.1 after other answers came in between; :svar lists what can be clicked."""
    out = console(
        database_url,
        tmp_path,
        "/mlr koppla kompetens",  # [1]
        "/mlr resultat (1) Industrinatten genomförd datum:2017-03-10",  # [2]
        "/mlr uppföljning start 2017",  # [3] the answer to the coordinator, [4] the prompt in the channel
        "1",  # a bare number: the newest answer's button, the prompt's
        ":avbryt",
        "/mlr grupper",  # [5]
        "4.1",  # back to the prompt's button, an answer later
        "2",  # the goal: delvis
        "Hälften av aktiviteterna är gjorda.",
        "",
        "",  # (1): keep what was drafted from the log
        "1",  # genomförd
        "Eventet hölls i maj",  # (2)
        "",
        "2",  # pågår
        "-",  # (3): left empty
        "",
        "3",  # ej påbörjad
        "",  # other: nothing
        "/mlr uppföljning status 2017",  # [7]
        ":svar",
        "6.1",  # the draft's button, with another answer in between
    )
    assert "[1] svar (synligt i kanalen)" in out and "[5] svar (bara du ser detta)" in out
    assert "[3] svar (bara du ser detta)\nÅrsuppföljningen 2017 är startad" in out
    assert "[4] meddelande i C0KONSOL (synligt i kanalen)" in out and "[4.1] Lämna resultaten för 2017" in out
    assert "uppnått under 2017?" in out and "i år" not in out
    assert out.count("[formulär öppnat: Resultat 2017.") == 2 and "Formuläret är avbrutet" in out
    assert "Motivering, en eller två meningar: behövs utom vid ”ej bedömd” (- lämnar fältet tomt)" in out
    assert "[6] meddelande i C0KONSOL (synligt i kanalen)" in out and "[6.1] Godkänn version 1" in out
    listed = out.split("Svar med knappar", 1)[1]
    assert "[4.1] Lämna resultaten för 2017" in listed and "[6.1] Godkänn version 1" in listed
    assert "[6] svar, uppdaterat (synligt i kanalen)" in out and "har godkänt version 1" in out
    db = Database(database_url)
    with db.read() as session:
        statement = get_statement(session, group_key="kompetens", year=2017)
    db.dispose()
    assert statement is not None and statement.approved_at is not None
    assert (statement.assessment, statement.statuses) == ("partly", {"1": "done", "2": "ongoing", "3": "not_started"})


def test_a_bare_number_without_buttons_since_the_last_line_says_how_to_click(database_url: str, tmp_path: Path) -> None:
    out = console(
        database_url, tmp_path, "/mlr koppla bostad", "/mlr resultat Workshop", "/mlr radera 1", "/mlr grupper", "1"
    )
    assert "Det finns inget val 1. Skriv svarets och knappens nummer som de står inom [ ], t.ex. 3.1" in out
    db = Database(database_url)
    with db.read() as session:
        assert [e.deleted_at for e in list_entries(session, include_deleted=True)] == [None]
    db.dispose()


def test_the_log_goes_to_a_file_and_the_screen_says_where(database_url: str, tmp_path: Path) -> None:
    out = console(database_url, tmp_path, "/mlr koppla kompetens", "/mlr uppföljning start 2017")
    log = tmp_path / "mlr-console.log"
    assert f"Botens logg skrivs till {log}." in out
    assert "INFO" not in out and "followup_prompt 2017 posted to C0KONSOL" in log.read_text(encoding="utf-8")
    chosen = tmp_path / "loggar" / "konsol.log"
    chosen.parent.mkdir()
    args = ["console", "--coordinator", "--logg", str(chosen)]
    result = mlr_bot(args, database_url=database_url, cwd=tmp_path, stdin="/mlr hjälp\n:q\n")
    assert f"Botens logg skrivs till {chosen}." in result.stdout and "INFO" not in result.stdout + result.stderr
    assert chosen.is_file()
    missing = mlr_bot(
        ["console", "--logg", str(tmp_path / "finns-inte" / "x.log")], database_url=database_url, cwd=tmp_path
    )
    assert missing.returncode == 2 and "Traceback" not in missing.stderr
    folder = tmp_path / "finns-inte"
    assert missing.stderr.strip() == (
        f"mlr-bot: --logg: det går inte att skriva till {folder / 'x.log'} (mappen {folder} finns inte)"
    )


def test_the_bots_answer_prints_before_what_it_then_sends_and_a_dm_is_named_so(
    database_url: str, tmp_path: Path
) -> None:
    out = console(
        database_url,
        tmp_path,
        "/mlr koppla bostad",
        "/mlr resultat Workshop datum:2016-10-18",
        "/mlr rapport 2016",
        ":user U0ANNA",
        "/mlr gruppledare lägg till @anna bostad",
    )
    assert out.index("[3] svar (bara du ser detta)\nRapporten för 2016 tas fram") < out.index(
        "[4] direktmeddelande (bara du ser detta)\nEn fil i direktmeddelandet, sparad i"
    )
    assert "Du är nu U0ANNA i kanalen C0KONSOL." in out
    assert "(I konsolen nämner du en person med dess id, t.ex. @U0ANNA" in out


def test_the_readmes_whole_tour_runs_without_a_dead_end(database_url: str, tmp_path: Path) -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    block = readme.split("A whole tour, the year's follow-up", 1)[1].split("```", 2)[1]
    typed = [re.split(r"\s{2,}", line.strip())[0] for line in block.strip().splitlines()]
    lines: list[str] = []
    for line in typed:
        lines.append(line)
        if line == "4":  # ej bedömd, then Enter twice, as the tour says
            lines += ["", ""]
    out = console(database_url, tmp_path, *lines)
    for dead_end in ("Det finns inget val", "Skriv en rad som börjar med /mlr", "Okänt kommando", "Traceback"):
        assert dead_end not in out, dead_end
    assert "[8.2] Avbryt" in out and "Post #2 är kvar" in out
    assert "[10] svar (bara du ser detta)\nÅrsuppföljningen" in out and "[11.1] Lämna resultaten för" in out
    assert "[12.1] Godkänn version 1" in out and "[12] svar, uppdaterat (synligt i kanalen)" in out
    assert "@U0ANNA har godkänt version 1" in out
    assert list((tmp_path / "mlr-console-files").glob("*.docx"))
