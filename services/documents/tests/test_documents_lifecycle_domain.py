"""Unit tests of the lifecycle's pure domain: Proof of Report numbers, CAED PORs, the diff of an
amendment, and which status changes are allowed when."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from cers_contracts.documents import DeclarationStatus, Exporter
from cers_documents.domain.changes import field_changes
from cers_documents.domain.errors import ConflictError
from cers_documents.domain.lifecycle import Declaration, Origin, ensure_amendable, ensure_voidable
from cers_documents.domain.proof_of_report import (
    SequenceExhaustedError,
    caed_proof_of_report,
    hyphenated_caed,
    normalized_search,
    proof_of_report,
)
from services.documents.tests.documents_rules_examples import content, valid_line


def test_the_proof_of_report_date_is_the_eastern_time_day() -> None:
    evening = datetime(2025, 3, 3, 23, 30, tzinfo=UTC)  # 18:30 in Toronto
    assert proof_of_report("AB1234", evening, 7) == "AB1234202503037"
    longest = proof_of_report("AB1234", evening, 99_999_999_999)
    assert len(longest) == 25
    with pytest.raises(SequenceExhaustedError):
        proof_of_report("AB1234", evening, 100_000_000_000)


def test_caed_proofs_are_read_hyphenated_or_not() -> None:
    assert caed_proof_of_report("05X222SC12342019-12-00001") == "05X222SC123420191200001"
    assert caed_proof_of_report("05x222sc123420191200001") == "05X222SC123420191200001"
    assert caed_proof_of_report("05X222SC12342019-13-00001") is None
    assert caed_proof_of_report("AB123420250303") is None
    assert hyphenated_caed("05X222SC123420191200001") == "05X222SC12342019-12-00001"
    assert normalized_search(" ab123420250303 ") == "AB123420250303"


def test_the_diff_names_each_changed_leaf() -> None:
    before = content()
    after = content(carrier_name="Other", lines=[valid_line(), valid_line(quantity="3")])
    changes = {c.pointer: (c.before, c.after) for c in field_changes(before, after)}
    assert changes["/carrier_name"] == ("Atlantic Lines", "Other")
    assert changes["/lines/1/quantity"] == (None, "3")
    assert "/lines/0/quantity" not in changes
    assert field_changes(before, before) == []


def declaration(
    status: DeclarationStatus = "original", origin: Origin = "cers", age_days: int = 0
) -> Declaration:
    now = datetime(2025, 3, 3, tzinfo=UTC)
    exporter = Exporter(
        business_account_id="a",
        business_number="123456782RM0001",
        authorization_id="AB1234",
        name="X",
    )
    return Declaration(
        "d",
        "a",
        origin,
        "AB1234202503031",
        status,
        1,
        exporter,
        now - timedelta(days=age_days),
        now,
    )


@pytest.mark.parametrize("status", ["voided", "void_requested"])
def test_an_ended_or_ending_declaration_is_neither_amended_nor_voided(
    status: DeclarationStatus,
) -> None:
    with pytest.raises(ConflictError):
        ensure_amendable(declaration(status))
    with pytest.raises(ConflictError):
        ensure_voidable(declaration(status), datetime(2025, 3, 3, tzinfo=UTC))


def test_caed_declarations_are_voided_within_90_days_and_never_amended() -> None:
    now = datetime(2025, 3, 3, tzinfo=UTC)
    ensure_voidable(declaration(origin="caed", age_days=90), now)
    with pytest.raises(ConflictError, match="90 days"):
        ensure_voidable(declaration(origin="caed", age_days=91), now)
    with pytest.raises(ConflictError):
        ensure_amendable(declaration(origin="caed"))
    ensure_amendable(declaration())
