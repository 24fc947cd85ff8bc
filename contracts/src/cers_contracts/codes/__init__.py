"""Versioned code tables of export declarations, and ISO lookups (countries, provinces, currencies).

``CODE_TABLES`` names every table, for the portal's select options and the bulk layout.
"""

from __future__ import annotations

from cers_contracts.codes.ports import PORTS_OF_EXIT, PortOfExit
from cers_contracts.codes.reasons import AMENDMENT_REASONS, EXPORT_REASONS
from cers_contracts.codes.table import CodeEntry, CodeOption, CodeTable, Language
from cers_contracts.codes.transport import MODES_OF_TRANSPORT, ModeOfTransport, TransportKind
from cers_contracts.codes.units import QUANTITY_UNITS, WEIGHT_UNITS

CODE_TABLES: dict[str, CodeTable[CodeEntry]] = {
    table.name: table  # type: ignore[misc]
    for table in (
        MODES_OF_TRANSPORT,
        QUANTITY_UNITS,
        WEIGHT_UNITS,
        EXPORT_REASONS,
        AMENDMENT_REASONS,
        PORTS_OF_EXIT,
    )
}

__all__ = [
    "AMENDMENT_REASONS",
    "CODE_TABLES",
    "EXPORT_REASONS",
    "MODES_OF_TRANSPORT",
    "PORTS_OF_EXIT",
    "QUANTITY_UNITS",
    "WEIGHT_UNITS",
    "CodeEntry",
    "CodeOption",
    "CodeTable",
    "Language",
    "ModeOfTransport",
    "PortOfExit",
    "TransportKind",
]
