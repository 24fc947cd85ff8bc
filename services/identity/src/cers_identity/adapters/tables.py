"""Identity's own tables (its database alone; no other service reads it)."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    DateTime,
    ForeignKey,
    Identity,
    Index,
    Integer,
    MetaData,
    SmallInteger,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB

METADATA = MetaData()


def _at(name: str, *, nullable: bool = False) -> Column[object]:
    return Column(name, DateTime(timezone=True), nullable=nullable)


# Terms and Conditions of Use; the highest version is the current one.
terms = Table(
    "terms",
    METADATA,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("text_en", Text, nullable=False),
    Column("text_fr", Text, nullable=False),
    _at("published_at"),
)

# User accounts: URN and profile; the credential in use is in credentials.
users = Table(
    "users",
    METADATA,
    Column("id", String(36), primary_key=True),
    Column("urn", String(16), nullable=False, unique=True),
    Column("first_name", String(100), nullable=False),
    Column("last_name", String(100), nullable=False),
    Column("email", String(254), nullable=False),
    Column("email_confirmed", Boolean, nullable=False),
    Column("telephone", String(32), nullable=False),
    Column("time_zone", String(64), nullable=False),
    Column("language", String(2), nullable=False),
    Column("officer", Boolean, nullable=False),
    Column("accepted_terms_version", Integer, ForeignKey("terms.version"), nullable=True),
    _at("created_at"),
    _at("updated_at"),
    _at("disabled_at", nullable=True),
    Column("disabled_reason", String(500), nullable=True),
)

# Credentials at a provider (local username or OIDC subject), with or without a user.
credentials = Table(
    "credentials",
    METADATA,
    Column("id", String(36), primary_key=True),
    Column("provider", String(32), nullable=False),
    Column("subject", String(255), nullable=False),
    Column("username", String(16), nullable=True),
    Column("password_hash", Text, nullable=True),
    Column("user_id", String(36), ForeignKey("users.id"), nullable=True),
    Column("accepted_terms_version", Integer, ForeignKey("terms.version"), nullable=True),
    _at("created_at"),
    _at("disabled_at", nullable=True),
    UniqueConstraint("provider", "subject", name="credentials_provider_subject_key"),
)
# A user signs in with one working credential at a time: a transfer disables the old one.
Index(
    "credentials_one_active_per_user",
    credentials.c.user_id,
    unique=True,
    postgresql_where=text("user_id IS NOT NULL AND disabled_at IS NULL"),
)

# A local credential's recovery questions; the answers are argon2id hashes.
recovery_answers = Table(
    "recovery_answers",
    METADATA,
    Column("credential_id", String(36), ForeignKey("credentials.id"), primary_key=True),
    Column("position", SmallInteger, primary_key=True, autoincrement=False),
    Column("question", String(200), nullable=False),
    Column("answer_hash", Text, nullable=False),
)

# Sign-in sessions; the gateway holds the secret, only its SHA-256 is kept.
sessions = Table(
    "sessions",
    METADATA,
    Column("reference", String(36), primary_key=True),
    Column("secret_hash", String(64), nullable=False, unique=True),
    Column("credential_id", String(36), ForeignKey("credentials.id"), nullable=False),
    Column("user_id", String(36), ForeignKey("users.id"), nullable=True, index=True),
    _at("created_at"),
    _at("last_seen_at"),
    _at("ended_at", nullable=True),
    Column("end_reason", String(32), nullable=True),
    Index("sessions_credential_id_idx", "credential_id"),
)

# Single-use e-mail confirmation links; only the SHA-256 of the link's secret is kept.
email_confirmations = Table(
    "email_confirmations",
    METADATA,
    Column("token_hash", String(64), primary_key=True),
    Column("user_id", String(36), ForeignKey("users.id"), nullable=False, index=True),
    Column("email", String(254), nullable=False),
    _at("expires_at"),
    _at("used_at", nullable=True),
)

# Recent failed attempts per username, for the lockout (pruned as they age).
sign_in_failures = Table(
    "sign_in_failures",
    METADATA,
    Column("id", BigInteger, Identity(always=True), primary_key=True),
    Column("provider", String(32), nullable=False),
    Column("username_key", String(255), nullable=False),
    _at("failed_at"),
    Index("sign_in_failures_lookup_idx", "provider", "username_key", "failed_at"),
)

# Ed25519 token-signing keys (private, unencrypted: a KMS is the production answer).
signing_keys = Table(
    "signing_keys",
    METADATA,
    Column("kid", String(64), primary_key=True),
    Column("private_jwk", JSONB, nullable=False),
    _at("created_at"),
    _at("retired_at", nullable=True),
)

# OIDC sign-ins under way: the browser is at the provider and comes back with state.
oidc_authorizations = Table(
    "oidc_authorizations",
    METADATA,
    Column("state", String(128), primary_key=True),
    Column("provider", String(32), nullable=False),
    Column("purpose", String(32), nullable=False),
    Column("nonce", String(128), nullable=False),
    Column("code_verifier", String(128), nullable=False),
    Column("authorization_url", Text, nullable=False),
    Column("session_reference", String(36), ForeignKey("sessions.reference"), nullable=True),
    _at("expires_at"),
)

# Personal access tokens of the public API; only the SHA-256 of the token is kept (with its first
# characters, for display). The business accounts are as the user typed them: accounts decides.
personal_access_tokens = Table(
    "personal_access_tokens",
    METADATA,
    Column("id", String(36), primary_key=True),
    Column("user_id", String(36), ForeignKey("users.id"), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("prefix", String(16), nullable=False),
    Column("name", String(100), nullable=False),
    Column("business_account_ids", JSONB, nullable=False),
    Column("access", String(8), nullable=False),
    _at("created_at"),
    _at("expires_at"),
    _at("last_used_at", nullable=True),
    _at("revoked_at", nullable=True),
    CheckConstraint("access IN ('read', 'write')", name="personal_access_tokens_access_check"),
    Index("personal_access_tokens_user_idx", "user_id", "created_at"),
)

# Security events: sign-in failures, lockouts, sign-ins, sign-outs, transfers, ...
audit_log = Table(
    "audit_log",
    METADATA,
    Column("id", BigInteger, Identity(always=True), primary_key=True),
    _at("occurred_at"),
    Column("action", String(48), nullable=False),
    Column("provider", String(32), nullable=True),
    Column("username", String(255), nullable=True),
    Column("credential_id", String(36), nullable=True),
    Column("user_id", String(36), nullable=True),
    Column("session_reference", String(36), nullable=True),
    Column("detail", JSONB, nullable=False, server_default=text("'{}'::jsonb")),
    Index("audit_log_user_idx", "user_id", "occurred_at"),
)
