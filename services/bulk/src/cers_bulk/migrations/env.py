"""Alembic environment of the bulk database (see cers_chassis.migrations)."""

from cers_chassis.migrations import run_env

run_env()
