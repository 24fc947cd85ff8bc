"""Reads the exchange rate table (JSON) the rule engine converts values to CAD with."""

from __future__ import annotations

import json
from pathlib import Path

from cers_documents.domain.currency import CurrencyRates

REFERENCE_DATA = Path(__file__).resolve().parents[1] / "reference_data"
DEFAULT_EXCHANGE_RATES_FILE = REFERENCE_DATA / "exchange_rates.json"
"""Bank of Canada rates of one day, indicative; inside the package, so that images carry it."""


def load_currency_rates(path: Path = DEFAULT_EXCHANGE_RATES_FILE) -> CurrencyRates:
    """The rates in the JSON file at ``path``; ``RatesError`` when it is malformed."""
    return CurrencyRates.from_document(json.loads(path.read_text(encoding="utf-8")))
