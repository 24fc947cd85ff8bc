"""Client of the notifications service: bulletins, links, subscriptions, the outage banner."""

from __future__ import annotations

from typing import Any

from cers_gateway.adapters.http import Caller, ServiceClient

Json = dict[str, Any]


class NotificationsClient(ServiceClient):
    """The notifications service's HTTP API."""

    async def outage(self) -> Json:
        """The banner (no token needed): ``state`` none / active / resumed, the bulletin, the
        contingency procedure."""
        result: Json = await self.call("GET", "/v1/outage")
        return result

    async def bulletins(
        self,
        caller: Caller,
        *,
        topic: str | None = None,
        category: str | None = None,
        include_retired: bool = False,
        limit: int | None = None,
        offset: int | None = None,
    ) -> list[Json]:
        """Bulletins, newest first: ``limit`` of them (the service's default: 50) from
        ``offset``."""
        params = {
            "topic": topic,
            "category": category,
            "include_retired": include_retired or None,
            "limit": limit,
            "offset": offset or None,
        }
        result: list[Json] = await self.call("GET", "/v1/bulletins", caller, params=params)
        return result

    async def bulletin(self, caller: Caller, bulletin_id: str) -> Json:
        result: Json = await self.call("GET", f"/v1/bulletins/{bulletin_id}", caller)
        return result

    async def publish_bulletin(self, caller: Caller, body: Json) -> Json:
        result: Json = await self.call("POST", "/v1/bulletins", caller, json=body)
        return result

    async def revise_bulletin(self, caller: Caller, bulletin_id: str, body: Json) -> Json:
        result: Json = await self.call("PUT", f"/v1/bulletins/{bulletin_id}", caller, json=body)
        return result

    async def retire_bulletin(self, caller: Caller, bulletin_id: str) -> Json:
        result: Json = await self.call("POST", f"/v1/bulletins/{bulletin_id}/retire", caller)
        return result

    async def categories(self, caller: Caller) -> list[Json]:
        result: list[Json] = await self.call("GET", "/v1/bulletin-categories", caller)
        return result

    async def links(self, caller: Caller, *, include_retired: bool = False) -> list[Json]:
        params = {"include_retired": include_retired or None}
        result: list[Json] = await self.call("GET", "/v1/links", caller, params=params)
        return result

    async def create_link(self, caller: Caller, body: Json) -> Json:
        result: Json = await self.call("POST", "/v1/links", caller, json=body)
        return result

    async def update_link(self, caller: Caller, link_id: str, body: Json) -> Json:
        result: Json = await self.call("PUT", f"/v1/links/{link_id}", caller, json=body)
        return result

    async def retire_link(self, caller: Caller, link_id: str) -> Json:
        result: Json = await self.call("POST", f"/v1/links/{link_id}/retire", caller)
        return result

    async def subscriptions(self, caller: Caller) -> list[str]:
        result: Json = await self.call("GET", "/v1/me/subscriptions", caller)
        return [str(c) for c in result["categories"]]

    async def set_subscriptions(self, caller: Caller, categories: list[str]) -> list[str]:
        body = {"categories": categories}
        result: Json = await self.call("PUT", "/v1/me/subscriptions", caller, json=body)
        return [str(c) for c in result["categories"]]
