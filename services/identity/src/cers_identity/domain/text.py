"""Rules every piece of free text identity shows back to people shares."""

from __future__ import annotations

import unicodedata


def has_control_characters(text: str) -> bool:
    """Whether ``text`` holds a control, format or unassigned character (Unicode category C)."""
    return any(unicodedata.category(c).startswith("C") for c in text)
