"""Loading the Canadian Export Classification file, and the exchange rate table."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from cers_documents.adapters.exchange_rates import load_currency_rates
from cers_documents.adapters.export_classification import (
    SAMPLE_CEC_FILE,
    ClassificationFileError,
    load_export_classification,
)
from cers_documents.domain.classification import is_hs6_subheading
from cers_documents.domain.currency import RatesError


def test_the_sample_loads_with_codes_descriptions_and_units() -> None:
    cec = load_export_classification(SAMPLE_CEC_FILE)

    horses = cec.get("01012100")
    assert horses is not None
    assert (horses.uom, horses.description_fr) == ("NMB", "Chevaux reproducteurs de race pure")
    assert all(is_hs6_subheading(code[:6]) for code in cec.entries)
    assert "SAMPLE" in SAMPLE_CEC_FILE.read_text(encoding="utf-8").splitlines()[0]


def test_columns_may_come_in_any_order_and_codes_with_dots(tmp_path: Path) -> None:
    path = tmp_path / "cec.csv"
    path.write_text("uom,hs8,description_fr,description_en\nKGM,0306.17.00,Crevettes,Shrimps\n")

    cec = load_export_classification(path)

    assert list(cec.entries) == ["03061700"]


@pytest.mark.parametrize(
    "header",
    ["hs8,description_en,uom", "hs8,description_en,description_fr,uom,extra", "code,desc\n"],
)
def test_other_columns_are_refused_naming_the_expected_ones(tmp_path: Path, header: str) -> None:
    path = tmp_path / "cec.csv"
    path.write_text(header + "\n")

    with pytest.raises(ClassificationFileError, match="expected the columns hs8, description_en"):
        load_export_classification(path)


def test_a_row_without_eight_digits_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "cec.csv"
    path.write_text("hs8,description_en,description_fr,uom\n0101,Horses,Chevaux,NMB\n")

    with pytest.raises(ClassificationFileError, match="data row 1"):
        load_export_classification(path)


def test_the_rate_table_says_its_source_and_date() -> None:
    rates = load_currency_rates()

    assert "Bank of Canada" in rates.source
    assert rates.as_of == date(2024, 12, 31)
    assert rates.convert_to_cad(Decimal("10"), "CAD") == Decimal("10")
    assert rates.convert_to_cad(Decimal("10"), "USD") == Decimal("10") * rates.to_cad["USD"]
    assert rates.convert_to_cad(Decimal("10"), "XAF") is None


@pytest.mark.parametrize(
    "document",
    [
        {"source": "x", "as_of": "2024-12-31"},
        {"source": "x", "as_of": "yesterday", "rates_to_cad": {}},
        {"source": "x", "as_of": "2024-12-31", "rates_to_cad": {"USD": "abc"}},
        {"source": "x", "as_of": "2024-12-31", "rates_to_cad": {"USD": "0"}},
    ],
)
def test_a_malformed_rate_table_is_refused(tmp_path: Path, document: dict[str, object]) -> None:
    path = tmp_path / "rates.json"
    path.write_text(json.dumps(document))

    with pytest.raises(RatesError):
        load_currency_rates(path)
