"""Alembic migrations of the documents database."""
