"""The outage banner and the contingency rule.

During an outage exporters follow the paper procedure (form BSF844) and must report
electronically within 24 hours after the system resumes; the banner says so until that passes.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from cers_notifications.domain.bulletins import Bulletin
from cers_notifications.domain.language import Bilingual

CONTINGENCY_FORM = "BSF844"
REPORT_WITHIN = timedelta(hours=24)
CONTINGENCY_PROCEDURE = Bilingual(
    en=(
        "While CERS is unavailable, report exports on paper with form BSF844 (Export Declaration) "
        "as instructed in the outage bulletin. Every export reported on paper must also be "
        "reported electronically in CERS within 24 hours after the system resumes."
    ),
    fr=(
        "Pendant que le SCDE est indisponible, déclarez les exportations sur papier au moyen du "
        "formulaire BSF844 (Déclaration d'exportation), selon les directives du bulletin de "
        "panne. Toute exportation déclarée sur papier doit aussi être déclarée par voie "
        "électronique dans le SCDE dans les 24 heures suivant le rétablissement du système."
    ),
)


class BannerState(enum.StrEnum):
    """What the portal's outage banner shows."""

    NONE = "none"
    ACTIVE = "active"
    RESUMED = "resumed"


@dataclass(frozen=True)
class Banner:
    """The banner: its state and, unless none, the outage bulletin behind it."""

    state: BannerState
    bulletin: Bulletin | None = None

    @property
    def report_by(self) -> datetime | None:
        """After a resumption: the deadline to report paper exports electronically."""
        ends_at = self.bulletin.content.ends_at if self.bulletin else None
        return ends_at + REPORT_WITHIN if self.state is BannerState.RESUMED and ends_at else None


def is_active(outage: Bulletin, now: datetime) -> bool:
    """The outage has started and not ended."""
    content = outage.content
    return (
        content.outage
        and not outage.retired
        and content.starts_at <= now
        and (content.ends_at is None or now < content.ends_at)
    )


def is_recently_resumed(outage: Bulletin, now: datetime) -> bool:
    """The outage ended less than 24 hours ago (a retired one too: the rule still applies)."""
    ends_at = outage.content.ends_at
    return (
        outage.content.outage
        and not outage.cancelled
        and ends_at is not None
        and ends_at <= now < ends_at + REPORT_WITHIN
    )


def banner(outages: Iterable[Bulletin], now: datetime) -> Banner:
    """The banner at ``now``: the latest active outage, else the latest recently resumed one."""
    candidates = list(outages)
    active = [o for o in candidates if is_active(o, now)]
    if active:
        return Banner(BannerState.ACTIVE, max(active, key=lambda o: o.content.starts_at))
    resumed = [o for o in candidates if is_recently_resumed(o, now)]
    if resumed:
        return Banner(BannerState.RESUMED, max(resumed, key=lambda o: o.content.ends_at or now))
    return Banner(BannerState.NONE)
