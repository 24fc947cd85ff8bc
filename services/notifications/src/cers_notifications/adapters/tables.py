"""The notifications database's own tables (the outbox and inbox come from the chassis)."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Identity,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB

METADATA = MetaData()

bulletins = Table(
    "bulletins",
    METADATA,
    Column("bulletin_id", String(64), primary_key=True),
    Column("number", String(16), nullable=False, unique=True),
    Column("title", JSONB, nullable=False),
    Column("clients_affected", JSONB, nullable=False),
    Column("description", JSONB, nullable=False),
    Column("action_required", JSONB, nullable=False),
    Column("topics", ARRAY(String(64)), nullable=False),
    Column("category", String(64), nullable=False),
    Column("outage", Boolean, nullable=False),
    Column("starts_at", DateTime(timezone=True), nullable=False),
    Column("ends_at", DateTime(timezone=True)),
    Column("version", Integer, nullable=False),
    Column("published_at", DateTime(timezone=True), nullable=False),
    Column("published_by", String(64), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("retired_at", DateTime(timezone=True)),
    Column("follow_up_at", DateTime(timezone=True)),
    Index("bulletins_by_publication", "published_at"),
    Index(
        "outages_to_follow_up",
        "ends_at",
        postgresql_where=text("outage AND follow_up_at IS NULL"),
    ),
    comment="Bulletins (bilingual texts as {en, fr}); outage ones drive the banner.",
)

useful_links = Table(
    "useful_links",
    METADATA,
    Column("link_id", String(64), primary_key=True),
    Column("title", JSONB, nullable=False),
    Column("url", JSONB, nullable=False),
    Column("description", JSONB, nullable=False),
    Column("topics", ARRAY(String(64)), nullable=False),
    Column("version", Integer, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("retired_at", DateTime(timezone=True)),
    comment="Useful links (bilingual title, address, description).",
)

users = Table(
    "users",
    METADATA,
    Column("user_id", String(64), primary_key=True),
    Column("urn", String(32), nullable=False),
    Column("first_name", String(100), nullable=False),
    Column("last_name", String(100), nullable=False),
    Column("email", String(320), nullable=False),
    Column("language", String(2), nullable=False),
    Column("time_zone", String(64), nullable=False),
    Column("officer", Boolean, nullable=False),
    Column("disabled", Boolean, nullable=False),
    Column("as_of", DateTime(timezone=True), nullable=False),
    comment="Replica of identity.user.v1: where and in which language to write to a user.",
)

business_accounts = Table(
    "business_accounts",
    METADATA,
    Column("business_account_id", String(64), primary_key=True),
    Column("business_number", String(15), nullable=False),
    Column("legal_name", String(200), nullable=False),
    Column("as_of", DateTime(timezone=True), nullable=False),
    comment="Replica of accounts.business-account.v1: account names for the notices.",
)

subscriptions = Table(
    "subscriptions",
    METADATA,
    Column("user_id", String(64), primary_key=True),
    Column("category", String(64), primary_key=True),
    Column("subscribed_at", DateTime(timezone=True), nullable=False),
    Index("subscribers_by_category", "category"),
    comment="E-mail bulletin subscriptions by category (My Profile).",
)

notices = Table(
    "notices",
    METADATA,
    Column("notice_id", String(36), primary_key=True),
    Column("kind", String(64), nullable=False),
    Column("source", Text, nullable=False),
    Column("recipient", String(320), nullable=False),
    Column("user_id", String(64)),
    Column("email", String(320)),
    Column("language", String(2)),
    Column("params", JSONB, nullable=False),
    Column("status", String(16), nullable=False),
    Column("attempts", Integer, nullable=False, server_default="0"),
    Column("next_attempt_at", DateTime(timezone=True), nullable=False),
    Column("last_error", Text),
    Column("message_id", String(255), nullable=False),
    Column("sent_to", String(320)),
    Column("sent_at", DateTime(timezone=True)),
    Column("created_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("kind", "source", "recipient", name="one_notice_per_cause_and_recipient"),
    Index("notices_due", "next_attempt_at", postgresql_where=text("status = 'pending'")),
    Index("notices_by_source", "source"),
    comment="E-mail notices, one per (kind, cause, recipient); the sender delivers them.",
)

sink_messages = Table(
    "sink_messages",
    METADATA,
    Column("id", Integer, Identity(always=True), primary_key=True),
    Column("received_at", DateTime(timezone=True), nullable=False),
    Column("mail_from", String(320), nullable=False),
    Column("recipients", ARRAY(String(320)), nullable=False),
    Column("subject", Text, nullable=False),
    Column("message_id", String(255)),
    Column("content", LargeBinary, nullable=False),
    comment="Development SMTP sink: every message it received (CERS_SMTP_SINK_ENABLED).",
)
