"""Identity tables: terms, users, credentials, recovery answers, sessions, e-mail confirmations,
sign-in failures, signing keys, OIDC authorizations, audit log; version 1 of the terms.

Revision ID: 0002
Revises: 0001
"""

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

TERMS_V1_EN = """\
Terms and Conditions of Use of the Canadian Export Reporting System (CERS)

1. CERS is provided by the Canada Border Services Agency (CBSA) for reporting exports from
Canada. Use it only to report exports for which you, or the business you act for, are
responsible, and only with your own credential.
2. You must keep your credential, your password and your recovery answers secret. Tell the CBSA
at once if you think someone else has used them.
3. The information you submit must be true, accurate and complete. Reports are made under the
Customs Act and the Reporting of Exported Goods Regulations; false statements may lead to
penalties.
4. The CBSA records how CERS is used (sign-ins, changes and submissions) to protect it and its
users. Personal information is collected under the Customs Act and handled under the Privacy Act.
5. The CBSA may suspend access that breaks these terms, and may change these terms; you will be
asked to accept a new version before you use CERS again.
"""

TERMS_V1_FR = """\
Conditions d'utilisation du Système de déclaration des exportations canadiennes (SDEC)

1. Le SDEC est fourni par l'Agence des services frontaliers du Canada (ASFC) pour déclarer les
exportations du Canada. Utilisez-le seulement pour déclarer des exportations dont vous, ou
l'entreprise pour laquelle vous agissez, êtes responsable, et seulement avec votre propre
justificatif d'identité.
2. Vous devez garder secrets votre justificatif, votre mot de passe et vos réponses de
récupération. Avisez l'ASFC sans délai si vous croyez que quelqu'un d'autre les a utilisés.
3. Les renseignements que vous soumettez doivent être vrais, exacts et complets. Les déclarations
sont faites en vertu de la Loi sur les douanes et du Règlement sur la déclaration des
marchandises exportées; une fausse déclaration peut entraîner des pénalités.
4. L'ASFC enregistre l'utilisation du SDEC (connexions, modifications et envois) pour le protéger
et protéger ses utilisateurs. Les renseignements personnels sont recueillis en vertu de la Loi
sur les douanes et traités conformément à la Loi sur la protection des renseignements personnels.
5. L'ASFC peut suspendre un accès qui enfreint ces conditions et peut modifier ces conditions;
vous devrez accepter la nouvelle version avant d'utiliser de nouveau le SDEC.
"""


def _at(name: str, *, nullable: bool = False) -> sa.Column:  # type: ignore[type-arg]
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    terms = op.create_table(
        "terms",
        sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("text_en", sa.Text, nullable=False),
        sa.Column("text_fr", sa.Text, nullable=False),
        _at("published_at"),
    )
    op.create_table(
        "users",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("urn", sa.String(16), nullable=False, unique=True),
        sa.Column("first_name", sa.String(100), nullable=False),
        sa.Column("last_name", sa.String(100), nullable=False),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("email_confirmed", sa.Boolean, nullable=False),
        sa.Column("telephone", sa.String(32), nullable=False),
        sa.Column("time_zone", sa.String(64), nullable=False),
        sa.Column("language", sa.String(2), nullable=False),
        sa.Column("officer", sa.Boolean, nullable=False),
        sa.Column("accepted_terms_version", sa.Integer, sa.ForeignKey("terms.version")),
        _at("created_at"),
        _at("updated_at"),
        _at("disabled_at", nullable=True),
        sa.Column("disabled_reason", sa.String(500)),
    )
    op.create_table(
        "credentials",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("provider", sa.String(32), nullable=False),
        sa.Column("subject", sa.String(255), nullable=False),
        sa.Column("username", sa.String(16)),
        sa.Column("password_hash", sa.Text),
        sa.Column("user_id", sa.String(36), sa.ForeignKey("users.id")),
        sa.Column("accepted_terms_version", sa.Integer, sa.ForeignKey("terms.version")),
        _at("created_at"),
        _at("disabled_at", nullable=True),
        sa.UniqueConstraint("provider", "subject", name="credentials_provider_subject_key"),
    )
    op.create_index(
        "credentials_one_active_per_user",
        "credentials",
        ["user_id"],
        unique=True,
        postgresql_where=sa.text("user_id IS NOT NULL AND disabled_at IS NULL"),
    )
    op.create_table(
        "recovery_answers",
        sa.Column(
            "credential_id", sa.String(36), sa.ForeignKey("credentials.id"), primary_key=True
        ),
        sa.Column("position", sa.SmallInteger, primary_key=True, autoincrement=False),
        sa.Column("question", sa.String(200), nullable=False),
        sa.Column("answer_hash", sa.Text, nullable=False),
    )
    op.create_table(
        "sessions",
        sa.Column("reference", sa.String(36), primary_key=True),
        sa.Column("secret_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("credential_id", sa.String(36), sa.ForeignKey("credentials.id"), nullable=False),
        sa.Column("user_id", sa.String(36), sa.ForeignKey("users.id")),
        _at("created_at"),
        _at("last_seen_at"),
        _at("ended_at", nullable=True),
        sa.Column("end_reason", sa.String(32)),
    )
    op.create_index("ix_sessions_user_id", "sessions", ["user_id"])
    op.create_index("sessions_credential_id_idx", "sessions", ["credential_id"])
    op.create_table(
        "email_confirmations",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("user_id", sa.String(36), sa.ForeignKey("users.id"), nullable=False),
        sa.Column("email", sa.String(254), nullable=False),
        _at("expires_at"),
        _at("used_at", nullable=True),
    )
    op.create_index("ix_email_confirmations_user_id", "email_confirmations", ["user_id"])
    op.create_table(
        "sign_in_failures",
        sa.Column("id", sa.BigInteger, sa.Identity(always=True), primary_key=True),
        sa.Column("provider", sa.String(32), nullable=False),
        sa.Column("username_key", sa.String(255), nullable=False),
        _at("failed_at"),
    )
    op.create_index(
        "sign_in_failures_lookup_idx",
        "sign_in_failures",
        ["provider", "username_key", "failed_at"],
    )
    op.create_table(
        "signing_keys",
        sa.Column("kid", sa.String(64), primary_key=True),
        sa.Column("private_jwk", JSONB, nullable=False),
        _at("created_at"),
        _at("retired_at", nullable=True),
    )
    op.create_table(
        "oidc_authorizations",
        sa.Column("state", sa.String(128), primary_key=True),
        sa.Column("provider", sa.String(32), nullable=False),
        sa.Column("purpose", sa.String(32), nullable=False),
        sa.Column("nonce", sa.String(128), nullable=False),
        sa.Column("code_verifier", sa.String(128), nullable=False),
        sa.Column("authorization_url", sa.Text, nullable=False),
        sa.Column("session_reference", sa.String(36), sa.ForeignKey("sessions.reference")),
        _at("expires_at"),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.BigInteger, sa.Identity(always=True), primary_key=True),
        _at("occurred_at"),
        sa.Column("action", sa.String(48), nullable=False),
        sa.Column("provider", sa.String(32)),
        sa.Column("username", sa.String(255)),
        sa.Column("credential_id", sa.String(36)),
        sa.Column("user_id", sa.String(36)),
        sa.Column("session_reference", sa.String(36)),
        sa.Column("detail", JSONB, nullable=False, server_default=sa.text("'{}'::jsonb")),
    )
    op.create_index("audit_log_user_idx", "audit_log", ["user_id", "occurred_at"])
    op.bulk_insert(
        terms,
        [
            {
                "version": 1,
                "text_en": TERMS_V1_EN,
                "text_fr": TERMS_V1_FR,
                "published_at": datetime(2026, 1, 1, tzinfo=UTC),
            }
        ],
    )


def downgrade() -> None:
    for table in (
        "audit_log",
        "oidc_authorizations",
        "signing_keys",
        "sign_in_failures",
        "email_confirmations",
        "sessions",
        "recovery_answers",
        "credentials",
        "users",
        "terms",
    ):
        op.drop_table(table)
