"""Bilingual text stored as a JSONB object ``{"en": ..., "fr": ...}``."""

from __future__ import annotations

from typing import Any

from cers_notifications.domain.language import Bilingual


def to_json(text: Bilingual) -> dict[str, str]:
    """The column value of ``text``."""
    return {"en": text.en, "fr": text.fr}


def from_json(value: Any) -> Bilingual:
    """The text stored in a column."""
    return Bilingual(en=str(value.get("en", "")), fr=str(value.get("fr", "")))
