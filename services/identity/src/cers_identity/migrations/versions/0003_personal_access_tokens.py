"""Personal access tokens of the public API (issue #6).

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def _at(name: str, *, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "personal_access_tokens",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("user_id", sa.String(36), sa.ForeignKey("users.id"), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("prefix", sa.String(16), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("business_account_ids", JSONB, nullable=False),
        sa.Column("access", sa.String(8), nullable=False),
        _at("created_at"),
        _at("expires_at"),
        _at("last_used_at", nullable=True),
        _at("revoked_at", nullable=True),
        sa.CheckConstraint(
            "access IN ('read', 'write')", name="personal_access_tokens_access_check"
        ),
    )
    op.create_index(
        "personal_access_tokens_user_idx", "personal_access_tokens", ["user_id", "created_at"]
    )


def downgrade() -> None:
    op.drop_table("personal_access_tokens")
