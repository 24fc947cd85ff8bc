"""Form errors from the services' problems: the one mapping of JSON pointers to form fields.

A service answers ``{"errors": [{pointer, code, message, params}]}``; the portal shows every
problem in an error summary at the top of the page (each linking to ``#<field id>``) and beside
its field. Form field ids follow the JSON bodies: ``/address/line1`` is the field
``address-line1``; a pointer with no field of its own falls back to its nearest parent that has
one, and otherwise appears in the summary only.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Problem:
    """One problem a service found: where (JSON pointer), which rule (code), in English."""

    pointer: str
    code: str
    message: str
    params: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def of(cls, raw: Mapping[str, Any]) -> Problem:
        """A problem from its JSON form (missing parts become empty)."""
        params = raw.get("params")
        return cls(
            pointer=str(raw.get("pointer") or ""),
            code=str(raw.get("code") or ""),
            message=str(raw.get("message") or ""),
            params=params if isinstance(params, Mapping) else {},
        )


@dataclass(frozen=True)
class FieldError:
    """A message to show, and the id of the form field it belongs to (None: the whole form)."""

    field_id: str | None
    text: str


@dataclass(frozen=True)
class FormErrors:
    """Every message of a refused form, in the order the service gave them."""

    items: tuple[FieldError, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.items)

    def of(self, field_id: str) -> list[str]:
        """The messages shown beside ``field_id``."""
        return [item.text for item in self.items if item.field_id == field_id]


def field_id(
    pointer: str, field_ids: Collection[str], aliases: Mapping[str, str] = {}
) -> str | None:
    """The form field a JSON pointer names: an alias, itself, or its nearest parent with a field."""
    parts = [p.replace("~1", "/").replace("~0", "~") for p in pointer.split("/")[1:]]
    while parts:
        candidate = "/" + "/".join(parts)
        if candidate in aliases:
            return aliases[candidate]
        name = "-".join(parts)
        if name in field_ids:
            return name
        parts.pop()
    return None


def form_errors(
    problems: Iterable[Problem],
    field_ids: Collection[str],
    describe: Callable[[Problem], str],
    aliases: Mapping[str, str] = {},
) -> FormErrors:
    """The errors to show for ``problems`` on a form of ``field_ids``; texts by ``describe``."""
    return FormErrors(
        tuple(FieldError(field_id(p.pointer, field_ids, aliases), describe(p)) for p in problems)
    )


def single_error(text: str, field: str | None = None) -> FormErrors:
    """A form error the portal itself finds (e.g. nothing chosen)."""
    return FormErrors((FieldError(field, text),))
