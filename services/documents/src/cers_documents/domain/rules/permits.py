"""Controlled goods travel with a permit; a permit has a number."""

from __future__ import annotations

from collections.abc import Iterator

from cers_contracts.documents import DeclarationContent, Finding
from cers_documents.domain.rules.engine import Rule, RuleContext, finding, is_blank, lines


def permit_for_controlled_goods(
    content: DeclarationContent, context: RuleContext
) -> Iterator[Finding]:
    """A declaration with controlled goods lists at least one permit."""
    controlled = [number for _, number, line in lines(content) if line.controlled]
    if controlled and not content.permits:
        yield finding(
            "error", "documents.permits.mandatory", "/permits", lines=", ".join(controlled)
        )


def permit_number_mandatory(content: DeclarationContent, context: RuleContext) -> Iterator[Finding]:
    """Each listed permit has its number."""
    for index, permit in enumerate(content.permits):
        if is_blank(permit.number):
            yield finding(
                "error",
                "documents.permit.number.mandatory",
                f"/permits/{index}/number",
                permit=str(index + 1),
            )


PERMIT_RULES: tuple[Rule, ...] = (permit_for_controlled_goods, permit_number_mandatory)
