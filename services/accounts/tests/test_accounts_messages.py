"""The message catalog: every code accounts can answer with has its English and French text,
and ``GET /v1/messages`` serves them (with the chassis' ``field.*``) for the gateway."""

from __future__ import annotations

import pytest

import cers_accounts
from cers_accounts.domain.catalog import CATALOG
from services.accounts.tests.accounts_testkit import Accounts, Person
from tests.fixtures.message_codes import (
    assert_bilingual,
    composed_codes,
    custom_field_codes,
    literal_codes,
)


def emitted_codes() -> set[str]:
    """The codes written in accounts' source: domain errors and the schemas' own field checks."""
    return literal_codes(cers_accounts, "accounts") | custom_field_codes(cers_accounts)


def test_every_code_in_the_source_has_english_and_french_text() -> None:
    assert composed_codes(cers_accounts, "accounts") == set(), (
        "write message codes out in full, so that this test can find them"
    )
    emitted = emitted_codes()
    assert "accounts.activation_code.wrong" in emitted
    assert "field.control_characters" in emitted
    assert sorted(emitted - set(CATALOG)) == [], "codes without texts in domain/catalog.py"
    assert sorted(set(CATALOG) - emitted) == [], "texts of codes the source no longer has"
    assert_bilingual(CATALOG)


@pytest.mark.integration
def test_get_messages_answers_with_the_texts_of_a_real_refusal(accounts: Accounts) -> None:
    applicant = Person.make("applicant")
    served = accounts.call(None, "GET", "/v1/messages")
    assert served.status_code == 200
    assert served.headers["cache-control"] == "public, max-age=86400"
    catalog = served.json()["messages"]
    assert {code: (t["en"], t["fr"]) for code, t in catalog.items() if code in CATALOG} == CATALOG
    refused = accounts.call(
        applicant,
        "POST",
        "/v1/business-accounts/activation/check",
        {"business_number": "12345", "activation_code": "ABCD-EFGH-JKMN-PQRS"},
    )
    assert refused.status_code == 422
    [problem] = refused.json()["errors"]
    assert problem["code"] == "accounts.business_number.invalid"
    assert catalog[problem["code"]]["fr"].startswith("Le numéro d'entreprise doit compter")
    shape = accounts.call(applicant, "POST", "/v1/business-accounts/activation/check", {})
    assert {p["code"] for p in shape.json()["errors"]} == {"field.missing"}
    assert catalog["field.missing"]["fr"] == "Ce champ est obligatoire."
