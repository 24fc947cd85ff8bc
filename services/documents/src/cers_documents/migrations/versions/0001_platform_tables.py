"""Platform tables: outbox and inbox.

Revision ID: 0001
Revises:
"""

from cers_chassis.migrations import create_platform_tables, drop_platform_tables

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_platform_tables()


def downgrade() -> None:
    drop_platform_tables()
