"""PostgreSQL text and JSONB cannot hold U+0000: where input holds it, so that it is refused at
its field (``documents.field.nul_character``), never sent to the database to fail there.

One check for every way in: HTTP bodies, paths and queries (a 422), the bulk service's commands
(an ``invalid``/``rejected`` answer) and CAED import lines (the line fails).
"""

from __future__ import annotations

from typing import Any

from cers_contracts.documents import Finding
from cers_documents.domain.messages import english

CODE = "documents.field.nul_character"

Path = tuple[str | int, ...]


def nul_paths(value: Any, at: Path = ()) -> list[Path]:
    """Where the JSON-like ``value`` holds a NUL: each string (or object key) that does."""
    if isinstance(value, str):
        return [at] if "\x00" in value else []
    if isinstance(value, dict):
        items: Any = value.items()
    elif isinstance(value, list):
        items = enumerate(value)
    else:
        return []
    found: list[Path] = []
    for key, item in items:
        if isinstance(key, str) and "\x00" in key:
            found.append((*at, key))
        else:
            found.extend(nul_paths(item, (*at, key)))
    return found


def pointer(path: Path) -> str:
    """The JSON pointer of ``path`` (``~`` and ``/`` in names escaped)."""
    return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in path)


def field_name(path: Path) -> str:
    """How a text names the field at ``path``: its own name, or "The body" for the whole."""
    return str(path[-1]) if path else "The body"


def nul_message(name: str) -> str:
    """The English text of the refusal of the field ``name``."""
    return english(CODE, {"field": name})


def nul_finding(at: str, name: str) -> Finding:
    """The error finding that the field ``name`` at the pointer ``at`` holds a NUL."""
    return Finding(
        severity="error", code=CODE, pointer=at, message=nul_message(name), params={"field": name}
    )


def nul_findings(value: Any) -> list[Finding]:
    """An error finding at each string of the JSON-like ``value`` (a declaration) with a NUL."""
    return [nul_finding(pointer(path), field_name(path)) for path in nul_paths(value)]
