"""Activation codes (the shared secret of form BSF831) and the lockout of failed attempts.

A code is random, shown once to the officer, stored only as a hash, good for one activation of
one Business Number within 90 days. Issuing a new code for the BN (a reissue) kills the old one;
an officer may revoke it. Five failed attempts per BN within an hour lock the BN until the oldest
of them is an hour old.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Literal, Protocol

from cers_accounts.domain.errors import ActivationRefusedError, ConflictError
from cers_accounts.domain.identifiers import SYSTEM_RANDOM, Chooser
from cers_contracts.accounts import ExportDesignation
from cers_contracts.identity import Language

CODE_VALIDITY = timedelta(days=90)
EXPIRY_NOTICE_BEFORE = timedelta(days=14)
MAX_FAILURES = 5
FAILURE_WINDOW = timedelta(hours=1)

# No 0/O, 1/I/L: read aloud or copied from paper without confusion. 31 symbols x 16 = 79 bits.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 16
CODE_GROUP = 4
CODE_POINTER = "/activation_code"


class CodeHasher(Protocol):
    """Turns a code into what is stored, and checks a code against it."""

    def hash(self, code: str) -> str: ...

    def verify(self, code_hash: str, code: str) -> bool: ...


def new_code_text(rng: Chooser = SYSTEM_RANDOM) -> str:
    """A fresh code, grouped for reading: ``ABCD-EFGH-JKMN-PQRS``."""
    symbols = "".join(rng.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(symbols[i : i + CODE_GROUP] for i in range(0, CODE_LENGTH, CODE_GROUP))


def normalize_code(raw: str) -> str:
    """The code as hashed: grouping dashes and spaces dropped, upper case."""
    return "".join(ch for ch in raw.upper() if ch not in "- \t")


class CodeStatus(enum.StrEnum):
    """Where a code is in its life (expiry is judged from ``expires_at``, not stored)."""

    ACTIVE = "active"
    REDEEMED = "redeemed"
    REVOKED = "revoked"
    SUPERSEDED = "superseded"


CodeEventKind = Literal["issued", "expiring", "redeemed", "revoked"]


@dataclass(frozen=True)
class CodeEvent:
    """Something that happened to a code (an ``accounts.activation-code.v1`` event)."""

    kind: CodeEventKind
    at: datetime


@dataclass
class ActivationCode:
    """One activation code of a Business Number (without the code: only its hash)."""

    code_id: str
    business_number: str
    authorization_id: str
    export_designation: ExportDesignation
    applicant_email: str
    applicant_language: Language
    code_hash: str
    issued_at: datetime
    expires_at: datetime
    issued_by: str
    status: CodeStatus = CodeStatus.ACTIVE
    ended_at: datetime | None = None
    expiry_notice_sent_at: datetime | None = None
    redeemed_account_id: str | None = None
    events: list[CodeEvent] = field(default_factory=list)

    @classmethod
    def issue(
        cls,
        *,
        code_id: str,
        business_number: str,
        authorization_id: str,
        export_designation: ExportDesignation,
        applicant_email: str,
        applicant_language: Language,
        code_hash: str,
        issued_by: str,
        now: datetime,
    ) -> ActivationCode:
        """A new active code, valid for 90 days from ``now``."""
        code = cls(
            code_id=code_id,
            business_number=business_number,
            authorization_id=authorization_id,
            export_designation=export_designation,
            applicant_email=applicant_email,
            applicant_language=applicant_language,
            code_hash=code_hash,
            issued_at=now,
            expires_at=now + CODE_VALIDITY,
            issued_by=issued_by,
        )
        code.events.append(CodeEvent("issued", now))
        return code

    def is_expired(self, now: datetime) -> bool:
        """True from ``expires_at`` on."""
        return now >= self.expires_at

    def effective_status(self, now: datetime) -> str:
        """The status an officer sees: ``expired`` for an active code past its date."""
        if self.status is CodeStatus.ACTIVE and self.is_expired(now):
            return "expired"
        return self.status.value

    def refusal(self, now: datetime) -> ActivationRefusedError | None:
        """Why this (matching) code cannot activate an account now; None when it can."""
        reasons = {
            CodeStatus.REDEEMED: (
                "accounts.activation_code.used",
                "Activation code: it has already been used to activate a business account.",
            ),
            CodeStatus.REVOKED: (
                "accounts.activation_code.revoked",
                "Activation code: CBSA revoked it. Ask CBSA for a new one.",
            ),
            CodeStatus.SUPERSEDED: (
                "accounts.activation_code.replaced",
                "Activation code: CBSA has issued a newer code for this Business Number; use that.",
            ),
        }
        if self.status in reasons:
            code, message = reasons[self.status]
            return ActivationRefusedError(code, message, pointer=CODE_POINTER)
        if self.is_expired(now):
            return ActivationRefusedError(
                "accounts.activation_code.expired",
                "Activation code: it expired on "
                f"{self.expires_at.date().isoformat()}. Ask CBSA for a new one.",
                pointer=CODE_POINTER,
                params={"expired_at": self.expires_at.isoformat()},
            )
        return None

    def redeem(self, account_id: str, now: datetime) -> None:
        """Spend the code on the account it activated."""
        refusal = self.refusal(now)
        if refusal is not None:
            raise refusal
        self.status = CodeStatus.REDEEMED
        self.ended_at = now
        self.redeemed_account_id = account_id
        self.events.append(CodeEvent("redeemed", now))

    def revoke(self, now: datetime) -> None:
        """An officer kills an unused code."""
        self._end(CodeStatus.REVOKED, now)
        self.events.append(CodeEvent("revoked", now))

    def supersede(self, now: datetime) -> None:
        """A newer code of the BN replaces this one (its ``issued`` event says so)."""
        self._end(CodeStatus.SUPERSEDED, now)

    def _end(self, status: CodeStatus, now: datetime) -> None:
        if self.status is not CodeStatus.ACTIVE:
            raise ConflictError(
                "accounts.activation_code.not_active",
                f"The activation code is {self.status.value}; only an active code can be "
                "revoked or reissued.",
            )
        self.status = status
        self.ended_at = now

    def needs_expiry_notice(self, now: datetime) -> bool:
        """Active, not yet expired, within 14 days of expiry and not yet announced."""
        return (
            self.status is CodeStatus.ACTIVE
            and self.expiry_notice_sent_at is None
            and self.expires_at - EXPIRY_NOTICE_BEFORE <= now < self.expires_at
        )

    def announce_expiry(self, now: datetime) -> None:
        """Record that the applicant is told the code expires soon (once per code)."""
        self.expiry_notice_sent_at = now
        self.events.append(CodeEvent("expiring", now))


def wrong_code() -> ActivationRefusedError:
    """The refusal for a code that matches no code issued for the BN."""
    return ActivationRefusedError(
        "accounts.activation_code.wrong",
        "Activation code: it does not match the code CBSA issued for this Business Number.",
        pointer=CODE_POINTER,
    )


def locked_until(failures: Sequence[datetime], now: datetime) -> datetime | None:
    """When the BN may be tried again, if its recent ``failures`` lock it; None when open."""
    recent = sorted(at for at in failures if at > now - FAILURE_WINDOW)
    if len(recent) < MAX_FAILURES:
        return None
    return recent[-MAX_FAILURES] + FAILURE_WINDOW
