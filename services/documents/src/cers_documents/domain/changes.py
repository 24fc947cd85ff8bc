"""The diff of an amendment: every leaf field whose value changed, by JSON pointer."""

from __future__ import annotations

from typing import Any

from cers_contracts.documents import DeclarationContent, FieldChange


def _escape(part: str) -> str:
    return part.replace("~", "~0").replace("/", "~1")


def _leaves(value: Any, pointer: str, into: dict[str, Any]) -> None:
    if isinstance(value, dict) and value:
        for key, item in value.items():
            _leaves(item, f"{pointer}/{_escape(str(key))}", into)
    elif isinstance(value, list) and value:
        for index, item in enumerate(value):
            _leaves(item, f"{pointer}/{index}", into)
    else:
        into[pointer] = value


def field_changes(before: DeclarationContent, after: DeclarationContent) -> list[FieldChange]:
    """The fields that differ between two versions' contents, in pointer order."""
    old: dict[str, Any] = {}
    new: dict[str, Any] = {}
    _leaves(before.model_dump(mode="json"), "", old)
    _leaves(after.model_dump(mode="json"), "", new)
    return [
        FieldChange(pointer=pointer, before=old.get(pointer), after=new.get(pointer))
        for pointer in sorted(old.keys() | new.keys())
        if old.get(pointer) != new.get(pointer)
    ]
