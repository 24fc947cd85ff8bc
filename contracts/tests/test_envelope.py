"""The CloudEvents binary-mode envelope."""

from datetime import UTC, datetime

import pytest

from cers_contracts.envelope import Envelope, EnvelopeError, encode_body, new_envelope
from cers_contracts.platform import PipelineProbe

PROBE = PipelineProbe(stream="s1", sequence=3, created_at=datetime(2026, 1, 2, tzinfo=UTC))


def test_headers_round_trip_with_every_cloudevents_attribute() -> None:
    envelope = new_envelope(
        PROBE, source="/cers/test", traceparent="00-" + "a" * 32 + "-" + "b" * 16 + "-01"
    )
    headers = envelope.to_headers()
    assert {"ce_id", "ce_source", "ce_type", "ce_time", "ce_specversion", "traceparent"} <= set(
        headers
    )
    assert headers["ce_type"] == "ca.cbsa.cers.platform.pipeline-probe.v1"
    assert headers["ce_subject"] == "s1"
    assert headers["content-type"] == "application/json"
    assert Envelope.from_headers({k: v.encode() for k, v in headers.items()}) == envelope


def test_each_new_envelope_has_its_own_id() -> None:
    assert new_envelope(PROBE, source="/x").id != new_envelope(PROBE, source="/x").id


def test_missing_attribute_is_named_in_the_error() -> None:
    headers = new_envelope(PROBE, source="/x").to_headers()
    del headers["ce_source"]
    with pytest.raises(EnvelopeError, match="ce_source"):
        Envelope.from_headers(headers)


def test_wrong_spec_version_is_refused() -> None:
    headers = new_envelope(PROBE, source="/x").to_headers() | {"ce_specversion": "0.3"}
    with pytest.raises(EnvelopeError, match="ce_specversion"):
        Envelope.from_headers(headers)


def test_body_is_json_and_unknown_fields_are_ignored_by_readers() -> None:
    body = encode_body(PROBE)
    extended = body[:-1] + b', "added_in_a_later_v1": true}'
    assert PipelineProbe.model_validate_json(extended) == PROBE
