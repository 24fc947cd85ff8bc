"""``provision-topics``: create every registered topic (and its DLQ) that the broker lacks."""

from __future__ import annotations

import argparse
import asyncio
import os
import sys

from aiokafka.admin import AIOKafkaAdminClient, NewTopic

from cers_contracts.topics import REGISTRY, TopicRegistry

DEFAULT_BOOTSTRAP = "127.0.0.1:19092"


async def provision(
    bootstrap: str, registry: TopicRegistry = REGISTRY, replication_factor: int = 1
) -> tuple[list[str], list[str]]:
    """Create the missing topics; return (created, already present). Safe to run again."""
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, client_id="cers-provision-topics")
    await admin.start()
    try:
        existing = set(await admin.list_topics())
        wanted = registry.all_topic_configs()
        missing = [
            NewTopic(
                name=name,
                num_partitions=partitions,
                replication_factor=replication_factor,
                topic_configs=config,
            )
            for name, partitions, config in wanted
            if name not in existing
        ]
        if missing:
            await admin.create_topics(missing)
        created = [t.name for t in missing]
        present = [name for name, _, _ in wanted if name in existing]
        return created, present
    finally:
        await admin.close()


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--bootstrap",
        default=os.environ.get("CERS_KAFKA_BOOTSTRAP", DEFAULT_BOOTSTRAP),
        help="Kafka bootstrap servers (env CERS_KAFKA_BOOTSTRAP)",
    )
    parser.add_argument("--replication-factor", type=int, default=1)
    args = parser.parse_args(argv)
    created, present = asyncio.run(provision(args.bootstrap, REGISTRY, args.replication_factor))
    for name in created:
        print(f"created  {name}")
    for name in present:
        print(f"present  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
