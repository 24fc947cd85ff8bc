"""One small generic type for every versioned code table (modes, units, reasons, ports)."""

from __future__ import annotations

from datetime import date
from typing import Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, model_validator

Language = Literal["en", "fr"]


class CodeEntry(BaseModel):
    """One code with its English and French labels."""

    model_config = ConfigDict(frozen=True)

    code: str = Field(min_length=1, max_length=8)
    en: str = Field(min_length=1)
    fr: str = Field(min_length=1)

    def label(self, language: Language) -> str:
        """The label in ``language``."""
        return self.en if language == "en" else self.fr


EntryT = TypeVar("EntryT", bound=CodeEntry)


class CodeOption(BaseModel):
    """A code and its label in one language: a select option in the portal."""

    model_config = ConfigDict(frozen=True)

    code: str
    label: str


class CodeTable(BaseModel, Generic[EntryT]):
    """A versioned code table: where it comes from, since when, and its entries (codes unique)."""

    model_config = ConfigDict(frozen=True)

    name: str = Field(description="Stable table name, e.g. modes_of_transport.")
    version: str
    source: str = Field(description="The publication the codes come from.")
    effective_from: date
    entries: tuple[EntryT, ...]

    @model_validator(mode="after")
    def _codes_unique(self) -> CodeTable[EntryT]:
        codes = [entry.code for entry in self.entries]
        duplicates = sorted({code for code in codes if codes.count(code) > 1})
        if duplicates:
            raise ValueError(f"{self.name}: duplicate codes {', '.join(duplicates)}")
        return self

    def get(self, code: str | None) -> EntryT | None:
        """The entry of ``code``, or None when the table has no such code."""
        return next((entry for entry in self.entries if entry.code == code), None)

    def __contains__(self, code: object) -> bool:
        return any(entry.code == code for entry in self.entries)

    def codes(self) -> tuple[str, ...]:
        """Every code, in table order."""
        return tuple(entry.code for entry in self.entries)

    def options(self, language: Language) -> list[CodeOption]:
        """The entries as select options labelled in ``language``, in table order."""
        return [CodeOption(code=e.code, label=e.label(language)) for e in self.entries]
