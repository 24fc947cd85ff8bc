"""The accounts database's tables (SQLAlchemy Core); the Alembic revisions create them."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Identity,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB

ACCOUNTS_METADATA = MetaData()

business_accounts = Table(
    "business_accounts",
    ACCOUNTS_METADATA,
    Column("business_account_id", String(64), primary_key=True),
    Column("business_number", String(15), nullable=False),
    Column("authorization_id", String(6), nullable=False),
    Column("business_type", String(32), nullable=False),
    Column("legal_name", String(200), nullable=False),
    Column("operating_name", String(200)),
    Column("address", JSONB, nullable=False),
    Column("contact", JSONB, nullable=False),
    Column("owner_user_id", String(64), nullable=False),
    Column("activated_at", DateTime(timezone=True), nullable=False),
    Column("membership_version", Integer, nullable=False),
    Column("association_version", Integer, nullable=False),
    Column("sum_id", String(7)),
    Column("srp_valid_from", Date),
    Column("srp_valid_until", Date),
    Column("deleted", Boolean, nullable=False),
    Index(
        "business_accounts_live_bn",
        "business_number",
        unique=True,
        postgresql_where=text("NOT deleted"),
    ),
    comment="Business accounts; at most one live account per Business Number.",
)

memberships = Table(
    "memberships",
    ACCOUNTS_METADATA,
    Column(
        "business_account_id",
        String(64),
        ForeignKey("business_accounts.business_account_id"),
        primary_key=True,
    ),
    Column("user_id", String(64), primary_key=True),
    Column("urn", String(32), nullable=False),
    Column("role", String(16), nullable=False),
    Index("memberships_user", "user_id"),
    comment="Who has which role in which business account (the source of every replica).",
)

associations = Table(
    "associations",
    ACCOUNTS_METADATA,
    Column(
        "exporter_account_id",
        String(64),
        ForeignKey("business_accounts.business_account_id"),
        primary_key=True,
    ),
    Column(
        "csp_account_id",
        String(64),
        ForeignKey("business_accounts.business_account_id"),
        primary_key=True,
    ),
    Column("csp_business_number", String(15), nullable=False),
    Index("associations_csp", "csp_account_id"),
    comment="Customs service providers filing for exporters (BSF831).",
)

authorization_ids = Table(
    "authorization_ids",
    ACCOUNTS_METADATA,
    Column("business_number", String(15), primary_key=True),
    Column("authorization_id", String(6), nullable=False, unique=True),
    Column("assigned_at", DateTime(timezone=True), nullable=False),
    comment="The Authorization ID of each Business Number, assigned with its first code.",
)

sum_ids = Table(
    "sum_ids",
    ACCOUNTS_METADATA,
    Column("sum_id", String(7), primary_key=True),
    Column("business_account_id", String(64), nullable=False, unique=True),
    comment="Summary Reporting Program ids, one per account, kept after a revocation.",
)

activation_codes = Table(
    "activation_codes",
    ACCOUNTS_METADATA,
    Column("code_id", String(64), primary_key=True),
    Column("business_number", String(15), nullable=False),
    Column("authorization_id", String(6), nullable=False),
    Column("export_designation", String(16), nullable=False),
    Column("applicant_email", String(320), nullable=False),
    Column("applicant_language", String(2), nullable=False),
    Column("code_hash", String(200), nullable=False),
    Column("status", String(16), nullable=False),
    Column("issued_at", DateTime(timezone=True), nullable=False),
    Column("issued_by", String(64), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("ended_at", DateTime(timezone=True)),
    Column("expiry_notice_sent_at", DateTime(timezone=True)),
    Column("redeemed_account_id", String(64)),
    Index("activation_codes_bn", "business_number"),
    Index(
        "activation_codes_one_active",
        "business_number",
        unique=True,
        postgresql_where=text("status = 'active'"),
    ),
    comment="Activation codes (hashed); at most one active per Business Number.",
)

activation_attempts = Table(
    "activation_attempts",
    ACCOUNTS_METADATA,
    Column("id", BigInteger, Identity(always=True), primary_key=True),
    Column("business_number", String(15), nullable=False),
    Column("user_id", String(64), nullable=False),
    Column("outcome", String(64), nullable=False),
    Column("failure", Boolean, nullable=False),
    Column("occurred_at", DateTime(timezone=True), nullable=False),
    Index("activation_attempts_bn_time", "business_number", "occurred_at"),
    comment="Audit of activation attempts; failures within an hour lock the Business Number.",
)

known_users = Table(
    "known_users",
    ACCOUNTS_METADATA,
    Column("user_id", String(64), primary_key=True),
    Column("urn", String(32), nullable=False, unique=True),
    Column("first_name", String(100), nullable=False),
    Column("last_name", String(100), nullable=False),
    Column("email", String(320), nullable=False),
    Column("language", String(2), nullable=False),
    Column("officer", Boolean, nullable=False),
    Column("disabled", Boolean, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    comment="Replica of identity's users (identity.user.v1), to add users by URN.",
)
