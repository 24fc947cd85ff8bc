"""The one rule engine of declarations: "check for errors", submission and bulk validation.

``check(content, context)`` runs every registered rule and returns the findings ordered by JSON
pointer. Errors block a submission; warnings and infos are reported with it.
"""

from __future__ import annotations

from cers_contracts.documents import DeclarationContent, Finding
from cers_documents.domain.rules.engine import Rule, RuleContext, run
from cers_documents.domain.rules.registry import RULES


def check(content: DeclarationContent, context: RuleContext) -> list[Finding]:
    """Every finding of every rule about ``content``, ordered by pointer."""
    return run(RULES, content, context)


def has_errors(findings: list[Finding]) -> bool:
    """Whether any finding blocks submission."""
    return any(item.severity == "error" for item in findings)


__all__ = ["RULES", "Rule", "RuleContext", "check", "has_errors"]
