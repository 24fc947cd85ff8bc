"""Countries, Canadian provinces and currencies: ISO lists from pycountry, never copied.

Names come in English from pycountry and in French from its gettext catalogues (when installed
with the package; English otherwise).
"""

from __future__ import annotations

import gettext
from functools import cache
from typing import Any, Literal

import pycountry

Language = Literal["en", "fr"]
_DOMAINS = {"country": "iso3166-1", "subdivision": "iso3166-2", "currency": "iso4217"}


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
    if not code or code != code.upper():
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
    return _translated("subdivision", str(_subdivision(code).name), language)


def currency_name(code: str, language: Language = "en") -> str | None:
    """The currency's name in ``language``, or None for an unknown code."""
    currency = pycountry.currencies.get(alpha_3=code)
    return None if currency is None else _translated("currency", currency.name, language)


def _subdivision(code: str) -> Any:
    # pycountry's subdivision lookup is untyped.
    return pycountry.subdivisions.get(code=code)  # type: ignore[no-untyped-call]


def _translated(kind: str, english: str, language: Language) -> str:
    return english if language == "en" else _french(_DOMAINS[kind]).gettext(english)


@cache
def _french(domain: str) -> gettext.NullTranslations:
    return gettext.translation(domain, pycountry.LOCALES_DIR, languages=["fr"], fallback=True)
