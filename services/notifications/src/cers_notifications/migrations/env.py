"""Alembic environment of the notifications database (see cers_chassis.migrations)."""

from cers_chassis.migrations import run_env

run_env()
