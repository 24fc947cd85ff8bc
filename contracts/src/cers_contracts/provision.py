"""``provision-topics``: create every registered topic and its DLQ; keep their settings in step."""

from __future__ import annotations

import argparse
import asyncio
import os
import sys

from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.admin.config_resource import ConfigResource, ConfigResourceType

from cers_contracts.topics import REGISTRY, TopicRegistry

DEFAULT_BOOTSTRAP = f"127.0.0.1:{os.environ.get('CERS_KAFKA_PORT', '19092')}"  # local runtime


class ProvisionError(RuntimeError):
    """The broker refused a topic, or an existing topic differs in a way not changed here."""


async def provision(
    bootstrap: str, registry: TopicRegistry = REGISTRY, replication_factor: int = 1
) -> tuple[list[str], list[str]]:
    """Create the missing topics and reset the settings of existing ones to the registry's.

    Returns (created, already present). Safe to run again. A present topic with another
    partition count is an error: adding partitions would move keys and break per-key order.
    """
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, client_id="cers-provision-topics")
    await admin.start()
    try:
        wanted = {
            name: (partitions, config) for name, partitions, config in registry.all_topic_configs()
        }
        existing = set(await admin.list_topics())
        created = [name for name in wanted if name not in existing]
        present = [name for name in wanted if name in existing]
        problems: list[str] = []
        if created:
            response = await admin.create_topics(
                [
                    NewTopic(
                        name=name,
                        num_partitions=wanted[name][0],
                        replication_factor=replication_factor,
                        topic_configs=wanted[name][1],
                    )
                    for name in created
                ]
            )
            problems += [
                f"{error[0]}: not created (Kafka error {error[1]}) {error[2] or ''}".strip()
                for error in response.topic_errors
                if error[1] != 0
            ]
        if present:
            for topic in await admin.describe_topics(present):
                expected = wanted[topic["topic"]][0]
                if len(topic["partitions"]) != expected:
                    problems.append(
                        f"{topic['topic']}: has {len(topic['partitions'])} partitions, the "
                        f"registry says {expected}; change it by a new topic version"
                    )
            responses = await admin.alter_configs(
                [
                    ConfigResource(ConfigResourceType.TOPIC, name, configs=wanted[name][1])
                    for name in present
                ]
            )
            problems += [
                f"{resource[3]}: settings not updated (Kafka error {resource[0]}) {resource[1]}"
                for response in responses
                for resource in response.resources
                if resource[0] != 0
            ]
        if problems:
            raise ProvisionError("; ".join(problems))
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
    try:
        created, present = asyncio.run(provision(args.bootstrap, REGISTRY, args.replication_factor))
    except ProvisionError as error:
        print(f"provision-topics: {error}", file=sys.stderr)
        return 1
    for name in created:
        print(f"created  {name}")
    for name in present:
        print(f"present  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
