"""The platform tables every service database has: the outbox and the inbox."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    Identity,
    Index,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
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

Index("ix_inbox_processed_at", inbox.c.processed_at)
