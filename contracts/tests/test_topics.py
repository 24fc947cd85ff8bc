"""The topic registry."""

import pytest

from cers_contracts.platform import PipelineProbe
from cers_contracts.topics import REGISTRY, TopicRegistry, TopicSpec


def spec(name: str, *messages: type[PipelineProbe]) -> TopicSpec:
    return TopicSpec(name=name, description="d", key="k", messages=messages)


def test_every_topic_name_carries_a_version() -> None:
    for topic in REGISTRY.topics:
        assert topic.name.rsplit(".", 1)[-1].startswith("v"), topic.name


def test_every_message_type_carries_a_version_and_is_on_one_topic() -> None:
    types = REGISTRY.message_types()
    assert types
    for ce_type, model in types.items():
        assert ce_type.startswith("ca.cbsa.cers.") and ce_type.rsplit(".", 1)[-1].startswith("v")
        assert REGISTRY.topic_of(model).name


def test_dead_letter_topics_are_provisioned_beside_their_topics() -> None:
    names = [name for name, _, _ in REGISTRY.all_topic_configs()]
    for topic in REGISTRY.topics:
        assert topic.name in names
        assert topic.dlq in names


def test_duplicate_topic_names_are_refused() -> None:
    with pytest.raises(ValueError, match="duplicate"):
        TopicRegistry(topics=(spec("a.v1"), spec("a.v1")))


def test_a_message_type_on_two_topics_is_refused() -> None:
    with pytest.raises(ValueError, match="one topic"):
        TopicRegistry(topics=(spec("a.v1", PipelineProbe), spec("b.v1", PipelineProbe)))


def test_unknown_topic_is_a_key_error() -> None:
    with pytest.raises(KeyError):
        REGISTRY.topic("nope.v1")


def test_every_message_names_a_required_field_as_its_kafka_key() -> None:
    for ce_type, model in REGISTRY.message_types().items():
        field = model.model_fields.get(model.key_field)
        assert field is not None, f"{ce_type}: key field {model.key_field!r} is not a field"
        assert field.is_required(), f"{ce_type}: key field {model.key_field!r} is optional"


def test_one_topic_keys_all_its_messages_by_the_same_field() -> None:
    for topic in REGISTRY.topics:
        assert len({model.key_field for model in topic.messages}) == 1, topic.name
