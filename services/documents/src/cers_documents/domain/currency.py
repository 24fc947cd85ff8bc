"""Exchange rates to Canadian dollars, for the CAD 2,000 reporting threshold only.

The figures are indicative (one day's published rates, see ``source`` and ``as_of``): good enough
to tell whether a declaration is required, never for valuation.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any


class RatesError(ValueError):
    """The rate table is malformed."""


@dataclass(frozen=True)
class CurrencyRates:
    """How many Canadian dollars one unit of each currency is worth, as of a date."""

    source: str
    as_of: date
    to_cad: Mapping[str, Decimal]

    def convert_to_cad(self, amount: Decimal, currency: str | None) -> Decimal | None:
        """``amount`` in CAD, or None when the currency has no rate."""
        if currency == "CAD":
            return amount
        rate = self.to_cad.get(currency or "")
        return None if rate is None else amount * rate

    @classmethod
    def from_document(cls, document: Mapping[str, Any]) -> CurrencyRates:
        """Rates from the JSON document ``{"source", "as_of", "rates_to_cad": {code: "1.23"}}``."""
        try:
            rates = {
                str(code): Decimal(str(rate)) for code, rate in document["rates_to_cad"].items()
            }
            as_of = date.fromisoformat(document["as_of"])
            source = str(document["source"])
        except (KeyError, TypeError, AttributeError, ValueError, InvalidOperation) as error:
            raise RatesError(f"malformed exchange rate table: {error!r}") from error
        if any(rate <= 0 for rate in rates.values()):
            raise RatesError("malformed exchange rate table: every rate must be positive")
        return cls(source=source, as_of=as_of, to_cad=rates)
