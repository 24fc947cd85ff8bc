"""The committed JSON Schema and AsyncAPI files match the models."""

import json
import shutil
from pathlib import Path
from typing import ClassVar

from pydantic import Field

from cers_contracts import schemas
from cers_contracts.message import Message
from cers_contracts.topics import REGISTRY, TopicRegistry, TopicSpec


def test_committed_schemas_match_the_models() -> None:
    assert schemas.drift() == [], "run `make schemas` and commit the result"


def test_asyncapi_lists_every_topic_and_message() -> None:
    document = json.loads((schemas.CONTRACTS_DIR / schemas.ASYNCAPI_FILE).read_text())
    assert document["asyncapi"].startswith("3.")
    assert set(document["channels"]) == {t.name for t in REGISTRY.topics}
    names = {m["name"] for m in document["components"]["messages"].values()}
    assert names == set(REGISTRY.message_types())


def test_drift_is_reported_when_a_model_changes(tmp_path: Path) -> None:
    shutil.copytree(schemas.CONTRACTS_DIR / schemas.SCHEMAS_DIR, tmp_path / schemas.SCHEMAS_DIR)
    shutil.copy(schemas.CONTRACTS_DIR / schemas.ASYNCAPI_FILE, tmp_path / schemas.ASYNCAPI_FILE)
    assert schemas.drift(tmp_path) == []

    class ChangedProbe(Message):
        ce_type: ClassVar[str] = "ca.cbsa.cers.platform.pipeline-probe.v1"
        key_field: ClassVar[str] = "stream"
        stream: str
        sequence: int
        created_at: str
        new_field: int = Field(default=0)

    original = REGISTRY.topics[0]
    changed = TopicRegistry(
        topics=(
            TopicSpec(
                name=original.name,
                description=original.description,
                key=original.key,
                messages=(ChangedProbe,),
                partitions=original.partitions,
                retention_ms=original.retention_ms,
            ),
        )
    )
    problems = schemas.drift(tmp_path, changed)
    assert any("pipeline-probe.v1.json: differs" in p for p in problems)
    assert any("asyncapi.json: differs" in p for p in problems)

    schemas.write(tmp_path, changed)
    assert schemas.drift(tmp_path, changed) == []
