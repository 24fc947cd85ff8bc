"""Whether a declaration is required at all (infos: it may still be submitted).

Not required: goods to the United States that are neither controlled nor rail cars (HS chapter
86); or goods worth less than CAD 2,000 in total (converted at the indicative rates) with none
controlled.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from cers_contracts.documents import DeclarationContent, Finding
from cers_documents.domain.classification import hs_chapter, normalize_hs_code
from cers_documents.domain.rules.engine import Rule, RuleContext, finding

THRESHOLD_CAD = Decimal("2000")
RAIL_CARS_CHAPTER = "86"


def _any_controlled(content: DeclarationContent) -> bool:
    return any(line.controlled for line in content.lines)


def _any_rail_cars(content: DeclarationContent) -> bool:
    codes = (normalize_hs_code(line.export_hs_code or "") for line in content.lines)
    return any(code is not None and hs_chapter(code) == RAIL_CARS_CHAPTER for code in codes)


def _exempt_to_united_states(content: DeclarationContent) -> bool:
    return (
        content.country_of_final_destination == "US"
        and not _any_controlled(content)
        and not _any_rail_cars(content)
    )


def total_value_cad(content: DeclarationContent, context: RuleContext) -> Decimal | None:
    """The declaration's total value in CAD; None without lines, a value per line, or a rate."""
    values = [line.value_fob for line in content.lines]
    if not values or any(value is None for value in values):
        return None
    total = sum((value for value in values if value is not None), Decimal(0))
    return context.rates.convert_to_cad(total, content.currency)


def not_required_to_united_states(
    content: DeclarationContent, context: RuleContext
) -> Iterator[Finding]:
    """Goods to the US that are neither controlled nor rail cars need no declaration."""
    if _exempt_to_united_states(content):
        yield finding("info", "documents.declaration.not_required_us", "")


def not_required_under_threshold(
    content: DeclarationContent, context: RuleContext
) -> Iterator[Finding]:
    """Uncontrolled goods worth less than CAD 2,000 need no declaration (said once, US first)."""
    if _exempt_to_united_states(content) or _any_controlled(content):
        return
    total = total_value_cad(content, context)
    if total is not None and total < THRESHOLD_CAD:
        yield finding(
            "info",
            "documents.declaration.not_required_low_value",
            "",
            total=f"{total:,.2f}",
            threshold=f"{THRESHOLD_CAD:,.2f}",
        )


REQUIREMENT_RULES: tuple[Rule, ...] = (not_required_to_united_states, not_required_under_threshold)
