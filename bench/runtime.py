"""The local runtime as benchmarks use it: throw-away databases and topics, removed afterwards.

Benchmarks only ever talk to the loopback runtime of ``deploy/local`` (Kafka on 127.0.0.1:19092,
PostgreSQL on 127.0.0.1:54329); the ports and password follow the same ``CERS_*`` variables as the
local scripts. Everything created here is recorded in a ``Scratch`` and dropped by ``cleanup``.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient

from cers_chassis.settings import LOCAL_KAFKA
from cers_contracts.provision import provision
from cers_contracts.topics import TopicRegistry, probe_registry
from tests.fixtures.runtime import PostgresRuntime


@dataclass(frozen=True)
class LocalRuntime:
    """Where the local Kafka broker and PostgreSQL server listen (the tests' runtime, read-only)."""

    postgres: PostgresRuntime
    bootstrap: str = LOCAL_KAFKA

    @classmethod
    def from_env(cls) -> LocalRuntime:
        """The runtime of ``deploy/local``, honouring its ``CERS_*`` port/password overrides."""
        return cls(postgres=PostgresRuntime.local())

    @property
    def pg_port(self) -> int:
        return self.postgres.port

    def dsn(self, database: str, *, driver: str = "postgresql") -> str:
        """A superuser DSN of ``database`` (``postgresql+asyncpg`` for SQLAlchemy)."""
        return self.postgres.dsn(database, driver=driver)


@dataclass
class Scratch:
    """Throw-away databases and topics created by one benchmark run."""

    runtime: LocalRuntime
    run_id: str = field(default_factory=lambda: uuid.uuid4().hex[:8])
    databases: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)

    async def create_database(self, purpose: str) -> str:
        """Create an empty database for ``purpose``; return its name."""
        name = f"bench_{purpose}_{self.run_id}".lower()
        await self.runtime.postgres.create_database(name)
        self.databases.append(name)
        return name

    async def create_probe_topic(self, purpose: str, partitions: int) -> TopicRegistry:
        """A registry of one fresh probe topic (and its DLQ), provisioned on the broker."""
        registry = probe_registry(f"bench.{purpose}.{self.run_id}.v1", partitions)
        spec = registry.topics[0]
        self.topics.extend(name for name, _, _ in registry.all_topic_configs())
        await provision(self.runtime.bootstrap, registry)
        await self.wait_until_served(spec.name, partitions)
        return registry

    async def wait_until_served(self, topic: str, partitions: int) -> None:
        """Return once every partition's leader answers (right after creation it may not yet)."""
        consumer = AIOKafkaConsumer(
            bootstrap_servers=self.runtime.bootstrap, group_id=None, client_id="cers-bench-ready"
        )
        await consumer.start()
        try:
            # Listing offsets goes to each partition's leader (the client retries until it leads).
            await consumer.end_offsets([TopicPartition(topic, p) for p in range(partitions)])
        finally:
            await consumer.stop()

    async def cleanup(self) -> list[str]:
        """Drop every database and delete every topic; return what could not be removed."""
        problems: list[str] = []
        if self.databases:
            try:
                for name in self.databases:
                    await self.runtime.postgres.drop_database(name)
            except Exception as error:
                problems.append(f"databases {self.databases}: {error!r}")
            else:
                self.databases.clear()
        if self.topics:
            admin = AIOKafkaAdminClient(
                bootstrap_servers=self.runtime.bootstrap, client_id="cers-bench-cleanup"
            )
            try:
                await admin.start()
                present = set(await admin.list_topics())
                doomed = [name for name in self.topics if name in present]
                if doomed:
                    await admin.delete_topics(doomed)
            except Exception as error:
                problems.append(f"topics {self.topics}: {error!r}")
            else:
                self.topics.clear()
            finally:
                await admin.close()
        return problems
