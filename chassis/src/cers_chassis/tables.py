"""The platform tables every service database has: the outbox and the inbox."""

from __future__ import annotations

from sqlalchemy import (
    DDL,
    BigInteger,
    Column,
    DateTime,
    Identity,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    event,
    func,
)
from sqlalchemy.dialects.postgresql import JSONB

PLATFORM_METADATA = MetaData()

outbox = Table(
    "outbox",
    PLATFORM_METADATA,
    Column("id", BigInteger, Identity(always=True), primary_key=True),
    Column("event_id", String(64), nullable=False, unique=True),
    Column("topic", String(249), nullable=False),
    Column("key", Text, nullable=False),
    Column("headers", JSONB, nullable=False),
    Column("payload", LargeBinary, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    comment="Messages written in the same transaction as the state change; the relay publishes "
    "them to Kafka in id order and deletes them once the broker has acknowledged.",
)

inbox = Table(
    "inbox",
    PLATFORM_METADATA,
    Column("consumer", String(128), primary_key=True),
    Column("source", String(256), primary_key=True),
    Column("event_id", String(64), primary_key=True),
    Column("outcome", String(16), nullable=False),
    Column("processed_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    comment="Messages a consumer has handled, recorded in the same transaction as its effects.",
)

NOTIFY_CHANNEL = "cers_outbox"

# Inserting into the outbox wakes the relay: a statement-level trigger, so writers spend no extra
# round trip, and PostgreSQL folds the notifications of one transaction into one, sent on commit.
event.listen(
    outbox,
    "after_create",
    DDL(  # type: ignore[no-untyped-call]
        "CREATE FUNCTION cers_outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$ "
        f"BEGIN PERFORM pg_notify('{NOTIFY_CHANNEL}', ''); RETURN NULL; END $$"
    ),
)
event.listen(
    outbox,
    "after_create",
    DDL(  # type: ignore[no-untyped-call]
        "CREATE TRIGGER outbox_notify AFTER INSERT ON outbox "
        "FOR EACH STATEMENT EXECUTE FUNCTION cers_outbox_notify()"
    ),
)
event.listen(
    outbox,
    "after_drop",
    DDL("DROP FUNCTION IF EXISTS cers_outbox_notify()"),  # type: ignore[no-untyped-call]
)
