"""The portal's English and French texts: babel catalogs compiled from ``.po`` files at startup.

``src/cers_gateway/locale/<language>/LC_MESSAGES/messages.po`` is the single source; msgids are the
English texts (the English catalog needs no translations). Templates and code mark texts with
``_("...")``; code that only names a text for later (a page title kept in a table) marks it with
``N_``. Parameters use ``%(name)s``.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

LOCALE_DIR = Path(__file__).resolve().parents[2] / "locale"
DOMAIN = "messages"
LANGUAGES = ("en", "fr")
BABEL_LOCALES = {"en": "en_CA", "fr": "fr_CA"}


def N_(text: str) -> str:  # noqa: N802 - the gettext convention for "translate later"
    """Mark ``text`` for the catalog without translating it now."""
    return text


def load_translations(locale_dir: Path = LOCALE_DIR) -> dict[str, Translations]:
    """Each language's translations, compiled in memory from its ``.po`` file."""
    found: dict[str, Translations] = {}
    for language in LANGUAGES:
        path = locale_dir / language / "LC_MESSAGES" / f"{DOMAIN}.po"
        with path.open("rb") as po:
            catalog = read_po(po, locale=BABEL_LOCALES[language])
        compiled = io.BytesIO()
        write_mo(compiled, catalog)
        compiled.seek(0)
        found[language] = Translations(fp=compiled, domain=DOMAIN)
    return found


class Translator:
    """``gettext`` in one language, with ``%(name)s`` parameters."""

    def __init__(self, translations: Translations, language: str) -> None:
        self._translations = translations
        self.language = language

    def __call__(self, text: str, **params: Any) -> str:
        translated = self._translations.gettext(text)
        return translated % params if params else translated


PORTAL_DIR = Path(__file__).resolve().parent
EXTRACTION = [("**/templates/**.html", "jinja2.ext:babel_extract"), ("**.py", "python")]
KEYWORDS = {"_": None, "N_": None, "t": None}


def used_msgids(portal_dir: Path = PORTAL_DIR) -> set[str]:
    """Every text the portal's templates and code mark for translation."""
    from babel.messages.extract import extract_from_dir

    found = extract_from_dir(
        str(portal_dir), EXTRACTION, keywords=KEYWORDS, comment_tags=(), strip_comment_tags=True
    )
    return {message for _, _, message, _, _ in found if isinstance(message, str) and message}


def update_catalogs(locale_dir: Path = LOCALE_DIR) -> dict[str, int]:
    """Add the texts in use to each ``.po`` file (translations kept; unused ones dropped).

    Returns how many texts each catalog lacks a translation for (English needs none).
    """
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    used = sorted(used_msgids())
    missing: dict[str, int] = {}
    for language in LANGUAGES:
        path = locale_dir / language / "LC_MESSAGES" / f"{DOMAIN}.po"
        old = read_po(path.open("rb"), locale=BABEL_LOCALES[language]) if path.exists() else None
        catalog = Catalog(
            locale=BABEL_LOCALES[language],
            project="CERS gateway",
            domain=DOMAIN,
            creation_date=old.creation_date if old else None,
            fuzzy=False,
        )
        for msgid in used:
            previous = old.get(msgid) if old else None
            catalog.add(msgid, previous.string if previous else "")
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as po:
            write_po(po, catalog, width=100, omit_header=False, no_location=True)
        missing[language] = sum(1 for msgid in used if not catalog[msgid].string)
    return missing


if __name__ == "__main__":
    print(update_catalogs())
