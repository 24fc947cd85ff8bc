"""Mandatory fields: each missing field is one error naming it, at its pointer."""

from __future__ import annotations

from typing import Any

import pytest

from cers_documents.domain.rules import check
from services.documents.tests.documents_rules_examples import content, context, valid_line

HEADER_CASES = [
    ({"consignee": None}, "documents.consignee.name.mandatory", "/consignee/name"),
    ({"consignee": {"name": "  "}}, "documents.consignee.name.mandatory", "/consignee/name"),
    (
        {"consignee": {"name": "Someone"}},
        "documents.consignee.country.mandatory",
        "/consignee/address/country",
    ),
    (
        {"consignee": {"name": "Someone", "address": {"country": "DE"}}},
        "documents.consignee.line1.mandatory",
        "/consignee/address/line1",
    ),
    (
        {"consignee": {"name": "Someone", "address": {"line1": "1 Hafenweg", "country": "DE"}}},
        "documents.consignee.city.mandatory",
        "/consignee/address/city",
    ),
    (
        {"service_provider": {"name": "Broker", "address": {"city": "Ottawa"}}},
        "documents.service_provider.line1.mandatory",
        "/service_provider/address/line1",
    ),
    (
        {"service_provider": {"name": "Broker", "address": {"line1": "1 Main St"}}},
        "documents.service_provider.city.mandatory",
        "/service_provider/address/city",
    ),
    (
        {"service_provider": {"address": {"line1": "1 Main St", "city": "Ottawa"}}},
        "documents.service_provider.country.mandatory",
        "/service_provider/address/country",
    ),
    ({"export_reason": None}, "documents.export_reason.mandatory", "/export_reason"),
    ({"mode_of_transport": ""}, "documents.mode_of_transport.mandatory", "/mode_of_transport"),
    ({"port_of_exit": None}, "documents.port_of_exit.mandatory", "/port_of_exit"),
    (
        {"country_of_final_destination": None},
        "documents.country_of_final_destination.mandatory",
        "/country_of_final_destination",
    ),
    (
        {"estimated_export_at": None},
        "documents.estimated_export_at.mandatory",
        "/estimated_export_at",
    ),
    ({"currency": None}, "documents.currency.mandatory", "/currency"),
    ({"lines": []}, "documents.lines.mandatory", "/lines"),
]

LINE_FIELDS = [
    "export_hs_code",
    "description",
    "quantity",
    "quantity_uom",
    "value_fob",
    "gross_weight",
    "weight_uom",
    "country_of_origin",
]


def _errors(**changes: Any) -> set[tuple[str, str]]:
    return {
        (item.code, item.pointer)
        for item in check(content(**changes), context())
        if item.severity == "error"
    }


def test_a_complete_declaration_has_no_errors() -> None:
    assert _errors() == set()


@pytest.mark.parametrize(("changes", "code", "pointer"), HEADER_CASES)
def test_a_missing_header_field_is_an_error_at_its_pointer(
    changes: dict[str, Any], code: str, pointer: str
) -> None:
    assert (code, pointer) in _errors(**changes)


@pytest.mark.parametrize("field", LINE_FIELDS)
def test_a_missing_line_field_is_an_error_naming_the_line(field: str) -> None:
    lines = [valid_line(), valid_line(**{field: None})]
    findings = check(content(lines=lines), context())

    [missing] = [item for item in findings if item.code == f"documents.line.{field}.mandatory"]
    assert missing.pointer == f"/lines/1/{field}"
    assert missing.severity == "error"
    assert missing.message.startswith("Line 2: ")


def test_a_service_provider_needs_no_address_but_a_given_one_is_complete() -> None:
    assert _errors(service_provider={"name": "Broker"}) == set()
    complete = {"line1": "1 Main St", "city": "Ottawa", "country": "CA"}
    assert _errors(service_provider={"name": "Broker", "address": complete}) == set()
    assert {pointer for _, pointer in _errors(service_provider={"address": {}})} == {
        "/service_provider/address/line1",
        "/service_provider/address/city",
        "/service_provider/address/country",
    }


def test_canadian_goods_need_a_province_and_foreign_goods_do_not() -> None:
    canadian = [valid_line(province_of_origin=None)]
    foreign = [valid_line(country_of_origin="US", province_of_origin=None)]

    assert ("documents.line.province_of_origin.mandatory", "/lines/0/province_of_origin") in (
        _errors(lines=canadian)
    )
    assert _errors(lines=foreign) == set()


def test_the_english_message_names_the_field() -> None:
    [finding] = [
        item
        for item in check(content(port_of_exit=None), context())
        if item.pointer == "/port_of_exit"
    ]
    assert finding.message == "Port of exit is mandatory."
