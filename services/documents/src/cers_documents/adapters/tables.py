"""The documents database's tables (besides the chassis' outbox/inbox and the authorization
replica): drafts, declarations and their versions and status history, Proof of Report counters,
idempotency keys and the replica of exporters' business accounts."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Identity,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB

DOCUMENTS_METADATA = MetaData()

drafts = Table(
    "drafts",
    DOCUMENTS_METADATA,
    Column("draft_id", String(64), primary_key=True),
    Column("business_account_id", String(64), nullable=False),
    Column("author_user_id", String(64), nullable=False),
    Column("content", JSONB, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("expiry_warned_at", DateTime(timezone=True)),
    Index("drafts_account", "business_account_id", "updated_at"),
    Index("drafts_expiry", "expires_at"),
    comment="Declarations being written (not reported); deleted 30 days after their last change.",
)

declarations = Table(
    "declarations",
    DOCUMENTS_METADATA,
    Column("declaration_id", String(64), primary_key=True),
    Column("business_account_id", String(64), nullable=False),
    Column("document_type", String(16), nullable=False),
    Column("origin", String(8), nullable=False),
    Column("proof_of_report", String(25), nullable=False, unique=True),
    Column("status", String(16), nullable=False),
    Column("current_version", Integer, nullable=False),
    Column("exporter", JSONB, nullable=False),
    Column("exporter_reference_numbers", ARRAY(Text), nullable=False),
    Column("submitted_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Index("declarations_account", "business_account_id", "submitted_at"),
    Index("declarations_references", "exporter_reference_numbers", postgresql_using="gin"),
    comment="Reported declarations (CERS and migrated CAED): POR, status, the exporter as filed.",
)

declaration_versions = Table(
    "declaration_versions",
    DOCUMENTS_METADATA,
    Column(
        "declaration_id",
        String(64),
        ForeignKey("declarations.declaration_id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("version", Integer, primary_key=True),
    Column("status", String(16), nullable=False),
    Column("content", JSONB, nullable=False),
    Column("findings", JSONB, nullable=False),
    Column("changes", JSONB, nullable=False),
    Column("amendment_reason", String(16)),
    Column("filer", JSONB, nullable=False),
    Column("reported_at", DateTime(timezone=True), nullable=False),
    comment="Every reported version, complete: content, warnings/infos, the amendment's diff.",
)

status_history = Table(
    "status_history",
    DOCUMENTS_METADATA,
    Column("id", BigInteger, Identity(always=True), primary_key=True),
    Column(
        "declaration_id",
        String(64),
        ForeignKey("declarations.declaration_id", ondelete="CASCADE"),
        nullable=False,
    ),
    Column("status", String(16), nullable=False),
    Column("version", Integer, nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("user_id", String(64), nullable=False),
    Column("reason", String(500)),
    Index("status_history_declaration", "declaration_id", "id"),
    comment="Each status change of a declaration: when, who, why.",
)

por_counters = Table(
    "por_counters",
    DOCUMENTS_METADATA,
    Column("authorization_id", String(6), primary_key=True),
    Column("reporting_date", String(8), primary_key=True),
    Column("last_sequence", BigInteger, nullable=False),
    comment="The last POR sequence number given per AuthID and Eastern Time date "
    "(UPDATE ... RETURNING: unique under concurrency, never reused, gaps allowed).",
)

idempotency_keys = Table(
    "idempotency_keys",
    DOCUMENTS_METADATA,
    Column("scope", String(200), primary_key=True),
    Column("key", String(128), primary_key=True),
    Column("fingerprint", String(64), nullable=False),
    Column("result", JSONB),
    Column("created_at", DateTime(timezone=True), nullable=False),
    comment="Client idempotency keys (HTTP: per user and account; bulk commands: per account) "
    "and the first result given for each.",
)

exporters = Table(
    "exporters",
    DOCUMENTS_METADATA,
    Column("business_account_id", String(64), primary_key=True),
    Column("business_number", String(15), nullable=False),
    Column("authorization_id", String(6), nullable=False),
    Column("business_type", String(32), nullable=False),
    Column("name", String(200), nullable=False),
    Column("address", JSONB),
    Column("deleted", Boolean, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Index("exporters_bn", "business_number"),
    comment="Replica of accounts.business-account.v1: what a declaration says of its exporter.",
)
