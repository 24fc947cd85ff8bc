"""Alembic environment of the notifications database (see cers_chassis.migrations)."""

from cers_chassis.migrations import run_env
from cers_notifications.adapters.tables import METADATA

run_env(METADATA)
