"""A complete, valid declaration and a rule context at a fixed instant, for rule tests."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from cers_contracts.documents import DeclarationContent, Finding
from cers_documents.adapters.export_classification import (
    SAMPLE_CEC_FILE,
    load_export_classification,
)
from cers_documents.domain.currency import CurrencyRates
from cers_documents.domain.rules import RuleContext, check

NOW = datetime(2025, 3, 3, 12, 0, tzinfo=UTC)
RATES = CurrencyRates(
    source="test rates",
    as_of=date(2025, 3, 3),
    to_cad={"USD": Decimal("1.40"), "EUR": Decimal("1.50")},
)
CEC = load_export_classification(SAMPLE_CEC_FILE)


def context(**changes: Any) -> RuleContext:
    """A context at ``NOW`` with the test rates and no CEC, with ``changes`` applied."""
    return RuleContext(**{"now": NOW, "rates": RATES, "classification": None, **changes})


def valid_line(**changes: Any) -> dict[str, Any]:
    """A complete commodity line of Canadian goods (as JSON-like data), with ``changes``."""
    return {
        "export_hs_code": "0101.21.00",
        "description": "Pure-bred breeding horses",
        "quantity": "2",
        "quantity_uom": "NMB",
        "value_fob": "25000.00",
        "gross_weight": "1100",
        "weight_uom": "KGM",
        "country_of_origin": "CA",
        "province_of_origin": "CA-ON",
        **changes,
    }


def valid_data(**changes: Any) -> dict[str, Any]:
    """A complete marine declaration to Germany, loading in five days, with ``changes``."""
    return {
        "consignee": {
            "name": "Gestüt Beispiel GmbH",
            "address": {"line1": "Hauptstraße 1", "city": "Hamburg", "country": "DE"},
        },
        "export_reason": "SALE",
        "mode_of_transport": "9",
        "port_of_exit": "0395",
        "country_of_final_destination": "DE",
        "estimated_export_at": (NOW + timedelta(days=5)).isoformat(),
        "carrier_name": "Atlantic Lines",
        "vessel_name": "Atlantic Star",
        "containerized": True,
        "container_numbers": ["CSQU3054383"],
        "currency": "CAD",
        "lines": [valid_line()],
        **changes,
    }


def content(**changes: Any) -> DeclarationContent:
    """``valid_data(**changes)`` as a declaration."""
    return DeclarationContent.model_validate(valid_data(**changes))


def found(code: str, ctx: RuleContext | None = None, /, **changes: Any) -> list[Finding]:
    """The findings with ``code`` of ``content(**changes)`` checked in ``ctx`` (default context)."""
    return [item for item in check(content(**changes), ctx or context()) if item.code == code]
