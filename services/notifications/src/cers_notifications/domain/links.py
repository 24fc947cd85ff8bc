"""Useful links: bilingual links CBSA officers publish, edit and retire."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from urllib.parse import urlsplit

from cers_notifications.domain.checks import both_languages, topic_list
from cers_notifications.domain.errors import ConflictError, RuleViolation, refuse
from cers_notifications.domain.language import LANGUAGES, Bilingual


def _is_web_address(address: str) -> bool:
    """An absolute http(s) URL with a host."""
    try:
        parts = urlsplit(address)
    except ValueError:  # e.g. an unclosed IPv6 bracket
        return False
    return parts.scheme in {"http", "https"} and bool(parts.netloc)


@dataclass(frozen=True)
class LinkContent:
    """What an officer writes for a link: title, address and description in both languages."""

    title: Bilingual
    url: Bilingual
    description: Bilingual
    topics: tuple[str, ...]

    def violations(self) -> list[RuleViolation]:
        """Every rule this content breaks."""
        problems = both_languages("title", "Title", self.title)
        problems += both_languages("url", "Address", self.url)
        for language in LANGUAGES:
            address = self.url.in_language(language).strip()
            if address and not _is_web_address(address):
                problems.append(
                    RuleViolation(
                        ("url", language),
                        "invalid",
                        "Address must be an absolute http(s) URL",
                        {"language": language},
                    )
                )
        return problems + topic_list(self.topics)

    def checked(self) -> LinkContent:
        """This content, or RulesBrokenError naming every broken rule."""
        refuse(self.violations())
        return self


@dataclass(frozen=True)
class UsefulLink:
    """A published link."""

    link_id: str
    content: LinkContent
    version: int
    created_at: datetime
    updated_at: datetime
    retired_at: datetime | None = None

    @classmethod
    def publish(cls, link_id: str, content: LinkContent, *, now: datetime) -> UsefulLink:
        """A new link, version 1."""
        return cls(link_id, content.checked(), 1, now, now)

    def revise(self, content: LinkContent, *, now: datetime) -> UsefulLink:
        """The link with new content."""
        self._check_live()
        return replace(self, content=content.checked(), version=self.version + 1, updated_at=now)

    def retire(self, *, now: datetime) -> UsefulLink:
        """The link retired: no longer listed."""
        self._check_live()
        return replace(self, version=self.version + 1, updated_at=now, retired_at=now)

    def _check_live(self) -> None:
        if self.retired_at is not None:
            raise ConflictError(
                RuleViolation(("link",), "retired", "A retired link cannot be changed")
            )
