"""Reporting cut-offs by mode of transport."""

from __future__ import annotations

from datetime import timedelta

import pytest

from cers_documents.domain.deadlines import time_to_cutoff
from services.documents.tests.documents_rules_examples import NOW, content

EXPORT_AT = NOW + timedelta(hours=10)


@pytest.mark.parametrize(
    ("mode", "lead", "kind"),
    [
        ("9", timedelta(hours=48), "marine"),
        ("1", timedelta(hours=2), "air"),
        ("6", timedelta(hours=2), "rail"),
        ("5", timedelta(hours=2), "postal"),
        ("2", timedelta(0), "highway"),
    ],
)
def test_the_cutoff_is_the_modes_lead_time_before_export(
    mode: str, lead: timedelta, kind: str
) -> None:
    cutoff = time_to_cutoff(
        content(mode_of_transport=mode, estimated_export_at=EXPORT_AT.isoformat()), NOW
    )

    assert cutoff is not None
    assert cutoff.at == EXPORT_AT - lead
    assert cutoff.remaining == timedelta(hours=10) - lead
    assert cutoff.late is (lead > timedelta(hours=10))
    assert cutoff.rule_key == f"documents.deadline.{kind}"


@pytest.mark.parametrize(
    "changes",
    [{"mode_of_transport": None}, {"mode_of_transport": "4"}, {"estimated_export_at": None}],
)
def test_no_cutoff_without_a_known_mode_and_an_export_date(changes: dict[str, object]) -> None:
    assert time_to_cutoff(content(**changes), NOW) is None
