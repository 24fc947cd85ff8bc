"""When the export happens: late reporting and export dates far in the past (warnings)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from cers_contracts.documents import DeclarationContent, Finding
from cers_documents.domain.deadlines import time_to_cutoff
from cers_documents.domain.rules.engine import Rule, RuleContext, finding

FAR_PAST = timedelta(days=30)
"""An estimated export date older than this is most likely a typing error."""


def reported_in_time(content: DeclarationContent, context: RuleContext) -> Iterator[Finding]:
    """The declaration is reported before its mode's cut-off (late reporting only warns)."""
    cutoff = time_to_cutoff(content, context.now)
    if cutoff is not None and cutoff.late:
        yield finding(
            "warning",
            "documents.estimated_export_at.late",
            "/estimated_export_at",
            cutoff=cutoff.at.isoformat(),
            timeframe=cutoff.rule_key,
        )


def export_date_not_far_past(
    content: DeclarationContent, context: RuleContext
) -> Iterator[Finding]:
    """The estimated export date is not long gone."""
    at = content.estimated_export_at
    if at is not None and context.now - at > FAR_PAST:
        yield finding(
            "warning",
            "documents.estimated_export_at.far_past",
            "/estimated_export_at",
            date=at.date().isoformat(),
            days=str(FAR_PAST.days),
        )


TIMING_RULES: tuple[Rule, ...] = (reported_in_time, export_date_not_far_past)
