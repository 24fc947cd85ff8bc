"""Accounts tables: business accounts, members, CSP associations, identifiers, activation
codes and their audit, and the replica of identity's users.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "activation_attempts",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=True), nullable=False),
        sa.Column("business_number", sa.String(length=15), nullable=False),
        sa.Column("user_id", sa.String(length=64), nullable=False),
        sa.Column("outcome", sa.String(length=64), nullable=False),
        sa.Column("failure", sa.Boolean(), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        comment="Audit of activation attempts; failures within an hour lock the Business Number.",
    )
    op.create_index(
        "activation_attempts_bn_time",
        "activation_attempts",
        ["business_number", "occurred_at"],
        unique=False,
    )
    op.create_table(
        "activation_codes",
        sa.Column("code_id", sa.String(length=64), nullable=False),
        sa.Column("business_number", sa.String(length=15), nullable=False),
        sa.Column("authorization_id", sa.String(length=6), nullable=False),
        sa.Column("export_designation", sa.String(length=16), nullable=False),
        sa.Column("applicant_email", sa.String(length=320), nullable=False),
        sa.Column("applicant_language", sa.String(length=2), nullable=False),
        sa.Column("code_hash", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("issued_by", sa.String(length=64), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("expiry_notice_sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("redeemed_account_id", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("code_id"),
        comment="Activation codes (hashed); at most one active per Business Number.",
    )
    op.create_index("activation_codes_bn", "activation_codes", ["business_number"], unique=False)
    op.create_index(
        "activation_codes_one_active",
        "activation_codes",
        ["business_number"],
        unique=True,
        postgresql_where=sa.text("status = 'active'"),
    )
    op.create_table(
        "authorization_ids",
        sa.Column("business_number", sa.String(length=15), nullable=False),
        sa.Column("authorization_id", sa.String(length=6), nullable=False),
        sa.Column("assigned_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("business_number"),
        sa.UniqueConstraint("authorization_id"),
        comment="The Authorization ID of each Business Number, assigned with its first code.",
    )
    op.create_table(
        "business_accounts",
        sa.Column("business_account_id", sa.String(length=64), nullable=False),
        sa.Column("business_number", sa.String(length=15), nullable=False),
        sa.Column("authorization_id", sa.String(length=6), nullable=False),
        sa.Column("business_type", sa.String(length=32), nullable=False),
        sa.Column("legal_name", sa.String(length=200), nullable=False),
        sa.Column("operating_name", sa.String(length=200), nullable=True),
        sa.Column("address", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("contact", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("owner_user_id", sa.String(length=64), nullable=False),
        sa.Column("activated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("membership_version", sa.Integer(), nullable=False),
        sa.Column("association_version", sa.Integer(), nullable=False),
        sa.Column("sum_id", sa.String(length=7), nullable=True),
        sa.Column("srp_valid_from", sa.Date(), nullable=True),
        sa.Column("srp_valid_until", sa.Date(), nullable=True),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("business_account_id"),
        comment="Business accounts; at most one live account per Business Number.",
    )
    op.create_index(
        "business_accounts_live_bn",
        "business_accounts",
        ["business_number"],
        unique=True,
        postgresql_where=sa.text("NOT deleted"),
    )
    op.create_table(
        "known_users",
        sa.Column("user_id", sa.String(length=64), nullable=False),
        sa.Column("urn", sa.String(length=32), nullable=False),
        sa.Column("first_name", sa.String(length=100), nullable=False),
        sa.Column("last_name", sa.String(length=100), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("language", sa.String(length=2), nullable=False),
        sa.Column("officer", sa.Boolean(), nullable=False),
        sa.Column("disabled", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("user_id"),
        sa.UniqueConstraint("urn"),
        comment="Replica of identity's users (identity.user.v1), to add users by URN.",
    )
    op.create_table(
        "sum_ids",
        sa.Column("sum_id", sa.String(length=7), nullable=False),
        sa.Column("business_account_id", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("sum_id"),
        sa.UniqueConstraint("business_account_id"),
        comment="Summary Reporting Program ids, one per account, kept after a revocation.",
    )
    op.create_table(
        "associations",
        sa.Column("exporter_account_id", sa.String(length=64), nullable=False),
        sa.Column("csp_account_id", sa.String(length=64), nullable=False),
        sa.Column("csp_business_number", sa.String(length=15), nullable=False),
        sa.ForeignKeyConstraint(
            ["csp_account_id"],
            ["business_accounts.business_account_id"],
        ),
        sa.ForeignKeyConstraint(
            ["exporter_account_id"],
            ["business_accounts.business_account_id"],
        ),
        sa.PrimaryKeyConstraint("exporter_account_id", "csp_account_id"),
        comment="Customs service providers filing for exporters (BSF831).",
    )
    op.create_index("associations_csp", "associations", ["csp_account_id"], unique=False)
    op.create_table(
        "memberships",
        sa.Column("business_account_id", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.String(length=64), nullable=False),
        sa.Column("urn", sa.String(length=32), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(
            ["business_account_id"],
            ["business_accounts.business_account_id"],
        ),
        sa.PrimaryKeyConstraint("business_account_id", "user_id"),
        comment="Who has which role in which business account (the source of every replica).",
    )
    op.create_index("memberships_user", "memberships", ["user_id"], unique=False)


def downgrade() -> None:
    op.drop_index("memberships_user", table_name="memberships")
    op.drop_table("memberships")
    op.drop_index("associations_csp", table_name="associations")
    op.drop_table("associations")
    op.drop_table("sum_ids")
    op.drop_table("known_users")
    op.drop_index(
        "business_accounts_live_bn",
        table_name="business_accounts",
        postgresql_where=sa.text("NOT deleted"),
    )
    op.drop_table("business_accounts")
    op.drop_table("authorization_ids")
    op.drop_index(
        "activation_codes_one_active",
        table_name="activation_codes",
        postgresql_where=sa.text("status = 'active'"),
    )
    op.drop_index("activation_codes_bn", table_name="activation_codes")
    op.drop_table("activation_codes")
    op.drop_index("activation_attempts_bn_time", table_name="activation_attempts")
    op.drop_table("activation_attempts")
