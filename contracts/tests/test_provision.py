"""``provision-topics`` on the real broker: creates what is missing, as the registry says."""

from __future__ import annotations

import pytest
from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.admin.config_resource import ConfigResource, ConfigResourceType

from cers_contracts.provision import provision
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

    admin = AIOKafkaAdminClient(bootstrap_servers=kafka.bootstrap)
    await admin.start()
    try:
        (description,) = await admin.describe_topics([spec.name])
        configs = await admin.describe_configs(
            [ConfigResource(ConfigResourceType.TOPIC, spec.name)]
        )
    finally:
        await admin.close()
    assert len(description["partitions"]) == 3
    entries = {entry[0]: entry[1] for entry in configs[0].resources[0][4]}
    assert entries["retention.ms"] == str(spec.retention_ms)
    assert entries["cleanup.policy"] == spec.cleanup_policy
