"""Client of the accounts service: business accounts, activation, user access, officer actions.

Calls about one account pass its id, so the caller's versions travel and are kept
(read-your-writes).
"""

from __future__ import annotations

from typing import Any

from cers_gateway.adapters.http import Caller, ServiceClient

Json = dict[str, Any]


class AccountsClient(ServiceClient):
    """The accounts service's HTTP API."""

    async def check_activation(self, caller: Caller, business_number: str, code: str) -> Json:
        body = {"business_number": business_number, "activation_code": code}
        result: Json = await self.call(
            "POST", "/v1/business-accounts/activation/check", caller, json=body
        )
        return result

    async def activate(self, caller: Caller, body: Json) -> Json:
        result: Json = await self.call("POST", "/v1/business-accounts", caller, json=body)
        caller.versions.remember_versions(
            result["business_account_id"],
            result.get("membership_version"),
            result.get("association_version"),
        )
        return result

    async def my_accounts(self, caller: Caller) -> list[Json]:
        result: Json = await self.call("GET", "/v1/business-accounts", caller)
        return list(result["accounts"])

    async def account(self, caller: Caller, account_id: str) -> Json:
        path = f"/v1/business-accounts/{account_id}"
        result: Json = await self.call("GET", path, caller, account_id=account_id)
        return result

    async def update_information(self, caller: Caller, account_id: str, changes: Json) -> Json:
        path = f"/v1/business-accounts/{account_id}"
        result: Json = await self.call("PATCH", path, caller, json=changes, account_id=account_id)
        return result

    async def delete_account(self, caller: Caller, account_id: str) -> Json:
        """Delete the account (its owner only): the account, with ``deleted: true``."""
        path = f"/v1/business-accounts/{account_id}"
        result: Json = await self.call("DELETE", path, caller, account_id=account_id)
        return result

    async def associations(self, caller: Caller, account_id: str) -> Json:
        path = f"/v1/business-accounts/{account_id}/associations"
        result: Json = await self.call("GET", path, caller, account_id=account_id)
        return result

    async def members(self, caller: Caller, account_id: str) -> Json:
        path = f"/v1/business-accounts/{account_id}/members"
        result: Json = await self.call("GET", path, caller, account_id=account_id)
        return result

    async def add_member(self, caller: Caller, account_id: str, body: Json) -> Json:
        path = f"/v1/business-accounts/{account_id}/members"
        result: Json = await self.call("POST", path, caller, json=body, account_id=account_id)
        return result

    async def change_role(self, caller: Caller, account_id: str, user_id: str, role: str) -> Json:
        path = f"/v1/business-accounts/{account_id}/members/{user_id}"
        body = {"role": role}
        result: Json = await self.call("PATCH", path, caller, json=body, account_id=account_id)
        return result

    async def remove_member(self, caller: Caller, account_id: str, user_id: str) -> Json:
        path = f"/v1/business-accounts/{account_id}/members/{user_id}"
        result: Json = await self.call("DELETE", path, caller, account_id=account_id)
        return result

    # -- officers --------------------------------------------------------------------------

    async def issue_code(self, caller: Caller, body: Json) -> Json:
        result: Json = await self.call("POST", "/v1/officer/activation-codes", caller, json=body)
        return result

    async def codes(self, caller: Caller, business_number: str) -> list[Json]:
        params = {"business_number": business_number}
        result: list[Json] = await self.call(
            "GET", "/v1/officer/activation-codes", caller, params=params
        )
        return result

    async def reissue_code(self, caller: Caller, code_id: str) -> Json:
        path = f"/v1/officer/activation-codes/{code_id}/reissue"
        result: Json = await self.call("POST", path, caller)
        return result

    async def revoke_code(self, caller: Caller, code_id: str) -> Json:
        path = f"/v1/officer/activation-codes/{code_id}/revoke"
        result: Json = await self.call("POST", path, caller)
        return result

    async def search_accounts(
        self, caller: Caller, business_number: str | None, authorization_id: str | None
    ) -> list[Json]:
        params = {"business_number": business_number, "authorization_id": authorization_id}
        result: list[Json] = await self.call(
            "GET", "/v1/officer/business-accounts", caller, params=params
        )
        return result

    async def approve_srp(self, caller: Caller, account_id: str) -> Json:
        path = f"/v1/officer/business-accounts/{account_id}/srp"
        result: Json = await self.call("POST", path, caller, account_id=account_id)
        return result

    async def revoke_srp(self, caller: Caller, account_id: str) -> Json:
        path = f"/v1/officer/business-accounts/{account_id}/srp"
        result: Json = await self.call("DELETE", path, caller, account_id=account_id)
        return result

    async def change_owner(self, caller: Caller, account_id: str, urn: str) -> Json:
        path = f"/v1/officer/business-accounts/{account_id}/owner"
        result: Json = await self.call(
            "PUT", path, caller, json={"urn": urn}, account_id=account_id
        )
        return result

    async def record_association(self, caller: Caller, exporter_id: str, csp_id: str) -> Json:
        body = {"exporter_account_id": exporter_id, "csp_account_id": csp_id}
        result: Json = await self.call(
            "POST", "/v1/officer/associations", caller, json=body, account_id=exporter_id
        )
        return result

    async def remove_association(self, caller: Caller, exporter_id: str, csp_id: str) -> Json:
        path = f"/v1/officer/associations/{exporter_id}/{csp_id}"
        result: Json = await self.call("DELETE", path, caller, account_id=exporter_id)
        return result
