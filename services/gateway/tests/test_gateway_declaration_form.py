"""Unit tests of the declaration form (no services): form fields ↔ DeclarationContent, Eastern
Time → UTC, blank rows dropped, rows shown, and findings' pointers → form fields."""

from __future__ import annotations

from cers_contracts.documents import DeclarationContent
from cers_gateway.domain.forms import Problem, field_id
from cers_gateway.entrypoints.portal.declaration_form import (
    ALIASES,
    Layout,
    code_label,
    code_options,
    content_of,
    values_of,
)
from cers_gateway.entrypoints.portal.documents_pages import within_content

FORM = {
    "consignee-name": "Gestüt Beispiel GmbH",
    "consignee-address-line1": "Hauptstraße 1",
    "consignee-address-city": "Hamburg",
    "consignee-address-country": "de",
    "mode_of_transport": "9",
    "estimated_export_at": "2025-07-01T18:30",
    "containerized": "yes",
    "container_numbers": "CSQU3054383\n\n  MSCU1234565 ",
    "related_party": "no",
    "currency": "cad",
    "domestic_freight": "",
    "permits-0-number": "EP-1",
    "permits-1-number": "",
    "lines-0-export_hs_code": "0101.21.00",
    "lines-0-quantity": "2",
    "lines-0-country_of_origin": "ca",
    "lines-1-description": "",
    "lines-2-description": "Saddles",
    "lines-2-controlled": "yes",
    "line_rows": "3",
}


def test_the_form_becomes_a_valid_declaration_body() -> None:
    content = content_of(FORM)
    assert content["consignee"] == {
        "name": "Gestüt Beispiel GmbH",
        "address": {
            "line1": "Hauptstraße 1",
            "line2": None,
            "city": "Hamburg",
            "province": None,
            "postal_code": None,
            "country": "DE",
        },
    }
    assert "service_provider" not in content and "domestic_freight" not in content
    assert content["estimated_export_at"] == "2025-07-01T22:30:00+00:00"  # EDT is UTC-4
    assert content["containerized"] is True and content["related_party"] is False
    assert content["container_numbers"] == ["CSQU3054383", "MSCU1234565"]
    assert content["permits"] == [{"number": "EP-1", "issuing_authority": None}]
    assert [line.get("description") for line in content["lines"]] == [None, "Saddles"]
    assert content["lines"][0]["country_of_origin"] == "CA"
    assert content["lines"][1]["controlled"] is True
    assert content["currency"] == "CAD"
    DeclarationContent.model_validate(content, context={"reject_unknown_fields": True})


def test_an_unreadable_time_is_passed_on_as_typed_for_the_service_to_refuse() -> None:
    assert content_of({"estimated_export_at": "tomorrow"})["estimated_export_at"] == "tomorrow"
    assert content_of({"estimated_export_at": "2025-01-15T09:00"})["estimated_export_at"] == (
        "2025-01-15T14:00:00+00:00"  # EST is UTC-5
    )


def test_a_stored_declaration_fills_the_form_again() -> None:
    content = content_of(FORM)
    values = values_of(content)
    assert values["estimated_export_at"] == "2025-07-01T18:30"
    assert values["container_numbers"] == "CSQU3054383\nMSCU1234565"
    assert values["consignee-address-city"] == "Hamburg"
    assert values["lines-1-description"] == "Saddles" and values["lines-1-controlled"] == "yes"
    assert values["permits-0-number"] == "EP-1"
    assert values["containerized"] == "yes" and values["related_party"] == "no"
    assert content_of(values) == content


def test_the_rows_shown_and_their_field_ids() -> None:
    assert Layout.of({}) == Layout(lines=3, permits=2)
    assert Layout.of({"lines": [{}] * 5, "permits": [{}] * 2}, 4) == Layout(lines=5, permits=3)
    assert Layout.posted(FORM, add_line=True) == Layout(lines=4, permits=2)
    ids = Layout(lines=2, permits=2).field_ids()
    assert field_id("/lines/1/quantity", ids, ALIASES) == "lines-1-quantity"
    assert field_id("/lines/1", ids, ALIASES) == "lines-1"
    assert field_id("/lines", ids, ALIASES) == "lines-0-export_hs_code"
    assert field_id("/consignee/address/country", ids, ALIASES) == "consignee-address-country"
    assert field_id("/container_numbers/3", ids, ALIASES) == "container_numbers"
    assert field_id("/", ids, ALIASES) is None


def test_an_amendments_content_pointers_name_the_form_fields() -> None:
    inside = within_content(Problem("/content/lines/0/quantity", "field.decimal_parsing", "x"))
    assert inside.pointer == "/lines/0/quantity"
    assert within_content(Problem("/reason_code", "c", "m")).pointer == "/reason_code"
    assert within_content(Problem("/contents", "c", "m")).pointer == "/contents"


def test_code_selects_are_labelled_in_the_users_language() -> None:
    assert ("9", "9 - Marine") in code_options("en")["modes_of_transport"]
    assert ("9", "9 - Maritime") in code_options("fr")["modes_of_transport"]
    assert code_label("export_reasons", "GIFT", "fr") == "GIFT - Cadeau ou don"
    assert code_label("export_reasons", "NOPE", "en") == "NOPE"
