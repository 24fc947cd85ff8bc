"""Alembic migrations of the bulk database."""
