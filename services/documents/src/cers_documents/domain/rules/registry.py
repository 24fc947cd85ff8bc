"""The list of rules ``check`` runs: add a rule here to have it applied everywhere."""

from __future__ import annotations

from cers_documents.domain.rules.amounts import AMOUNT_RULES
from cers_documents.domain.rules.code_tables import CODE_TABLE_RULES
from cers_documents.domain.rules.engine import Rule
from cers_documents.domain.rules.hs_codes import HS_CODE_RULES
from cers_documents.domain.rules.mandatory import MANDATORY_RULES
from cers_documents.domain.rules.parties import PARTY_RULES
from cers_documents.domain.rules.permits import PERMIT_RULES
from cers_documents.domain.rules.requirement import REQUIREMENT_RULES
from cers_documents.domain.rules.timing import TIMING_RULES
from cers_documents.domain.rules.transport import TRANSPORT_RULES

RULES: tuple[Rule, ...] = (
    *MANDATORY_RULES,
    *CODE_TABLE_RULES,
    *AMOUNT_RULES,
    *HS_CODE_RULES,
    *PARTY_RULES,
    *TRANSPORT_RULES,
    *PERMIT_RULES,
    *TIMING_RULES,
    *REQUIREMENT_RULES,
)
