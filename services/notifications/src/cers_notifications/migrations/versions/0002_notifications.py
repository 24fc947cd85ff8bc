"""Bulletins, useful links, replicas of users and accounts, subscriptions, notices, mail sink.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import ARRAY, JSONB

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "bulletins",
        sa.Column("bulletin_id", sa.String(64), primary_key=True),
        sa.Column("number", sa.String(16), nullable=False, unique=True),
        sa.Column("title", JSONB, nullable=False),
        sa.Column("clients_affected", JSONB, nullable=False),
        sa.Column("description", JSONB, nullable=False),
        sa.Column("action_required", JSONB, nullable=False),
        sa.Column("topics", ARRAY(sa.String(64)), nullable=False),
        sa.Column("category", sa.String(64), nullable=False),
        sa.Column("outage", sa.Boolean, nullable=False),
        sa.Column("starts_at", TZ, nullable=False),
        sa.Column("ends_at", TZ),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("published_at", TZ, nullable=False),
        sa.Column("published_by", sa.String(64), nullable=False),
        sa.Column("updated_at", TZ, nullable=False),
        sa.Column("retired_at", TZ),
        sa.Column("follow_up_at", TZ),
        comment="Bulletins (bilingual texts as {en, fr}); outage ones drive the banner.",
    )
    op.create_index("bulletins_by_publication", "bulletins", ["published_at"])
    op.create_index(
        "outages_to_follow_up",
        "bulletins",
        ["ends_at"],
        postgresql_where=sa.text("outage AND follow_up_at IS NULL"),
    )
    op.create_table(
        "useful_links",
        sa.Column("link_id", sa.String(64), primary_key=True),
        sa.Column("title", JSONB, nullable=False),
        sa.Column("url", JSONB, nullable=False),
        sa.Column("description", JSONB, nullable=False),
        sa.Column("topics", ARRAY(sa.String(64)), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("updated_at", TZ, nullable=False),
        sa.Column("retired_at", TZ),
        comment="Useful links (bilingual title, address, description).",
    )
    op.create_table(
        "users",
        sa.Column("user_id", sa.String(64), primary_key=True),
        sa.Column("urn", sa.String(32), nullable=False),
        sa.Column("first_name", sa.String(100), nullable=False),
        sa.Column("last_name", sa.String(100), nullable=False),
        sa.Column("email", sa.String(320), nullable=False),
        sa.Column("language", sa.String(2), nullable=False),
        sa.Column("time_zone", sa.String(64), nullable=False),
        sa.Column("officer", sa.Boolean, nullable=False),
        sa.Column("disabled", sa.Boolean, nullable=False),
        sa.Column("as_of", TZ, nullable=False),
        comment="Replica of identity.user.v1: where and in which language to write to a user.",
    )
    op.create_table(
        "business_accounts",
        sa.Column("business_account_id", sa.String(64), primary_key=True),
        sa.Column("business_number", sa.String(15), nullable=False),
        sa.Column("legal_name", sa.String(200), nullable=False),
        sa.Column("as_of", TZ, nullable=False),
        comment="Replica of accounts.business-account.v1: account names for the notices.",
    )
    op.create_table(
        "subscriptions",
        sa.Column("user_id", sa.String(64), primary_key=True),
        sa.Column("category", sa.String(64), primary_key=True),
        sa.Column("subscribed_at", TZ, nullable=False),
        comment="E-mail bulletin subscriptions by category (My Profile).",
    )
    op.create_index("subscribers_by_category", "subscriptions", ["category"])
    op.create_table(
        "notices",
        sa.Column("notice_id", sa.String(36), primary_key=True),
        sa.Column("kind", sa.String(64), nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("recipient", sa.String(320), nullable=False),
        sa.Column("user_id", sa.String(64)),
        sa.Column("email", sa.String(320)),
        sa.Column("language", sa.String(2)),
        sa.Column("params", JSONB, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("next_attempt_at", TZ, nullable=False),
        sa.Column("last_error", sa.Text),
        sa.Column("message_id", sa.String(255), nullable=False),
        sa.Column("sent_to", sa.String(320)),
        sa.Column("sent_at", TZ),
        sa.Column("created_at", TZ, nullable=False),
        sa.UniqueConstraint(
            "kind", "source", "recipient", name="one_notice_per_cause_and_recipient"
        ),
        comment="E-mail notices, one per (kind, cause, recipient); the sender delivers them.",
    )
    op.create_index(
        "notices_due",
        "notices",
        ["next_attempt_at"],
        postgresql_where=sa.text("status = 'pending'"),
    )
    op.create_index("notices_by_source", "notices", ["source"])
    op.create_table(
        "sink_messages",
        sa.Column("id", sa.Integer, sa.Identity(always=True), primary_key=True),
        sa.Column("received_at", TZ, nullable=False),
        sa.Column("mail_from", sa.String(320), nullable=False),
        sa.Column("recipients", ARRAY(sa.String(320)), nullable=False),
        sa.Column("subject", sa.Text, nullable=False),
        sa.Column("message_id", sa.String(255)),
        sa.Column("content", sa.LargeBinary, nullable=False),
        comment="Development SMTP sink: every message it received (CERS_SMTP_SINK_ENABLED).",
    )


def downgrade() -> None:
    for table in (
        "sink_messages",
        "notices",
        "subscriptions",
        "business_accounts",
        "users",
        "useful_links",
        "bulletins",
    ):
        op.drop_table(table)
