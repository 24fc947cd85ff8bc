"""Fields a declaration cannot be submitted without (errors)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from cers_contracts.documents import DeclarationContent, Finding
from cers_documents.domain.rules.engine import Rule, RuleContext, finding, is_blank, lines

HEADER_FIELDS = (
    "export_reason",
    "mode_of_transport",
    "port_of_exit",
    "country_of_final_destination",
    "estimated_export_at",
    "currency",
)
LINE_FIELDS = (
    "export_hs_code",
    "description",
    "quantity",
    "quantity_uom",
    "value_fob",
    "gross_weight",
    "weight_uom",
    "country_of_origin",
)
ADDRESS_PARTS = ("line1", "city", "country")
"""The parts of a consignee's or service provider's address a declaration needs."""
PARTIES: tuple[Literal["consignee", "service_provider"], ...] = ("consignee", "service_provider")


def header_field_mandatory(field: str) -> Rule:
    """The rule that the declaration's ``field`` is filled in."""

    def rule(content: DeclarationContent, context: RuleContext) -> Iterator[Finding]:
        if is_blank(getattr(content, field)):
            yield finding("error", f"documents.{field}.mandatory", f"/{field}")

    rule.__name__ = f"{field}_mandatory"
    return rule


def line_field_mandatory(field: str) -> Rule:
    """The rule that every commodity line's ``field`` is filled in."""

    def rule(content: DeclarationContent, context: RuleContext) -> Iterator[Finding]:
        for pointer, number, line in lines(content):
            if is_blank(getattr(line, field)):
                yield finding(
                    "error", f"documents.line.{field}.mandatory", f"{pointer}/{field}", line=number
                )

    rule.__name__ = f"line_{field}_mandatory"
    return rule


def consignee_name_mandatory(
    content: DeclarationContent, context: RuleContext
) -> Iterator[Finding]:
    """The consignee is named."""
    if content.consignee is None or is_blank(content.consignee.name):
        yield finding("error", "documents.consignee.name.mandatory", "/consignee/name")


def address_part_mandatory(party: Literal["consignee", "service_provider"], part: str) -> Rule:
    """The rule that the ``party``'s address has its ``part``: always for the consignee, for the
    service provider once an address is given (a draft may hold any part of an address)."""

    def rule(content: DeclarationContent, context: RuleContext) -> Iterator[Finding]:
        holder = getattr(content, party)
        address = holder.address if holder else None
        if party == "service_provider" and address is None:
            return
        if address is None or is_blank(getattr(address, part)):
            yield finding(
                "error", f"documents.{party}.{part}.mandatory", f"/{party}/address/{part}"
            )

    rule.__name__ = f"{party}_{part}_mandatory"
    return rule


def lines_mandatory(content: DeclarationContent, context: RuleContext) -> Iterator[Finding]:
    """A declaration has at least one commodity line."""
    if not content.lines:
        yield finding("error", "documents.lines.mandatory", "/lines")


def province_of_origin_mandatory(
    content: DeclarationContent, context: RuleContext
) -> Iterator[Finding]:
    """Canadian goods name their province or territory of origin."""
    for pointer, number, line in lines(content):
        if line.country_of_origin == "CA" and is_blank(line.province_of_origin):
            yield finding(
                "error",
                "documents.line.province_of_origin.mandatory",
                f"{pointer}/province_of_origin",
                line=number,
            )


MANDATORY_RULES: tuple[Rule, ...] = (
    consignee_name_mandatory,
    *(address_part_mandatory(party, part) for party in PARTIES for part in ADDRESS_PARTS),
    *(header_field_mandatory(field) for field in HEADER_FIELDS),
    lines_mandatory,
    *(line_field_mandatory(field) for field in LINE_FIELDS),
    province_of_origin_mandatory,
)
