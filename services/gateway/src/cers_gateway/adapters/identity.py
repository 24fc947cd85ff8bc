"""Client of the identity service: credentials, sessions, terms, profile, tokens.

Calls on a session carry identity's session id (``X-Session-Id``), as identity's README asks.
"""

from __future__ import annotations

from typing import Any

from cers_gateway.adapters.http import Caller, ServiceClient

Json = dict[str, Any]


class IdentityClient(ServiceClient):
    """The identity service's HTTP API."""

    # -- before a session ------------------------------------------------------------------

    async def sign_up(self, provider: str, body: Json) -> Json:
        result: Json = await self.call("POST", f"/v1/providers/{provider}/sign-up", json=body)
        return result

    async def sign_in(self, provider: str, username: str, password: str) -> Json:
        """The new session's view, with its ``session_id``."""
        body = {"username": username, "password": password}
        result: Json = await self.call("POST", f"/v1/providers/{provider}/sign-in", json=body)
        return result

    async def recovery_questions(self, provider: str, username: str) -> list[str]:
        path = f"/v1/providers/{provider}/recovery-questions"
        result: Json = await self.call("POST", path, json={"username": username})
        return [str(q) for q in result["questions"]]

    async def reset_password(self, provider: str, body: Json) -> None:
        await self.call("POST", f"/v1/providers/{provider}/password-reset", json=body)

    async def provider_modes(self) -> dict[str, str]:
        """Each credential provider's mode: ``local`` (a password here) or ``oidc`` (a redirect)."""
        result: Json = await self.call("GET", "/v1/providers")
        return {str(p["provider"]): str(p["mode"]) for p in result["providers"]}

    async def begin_oidc(self, provider: str, purpose: str, caller: Caller | None = None) -> Json:
        """``{authorization_url, state}`` of a new OIDC flow (a change of provider needs the
        session in ``caller``)."""
        path = f"/v1/providers/{provider}/oidc/authorizations"
        result: Json = await self.call("POST", path, caller, json={"purpose": purpose})
        return result

    async def complete_oidc(
        self, provider: str, state: str, code: str, caller: Caller | None = None
    ) -> Json:
        """The session view after the provider's redirect: a new session (``session_id``) for a
        sign-in, the caller's own after a change of provider."""
        path = f"/v1/providers/{provider}/oidc/callback"
        body = {"state": state, "code": code}
        result: Json = await self.call("POST", path, caller, json=body)
        return result

    async def confirm_email(self, token: str) -> Json:
        result: Json = await self.call("POST", "/v1/email-confirmations", json={"token": token})
        return result

    async def terms(self) -> Json:
        result: Json = await self.call("GET", "/v1/terms")
        return result

    # -- on a session ----------------------------------------------------------------------

    async def session(self, caller: Caller) -> Json:
        result: Json = await self.call("GET", "/v1/session", caller)
        return result

    async def sign_out(self, caller: Caller) -> None:
        await self.call("DELETE", "/v1/session", caller)

    async def accept_terms(self, caller: Caller, version: int) -> Json:
        body = {"version": version}
        result: Json = await self.call("POST", "/v1/session/terms-acceptance", caller, json=body)
        return result

    async def create_user_account(self, caller: Caller, profile: Json) -> Json:
        result: Json = await self.call("POST", "/v1/session/user-account", caller, json=profile)
        return result

    async def issue_token(self, caller: Caller) -> Json:
        """``{access_token, expires_at, ...}`` for the session's user."""
        result: Json = await self.call("POST", "/v1/session/token", caller)
        return result

    async def sessions(self, caller: Caller) -> list[Json]:
        result: Json = await self.call("GET", "/v1/sessions", caller)
        return list(result["sessions"])

    async def end_other_sessions(self, caller: Caller) -> list[str]:
        result: Json = await self.call("DELETE", "/v1/sessions/others", caller)
        return list(result["ended"])

    async def end_session(self, caller: Caller, reference: str) -> None:
        await self.call("DELETE", f"/v1/sessions/{reference}", caller)

    async def profile(self, caller: Caller) -> Json:
        result: Json = await self.call("GET", "/v1/profile", caller)
        return result

    async def update_profile(self, caller: Caller, changes: Json) -> Json:
        result: Json = await self.call("PATCH", "/v1/profile", caller, json=changes)
        return result

    async def request_email_confirmation(self, caller: Caller) -> None:
        await self.call("POST", "/v1/profile/email-confirmation-requests", caller)

    async def change_provider(self, caller: Caller, proof: Json) -> Json:
        """Move the user to a local credential of another provider (``provider, username,
        password``)."""
        result: Json = await self.call(
            "POST", "/v1/profile/credential-provider", caller, json=proof
        )
        return result

    # -- personal access tokens (the public API) -------------------------------------------

    async def create_personal_token(self, caller: Caller, body: Json) -> Json:
        """A new token (``name, business_account_ids, access, expires_in_days``); its secret
        ``token`` is in this answer only."""
        result: Json = await self.call("POST", "/v1/personal-access-tokens", caller, json=body)
        return result

    async def personal_tokens(self, caller: Caller) -> list[Json]:
        result: Json = await self.call("GET", "/v1/personal-access-tokens", caller)
        return list(result["tokens"])

    async def revoke_personal_token(self, caller: Caller, token_id: str) -> None:
        await self.call("DELETE", f"/v1/personal-access-tokens/{token_id}", caller)

    async def exchange_personal_token(self, token: str) -> Json:
        """A short-lived access token and the token's scope (401 ``identity.pat.invalid``)."""
        body = {"token": token}
        result: Json = await self.call("POST", "/v1/personal-access-tokens/exchange", json=body)
        return result
