"""Coded fields hold a code of their table: CERS tables, ISO countries, provinces, currencies."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Literal

from cers_contracts.codes import (
    EXPORT_REASONS,
    MODES_OF_TRANSPORT,
    PORTS_OF_EXIT,
    QUANTITY_UNITS,
    WEIGHT_UNITS,
)
from cers_contracts.codes.iso import is_canadian_province, is_country, is_currency
from cers_contracts.documents import DeclarationContent, Finding
from cers_documents.domain.rules.engine import Rule, RuleContext, finding, is_blank, lines
from cers_documents.domain.rules.mandatory import PARTIES

Known = Callable[[str], bool]


def header_code_known(field: str, known: Known, code: str) -> Rule:
    """The rule that the declaration's ``field``, when given, passes ``known``."""

    def rule(content: DeclarationContent, context: RuleContext) -> Iterator[Finding]:
        value = getattr(content, field)
        if not is_blank(value) and not known(value):
            yield finding("error", code, f"/{field}", code=value)

    rule.__name__ = f"{field}_known"
    return rule


def line_code_known(field: str, known: Known, code: str) -> Rule:
    """The rule that every line's ``field``, when given, passes ``known``."""

    def rule(content: DeclarationContent, context: RuleContext) -> Iterator[Finding]:
        for pointer, number, line in lines(content):
            value = getattr(line, field)
            if not is_blank(value) and not known(value):
                yield finding("error", code, f"{pointer}/{field}", line=number, code=value)

    rule.__name__ = f"line_{field}_known"
    return rule


def party_country_known(party: Literal["consignee", "service_provider"]) -> Rule:
    """The rule that the ``party``'s address country, when given, is an ISO country code."""

    def rule(content: DeclarationContent, context: RuleContext) -> Iterator[Finding]:
        holder = getattr(content, party)
        address = holder.address if holder else None
        country = address.country if address else None
        if country is not None and not is_blank(country) and not is_country(country):
            yield finding(
                "error",
                f"documents.{party}.country.invalid",
                f"/{party}/address/country",
                code=country,
            )

    rule.__name__ = f"{party}_country_known"
    return rule


def destination_not_canada(content: DeclarationContent, context: RuleContext) -> Iterator[Finding]:
    """Exported goods leave Canada: the final destination cannot be Canada."""
    if content.country_of_final_destination == "CA":
        yield finding(
            "error",
            "documents.country_of_final_destination.canada",
            "/country_of_final_destination",
        )


def province_only_for_canadian_goods(
    content: DeclarationContent, context: RuleContext
) -> Iterator[Finding]:
    """A province of origin is given only for goods of Canadian origin."""
    for pointer, number, line in lines(content):
        foreign = not is_blank(line.country_of_origin) and line.country_of_origin != "CA"
        if foreign and not is_blank(line.province_of_origin):
            yield finding(
                "error",
                "documents.line.province_of_origin.not_canadian",
                f"{pointer}/province_of_origin",
                line=number,
            )


def province_of_origin_known(
    content: DeclarationContent, context: RuleContext
) -> Iterator[Finding]:
    """Canadian goods name an ISO 3166-2 Canadian province or territory (``CA-ON``)."""
    for pointer, number, line in lines(content):
        value = line.province_of_origin
        if (
            line.country_of_origin == "CA"
            and not is_blank(value)
            and not is_canadian_province(value)
        ):
            yield finding(
                "error",
                "documents.line.province_of_origin.invalid",
                f"{pointer}/province_of_origin",
                line=number,
                code=str(value),
            )


CODE_TABLE_RULES: tuple[Rule, ...] = (
    header_code_known(
        "export_reason", EXPORT_REASONS.__contains__, "documents.export_reason.unknown"
    ),
    header_code_known(
        "mode_of_transport", MODES_OF_TRANSPORT.__contains__, "documents.mode_of_transport.unknown"
    ),
    header_code_known("port_of_exit", PORTS_OF_EXIT.__contains__, "documents.port_of_exit.unknown"),
    header_code_known(
        "country_of_final_destination",
        is_country,
        "documents.country_of_final_destination.invalid",
    ),
    header_code_known("currency", is_currency, "documents.currency.invalid"),
    *(party_country_known(party) for party in PARTIES),
    destination_not_canada,
    line_code_known(
        "quantity_uom", QUANTITY_UNITS.__contains__, "documents.line.quantity_uom.unknown"
    ),
    line_code_known("weight_uom", WEIGHT_UNITS.__contains__, "documents.line.weight_uom.unknown"),
    line_code_known("country_of_origin", is_country, "documents.line.country_of_origin.invalid"),
    province_of_origin_known,
    province_only_for_canadian_goods,
)
