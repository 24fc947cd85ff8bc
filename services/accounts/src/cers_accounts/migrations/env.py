"""Alembic environment of the accounts database (see cers_chassis.migrations)."""

from cers_accounts.adapters.tables import ACCOUNTS_METADATA
from cers_chassis.migrations import run_env

run_env(ACCOUNTS_METADATA)
