"""Reads the exchange rate table (JSON) the rule engine converts values to CAD with."""

from __future__ import annotations

import json
from pathlib import Path

from cers_documents.domain.currency import CurrencyRates

DEFAULT_EXCHANGE_RATES_FILE = Path(__file__).resolve().parents[3] / "data" / "exchange_rates.json"
"""``services/documents/data/exchange_rates.json``: Bank of Canada rates of one day, indicative."""


def load_currency_rates(path: Path = DEFAULT_EXCHANGE_RATES_FILE) -> CurrencyRates:
    """The rates in the JSON file at ``path``; ``RatesError`` when it is malformed."""
    return CurrencyRates.from_document(json.loads(path.read_text(encoding="utf-8")))
