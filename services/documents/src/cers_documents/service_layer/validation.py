"""The rule engine and the deadline engine, with what they need loaded once per process."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from cers_contracts.documents import DeclarationContent, Finding
from cers_documents.domain.classification import ExportClassification
from cers_documents.domain.currency import CurrencyRates
from cers_documents.domain.deadlines import Cutoff, time_to_cutoff
from cers_documents.domain.rules import RuleContext, check


@dataclass(frozen=True)
class Validator:
    """Runs ``check`` and ``time_to_cutoff`` with the service's rates and classification."""

    rates: CurrencyRates
    classification: ExportClassification | None = None

    def findings(self, content: DeclarationContent, now: datetime) -> list[Finding]:
        """Every finding about ``content`` at ``now``."""
        context = RuleContext(now=now, rates=self.rates, classification=self.classification)
        return check(content, context)

    def cutoff(self, content: DeclarationContent, now: datetime) -> Cutoff | None:
        """The reporting cut-off of ``content`` (None without mode and export date)."""
        return time_to_cutoff(content, now)
