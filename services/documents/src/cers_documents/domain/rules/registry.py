"""The list of rules ``check`` runs: add a rule here to have it applied everywhere."""

from __future__ import annotations

from cers_documents.domain.rules.engine import Rule
from cers_documents.domain.rules.mandatory import MANDATORY_RULES

RULES: tuple[Rule, ...] = (*MANDATORY_RULES,)
