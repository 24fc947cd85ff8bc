"""Bulletins: numbered, bilingual notices CBSA officers publish, edit and retire.

An outage bulletin (``outage``) also drives the portal's banner and contingency page, and its end
starts the follow-up: subscribers are told the system resumed and of the 24-hour rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from cers_notifications.domain.categories import is_category
from cers_notifications.domain.checks import both_languages, topic_list
from cers_notifications.domain.errors import ConflictError, RuleViolation, refuse
from cers_notifications.domain.language import Bilingual

# The contract's pattern (BulletinState.number in cers_contracts); a test keeps them equal.
NUMBER_PATTERN = re.compile(r"^[A-Z]{2,5}\d{2}-\d{4}$")
# Bulletin times are of this era (and far from the calendar's ends, where UTC cannot go).
FIRST_YEAR, LAST_YEAR = 2000, 2100


@dataclass(frozen=True)
class BulletinContent:
    """What an officer writes in a bulletin."""

    number: str
    title: Bilingual
    starts_at: datetime
    ends_at: datetime | None
    clients_affected: Bilingual
    description: Bilingual
    action_required: Bilingual
    topics: tuple[str, ...]
    category: str
    outage: bool

    def violations(self) -> list[RuleViolation]:
        """Every rule this content breaks (empty when it may be published)."""
        problems: list[RuleViolation] = []
        if not NUMBER_PATTERN.fullmatch(self.number):
            problems.append(
                RuleViolation(
                    ("number",),
                    "pattern",
                    "Bulletin number must look like TCC25-0132",
                    {"pattern": NUMBER_PATTERN.pattern},
                )
            )
        problems += both_languages("title", "Title", self.title)
        problems += both_languages("clients_affected", "Clients affected", self.clients_affected)
        problems += both_languages("description", "Description", self.description)
        problems += both_languages("action_required", "Action required", self.action_required)
        for name, moment in (("starts_at", self.starts_at), ("ends_at", self.ends_at)):
            if moment is None:
                continue
            if moment.utcoffset() is None:
                problems.append(
                    RuleViolation(
                        (name,), "timezone_required", f"{name} must carry a time zone offset"
                    )
                )
            if not FIRST_YEAR <= moment.year <= LAST_YEAR:
                problems.append(
                    RuleViolation(
                        (name,),
                        "out_of_range",
                        f"{name} must be in the years {FIRST_YEAR} to {LAST_YEAR}",
                        {"min": FIRST_YEAR, "max": LAST_YEAR},
                    )
                )
        if (
            self.ends_at is not None
            and self.ends_at.utcoffset() is not None
            and self.starts_at.utcoffset() is not None
            and self.ends_at <= self.starts_at
        ):
            problems.append(
                RuleViolation(("ends_at",), "before_start", "End time must be after start time")
            )
        problems += topic_list(self.topics)
        if not is_category(self.category):
            problems.append(
                RuleViolation(("category",), "unknown", f"Category {self.category!r} is unknown")
            )
        return problems

    def checked(self) -> BulletinContent:
        """This content with its times in UTC, or RulesBrokenError naming every broken rule."""
        refuse(self.violations())
        return replace(
            self,
            starts_at=self.starts_at.astimezone(UTC),
            ends_at=self.ends_at.astimezone(UTC) if self.ends_at else None,
        )


@dataclass(frozen=True)
class Bulletin:
    """A published bulletin and its life: versions, retirement, the outage follow-up."""

    bulletin_id: str
    content: BulletinContent
    version: int
    published_at: datetime
    updated_at: datetime
    published_by: str
    retired_at: datetime | None = None
    follow_up_at: datetime | None = None  # when the outage's end was handled (notices or none)

    @classmethod
    def publish(
        cls, bulletin_id: str, content: BulletinContent, *, by: str, now: datetime
    ) -> Bulletin:
        """A new bulletin, version 1."""
        return cls(bulletin_id, content.checked(), 1, now, now, by)

    @property
    def retired(self) -> bool:
        """Retired bulletins are no longer shown."""
        return self.retired_at is not None

    def revise(
        self, content: BulletinContent, *, expected_version: int | None, now: datetime
    ) -> Bulletin:
        """The bulletin with new content (next version); refuses stale or retired edits."""
        self._check_editable(expected_version)
        return replace(self, content=content.checked(), version=self.version + 1, updated_at=now)

    def retire(self, *, expected_version: int | None, now: datetime) -> Bulletin:
        """The bulletin retired now. Retiring an outage in progress ends it now."""
        self._check_editable(expected_version)
        content = self.content
        in_progress = content.starts_at <= now and (
            content.ends_at is None or content.ends_at > now
        )
        if content.outage and in_progress:
            content = replace(content, ends_at=now)
        return replace(
            self, content=content, version=self.version + 1, updated_at=now, retired_at=now
        )

    @property
    def cancelled(self) -> bool:
        """An outage retired before it started: it never happened."""
        return self.retired_at is not None and self.retired_at < self.content.starts_at

    def resumption_notice_due(self, now: datetime) -> bool:
        """True when this outage has ended by ``now`` and subscribers are still to be told."""
        ends_at = self.content.ends_at
        return (
            self.content.outage
            and self.follow_up_at is None
            and not self.cancelled
            and ends_at is not None
            and ends_at <= now
        )

    def followed_up(self, now: datetime) -> Bulletin:
        """The outage with its end handled (subscribers told, or nobody for a cancelled one)."""
        return replace(self, follow_up_at=now)

    def _check_editable(self, expected_version: int | None) -> None:
        if self.retired:
            raise ConflictError(
                RuleViolation(("bulletin",), "retired", "A retired bulletin cannot be changed")
            )
        if expected_version is not None and expected_version != self.version:
            raise ConflictError(
                RuleViolation(
                    ("version",),
                    "stale",
                    "The bulletin was changed by someone else; reload it",
                    {"current": self.version},
                )
            )
