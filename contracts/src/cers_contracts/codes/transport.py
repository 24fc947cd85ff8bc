"""Modes of transport of an export declaration.

Codes 1 (air), 2 (highway), 6 (rail) and 9 (marine) are CBSA's mode-of-transport codes (CBSA
D-memorandum D17-1-10, Coding of customs accounting documents, and the CERS user guide); CERS also
accepts postal exports, which this project codes 5. Each entry carries its ``kind``, the category
the reporting timeframes are stated in (marine 48 h before loading; air, rail and postal 2 h
before export; highway immediately before export).
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from cers_contracts.codes.table import CodeEntry, CodeTable

TransportKind = Literal["air", "highway", "rail", "marine", "postal"]


class ModeOfTransport(CodeEntry):
    """A mode of transport and the category its reporting timeframe belongs to."""

    kind: TransportKind


MODES_OF_TRANSPORT: CodeTable[ModeOfTransport] = CodeTable[ModeOfTransport](
    name="modes_of_transport",
    version="2024.1",
    source="CBSA D17-1-10 mode of transport codes / CERS user guide (postal: CERS project code)",
    effective_from=date(2024, 1, 1),
    entries=(
        ModeOfTransport(code="1", en="Air", fr="Aérien", kind="air"),
        ModeOfTransport(code="2", en="Highway", fr="Routier", kind="highway"),
        ModeOfTransport(code="5", en="Postal", fr="Postal", kind="postal"),
        ModeOfTransport(code="6", en="Rail", fr="Ferroviaire", kind="rail"),
        ModeOfTransport(code="9", en="Marine", fr="Maritime", kind="marine"),
    ),
)
