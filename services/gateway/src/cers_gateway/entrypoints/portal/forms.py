"""Reading portal forms into the services' JSON bodies (field ids follow the JSON pointers)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import Request

EASTERN = ZoneInfo("America/Toronto")


async def form_of(request: Request) -> dict[str, str]:
    """The posted form's text fields, trimmed (the CSRF token left out)."""
    form = await request.form()
    return {k: v.strip() for k, v in form.items() if isinstance(v, str) and k != "csrf_token"}


async def form_list(request: Request, name: str) -> list[str]:
    """Every value of a repeated field (checkboxes)."""
    form = await request.form()
    return [v for v in form.getlist(name) if isinstance(v, str)]


def group(form: dict[str, str], prefix: str, names: Iterable[str]) -> dict[str, str | None]:
    """``{name: form[prefix-name]}`` for a nested object (blank optional parts become None)."""
    return {name: form.get(f"{prefix}-{name}") or None for name in names}


def bilingual(form: dict[str, str], name: str) -> dict[str, str]:
    """The ``{en, fr}`` text of the fields ``name-en`` and ``name-fr``."""
    return {"en": form.get(f"{name}-en", ""), "fr": form.get(f"{name}-fr", "")}


def eastern_time(value: str | None) -> str | None:
    """A ``datetime-local`` value taken as Eastern Time, as ISO 8601 with its offset.

    Anything that is not such a value is passed on as typed, for the service to refuse by name.
    """
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=EASTERN)
    return moment.isoformat()


def local_input(value: str | None) -> str:
    """An ISO time as a ``datetime-local`` value in Eastern Time (for an edit form)."""
    if not value:
        return ""
    moment = datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(EASTERN)
    return moment.strftime("%Y-%m-%dT%H:%M")


def topics_of(text: str | None) -> list[str]:
    """Comma-separated topics as a list."""
    return [t.strip() for t in (text or "").split(",") if t.strip()]


def flatten(prefix: str, value: Any) -> dict[str, str]:
    """A nested JSON object as form values (``address-line1`` ...), to fill an edit form."""
    if isinstance(value, dict):
        flat: dict[str, str] = {}
        for key, inner in value.items():
            flat |= flatten(f"{prefix}-{key}" if prefix else str(key), inner)
        return flat
    return {prefix: "" if value is None else str(value)}
