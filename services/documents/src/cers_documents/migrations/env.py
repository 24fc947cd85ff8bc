"""Alembic environment of the documents database (see cers_chassis.migrations)."""

from cers_chassis.migrations import run_env
from cers_documents.adapters.tables import DOCUMENTS_METADATA

run_env(DOCUMENTS_METADATA)
