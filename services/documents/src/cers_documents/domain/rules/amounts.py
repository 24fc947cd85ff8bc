"""Quantities, values and weights are positive; domestic freight is not negative."""

from __future__ import annotations

from collections.abc import Iterator

from cers_contracts.documents import DeclarationContent, Finding
from cers_documents.domain.rules.engine import Rule, RuleContext, finding, lines

POSITIVE_LINE_FIELDS = ("quantity", "value_fob", "gross_weight")


def line_amount_positive(field: str) -> Rule:
    """The rule that every line's ``field``, when given, is greater than zero."""

    def rule(content: DeclarationContent, context: RuleContext) -> Iterator[Finding]:
        for pointer, number, line in lines(content):
            value = getattr(line, field)
            if value is not None and value <= 0:
                yield finding(
                    "error",
                    f"documents.line.{field}.not_positive",
                    f"{pointer}/{field}",
                    line=number,
                )

    rule.__name__ = f"line_{field}_positive"
    return rule


def domestic_freight_not_negative(
    content: DeclarationContent, context: RuleContext
) -> Iterator[Finding]:
    """Domestic freight, when given, is zero or more."""
    if content.domestic_freight is not None and content.domestic_freight < 0:
        yield finding("error", "documents.domestic_freight.negative", "/domestic_freight")


AMOUNT_RULES: tuple[Rule, ...] = (
    *(line_amount_positive(field) for field in POSITIVE_LINE_FIELDS),
    domestic_freight_not_negative,
)
