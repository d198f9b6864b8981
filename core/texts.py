"""Everything the bot says, from the gettext catalogues in core/locale (Swedish the source, English a translation).
`say(lang, key, **params)` picks and fills one; docs/translating.md tells how the catalogues are edited."""

from __future__ import annotations

import gettext
import io
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Literal

from babel.dates import format_date
from babel.lists import format_list
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

DOMAIN = "mlr"
SOURCE_LANGUAGE = "sv"
_LOCALE_DIR = Path(__file__).with_name("locale")


def _read(locale_dir: Path, lang: str) -> Catalog:
    with (locale_dir / lang / "LC_MESSAGES" / f"{DOMAIN}.po").open("rb") as file:
        return read_po(file, locale=lang, domain=DOMAIN)


def _translations(catalog: Catalog) -> gettext.NullTranslations:
    """The catalogue compiled in memory (no .mo files to build or ship): gettext's own lookup, with Babel's
    reading of the .po and its CLDR plural rule."""
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


def _locales(locale_dir: Path) -> dict[str, str]:
    """Each catalogue's CLDR locale (its header's Language: sv_SE, en_GB), for dates, lists and plurals."""
    return {lang: str(_read(locale_dir, lang).locale or lang) for lang in _languages(locale_dir)}


def _languages(locale_dir: Path) -> list[str]:
    found = sorted(path.name for path in locale_dir.iterdir() if (path / "LC_MESSAGES" / f"{DOMAIN}.po").is_file())
    return [SOURCE_LANGUAGE, *(lang for lang in found if lang != SOURCE_LANGUAGE)]


@dataclass(frozen=True)
class Catalogues:
    """The catalogues found: each language's texts by key, and the plural messages (`msgid_plural`), each
    said by gettext's ngettext with the plural rule of its catalogue's header (Babel writes CLDR's)."""

    texts: dict[str, dict[str, str]]
    counted: dict[str, tuple[str, str]]  # a plural message's key: its Swedish singular and plural
    translations: dict[str, gettext.NullTranslations]

    def plural(self, lang: str, key: str, count: int) -> str:
        one, other = self.counted[key]
        return self.translations[lang].npgettext(key, one, other, count)


def load(locale_dir: Path = _LOCALE_DIR) -> Catalogues:
    """Every language with a catalogue under core/locale; Swedish is the source: msgctxt is the key the code
    passes, msgid the Swedish text. A text a catalogue lacks (or marks fuzzy) falls back to the Swedish."""
    texts: dict[str, str] = {}
    counted: dict[str, tuple[str, str]] = {}
    for message in _read(locale_dir, SOURCE_LANGUAGE):
        if message.context and isinstance(message.id, str):
            texts[message.context] = message.id
        elif message.context and isinstance(message.id, tuple | list):
            counted[message.context] = (message.id[0], message.id[1])
    catalogues: dict[str, dict[str, str]] = {}
    translations: dict[str, gettext.NullTranslations] = {}
    for lang in _languages(locale_dir):
        translations[lang] = (
            gettext.NullTranslations() if lang == SOURCE_LANGUAGE else _translations(_read(locale_dir, lang))
        )
        catalogues[lang] = {key: translations[lang].pgettext(key, text) for key, text in texts.items()}
    return Catalogues(catalogues, counted, translations)


_LOADED = load()
CATALOGUES = _LOADED.texts
COUNTED = _LOADED.counted
LANGUAGES = tuple(CATALOGUES)
LOCALES = _locales(_LOCALE_DIR)
# The texts that say a count: `status.counts` fills its `{week}` from the plural message `status.counts.week`.
_COUNTS: dict[str, list[str]] = {}
for _key in COUNTED:
    _COUNTS.setdefault(_key.rsplit(".", 1)[0], []).append(_key.rsplit(".", 1)[1])


def plural(lang: str, key: str, count: int) -> str:
    """A plural message in the language's own plural forms: `{n} post` for 1, `{n} poster` otherwise."""
    return _LOADED.plural(lang, key, count)


def day(lang: str, value: date, pattern: str = "d MMMM y") -> str:
    """A date in the language's own CLDR words: `22 november 2026`, `22 November 2026`."""
    return format_date(value, pattern, locale=LOCALES[lang])


def weekday(lang: str, value: date) -> str:
    return day(lang, value, "EEEE")


def listed(lang: str, items: list[str], *, style: Literal["standard", "or"] = "standard") -> str:
    """Items as the language joins them in a sentence (CLDR): `Lund, Malmö och Höör`; style "or" for
    alternatives: `a` eller `b`."""
    return format_list(items, style=style, locale=LOCALES[lang]) if items else ""


def span(lang: str, first: date, last: date) -> str:
    """`16–22 november 2026`, `30 november–6 december 2026`, `28 december 2026–3 januari 2027`: the
    shared month and year said once, with an en dash and no spaces (as the bot has always written it)."""
    if (first.year, first.month) == (last.year, last.month):
        start = day(lang, first, "d")
    elif first.year == last.year:
        start = day(lang, first, "d MMMM")
    else:
        start = day(lang, first)
    return f"{start}–{day(lang, last)}"


# A placeholder the texts write as people read it (`/mlr plan <grupp>`) would be taken by Slack for
# markup: it is sent escaped. Slack's own markup (<@U…>, <#C…>, <!…>, links) is left as it is.
_PLACEHOLDER = re.compile(r"<((?![@#!]|https?:|mailto:)[^<>]*)>")


class Markup(str):
    """A parameter that is already Slack markup the bot made on purpose (mentions like `<@U…>`), so a
    builder that escapes the parameters of a sentence (handlers.blocks.common.say_mrkdwn) leaves it be."""

    __slots__ = ()


class Alternatives(tuple[str, ...]):
    """A parameter that is a choice among items, said as the language says one: `a` eller `b`, `a` or `b`."""

    __slots__ = ()


def _counted(lang: str, message_id: str, params: dict[str, Any]) -> dict[str, Any]:
    """Each count a text says, with its words in the number's plural form: `{week}` 2 -> `2 poster loggade`;
    alternatives joined as the language joins them."""
    said = {
        key: listed(lang, list(value), style="or") if isinstance(value, Alternatives) else value
        for key, value in params.items()
    }
    for field in _COUNTS.get(message_id, ()):
        if field in params:
            said[field] = plural(lang, f"{message_id}.{field}", int(params[field])).format(**params)
    return said


def say(lang: str, message_id: str, /, **params: Any) -> str:
    template = _PLACEHOLDER.sub(r"&lt;\1&gt;", CATALOGUES[lang][message_id])
    return template.format(**_counted(lang, message_id, params))


def say_plain(lang: str, message_id: str, /, **params: Any) -> str:
    """The sentence as a terminal or a form's error shows it: placeholders as written, nothing escaped."""
    return CATALOGUES[lang][message_id].format(**_counted(lang, message_id, params))


def render(lang: str, message_id: str, params: dict[str, Any]) -> str:
    """A refusal or usage error as a sentence; an empty list of coordinators is said as such."""
    if "coordinators" in params and not params["coordinators"]:
        params = {**params, "coordinators": say(lang, "error.no_coordinators")}
    return say(lang, message_id, **params)
