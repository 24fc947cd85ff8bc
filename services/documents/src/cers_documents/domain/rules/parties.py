"""Identifiers of the parties: the service provider's Business Number."""

from __future__ import annotations

from collections.abc import Iterator

from stdnum.ca import bn

from cers_contracts.documents import DeclarationContent, Finding
from cers_documents.domain.rules.engine import Rule, RuleContext, finding, is_blank

_BN15_LENGTH = 15


def service_provider_business_number_valid(
    content: DeclarationContent, context: RuleContext
) -> Iterator[Finding]:
    """The service provider's Business Number, when given, is a valid 15-character BN."""
    number = content.service_provider.business_number if content.service_provider else None
    if is_blank(number):
        return
    compact = bn.compact(str(number))
    if len(compact) != _BN15_LENGTH or not bn.is_valid(compact):
        yield finding(
            "error",
            "documents.service_provider.business_number.invalid",
            "/service_provider/business_number",
            number=str(number),
        )


PARTY_RULES: tuple[Rule, ...] = (service_provider_business_number_valid,)
