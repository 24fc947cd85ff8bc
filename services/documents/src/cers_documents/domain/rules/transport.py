"""Transport details that depend on each other: vessel, containers, port and mode."""

from __future__ import annotations

from collections.abc import Iterator

from stdnum import iso6346

from cers_contracts.codes import MODES_OF_TRANSPORT, PORTS_OF_EXIT
from cers_contracts.documents import DeclarationContent, Finding
from cers_documents.domain.rules.engine import Rule, RuleContext, finding, is_blank


def vessel_name_for_marine(content: DeclarationContent, context: RuleContext) -> Iterator[Finding]:
    """A marine shipment names its vessel."""
    mode = MODES_OF_TRANSPORT.get(content.mode_of_transport)
    if mode is not None and mode.kind == "marine" and is_blank(content.vessel_name):
        yield finding("error", "documents.vessel_name.mandatory", "/vessel_name")


def containers_when_containerized(
    content: DeclarationContent, context: RuleContext
) -> Iterator[Finding]:
    """A containerized shipment lists at least one container."""
    if content.containerized and not any(not is_blank(n) for n in content.container_numbers):
        yield finding("error", "documents.container_numbers.mandatory", "/container_numbers")


def container_numbers_valid(content: DeclarationContent, context: RuleContext) -> Iterator[Finding]:
    """Each container number has the ISO 6346 form and check digit (e.g. CSQU3054383)."""
    for index, number in enumerate(content.container_numbers):
        if not iso6346.is_valid(number):
            yield finding(
                "error",
                "documents.container_numbers.invalid",
                f"/container_numbers/{index}",
                number=number,
            )


def port_handles_mode(content: DeclarationContent, context: RuleContext) -> Iterator[Finding]:
    """The port of exit handles the declared mode of transport."""
    port = PORTS_OF_EXIT.get(content.port_of_exit)
    mode = MODES_OF_TRANSPORT.get(content.mode_of_transport)
    if port is not None and mode is not None and mode.code not in port.modes:
        yield finding(
            "error",
            "documents.port_of_exit.mode_mismatch",
            "/port_of_exit",
            port=port.code,
            mode=mode.code,
        )


TRANSPORT_RULES: tuple[Rule, ...] = (
    vessel_name_for_marine,
    containers_when_containerized,
    container_numbers_valid,
    port_handles_mode,
)
