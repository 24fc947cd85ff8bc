"""The two official languages and text given in both."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Language = Literal["en", "fr"]
LANGUAGES: tuple[Language, Language] = ("en", "fr")


def other_language(language: Language) -> Language:
    """French for English, English for French."""
    return "fr" if language == "en" else "en"


@dataclass(frozen=True)
class Bilingual:
    """The same text in English and French."""

    en: str
    fr: str

    def in_language(self, language: Language) -> str:
        """The text in ``language``."""
        return self.en if language == "en" else self.fr

    def missing_languages(self) -> list[Language]:
        """The languages whose text is blank."""
        return [language for language in LANGUAGES if not self.in_language(language).strip()]
