"""Alembic environment of the identity database (see cers_chassis.migrations)."""

from cers_chassis.migrations import run_env
from cers_identity.adapters.tables import METADATA

run_env(METADATA)
