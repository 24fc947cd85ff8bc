"""What the portal keeps in the browser's (encrypted) session cookie."""

from __future__ import annotations

import secrets
from dataclasses import asdict, dataclass, field
from typing import Any

LANGUAGES = ("en", "fr")
MAX_REMEMBERED_ACCOUNTS = 20
"""Membership versions are kept for this many accounts (the cookie must stay small)."""


def new_csrf_token() -> str:
    """A fresh CSRF secret (256 bits)."""
    return secrets.token_urlsafe(32)


def csrf_matches(expected: str, given: str | None) -> bool:
    """True when the form's token is the session's (compared in constant time)."""
    return bool(given) and secrets.compare_digest(expected.encode(), str(given).encode())


@dataclass
class WebSession:
    """The browser's session: identity's session id, language, CSRF secret and versions seen.

    ``versions`` maps a business account id to the ``[membership, association]`` versions the
    portal last saw from accounts (read-your-writes); ``pending`` holds a multi-page form in
    progress (activation); ``oidc`` the OIDC flow this browser started (its state, provider and
    purpose) until the provider sends it back; ``flash`` a message for the next page.
    """

    csrf: str = field(default_factory=new_csrf_token)
    language: str = "en"
    session_id: str | None = None
    versions: dict[str, list[int]] = field(default_factory=dict)
    pending: dict[str, str] = field(default_factory=dict)
    oidc: dict[str, str] = field(default_factory=dict)
    flash: str | None = None

    @property
    def signed_in(self) -> bool:
        return self.session_id is not None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> WebSession:
        """The session of a decrypted cookie; unknown or malformed parts are dropped."""
        language = data.get("language")
        versions = data.get("versions")
        pending = data.get("pending")
        oidc = data.get("oidc")
        return cls(
            csrf=str(data.get("csrf") or new_csrf_token()),
            language=language if language in LANGUAGES else "en",
            session_id=data.get("session_id") if isinstance(data.get("session_id"), str) else None,
            versions={
                str(k): [int(x) for x in v][:2]
                for k, v in (versions.items() if isinstance(versions, dict) else [])
                if isinstance(v, list) and len(v) == 2
            },
            pending=_texts(pending),
            oidc=_texts(oidc),
            flash=data.get("flash") if isinstance(data.get("flash"), str) else None,
        )

    def begin(self, session_id: str, language: str | None) -> None:
        """Signed in: a new CSRF secret (no fixation), the user's language, nothing pending."""
        self.session_id = session_id
        self.csrf = new_csrf_token()
        self.versions.clear()
        self.pending.clear()
        self.oidc.clear()
        if language in LANGUAGES:
            self.language = str(language)

    def end(self) -> None:
        """Signed out: only the language stays."""
        self.session_id = None
        self.csrf = new_csrf_token()
        self.versions.clear()
        self.pending.clear()
        self.oidc.clear()
        self.flash = None

    def versions_of(self, account_id: str) -> tuple[int, int] | None:
        """The ``(membership, association)`` versions last seen for an account."""
        known = self.versions.get(account_id)
        return (known[0], known[1]) if known else None

    def remember_versions(
        self, account_id: str, membership: int | None, association: int | None
    ) -> None:
        """Keep the newest versions seen for an account (the oldest account is forgotten first)."""
        known = self.versions.pop(account_id, [0, 0])
        self.versions[account_id] = [
            max(known[0], membership or 0),
            max(known[1], association or 0),
        ]
        while len(self.versions) > MAX_REMEMBERED_ACCOUNTS:
            del self.versions[next(iter(self.versions))]


def _texts(found: Any) -> dict[str, str]:
    """A decrypted cookie's text mapping (anything else: empty)."""
    return {str(k): str(v) for k, v in (found.items() if isinstance(found, dict) else [])}
