"""Personal access tokens: what filing software presents to the public API instead of a session.

A user makes one in My Profile for some of their business accounts, to read or to write, for a
number of days. Identity cannot tell whether the user is a member of those accounts (the
accounts service owns memberships): the token only narrows what the user may do, and each
service still decides, call by call, what the user themself may do there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from cers_identity.domain.errors import Problem, problem, raise_if
from cers_identity.domain.text import has_control_characters

TOKEN_PREFIX = "cers_pat_"  # noqa: S105 - the public marker of the format, not a secret
DISPLAY_CHARACTERS = 4  # of the random part, shown to tell tokens apart (24 of its 256 bits)
NAME_MAX = 100
ACCOUNTS_MAX = 50
ACCOUNT_ID_MAX = 64  # as the accounts contracts bound a business account id
EXPIRY_DAYS_MIN, EXPIRY_DAYS_MAX, EXPIRY_DAYS_DEFAULT = 1, 365, 90
LIVE_MAX = 20  # live (neither revoked nor expired) tokens per user
_ACCOUNT_ID = re.compile(r"[A-Za-z0-9._:-]+", re.ASCII)


class Access(StrEnum):
    """What a token allows within its business accounts."""

    READ = "read"
    WRITE = "write"


@dataclass(frozen=True)
class TokenRequest:
    """A valid request for a new token."""

    name: str
    business_account_ids: tuple[str, ...]
    access: Access
    lifetime: timedelta


@dataclass
class PersonalAccessToken:
    """A token as identity keeps it: everything but the secret (only its hash is stored)."""

    id: str
    user_id: str
    name: str
    prefix: str
    business_account_ids: tuple[str, ...]
    access: Access
    created_at: datetime
    expires_at: datetime
    last_used_at: datetime | None = None
    revoked_at: datetime | None = None

    def usable_at(self, now: datetime) -> bool:
        """Whether the token may be exchanged at ``now``: not revoked, not expired."""
        return self.revoked_at is None and now < self.expires_at

    def revoke(self, now: datetime) -> None:
        """The token no longer works from ``now`` on (revoking twice keeps the first time)."""
        if self.revoked_at is None:
            self.revoked_at = now


def display_prefix(token: str) -> str:
    """The non-secret start of ``token`` that My Profile shows to tell tokens apart."""
    return token[: len(TOKEN_PREFIX) + DISPLAY_CHARACTERS]


def _name(text: str) -> str | Problem:
    name = " ".join(text.split())
    if not name:
        return problem("/name", "identity.pat_name.required")
    if len(name) > NAME_MAX:
        return problem("/name", "identity.pat_name.too_long", max=NAME_MAX)
    if has_control_characters(name):
        return problem("/name", "identity.pat_name.invalid_characters")
    return name


def _accounts(ids: list[str]) -> tuple[str, ...] | list[Problem]:
    pointer = "/business_account_ids"
    if not ids:
        return [problem(pointer, "identity.pat_accounts.required")]
    if len(ids) > ACCOUNTS_MAX:
        return [problem(pointer, "identity.pat_accounts.too_many", max=ACCOUNTS_MAX)]
    problems = [
        problem(f"{pointer}/{index}", "identity.pat_accounts.invalid", max=ACCOUNT_ID_MAX)
        for index, account_id in enumerate(ids)
        if len(account_id) > ACCOUNT_ID_MAX or not _ACCOUNT_ID.fullmatch(account_id)
    ]
    return problems or tuple(dict.fromkeys(ids))  # an id named twice counts once


def token_request_from(
    *, name: str, business_account_ids: list[str], access: str, expires_in_days: int
) -> TokenRequest:
    """The request these fields make; InvalidInputError naming every broken rule at once."""
    checked_name = _name(name)
    accounts = _accounts(business_account_ids)
    problems = [checked_name] if isinstance(checked_name, Problem) else []
    problems += accounts if isinstance(accounts, list) else []
    if access not in set(Access):
        problems.append(problem("/access", "identity.pat_access.invalid"))
    if not EXPIRY_DAYS_MIN <= expires_in_days <= EXPIRY_DAYS_MAX:
        problems.append(
            problem(
                "/expires_in_days",
                "identity.pat_expiry.out_of_range",
                min=EXPIRY_DAYS_MIN,
                max=EXPIRY_DAYS_MAX,
            )
        )
    raise_if(problems)
    assert isinstance(checked_name, str) and isinstance(accounts, tuple)
    return TokenRequest(checked_name, accounts, Access(access), timedelta(days=expires_in_days))
