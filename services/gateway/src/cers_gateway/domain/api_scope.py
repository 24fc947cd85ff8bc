"""What a personal access token lets its caller do at the edge: its accounts, read or write.

Identity states the scope when it exchanges the token; the gateway refuses anything outside it
before any service is called (the services still apply the role matrix inside it).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
OUT_OF_SCOPE = "gateway.pat.account_out_of_scope"
READ_ONLY = "gateway.pat.read_only"


@dataclass(frozen=True)
class TokenScope:
    """A token's user and reach, as identity's exchange answered."""

    token_id: str
    user_id: str
    urn: str
    language: str
    business_account_ids: frozenset[str]
    access: str

    @classmethod
    def of(cls, exchanged: dict[str, Any]) -> TokenScope:
        """The scope in identity's exchange answer."""
        return cls(
            token_id=str(exchanged["token_id"]),
            user_id=str(exchanged["user_id"]),
            urn=str(exchanged["urn"]),
            language=str(exchanged.get("language") or "en"),
            business_account_ids=frozenset(str(a) for a in exchanged["business_account_ids"]),
            access=str(exchanged["access"]),
        )

    def refusal(self, method: str, account_id: str | None) -> str | None:
        """The code refusing ``method`` on ``account_id`` (None: within the token's scope)."""
        if method.upper() not in READ_METHODS and self.access != "write":
            return READ_ONLY
        if account_id is not None and account_id not in self.business_account_ids:
            return OUT_OF_SCOPE
        return None

    def covers(self, account_id: str) -> bool:
        """True when the token names ``account_id``."""
        return account_id in self.business_account_ids
