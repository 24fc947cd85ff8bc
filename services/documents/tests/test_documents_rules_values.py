"""Field values: codes from the tables, positive amounts, HS codes against HS6 and the CEC, BN."""

from __future__ import annotations

import pytest

from services.documents.tests.documents_rules_examples import (
    CEC,
    context,
    found,
    valid_line,
)


@pytest.mark.parametrize(
    ("field", "bad", "code"),
    [
        ("export_reason", "BRIBE", "documents.export_reason.unknown"),
        ("mode_of_transport", "4", "documents.mode_of_transport.unknown"),
        ("port_of_exit", "9999", "documents.port_of_exit.unknown"),
        ("country_of_final_destination", "XX", "documents.country_of_final_destination.invalid"),
        ("currency", "XYZ", "documents.currency.invalid"),
        ("currency", "XAU", "documents.currency.invalid"),  # ISO 4217's gold: no money
    ],
)
def test_a_header_code_outside_its_table_is_an_error(field: str, bad: str, code: str) -> None:
    [finding] = found(code, **{field: bad})

    assert finding.severity == "error"
    assert finding.pointer == f"/{field}"
    assert finding.params["code"] == bad
    assert bad in finding.message
    assert found(code) == []


@pytest.mark.parametrize("party", ["consignee", "service_provider"])
def test_a_partys_country_must_be_an_iso_country(party: str) -> None:
    holder = {"name": "X", "address": {"line1": "1", "city": "Y", "country": "ZZ"}}

    [finding] = found(f"documents.{party}.country.invalid", **{party: holder})

    assert finding.pointer == f"/{party}/address/country"
    assert finding.params["code"] == "ZZ"
    assert found(f"documents.{party}.country.invalid") == []


def test_goods_cannot_be_exported_to_canada() -> None:
    assert found("documents.country_of_final_destination.canada", country_of_final_destination="CA")
    assert not found("documents.country_of_final_destination.canada")


@pytest.mark.parametrize(
    ("field", "bad", "code"),
    [
        ("quantity_uom", "BUSHEL", "documents.line.quantity_uom.unknown"),
        ("weight_uom", "NMB", "documents.line.weight_uom.unknown"),
        ("country_of_origin", "C1", "documents.line.country_of_origin.invalid"),
        ("province_of_origin", "US-NY", "documents.line.province_of_origin.invalid"),
        ("quantity", "0", "documents.line.quantity.not_positive"),
        ("value_fob", "-1.00", "documents.line.value_fob.not_positive"),
        ("gross_weight", "0", "documents.line.gross_weight.not_positive"),
    ],
)
def test_a_bad_line_value_is_an_error_at_its_line(field: str, bad: str, code: str) -> None:
    [finding] = found(code, lines=[valid_line(), valid_line(**{field: bad})])

    assert finding.severity == "error"
    assert finding.pointer == f"/lines/1/{field}"
    assert finding.message.startswith("Line 2: ")
    assert found(code) == []


def test_a_province_is_only_for_canadian_goods() -> None:
    line = valid_line(country_of_origin="US", province_of_origin="CA-ON")

    [finding] = found("documents.line.province_of_origin.not_canadian", lines=[line])

    assert finding.pointer == "/lines/0/province_of_origin"
    assert not found("documents.line.province_of_origin.not_canadian")


def test_domestic_freight_may_be_zero_but_not_negative() -> None:
    assert found("documents.domestic_freight.negative", domestic_freight="-5.00")
    assert not found("documents.domestic_freight.negative", domestic_freight="0")


@pytest.mark.parametrize("bad", ["1234567", "0101.21.0A", "010121001"])
def test_an_export_hs_code_has_eight_digits(bad: str) -> None:
    [finding] = found(
        "documents.line.export_hs_code.format", lines=[valid_line(export_hs_code=bad)]
    )

    assert finding.pointer == "/lines/0/export_hs_code"
    assert not found(
        "documents.line.export_hs_code.format", lines=[valid_line(export_hs_code="01012100")]
    )


def test_an_export_hs_code_must_start_with_a_current_hs6() -> None:
    [finding] = found(
        "documents.line.export_hs_code.invalid", lines=[valid_line(export_hs_code="1234.56.78")]
    )

    assert finding.message == (
        "Line 1: export HS code 1234.56.78 is invalid: its first six digits are not a current "
        "HS subheading."
    )
    assert not found("documents.line.export_hs_code.invalid")


def test_with_a_cec_the_national_digits_must_be_in_it() -> None:
    with_cec = context(classification=CEC)
    unknown = [valid_line(export_hs_code="0101.21.99")]

    [finding] = found("documents.line.export_hs_code.unknown_national", with_cec, lines=unknown)

    assert finding.pointer == "/lines/0/export_hs_code"
    assert not found("documents.line.export_hs_code.unknown_national", with_cec)
    assert not found("documents.line.export_hs_code.unknown_national", lines=unknown)


def test_without_a_cec_one_info_says_the_national_digits_were_not_checked() -> None:
    [finding] = found("documents.lines.national_digits_unchecked", lines=[valid_line()] * 3)

    assert finding.severity == "info"
    assert finding.pointer == "/lines"
    assert not found("documents.lines.national_digits_unchecked", context(classification=CEC))


def test_with_a_cec_the_quantity_is_in_the_unit_it_names() -> None:
    with_cec = context(classification=CEC)

    [finding] = found(
        "documents.line.quantity_uom.mismatch", with_cec, lines=[valid_line(quantity_uom="KGM")]
    )

    assert finding.params == {"line": "1", "code": "0101.21.00", "expected": "NMB"}
    assert finding.pointer == "/lines/0/quantity_uom"
    assert not found("documents.line.quantity_uom.mismatch", with_cec)


def test_the_service_provider_business_number_is_a_valid_bn15() -> None:
    code = "documents.service_provider.business_number.invalid"
    bad = {"name": "CSP", "business_number": "123456789RM0001"}
    good = {"name": "CSP", "business_number": "123456782RM0001"}

    [finding] = found(code, service_provider=bad)

    assert finding.pointer == "/service_provider/business_number"
    assert not found(code, service_provider=good)
    assert found(code, service_provider={**good, "business_number": "123456782"})
