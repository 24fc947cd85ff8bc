"""The one way the gateway calls a service: JSON over HTTP with the caller's credentials.

Every call carries the trace context (``traceparent``, injected here: the chassis instruments
FastAPI, not httpx) and, when it is about a business account, the membership and association
versions the caller last saw (``X-Membership-Version`` / ``X-Association-Version``, DESIGN.md §3).
Every refusal becomes one ``ServiceError`` carrying the service's problems.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

import httpx
from opentelemetry import propagate

from cers_gateway.domain.forms import Problem

MEMBERSHIP_VERSION = "X-Membership-Version"
ASSOCIATION_VERSION = "X-Association-Version"


class ServiceError(Exception):
    """A service refused the call (or could not be reached: status 503)."""

    def __init__(
        self, service: str, status: int, problems: list[Problem], retry_after: str | None = None
    ) -> None:
        super().__init__(f"{service} {status}: " + "; ".join(p.code for p in problems))
        self.service = service
        self.status = status
        self.problems = problems
        self.retry_after = retry_after

    def has(self, code: str) -> bool:
        """True when one of the problems has ``code``."""
        return any(p.code == code for p in self.problems)


class VersionBook(Protocol):
    """Where the caller's last seen versions of each account are kept (the web session)."""

    def versions_of(self, account_id: str) -> tuple[int, int] | None: ...

    def remember_versions(
        self, account_id: str, membership: int | None, association: int | None
    ) -> None: ...


class NoVersions:
    """A caller that keeps no versions (e.g. a one-off API call)."""

    def versions_of(self, account_id: str) -> tuple[int, int] | None:
        return None

    def remember_versions(
        self, account_id: str, membership: int | None, association: int | None
    ) -> None:
        return None


@dataclass
class Caller:
    """Who a call is made for: identity's session id and/or a bearer token, and their versions."""

    token: str | None = None
    session_id: str | None = None
    versions: VersionBook = field(default_factory=NoVersions)


def _problems(response: httpx.Response) -> list[Problem]:
    try:
        body = response.json()
        raw = body["errors"]
        problems = [Problem.of(item) for item in raw if isinstance(item, Mapping)]
    except (ValueError, KeyError, TypeError):
        problems = []
    return problems or [Problem("", f"http.{response.status_code}", response.reason_phrase)]


def _int_header(response: httpx.Response, name: str) -> int | None:
    value = response.headers.get(name)
    return int(value) if value and value.isdigit() else None


class ServiceClient:
    """Calls one service; subclasses name its endpoints."""

    def __init__(self, name: str, base_url: str, http: httpx.AsyncClient) -> None:
        self.name = name
        self.base_url = base_url.rstrip("/")
        self._http = http

    async def call(
        self,
        method: str,
        path: str,
        caller: Caller | None = None,
        *,
        json: Any = None,
        params: Mapping[str, Any] | None = None,
        account_id: str | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> Any:
        """The JSON answer (None for an empty one) of a successful call; ``ServiceError`` else."""
        response = await self.send(
            method, path, caller, json=json, params=params, account_id=account_id, headers=headers
        )
        return response.json() if response.content else None

    async def send(
        self,
        method: str,
        path: str,
        caller: Caller | None = None,
        *,
        json: Any = None,
        params: Mapping[str, Any] | None = None,
        account_id: str | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> httpx.Response:
        """The response of a successful call (any content type, e.g. a PDF), with ``headers``
        added (e.g. ``Idempotency-Key``); ``ServiceError`` else."""
        sent = dict(headers or {})
        propagate.inject(sent)
        if caller is not None:
            if caller.token:
                sent["Authorization"] = f"Bearer {caller.token}"
            if caller.session_id:
                sent["X-Session-Id"] = caller.session_id
            seen = caller.versions.versions_of(account_id) if account_id else None
            if seen is not None:
                sent[MEMBERSHIP_VERSION] = str(seen[0])
                sent[ASSOCIATION_VERSION] = str(seen[1])
        query = {k: v for k, v in (params or {}).items() if v not in (None, "")}
        try:
            response = await self._http.request(
                method, self.base_url + path, json=json, params=query, headers=sent
            )
        except httpx.HTTPError as error:
            unreachable = Problem("", "gateway.service_unavailable", f"{self.name}: {error!r}")
            raise ServiceError(self.name, 503, [unreachable]) from error
        if response.status_code >= 400:
            raise ServiceError(
                self.name,
                response.status_code,
                _problems(response),
                response.headers.get("Retry-After"),
            )
        if caller is not None and account_id:
            membership = _int_header(response, MEMBERSHIP_VERSION)
            association = _int_header(response, ASSOCIATION_VERSION)
            if membership is not None or association is not None:
                caller.versions.remember_versions(account_id, membership, association)
        return response

    async def messages(self) -> dict[str, dict[str, str]]:
        """The service's message texts ``{code: {en, fr}}`` (``GET /v1/messages``)."""
        result = await self.call("GET", "/v1/messages")
        messages = result.get("messages") if isinstance(result, dict) else None
        return dict(messages) if isinstance(messages, dict) else {}
