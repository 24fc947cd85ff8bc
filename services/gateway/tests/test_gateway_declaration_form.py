"""Unit tests of the declaration form (no services): form fields ↔ DeclarationContent, Eastern
Time → UTC, blank rows dropped, rows shown, findings' pointers → form fields, and the ISO selects
(countries, provinces, currencies) as the form and the business information form render them."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

import jinja2

from cers_contracts.documents import DeclarationContent
from cers_gateway.domain.forms import FormErrors, Problem, field_id
from cers_gateway.entrypoints.portal.context import TEMPLATES_DIR
from cers_gateway.entrypoints.portal.declaration_form import (
    ALIASES,
    Layout,
    code_label,
    code_options,
    content_of,
    values_of,
)
from cers_gateway.entrypoints.portal.documents_pages import DOCUMENT_PAGES, within_content
from cers_gateway.entrypoints.portal.i18n import Translator, load_translations
from cers_gateway.entrypoints.portal.iso_selects import iso_selects

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


TEMPLATES = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES_DIR), autoescape=True)
TRANSLATIONS = load_translations()
ACCOUNT = {"business_account_id": "acc-1", "legal_name": "Maple Exports", "my_role": "owner"}


def render(template: str, form: dict[str, str], language: str = "en", **context: Any) -> str:
    """A portal template with what ``Visit.render`` and ``documents_page`` give it."""
    values = {
        "_": Translator(TRANSLATIONS[language], language),
        "lang": language,
        "other_language": "fr",
        "toggle_url": "/language/fr",
        "csrf_field": "csrf_token",
        "csrf_token": "t",
        "when": str,
        "errors": FormErrors(),
        "form": form,
        "account": ACCOUNT,
        "rights": {"file_documents": True},
        "document_pages": DOCUMENT_PAGES,
        "codes": code_options(language),
        "iso": iso_selects(language),
    }
    return TEMPLATES.get_template(template).render(values | context)


def declaration_page(form: dict[str, str], language: str = "en") -> str:
    return render(
        "documents/form.html",
        form,
        language,
        layout=Layout.of({}),
        action_url="/accounts/acc-1/documents/new",
        doc_page="new",
        warnings=FormErrors(),
        infos=FormErrors(),
        submission_key="k",
    )


def select(page: str, field: str) -> str:
    """The ``<select>`` of ``field``, which its label names."""
    assert f'<label for="{field}">' in page, f"no label for {field}"
    found = re.search(rf'<select id="{field}" name="{field}"[^>]*>(.*?)</select>', page, re.S)
    assert found, f"{field} is not a select"
    return found.group(1).strip()


def selected(page: str, field: str) -> list[str]:
    return re.findall(r'<option value="([^"]*)" selected>', select(page, field))


def without_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


ISO_FIELDS = (
    "consignee-address-province",
    "consignee-address-country",
    "service_provider-address-province",
    "service_provider-address-country",
    "country_of_final_destination",
    "currency",
    "lines-0-country_of_origin",
    "lines-2-province_of_origin",
)


def test_countries_provinces_and_currencies_are_labelled_selects_sorted_by_label() -> None:
    page = declaration_page({})
    for field in ISO_FIELDS:
        options = select(page, field)
        assert options.startswith('<option value="">Select one</option>'), field
    countries = select(page, "country_of_final_destination")
    assert '<option value="DE">Germany (DE)</option>' in countries
    names = re.findall(r'<option value="[A-Z]{2}">([^<]+) \([A-Z]{2}\)</option>', countries)
    assert len(names) > 240 and names == sorted(names, key=without_accents)
    assert names.index("Åland Islands") < names.index("Albania")
    assert '<option value="CAD">Canadian Dollar (CAD)</option>' in select(page, "currency")
    provinces = select(page, "lines-0-province_of_origin")
    assert '<option value="CA-ON">Ontario (CA-ON)</option>' in provinces
    assert "US-" not in provinces  # a province of origin is Canadian
    regions = select(page, "consignee-address-province")
    assert '<optgroup label="Canada"><option value="CA-AB">Alberta (CA-AB)' in regions
    assert '<optgroup label="United States">' in regions and 'value="US-NY"' in regions


def test_the_iso_selects_are_in_french_for_a_french_user() -> None:
    page = declaration_page({}, "fr")
    countries = select(page, "consignee-address-country")
    assert '<option value="">Choisissez</option>' in countries
    assert '<option value="DE">Allemagne (DE)</option>' in countries
    # Sorted by the French name, accents aside: Égypte among the E, not after Zimbabwe.
    assert countries.index("(EG)") < countries.index("(ES)") < countries.index("(ZW)")
    assert "Dollar canadien (CAD)" in select(page, "currency")
    assert "Colombie-Britannique (CA-BC)" in select(page, "lines-0-province_of_origin")
    assert '<optgroup label="États-Unis">' in select(page, "service_provider-address-province")


def test_a_drafts_codes_are_selected_and_an_unknown_one_is_kept() -> None:
    content = {
        "consignee": {"address": {"country": "DE", "province": "DE-BY", "line1": "x"}},
        "country_of_final_destination": "DE",
        "currency": "XYZ",
        "mode_of_transport": "77",
        "lines": [{"country_of_origin": "CA", "province_of_origin": "CA-QC"}],
    }
    values = values_of(content)
    page = declaration_page(values)
    assert selected(page, "consignee-address-country") == ["DE"]
    assert selected(page, "country_of_final_destination") == ["DE"]
    assert selected(page, "lines-0-country_of_origin") == ["CA"]
    assert selected(page, "lines-0-province_of_origin") == ["CA-QC"]
    assert selected(page, "lines-1-province_of_origin") == []  # blank: the first choice
    # Values no list holds are shown, selected, and posted back as they were.
    assert selected(page, "consignee-address-province") == ["DE-BY"]
    assert '<option value="XYZ" selected>XYZ (not in the list)</option>' in page
    assert selected(page, "currency") == ["XYZ"]
    assert selected(page, "mode_of_transport") == ["77"]
    fields = (*ISO_FIELDS, "lines-0-province_of_origin", "mode_of_transport")
    posted = {field: found[0] for field in fields if (found := selected(page, field))}
    assert content_of(posted | {"consignee-address-line1": "x"}) == content_of(values)


def test_a_new_document_selects_canadian_dollars() -> None:
    assert selected(declaration_page({"currency": "CAD"}), "currency") == ["CAD"]


def test_the_business_information_form_selects_province_and_country() -> None:
    form = {"address-country": "CA", "address-province": "CA-NS"}
    page = render("accounts/information_edit.html", form, tab="information", roles={})
    assert selected(page, "address-country") == ["CA"]
    assert selected(page, "address-province") == ["CA-NS"]
    assert 'autocomplete="country"' in page and 'autocomplete="address-level1"' in page
    assert '<optgroup label="United States">' in select(page, "address-province")
    kept = render("accounts/information_edit.html", {"address-province": "ZZ-9"}, tab="x")
    assert selected(kept, "address-province") == ["ZZ-9"]
    french = render("accounts/information_edit.html", form, "fr", tab="information")
    assert "Nouvelle-Écosse (CA-NS)" in select(french, "address-province")
