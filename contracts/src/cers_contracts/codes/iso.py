"""Countries, Canadian provinces and currencies: ISO lists from pycountry, never copied.

Names come in English from pycountry and in French from its gettext catalogues (when installed
with the package; English otherwise). The ``*_options`` lists are the portal's select options,
sorted by their label in the language asked (accents and case ignored).
"""

from __future__ import annotations

import gettext
import unicodedata
from functools import cache
from typing import Any, Literal

import pycountry

from cers_contracts.codes.table import CodeOption

Language = Literal["en", "fr"]
_DOMAINS = {"country": "iso3166-1", "subdivision": "iso3166-2", "currency": "iso4217"}
NOT_CURRENCIES = frozenset(
    {"XAG", "XAU", "XPD", "XPT", "XBA", "XBB", "XBC", "XBD", "XDR", "XSU", "XUA", "XAD"}
    | {"XTS", "XXX"}
)
"""ISO 4217 codes that name no money a declaration's values can be in: precious metals, bond
market and accounting units, special drawing rights, and the testing and "no currency" codes."""
GC_FRENCH_NAMES = {
    "CA-NB": "Nouveau-Brunswick",
    "CA-NT": "Territoires du Nord-Ouest",
    "CA-PE": "Île-du-Prince-Édouard",
}
"""The Government of Canada's French names where pycountry's catalogue spells them otherwise
("Nouveau Brunswick", "Territoires-du-Nord-Ouest", "Île-du-Prince Édouard")."""


def is_country(code: str | None) -> bool:
    """Whether ``code`` is an ISO 3166-1 alpha-2 country code (upper case)."""
    if not code or code != code.upper():
        return False
    return pycountry.countries.get(alpha_2=code) is not None


def is_canadian_province(code: str | None) -> bool:
    """Whether ``code`` is the ISO 3166-2 code of a Canadian province or territory (``CA-ON``)."""
    if not code or not code.startswith("CA-") or code != code.upper():
        return False
    return _subdivision(code) is not None


def is_currency(code: str | None) -> bool:
    """Whether ``code`` is an ISO 4217 alphabetic currency code (upper case)."""
    if not code or code != code.upper() or code in NOT_CURRENCIES:
        return False
    return pycountry.currencies.get(alpha_3=code) is not None


def country_name(code: str, language: Language = "en") -> str | None:
    """The country's name in ``language``, or None for an unknown code."""
    country = pycountry.countries.get(alpha_2=code)
    return None if country is None else _translated("country", country.name, language)


def province_name(code: str, language: Language = "en") -> str | None:
    """The Canadian province's or territory's name in ``language``, or None when unknown."""
    if not is_canadian_province(code):
        return None
    return _subdivision_name(code, str(_subdivision(code).name), language)


def currency_name(code: str, language: Language = "en") -> str | None:
    """The currency's name in ``language``, or None for an unknown code."""
    currency = pycountry.currencies.get(alpha_3=code)
    return None if currency is None else _translated("currency", currency.name, language)


def country_options(language: Language = "en") -> list[CodeOption]:
    """Every ISO 3166-1 country (alpha-2 code), named in ``language``, sorted by name."""
    return _sorted(
        CodeOption(code=c.alpha_2, label=_translated("country", c.name, language))
        for c in pycountry.countries
    )


def subdivision_options(country: str, language: Language = "en") -> list[CodeOption]:
    """The top-level ISO 3166-2 subdivisions of ``country`` (``CA``: the provinces and
    territories), named in ``language``, sorted by name."""
    found = pycountry.subdivisions.get(country_code=country) or []  # type: ignore[no-untyped-call]
    return _sorted(
        CodeOption(code=s.code, label=_subdivision_name(s.code, str(s.name), language))
        for s in found
        if s.parent_code is None
    )


def currency_options(language: Language = "en") -> list[CodeOption]:
    """Every ISO 4217 currency (alphabetic code) but ``NOT_CURRENCIES``, named in
    ``language``, sorted by name."""
    return _sorted(
        CodeOption(code=c.alpha_3, label=_translated("currency", c.name, language))
        for c in pycountry.currencies
        if c.alpha_3 not in NOT_CURRENCIES
    )


def _sorted(options: Any) -> list[CodeOption]:
    return sorted(options, key=lambda option: (_collation_key(option.label), option.code))


def _collation_key(label: str) -> str:
    """``label`` without accents, case folded: "Émirats" sorts among the E."""
    decomposed = unicodedata.normalize("NFKD", label)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def _subdivision(code: str) -> Any:
    # pycountry's subdivision lookup is untyped.
    return pycountry.subdivisions.get(code=code)  # type: ignore[no-untyped-call]


def _subdivision_name(code: str, english: str, language: Language) -> str:
    if language == "fr" and code in GC_FRENCH_NAMES:
        return GC_FRENCH_NAMES[code]
    return _translated("subdivision", english, language)


def _translated(kind: str, english: str, language: Language) -> str:
    return english if language == "en" else _french(_DOMAINS[kind]).gettext(english)


@cache
def _french(domain: str) -> gettext.NullTranslations:
    return gettext.translation(domain, pycountry.LOCALES_DIR, languages=["fr"], fallback=True)
