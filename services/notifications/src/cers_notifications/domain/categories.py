"""Bulletin categories: what users subscribe to for e-mail bulletins (My Profile)."""

from __future__ import annotations

from cers_notifications.domain.language import Bilingual

CATEGORIES: dict[str, Bilingual] = {
    "Exporter": Bilingual("Exporter", "Exportateur"),
    "Customs Service Provider": Bilingual(
        "Customs service provider", "Fournisseur de services douaniers"
    ),
    "General": Bilingual("General", "Général"),
}


def is_category(name: str) -> bool:
    """True for a known category code."""
    return name in CATEGORIES
