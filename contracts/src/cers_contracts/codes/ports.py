"""CBSA ports (offices) of exit that permit exports — a SUBSET, not CBSA's full list.

The codes are four-digit CBSA office codes (the "Customs office codes" list CBSA publishes with its
D-memoranda). This table holds a small, realistic subset of major export offices for development
and tests; production needs CBSA's complete, current list loaded as a new version of this table.
Each entry names the modes of transport (codes of ``MODES_OF_TRANSPORT``) the office handles, so
that a port can be checked against the declared mode.
"""

from __future__ import annotations

from datetime import date

from cers_contracts.codes.table import CodeEntry, CodeTable

AIR, HIGHWAY, POSTAL, RAIL, MARINE = "1", "2", "5", "6", "9"


class PortOfExit(CodeEntry):
    """A CBSA office where goods may leave Canada, and the modes it handles."""

    modes: frozenset[str]


PORTS_OF_EXIT: CodeTable[PortOfExit] = CodeTable[PortOfExit](
    name="ports_of_exit",
    version="2024.1-subset",
    source="CBSA customs office codes (subset of major export offices; not the full list)",
    effective_from=date(2024, 1, 1),
    entries=(
        PortOfExit(
            code="0009",
            en="Halifax (marine)",
            fr="Halifax (maritime)",
            modes=frozenset({MARINE, RAIL}),
        ),
        PortOfExit(
            code="0395",
            en="Montréal (marine)",
            fr="Montréal (maritime)",
            modes=frozenset({MARINE, RAIL}),
        ),
        PortOfExit(
            code="0427",
            en="Lacolle (highway and rail)",
            fr="Lacolle (routier et ferroviaire)",
            modes=frozenset({HIGHWAY, RAIL}),
        ),
        PortOfExit(
            code="0440",
            en="Windsor, Ambassador Bridge",
            fr="Windsor, pont Ambassador",
            modes=frozenset({HIGHWAY}),
        ),
        PortOfExit(
            code="0497",
            en="Toronto Pearson International Airport",
            fr="Aéroport international Pearson de Toronto",
            modes=frozenset({AIR, POSTAL}),
        ),
        PortOfExit(
            code="0809",
            en="Vancouver (marine)",
            fr="Vancouver (maritime)",
            modes=frozenset({MARINE, RAIL}),
        ),
        PortOfExit(
            code="0821",
            en="Vancouver International Airport",
            fr="Aéroport international de Vancouver",
            modes=frozenset({AIR, POSTAL}),
        ),
    ),
)
