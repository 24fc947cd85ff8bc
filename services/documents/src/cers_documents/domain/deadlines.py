"""Reporting timeframes: how long before export a declaration must be reported, by mode.

Marine: 48 hours before the goods are loaded; air, rail and postal: 2 hours before export;
highway: immediately before export (the cut-off is the export time itself).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from cers_contracts.codes import MODES_OF_TRANSPORT, TransportKind
from cers_contracts.documents import DeclarationContent

LEAD_TIMES: dict[TransportKind, timedelta] = {
    "marine": timedelta(hours=48),
    "air": timedelta(hours=2),
    "rail": timedelta(hours=2),
    "postal": timedelta(hours=2),
    "highway": timedelta(0),
}


@dataclass(frozen=True)
class Cutoff:
    """The last instant to report, the time left until it (negative when late), the rule's key."""

    at: datetime
    remaining: timedelta
    rule_key: str

    @property
    def late(self) -> bool:
        """Whether the cut-off has passed."""
        return self.remaining < timedelta(0)


def time_to_cutoff(content: DeclarationContent, now: datetime) -> Cutoff | None:
    """The reporting cut-off of ``content``; None without a known mode and export date."""
    mode = MODES_OF_TRANSPORT.get(content.mode_of_transport)
    if mode is None or content.estimated_export_at is None:
        return None
    try:
        at = content.estimated_export_at - LEAD_TIMES[mode.kind]
    except OverflowError:  # an export date in year 1: no cut-off exists (the date is a typo)
        return None
    return Cutoff(at=at, remaining=at - now, rule_key=f"documents.deadline.{mode.kind}")
