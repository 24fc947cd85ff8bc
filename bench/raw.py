"""The raw floor: plain aiokafka produce and consume, plain asyncpg insert, nothing of CERS."""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import dataclass

import asyncpg
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition

BODY_BYTES = 200


@dataclass(frozen=True)
class Rate:
    """``count`` items in ``seconds``."""

    count: int
    seconds: float

    @property
    def per_second(self) -> float:
        return self.count / self.seconds if self.seconds > 0 else float("inf")


def json_body(stream: str, sequence: int) -> bytes:
    """A JSON body of about ``BODY_BYTES`` bytes, shaped like a small event."""
    body = {
        "stream": stream,
        "sequence": sequence,
        "created_at": "2025-01-01T00:00:00.000000Z",
        "pad": "",
    }
    short = len(json.dumps(body, separators=(",", ":")))
    body["pad"] = "x" * max(0, BODY_BYTES - short)
    return json.dumps(body, separators=(",", ":")).encode("utf-8")


def stream_of(sequence: int, streams: int) -> str:
    return f"s{sequence % streams}"


async def produce(bootstrap: str, topic: str, count: int, streams: int) -> Rate:
    """Send ``count`` keyed records (acks=all, idempotent, linger 5 ms) and await every ack."""
    producer = AIOKafkaProducer(
        bootstrap_servers=bootstrap,
        acks="all",
        enable_idempotence=True,
        linger_ms=5,
        client_id="cers-bench-raw-produce",
    )
    await producer.start()
    try:
        bodies = [
            (stream_of(i, streams), json_body(stream_of(i, streams), i)) for i in range(count)
        ]
        started = time.perf_counter()
        deliveries = [
            await producer.send(topic, value=body, key=key.encode("utf-8")) for key, body in bodies
        ]
        await asyncio.gather(*deliveries)
        return Rate(count, time.perf_counter() - started)
    finally:
        await producer.stop()


async def consume(bootstrap: str, topic: str, partitions: int, count: int) -> Rate:
    """Read ``count`` records of ``topic`` from the beginning with ``getmany`` (no group)."""
    consumer = AIOKafkaConsumer(
        bootstrap_servers=bootstrap,
        group_id=None,
        enable_auto_commit=False,
        client_id="cers-bench-raw-consume",
    )
    await consumer.start()
    try:
        consumer.assign([TopicPartition(topic, p) for p in range(partitions)])
        await consumer.seek_to_beginning()
        received = 0
        started = time.perf_counter()
        while received < count:
            batch = await consumer.getmany(timeout_ms=500)
            received += sum(len(records) for records in batch.values())
        return Rate(received, time.perf_counter() - started)
    finally:
        await consumer.stop()


RAW_ROWS_TABLE = """
    CREATE TABLE IF NOT EXISTS raw_rows (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        key text NOT NULL,
        payload bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
    )
"""
INSERT_ROW = "INSERT INTO raw_rows (key, payload) VALUES ($1, $2)"


async def insert(dsn: str, count: int, batch_size: int, streams: int) -> Rate:
    """Insert ``count`` rows into a plain table, ``executemany`` per batch, a transaction each."""
    connection = await asyncpg.connect(dsn)
    try:
        await connection.execute(RAW_ROWS_TABLE)
        await connection.execute("TRUNCATE raw_rows")
        rows = [(stream_of(i, streams), json_body(stream_of(i, streams), i)) for i in range(count)]
        started = time.perf_counter()
        for first in range(0, count, batch_size):
            async with connection.transaction():
                await connection.executemany(INSERT_ROW, rows[first : first + batch_size])
        elapsed = time.perf_counter() - started
        stored = await connection.fetchval("SELECT count(*) FROM raw_rows")
        if stored != count:
            raise RuntimeError(f"raw insert stored {stored} rows, expected {count}")
        return Rate(count, elapsed)
    finally:
        await connection.close()


async def insert_latencies(dsn: str, count: int, warm_up: int = 5) -> list[float]:
    """Milliseconds of each of ``count`` sequential single-row inserts (one implicit transaction
    each, a round trip to the server), after ``warm_up`` untimed ones."""
    connection = await asyncpg.connect(dsn)
    try:
        await connection.execute(RAW_ROWS_TABLE)
        body = json_body("single", 0)
        latencies: list[float] = []
        for sequence in range(warm_up + count):
            started = time.perf_counter()
            await connection.execute(INSERT_ROW, "single", body)
            if sequence >= warm_up:
                latencies.append((time.perf_counter() - started) * 1000)
        return latencies
    finally:
        await connection.close()
