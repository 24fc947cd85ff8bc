"""Export HS codes: 8 digits, a current HS6 subheading, national digits and unit from the CEC."""

from __future__ import annotations

from collections.abc import Iterator

from cers_contracts.documents import CommodityLine, DeclarationContent, Finding
from cers_documents.domain.classification import is_hs6_subheading, normalize_hs_code
from cers_documents.domain.rules.engine import Rule, RuleContext, finding, is_blank, lines


def _valid_hs6_lines(content: DeclarationContent) -> Iterator[tuple[str, str, str, CommodityLine]]:
    """Lines whose code has 8 digits and a current HS6: pointer, number, the digits, the line."""
    for pointer, number, line in lines(content):
        code = normalize_hs_code(line.export_hs_code or "")
        if code is not None and is_hs6_subheading(code[:6]):
            yield pointer, number, code, line


def hs_code_has_eight_digits(
    content: DeclarationContent, context: RuleContext
) -> Iterator[Finding]:
    """An export HS code is 8 digits (``12345678`` or ``1234.56.78``)."""
    for pointer, number, line in lines(content):
        text = line.export_hs_code
        if not is_blank(text) and normalize_hs_code(str(text)) is None:
            yield finding(
                "error",
                "documents.line.export_hs_code.format",
                f"{pointer}/export_hs_code",
                line=number,
                code=str(text),
            )


def hs6_is_current(content: DeclarationContent, context: RuleContext) -> Iterator[Finding]:
    """The first six digits are a current HS subheading."""
    for pointer, number, line in lines(content):
        code = normalize_hs_code(line.export_hs_code or "")
        if code is not None and not is_hs6_subheading(code[:6]):
            yield finding(
                "error",
                "documents.line.export_hs_code.invalid",
                f"{pointer}/export_hs_code",
                line=number,
                code=str(line.export_hs_code),
            )


def national_digits_known(content: DeclarationContent, context: RuleContext) -> Iterator[Finding]:
    """With a CEC loaded, the 8-digit code is one of its codes."""
    if context.classification is None:
        return
    for pointer, number, code, line in _valid_hs6_lines(content):
        if context.classification.get(code) is None:
            yield finding(
                "error",
                "documents.line.export_hs_code.unknown_national",
                f"{pointer}/export_hs_code",
                line=number,
                code=str(line.export_hs_code),
            )


def national_digits_unchecked(
    content: DeclarationContent, context: RuleContext
) -> Iterator[Finding]:
    """Without a CEC, say once that only the six HS digits were checked."""
    if context.classification is None and any(_valid_hs6_lines(content)):
        yield finding("info", "documents.lines.national_digits_unchecked", "/lines")


def quantity_uom_matches_classification(
    content: DeclarationContent, context: RuleContext
) -> Iterator[Finding]:
    """With a CEC loaded, the quantity is in the unit the CEC names for the code."""
    if context.classification is None:
        return
    for pointer, number, code, line in _valid_hs6_lines(content):
        entry = context.classification.get(code)
        uom = line.quantity_uom
        if entry is not None and not is_blank(uom) and uom != entry.uom:
            yield finding(
                "error",
                "documents.line.quantity_uom.mismatch",
                f"{pointer}/quantity_uom",
                line=number,
                code=str(line.export_hs_code),
                expected=entry.uom,
            )


HS_CODE_RULES: tuple[Rule, ...] = (
    hs_code_has_eight_digits,
    hs6_is_current,
    national_digits_known,
    national_digits_unchecked,
    quantity_uom_matches_classification,
)
