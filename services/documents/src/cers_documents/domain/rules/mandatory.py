"""Fields a declaration cannot be submitted without (errors)."""

from __future__ import annotations

from collections.abc import Iterator

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


def consignee_country_mandatory(
    content: DeclarationContent, context: RuleContext
) -> Iterator[Finding]:
    """The consignee's country is given (its address carries it)."""
    address = content.consignee.address if content.consignee else None
    if address is None or is_blank(address.country):
        yield finding(
            "error", "documents.consignee.country.mandatory", "/consignee/address/country"
        )


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
    consignee_country_mandatory,
    *(header_field_mandatory(field) for field in HEADER_FIELDS),
    lines_mandatory,
    *(line_field_mandatory(field) for field in LINE_FIELDS),
    province_of_origin_mandatory,
)
