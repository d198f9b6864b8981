"""The gettext catalogues in core/locale: every key the code passes is in every catalogue, every catalogue key is
used by the code, and every translation has the placeholders of its Swedish source (Babel's own check knows only
%-style placeholders)."""

from __future__ import annotations

import ast
import re
import shutil
import string
from datetime import date, timedelta
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from core import dates
from core.dates import Week
from core.texts import CATALOGUES, COUNTED, DOMAIN, LANGUAGES, LOCALES, SOURCE_LANGUAGE, load, plural, say, weekday

ROOT = Path(__file__).resolve().parents[2]
LOCALE = ROOT / "core" / "locale"
CODE = [path for package in ("bot", "core", "handlers", "storage") for path in sorted((ROOT / package).rglob("*.py"))]

# The callables that take a catalogue key, and the position of the key among their arguments (core.texts.render
# takes three arguments; the report's render(report, "docx") is another function).
KEY_ARGUMENT = {"say": 1, "say_plain": 1, "say_mrkdwn": 1, "help_text": 0, "UsageError": 0, "Refusal": 0, "_Bad": 0}


def _name(func: ast.expr) -> str:
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def _position(call: ast.Call) -> int | None:
    name = _name(call.func)
    return 1 if name == "render" and len(call.args) == 3 else KEY_ARGUMENT.get(name)


def _literal(node: ast.expr) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


class _Scan:
    """What the code passes as a key: literals, and the fixed start or end of a key made at run time
    (`f"goal.{…}"`, `"archive.problem." + …`, `message + "_not_saved"`)."""

    def __init__(self) -> None:
        self.passed: dict[str, str] = {}
        self.prefixes: dict[str, str] = {}
        self.suffixes: set[str] = set()
        self.literals: set[str] = set()
        for path in CODE:
            where = str(path.relative_to(ROOT))
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if (text := _literal(node)) is not None:  # type: ignore[arg-type]
                    self.literals.add(text)
                if (
                    isinstance(node, ast.Call)
                    and (position := _position(node)) is not None
                    and len(node.args) > position
                ):
                    self._key(node.args[position], f"{where}:{node.lineno}")

    def _key(self, node: ast.expr, where: str) -> None:
        if (text := _literal(node)) is not None:
            self.passed[text] = where
        elif isinstance(node, ast.IfExp):
            self._key(node.body, where)
            self._key(node.orelse, where)
        elif isinstance(node, ast.JoinedStr) and node.values and (start := _literal(node.values[0])):
            self.prefixes[start] = where
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            if start := _literal(node.left):
                self.prefixes[start] = where
            for end in _ends(node.right):
                self.suffixes.add(end)

    def uses(self, key: str) -> bool:
        return (
            key in self.literals
            or any(key.startswith(prefix) for prefix in self.prefixes)
            or any(key.endswith(end) and key.removesuffix(end) in self.literals for end in self.suffixes)
        )


def _ends(node: ast.expr) -> list[str]:
    """`"_not_saved"`, or each side of `("_not_saved" if saving else "")`."""
    if isinstance(node, ast.IfExp):
        return _ends(node.body) + _ends(node.orelse)
    return [text] if (text := _literal(node)) else []


SCAN = _Scan()
PASSED, PREFIXES = SCAN.passed, SCAN.prefixes


def _fields(template: str) -> set[tuple[str, str | None]]:
    return {(name, conversion) for _, name, _, conversion in string.Formatter().parse(template) if name is not None}


def test_the_scan_finds_the_calls() -> None:
    """The scan below is only a check if it sees the code's calls: hundreds of keys, and the dynamic ones."""
    assert len(PASSED) > 300
    assert {"goal.", "help.topic.", "archive.problem."} <= set(PREFIXES)
    assert "_not_saved" in SCAN.suffixes


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_key_the_code_passes_is_in_every_catalogue(lang: str) -> None:
    missing = {key: where for key, where in PASSED.items() if key not in CATALOGUES[lang]}
    assert not missing, missing
    no_match = {
        prefix: where
        for prefix, where in PREFIXES.items()
        if not any(key.startswith(prefix) for key in CATALOGUES[lang])
    }
    assert not no_match, no_match


def test_every_catalogue_key_is_used_by_the_code() -> None:
    unused = [key for key in CATALOGUES[SOURCE_LANGUAGE] if not SCAN.uses(key)]
    assert not unused, unused
    # A plural message `status.counts.week` is said by `status.counts` for its field `{week}`.
    orphans = [
        key
        for key in COUNTED
        if (parent := key.rsplit(".", 1)[0]) not in CATALOGUES[SOURCE_LANGUAGE]
        or key.rsplit(".", 1)[1] not in {name for name, _ in _fields(CATALOGUES[SOURCE_LANGUAGE][parent])}
    ]
    assert not orphans, orphans


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != SOURCE_LANGUAGE])
def test_every_translation_has_the_placeholders_of_its_swedish_source(lang: str) -> None:
    source = CATALOGUES[SOURCE_LANGUAGE]
    differ = {
        key: (sorted(_fields(source[key]), key=str), sorted(_fields(text), key=str))
        for key, text in CATALOGUES[lang].items()
        if _fields(text) != _fields(source[key])
    }
    assert not differ, differ


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != SOURCE_LANGUAGE])
def test_every_plural_form_has_the_placeholders_of_its_swedish_source(lang: str) -> None:
    """Every form the language's plural rule picks (0 to 200 covers CLDR's categories for whole numbers)."""
    differ = {
        (key, count): plural(lang, key, count)
        for key, (one, other) in COUNTED.items()
        for count in range(201)
        if _fields(plural(lang, key, count)) != _fields(one) or _fields(one) != _fields(other)
    }
    assert not differ, differ


@pytest.mark.parametrize(
    ("lang", "key", "params", "said"),
    [
        ("sv", "db.verify_found", {"count": 1}, "1 fel hittade"),
        ("en", "db.verify_found", {"count": 1}, "1 finding"),
        ("en", "db.verify_found", {"count": 0}, "0 findings"),
        ("sv", "cli.groups_loaded", {"added": 1, "updated": 0, "unchanged": 5}, "1 tillagd, 0 ändrade, 5 oförändrade"),
        ("en", "archive.differs", {"path": "p", "count": 1}, "p: 1 file differs"),
        ("en", "archive.differs", {"path": "p", "count": 21}, "p: 21 files differ"),
    ],
)
def test_a_count_is_said_by_its_languages_plural_rule(lang: str, key: str, params: dict[str, int], said: str) -> None:
    assert say(lang, key, **params) == said


def test_a_language_with_more_plural_forms_gets_them_from_cldr(tmp_path: Path) -> None:
    """A Polish catalogue made by Babel has CLDR's three forms for whole numbers, and ngettext picks them."""
    shutil.copytree(LOCALE, tmp_path / "locale")
    with (LOCALE / "en" / "LC_MESSAGES" / f"{DOMAIN}.po").open("rb") as file:
        english = read_po(file)
    polish = Catalog(locale="pl", domain=DOMAIN)
    for message in english:
        if message.context == "cli.exported.count":
            polish.add(message.id, ("{count} wpis", "{count} wpisy", "{count} wpisów"), context=message.context)
    (tmp_path / "locale" / "pl" / "LC_MESSAGES").mkdir(parents=True)
    with (tmp_path / "locale" / "pl" / "LC_MESSAGES" / f"{DOMAIN}.po").open("wb") as file:
        write_po(file, polish)
    loaded = load(tmp_path / "locale")
    said = [loaded.plural("pl", "cli.exported.count", n).format(count=n) for n in (1, 3, 5, 22, 25)]
    assert said == ["1 wpis", "3 wpisy", "5 wpisów", "22 wpisy", "25 wpisów"]


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != SOURCE_LANGUAGE])
def test_every_translation_is_of_todays_swedish_text(lang: str) -> None:
    """A translation's msgid is the Swedish it was made from: when the Swedish changes, the translation is
    looked at again (a message the source no longer has is an error too)."""
    with (LOCALE / SOURCE_LANGUAGE / "LC_MESSAGES" / f"{DOMAIN}.po").open("rb") as file:
        source = {message.context: message.id for message in read_po(file) if message.context}
    with (LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.po").open("rb") as file:
        translated = {message.context: message.id for message in read_po(file) if message.context}
    assert translated == source


def test_a_placeholders_mismatch_is_found() -> None:
    """The check above can fail: `{count}` renamed in a translation is a difference."""
    assert _fields("{count} {count:post|poster} till {out}") != _fields("{n} entries to {out}")
    assert _fields("{value!r}") != _fields("{value}")


def test_the_languages_are_the_catalogues_found(tmp_path: Path) -> None:
    """A third language is a catalogue more, not code: a Danish catalogue is offered, and a text it has not
    translated yet is said in Swedish."""
    shutil.copytree(LOCALE, tmp_path / "locale")
    danish = tmp_path / "locale" / "da" / "LC_MESSAGES" / f"{DOMAIN}.po"
    danish.parent.mkdir(parents=True)
    po = (LOCALE / "en" / "LC_MESSAGES" / f"{DOMAIN}.po").read_text(encoding="utf-8")
    po = po.replace('"Language: en\\n"', '"Language: da\\n"')
    po = re.sub(r'(msgctxt "kind.result"\nmsgid "Resultat"\n)msgstr "Result"', r'\1msgstr "Resultat"', po)
    po = re.sub(r'(msgctxt "kind.activity"\nmsgid "Aktivitet"\n)msgstr "Activity"', r'\1msgstr ""', po)
    danish.write_text(po, encoding="utf-8")
    catalogues = load(tmp_path / "locale").texts
    assert list(catalogues) == ["sv", "da", "en"]
    assert catalogues["da"]["kind.result"] == "Resultat"
    assert catalogues["da"]["kind.activity"] == "Aktivitet"
    assert catalogues["en"]["kind.activity"] == "Activity"
    assert set(LANGUAGES) == {path.name for path in LOCALE.iterdir() if path.is_dir()}


@pytest.mark.parametrize(
    ("lang", "week", "label"),
    [
        ("sv", Week(2026, 47), "v. 47 (16–22 november 2026)"),
        ("en", Week(2026, 47), "week 47 (16–22 November 2026)"),
        ("sv", Week(2026, 49), "v. 49 (30 november–6 december 2026)"),
        ("en", Week(2026, 49), "week 49 (30 November–6 December 2026)"),
        ("sv", Week(2026, 53), "v. 53 (28 december 2026–3 januari 2027)"),
        ("en", Week(2026, 53), "week 53 (28 December 2026–3 January 2027)"),
    ],
)
def test_a_weeks_dates_are_said_by_cldr_as_before(lang: str, week: Week, label: str) -> None:
    assert week.label(lang) == label


def test_months_and_weekdays_come_from_cldr_not_from_our_own_tables() -> None:
    assert not any(key.startswith(("weekday.", "month.")) for key in CATALOGUES[SOURCE_LANGUAGE])
    assert not hasattr(dates, "MONTHS")
    assert [weekday("sv", date(2026, 11, 16) + timedelta(days=n)) for n in (0, 5, 6)] == ["måndag", "lördag", "söndag"]
    assert weekday("en", date(2026, 11, 18)) == "Wednesday"
    assert LOCALES == {"sv": "sv_SE", "en": "en_GB"}
