"""Prometheus metrics of a service process, served at ``/metrics``.

What an SRE needs first: HTTP traffic (rate, errors, latency per route), what the consumers did
with each record (processed, duplicate, ignored, dead-lettered) and what the outbox relay
published. Counts are taken after the database commit they describe, so a rolled-back batch
counts nothing.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable

from fastapi import APIRouter, FastAPI, Request, Response
from prometheus_client import CONTENT_TYPE_LATEST, Counter, Histogram, generate_latest

HTTP_REQUESTS = Counter(
    "cers_http_requests",
    "HTTP requests answered, by service, method, route template and status code.",
    ["service", "method", "route", "status"],
)
HTTP_DURATION = Histogram(
    "cers_http_request_duration_seconds",
    "Time to answer an HTTP request, by service, method and route template.",
    ["service", "method", "route"],
)
INBOX_RECORDS = Counter(
    "cers_inbox_records",
    "Kafka records a consumer has handled, by consumer group, topic and outcome.",
    ["consumer", "topic", "outcome"],
)
OUTBOX_PUBLISHED = Counter(
    "cers_outbox_published",
    "Outbox rows the relay published to Kafka and deleted, by database.",
    ["database"],
)
UNMATCHED_ROUTE = "unmatched"


def _route_template(request: Request) -> str:
    """The route's path template (``/v1/things/{id}``): bounded label values, no ids in them."""
    route = request.scope.get("route")
    path = getattr(route, "path", None)
    return path if isinstance(path, str) else UNMATCHED_ROUTE


def install_metrics(app: FastAPI, service: str) -> None:
    """Count and time every request of ``app`` and serve ``GET /metrics``."""

    @app.middleware("http")
    async def measure(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        started = time.perf_counter()
        status = 500  # what the client gets if the app raises past every handler
        try:
            response = await call_next(request)
            status = response.status_code
            return response
        finally:
            route = _route_template(request)
            HTTP_REQUESTS.labels(service, request.method, route, str(status)).inc()
            HTTP_DURATION.labels(service, request.method, route).observe(
                time.perf_counter() - started
            )

    router = APIRouter()

    @router.get("/metrics", include_in_schema=False)
    async def metrics() -> Response:
        return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)

    app.include_router(router)
