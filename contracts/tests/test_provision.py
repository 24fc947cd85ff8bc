"""``provision-topics`` on the real broker: creates what is missing, as the registry says."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.admin.config_resource import ConfigResource, ConfigResourceType

from cers_contracts.provision import ProvisionError, provision
from cers_contracts.topics import TopicRegistry
from tests.fixtures.messaging import probe_registry
from tests.fixtures.runtime import KafkaRuntime

pytestmark = pytest.mark.integration


async def test_provisioning_twice_creates_once_with_the_registry_settings(
    kafka: KafkaRuntime,
) -> None:
    registry = probe_registry(partitions=3)
    spec = registry.topics[0]

    created, present = await provision(kafka.bootstrap, registry)
    assert (created, present) == ([spec.name, spec.dlq], [])
    created, present = await provision(kafka.bootstrap, registry)
    assert (created, present) == ([], [spec.name, spec.dlq])

    (description,) = await describe(kafka, spec.name)
    assert len(description["partitions"]) == 3
    settings = await topic_settings(kafka, spec.name)
    assert settings["retention.ms"] == str(spec.retention_ms)
    assert settings["cleanup.policy"] == spec.cleanup_policy


async def describe(kafka: KafkaRuntime, topic: str) -> list[Any]:
    admin = AIOKafkaAdminClient(bootstrap_servers=kafka.bootstrap)
    await admin.start()
    try:
        return list(await admin.describe_topics([topic]))
    finally:
        await admin.close()


async def topic_settings(kafka: KafkaRuntime, topic: str) -> dict[str, str]:
    admin = AIOKafkaAdminClient(bootstrap_servers=kafka.bootstrap)
    await admin.start()
    try:
        configs = await admin.describe_configs([ConfigResource(ConfigResourceType.TOPIC, topic)])
    finally:
        await admin.close()
    return {entry[0]: entry[1] for entry in configs[0].resources[0][4]}


def with_changes(registry: TopicRegistry, **changes: Any) -> TopicRegistry:
    return TopicRegistry(topics=(dataclasses.replace(registry.topics[0], **changes),))


async def test_provisioning_resets_changed_settings_of_an_existing_topic(
    kafka: KafkaRuntime,
) -> None:
    registry = probe_registry(partitions=2)
    await provision(kafka.bootstrap, registry)
    longer = with_changes(registry, retention_ms=7_200_000)
    assert await provision(kafka.bootstrap, longer) == (
        [],
        [longer.topics[0].name, longer.topics[0].dlq],
    )
    assert (await topic_settings(kafka, longer.topics[0].name))["retention.ms"] == "7200000"


async def test_a_different_partition_count_is_refused_not_changed(kafka: KafkaRuntime) -> None:
    registry = probe_registry(partitions=2)
    await provision(kafka.bootstrap, registry)
    with pytest.raises(ProvisionError, match="has 2 partitions, the registry says 4"):
        await provision(kafka.bootstrap, with_changes(registry, partitions=4))
