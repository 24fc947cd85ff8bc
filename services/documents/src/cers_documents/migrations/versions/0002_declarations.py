"""Documents tables: drafts, declarations, versions, status history, POR counters, idempotency
keys, the exporter replica, and the authorization replica (chassis).

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from cers_chassis.authorization import create_authorization_tables, drop_authorization_tables

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_NOW = sa.DateTime(timezone=True)


def upgrade() -> None:
    create_authorization_tables()
    op.create_table(
        "drafts",
        sa.Column("draft_id", sa.String(64), primary_key=True),
        sa.Column("business_account_id", sa.String(64), nullable=False),
        sa.Column("author_user_id", sa.String(64), nullable=False),
        sa.Column("content", postgresql.JSONB(), nullable=False),
        sa.Column("created_at", _NOW, nullable=False),
        sa.Column("updated_at", _NOW, nullable=False),
        sa.Column("expires_at", _NOW, nullable=False),
        sa.Column("expiry_warned_at", _NOW, nullable=True),
        comment="Declarations being written (not reported); deleted 30 days after their last "
        "change.",
    )
    op.create_index("drafts_account", "drafts", ["business_account_id", "updated_at"])
    op.create_index("drafts_expiry", "drafts", ["expires_at"])
    op.create_table(
        "declarations",
        sa.Column("declaration_id", sa.String(64), primary_key=True),
        sa.Column("business_account_id", sa.String(64), nullable=False),
        sa.Column("document_type", sa.String(16), nullable=False),
        sa.Column("origin", sa.String(8), nullable=False),
        sa.Column("proof_of_report", sa.String(25), nullable=False, unique=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("current_version", sa.Integer(), nullable=False),
        sa.Column("exporter", postgresql.JSONB(), nullable=False),
        sa.Column("exporter_reference_numbers", postgresql.ARRAY(sa.Text()), nullable=False),
        sa.Column("submitted_at", _NOW, nullable=False),
        sa.Column("updated_at", _NOW, nullable=False),
        comment="Reported declarations (CERS and migrated CAED): POR, status, the exporter as "
        "filed.",
    )
    op.create_index("declarations_account", "declarations", ["business_account_id", "submitted_at"])
    op.create_index(
        "declarations_references",
        "declarations",
        ["exporter_reference_numbers"],
        postgresql_using="gin",
    )
    op.create_table(
        "declaration_versions",
        sa.Column(
            "declaration_id",
            sa.String(64),
            sa.ForeignKey("declarations.declaration_id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("version", sa.Integer(), primary_key=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("content", postgresql.JSONB(), nullable=False),
        sa.Column("findings", postgresql.JSONB(), nullable=False),
        sa.Column("changes", postgresql.JSONB(), nullable=False),
        sa.Column("amendment_reason", sa.String(16), nullable=True),
        sa.Column("filer", postgresql.JSONB(), nullable=False),
        sa.Column("reported_at", _NOW, nullable=False),
        comment="Every reported version, complete: content, warnings/infos, the amendment's diff.",
    )
    op.create_table(
        "status_history",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=True), primary_key=True),
        sa.Column(
            "declaration_id",
            sa.String(64),
            sa.ForeignKey("declarations.declaration_id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("at", _NOW, nullable=False),
        sa.Column("user_id", sa.String(64), nullable=False),
        sa.Column("reason", sa.String(500), nullable=True),
        comment="Each status change of a declaration: when, who, why.",
    )
    op.create_index("status_history_declaration", "status_history", ["declaration_id", "id"])
    op.create_table(
        "por_counters",
        sa.Column("authorization_id", sa.String(6), primary_key=True),
        sa.Column("reporting_date", sa.String(8), primary_key=True),
        sa.Column("last_sequence", sa.BigInteger(), nullable=False),
        comment="The last POR sequence number given per AuthID and Eastern Time date "
        "(UPDATE ... RETURNING: unique under concurrency, never reused, gaps allowed).",
    )
    op.create_table(
        "idempotency_keys",
        sa.Column("scope", sa.String(200), primary_key=True),
        sa.Column("key", sa.String(128), primary_key=True),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("result", postgresql.JSONB(), nullable=True),
        sa.Column("created_at", _NOW, nullable=False),
        comment="Client idempotency keys (HTTP: per user and account; bulk commands: per "
        "account) and the first result given for each.",
    )
    op.create_table(
        "exporters",
        sa.Column("business_account_id", sa.String(64), primary_key=True),
        sa.Column("business_number", sa.String(15), nullable=False),
        sa.Column("authorization_id", sa.String(6), nullable=False),
        sa.Column("business_type", sa.String(32), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("address", postgresql.JSONB(), nullable=True),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("updated_at", _NOW, nullable=False),
        comment="Replica of accounts.business-account.v1: what a declaration says of its exporter.",
    )
    op.create_index("exporters_bn", "exporters", ["business_number"])


def downgrade() -> None:
    for table in (
        "exporters",
        "idempotency_keys",
        "por_counters",
        "status_history",
        "declaration_versions",
        "declarations",
        "drafts",
    ):
        op.drop_table(table)
    drop_authorization_tables()
