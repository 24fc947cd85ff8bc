"""Client of the documents service: drafts, declarations (submit, search, versions, history, PDF,
amend, void) and code tables.

Calls about one account pass its id, so the caller's membership versions travel (read-your-writes).
Bodies are passed as given: the service validates them and names every problem.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cers_gateway.adapters.http import Caller, ServiceClient

Json = dict[str, Any]
IDEMPOTENCY_KEY = "Idempotency-Key"


def _account(account_id: str) -> str:
    return f"/v1/business-accounts/{account_id}"


def _key(idempotency_key: str | None) -> dict[str, str]:
    return {IDEMPOTENCY_KEY: idempotency_key} if idempotency_key else {}


class DocumentsClient(ServiceClient):
    """The documents service's HTTP API."""

    async def code_tables(self) -> Json:
        result: Json = await self.call("GET", "/v1/code-tables")
        return result

    async def filing_accounts(self, caller: Caller) -> list[Json]:
        """The accounts the caller may file for (own roles and CSP associations)."""
        result: Json = await self.call("GET", "/v1/me/filing-accounts", caller)
        return list(result["items"])

    # -- drafts ----------------------------------------------------------------------------

    async def drafts(self, caller: Caller, account_id: str, page: int = 1, size: int = 25) -> Json:
        params = {"page": page, "size": size}
        path = f"{_account(account_id)}/drafts"
        result: Json = await self.call("GET", path, caller, params=params, account_id=account_id)
        return result

    async def create_draft(self, caller: Caller, account_id: str, content: Any) -> Json:
        path = f"{_account(account_id)}/drafts"
        result: Json = await self.call("POST", path, caller, json=content, account_id=account_id)
        return result

    async def draft(self, caller: Caller, account_id: str, draft_id: str) -> Json:
        path = f"{_account(account_id)}/drafts/{draft_id}"
        result: Json = await self.call("GET", path, caller, account_id=account_id)
        return result

    async def save_draft(
        self, caller: Caller, account_id: str, draft_id: str, content: Any
    ) -> Json:
        path = f"{_account(account_id)}/drafts/{draft_id}"
        result: Json = await self.call("PUT", path, caller, json=content, account_id=account_id)
        return result

    async def check_draft(self, caller: Caller, account_id: str, draft_id: str) -> Json:
        path = f"{_account(account_id)}/drafts/{draft_id}/check"
        result: Json = await self.call("POST", path, caller, account_id=account_id)
        return result

    async def extend_draft(self, caller: Caller, account_id: str, draft_id: str) -> Json:
        path = f"{_account(account_id)}/drafts/{draft_id}/extension"
        result: Json = await self.call("POST", path, caller, account_id=account_id)
        return result

    async def delete_draft(self, caller: Caller, account_id: str, draft_id: str) -> None:
        path = f"{_account(account_id)}/drafts/{draft_id}"
        await self.call("DELETE", path, caller, account_id=account_id)

    async def submit_draft(
        self, caller: Caller, account_id: str, draft_id: str, idempotency_key: str | None = None
    ) -> Json:
        """The Proof of Report confirmation (the draft is deleted)."""
        path = f"{_account(account_id)}/drafts/{draft_id}/submission"
        result: Json = await self.call(
            "POST", path, caller, account_id=account_id, headers=_key(idempotency_key)
        )
        return result

    # -- declarations ----------------------------------------------------------------------

    async def submit(
        self, caller: Caller, account_id: str, content: Any, idempotency_key: str | None = None
    ) -> Json:
        """Submit a declaration: the Proof of Report confirmation."""
        path = f"{_account(account_id)}/declarations"
        result: Json = await self.call(
            "POST",
            path,
            caller,
            json=content,
            account_id=account_id,
            headers=_key(idempotency_key),
        )
        return result

    async def search(
        self, caller: Caller, account_id: str, criteria: Mapping[str, Any] | None = None
    ) -> Json:
        """Reported declarations matching ``criteria`` (``status, por, exporter_reference,
        submitted_from, submitted_to, page, size``)."""
        path = f"{_account(account_id)}/declarations"
        result: Json = await self.call("GET", path, caller, params=criteria, account_id=account_id)
        return result

    async def declaration(self, caller: Caller, account_id: str, declaration_id: str) -> Json:
        path = f"{_account(account_id)}/declarations/{declaration_id}"
        result: Json = await self.call("GET", path, caller, account_id=account_id)
        return result

    async def versions(self, caller: Caller, account_id: str, declaration_id: str) -> Json:
        path = f"{_account(account_id)}/declarations/{declaration_id}/versions"
        result: Json = await self.call("GET", path, caller, account_id=account_id)
        return result

    async def version(
        self, caller: Caller, account_id: str, declaration_id: str, number: int
    ) -> Json:
        path = f"{_account(account_id)}/declarations/{declaration_id}/versions/{number}"
        result: Json = await self.call("GET", path, caller, account_id=account_id)
        return result

    async def version_pdf(
        self,
        caller: Caller,
        account_id: str,
        declaration_id: str,
        number: int,
        language: str = "en",
    ) -> tuple[bytes, str]:
        """The PDF of a version and its ``Content-Disposition``."""
        path = f"{_account(account_id)}/declarations/{declaration_id}/versions/{number}/pdf"
        params = {"language": language}
        response = await self.send("GET", path, caller, params=params, account_id=account_id)
        return response.content, response.headers.get("Content-Disposition", "inline")

    async def history(self, caller: Caller, account_id: str, declaration_id: str) -> Json:
        path = f"{_account(account_id)}/declarations/{declaration_id}/history"
        result: Json = await self.call("GET", path, caller, account_id=account_id)
        return result

    async def amend(self, caller: Caller, account_id: str, declaration_id: str, body: Any) -> Json:
        """A new version (``reason_code, content``): the confirmation, same Proof of Report."""
        path = f"{_account(account_id)}/declarations/{declaration_id}/amendments"
        result: Json = await self.call("POST", path, caller, json=body, account_id=account_id)
        return result

    async def request_void(
        self, caller: Caller, account_id: str, declaration_id: str, body: Any = None
    ) -> Json:
        """ "Request to Void Sent" (``{reason?}``); voided later through Kafka."""
        path = f"{_account(account_id)}/declarations/{declaration_id}/void-request"
        result: Json = await self.call(
            "POST", path, caller, json=body if body is not None else {}, account_id=account_id
        )
        return result
