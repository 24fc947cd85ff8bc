"""The ISO selects of the portal's forms: countries, provinces, states and currencies, from the
code tables in ``cers_contracts.codes.iso`` (pycountry), labelled in the user's language and
sorted by label (built once per language).

A value already in a form that the lists do not hold (a draft saved through the API, a code
retired from ISO) is still shown and kept: the select macros add it as an option of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from cers_contracts.codes import CodeOption, Language
from cers_contracts.codes.iso import (
    country_name,
    country_options,
    currency_options,
    subdivision_options,
)

Options = list[tuple[str, str]]
REGION_COUNTRIES = ("CA", "US")
"""The countries whose provinces or states an address select offers (the others have none)."""


def _labelled(options: list[CodeOption]) -> Options:
    return [(o.code, f"{o.label} ({o.code})") for o in options]


@dataclass(frozen=True)
class IsoSelects:
    """The options of each ISO select, in one language."""

    countries: Options
    currencies: Options
    provinces: Options
    """Canada's provinces and territories (a commodity line's province of origin)."""
    regions: list[tuple[str, Options]]
    """An address's province or state: Canada's provinces and territories, then the US states,
    each group under its country's name."""


@cache
def _iso_selects(lang: Language) -> IsoSelects:
    return IsoSelects(
        countries=_labelled(country_options(lang)),
        currencies=_labelled(currency_options(lang)),
        provinces=_labelled(subdivision_options("CA", lang)),
        regions=[
            (country_name(c, lang) or c, _labelled(subdivision_options(c, lang)))
            for c in REGION_COUNTRIES
        ],
    )


def iso_selects(language: str) -> IsoSelects:
    """The ISO selects labelled in ``language`` (English unless French)."""
    return _iso_selects("fr" if language == "fr" else "en")
