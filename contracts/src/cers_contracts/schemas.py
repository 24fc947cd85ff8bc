"""JSON Schema and AsyncAPI documents generated from the message models.

The generated files are committed under ``contracts/schemas`` and ``contracts/asyncapi.json`` so
that consumers outside Python can read them; ``generate-schemas --check`` (and a test) fails when
they drift from the models.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from cers_contracts.envelope import CONTENT_TYPE, SPEC_VERSION
from cers_contracts.topics import REGISTRY, TopicRegistry

CONTRACTS_DIR = Path(__file__).resolve().parents[2]
ASYNCAPI_FILE = "asyncapi.json"
SCHEMAS_DIR = "schemas"

CLOUDEVENTS_HEADERS: dict[str, Any] = {
    "type": "object",
    "description": "CloudEvents attributes in Kafka binary content mode, plus W3C trace context.",
    "required": ["ce_id", "ce_source", "ce_type", "ce_time", "ce_specversion"],
    "properties": {
        "ce_id": {"type": "string", "description": "Unique per source; the inbox dedup key."},
        "ce_source": {"type": "string", "description": "Emitting service, e.g. /cers/documents."},
        "ce_type": {"type": "string", "description": "Versioned event type."},
        "ce_time": {"type": "string", "format": "date-time"},
        "ce_specversion": {"const": SPEC_VERSION},
        "ce_subject": {"type": "string", "description": "The aggregate id (also the Kafka key)."},
        "content-type": {"const": CONTENT_TYPE},
        "traceparent": {"type": "string"},
        "tracestate": {"type": "string"},
    },
}


def _dump(document: dict[str, Any]) -> str:
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _message_id(ce_type: str) -> str:
    return ce_type.replace(".", "_").replace("-", "_")


def render(registry: TopicRegistry = REGISTRY) -> dict[str, str]:
    """Every generated file, as relative path → text."""
    files: dict[str, str] = {}
    channels: dict[str, Any] = {}
    operations: dict[str, Any] = {}
    messages: dict[str, Any] = {}
    for spec in registry.topics:
        channel_messages = {}
        for model in spec.messages:
            schema = model.model_json_schema()
            schema["$id"] = f"urn:cers:schema:{model.ce_type}"
            files[f"{SCHEMAS_DIR}/{model.ce_type}.json"] = _dump(schema)
            message_id = _message_id(model.ce_type)
            messages[message_id] = {
                "name": model.ce_type,
                "title": model.__name__,
                "summary": (model.__doc__ or model.__name__).strip().splitlines()[0],
                "contentType": CONTENT_TYPE,
                "headers": {"$ref": "#/components/schemas/CloudEventsHeaders"},
                "payload": schema,
                "bindings": {"kafka": {"key": {"type": "string", "description": spec.key}}},
            }
            channel_messages[message_id] = {"$ref": f"#/components/messages/{message_id}"}
        channels[spec.name] = {
            "address": spec.name,
            "description": spec.description,
            "messages": channel_messages,
            "bindings": {
                "kafka": {
                    "partitions": spec.partitions,
                    "topicConfiguration": {
                        "cleanup.policy": [spec.cleanup_policy],
                        "retention.ms": spec.retention_ms,
                    },
                }
            },
        }
        operations[f"receive_{spec.name}"] = {
            "action": "receive",
            "channel": {"$ref": f"#/channels/{spec.name}"},
        }
    asyncapi = {
        "asyncapi": "3.0.0",
        "info": {
            "title": "CERS events",
            "version": "1",
            "description": "Every message CERS services exchange over Kafka.",
        },
        "defaultContentType": CONTENT_TYPE,
        "channels": channels,
        "operations": operations,
        "components": {
            "messages": messages,
            "schemas": {"CloudEventsHeaders": CLOUDEVENTS_HEADERS},
        },
    }
    files[ASYNCAPI_FILE] = _dump(asyncapi)
    return files


def drift(root: Path = CONTRACTS_DIR, registry: TopicRegistry = REGISTRY) -> list[str]:
    """What differs between the committed files under ``root`` and the models (empty: none)."""
    expected = render(registry)
    problems = []
    for relative, text in expected.items():
        path = root / relative
        if not path.exists():
            problems.append(f"{relative}: missing")
        elif path.read_text(encoding="utf-8") != text:
            problems.append(f"{relative}: differs from the models")
    committed = (
        {str(p.relative_to(root)) for p in (root / SCHEMAS_DIR).glob("*.json")}
        if (root / SCHEMAS_DIR).exists()
        else set()
    )
    problems.extend(
        f"{stale}: no model generates it" for stale in sorted(committed - set(expected))
    )
    return problems


def write(root: Path = CONTRACTS_DIR, registry: TopicRegistry = REGISTRY) -> None:
    """Regenerate the files under ``root``, removing schemas no model produces any more."""
    expected = render(registry)
    schemas_dir = root / SCHEMAS_DIR
    schemas_dir.mkdir(parents=True, exist_ok=True)
    for stale in schemas_dir.glob("*.json"):
        if str(stale.relative_to(root)) not in expected:
            stale.unlink()
    for relative, text in expected.items():
        (root / relative).write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point: write the files, or with ``--check`` report drift."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="fail if committed files drifted")
    args = parser.parse_args(argv)
    if args.check:
        problems = drift()
        for problem in problems:
            print(problem, file=sys.stderr)
        if problems:
            print("run `make schemas` and commit the result", file=sys.stderr)
        return 1 if problems else 0
    write()
    return 0


if __name__ == "__main__":
    sys.exit(main())
