"""What a rule is, what it is given, and how findings are made and ordered."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime

from cers_contracts.documents import CommodityLine, DeclarationContent, Finding, Severity
from cers_documents.domain.classification import ExportClassification
from cers_documents.domain.currency import CurrencyRates
from cers_documents.domain.messages import english


@dataclass(frozen=True)
class RuleContext:
    """What rules need besides the declaration: the time, rates, and the CEC when loaded."""

    now: datetime
    rates: CurrencyRates
    classification: ExportClassification | None = None


Rule = Callable[[DeclarationContent, RuleContext], Iterable[Finding]]
"""A rule: one idea, yielding a finding for each field that breaks it."""

_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
_INDEX = re.compile(r"\d+")


def finding(severity: Severity, key: str, pointer: str, /, **params: str) -> Finding:
    """A finding with the English text of the message ``key``."""
    return Finding(
        severity=severity,
        code=key,
        pointer=pointer,
        message=english(key, params),
        params=params,
    )


def lines(content: DeclarationContent) -> Iterator[tuple[str, str, CommodityLine]]:
    """Each commodity line with its pointer (``/lines/0``) and its 1-based number for texts."""
    for index, line in enumerate(content.lines):
        yield f"/lines/{index}", str(index + 1), line


def is_blank(value: object) -> bool:
    """Whether a field counts as not filled in: None, or text of only spaces."""
    return value is None or (isinstance(value, str) and not value.strip())


def run(rules: Iterable[Rule], content: DeclarationContent, context: RuleContext) -> list[Finding]:
    """Every rule's findings, ordered by pointer (line 2 before line 10), severity, then code."""
    found = [each for rule in rules for each in rule(content, context)]
    return sorted(found, key=_order)


def _order(item: Finding) -> tuple[tuple[tuple[int, int | str], ...], int, str]:
    segments = tuple(
        (0, int(segment)) if _INDEX.fullmatch(segment) else (1, segment)
        for segment in item.pointer.split("/")
    )
    return segments, _SEVERITY_ORDER[item.severity], item.code
