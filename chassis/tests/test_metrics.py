"""Every service serves Prometheus metrics: HTTP traffic by route template and status."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.testclient import TestClient
from prometheus_client import REGISTRY

from cers_chassis.errors import ApiError, FieldProblem
from cers_chassis.service import create_service_app
from cers_chassis.settings import ServiceSettings

SERVICE = "metrics-test"


def app_with_a_route() -> TestClient:
    router = APIRouter()

    @router.get("/things/{thing_id}")
    async def thing(thing_id: str) -> dict[str, str]:
        if thing_id == "missing":
            raise ApiError(404, [FieldProblem("", "things.unknown", "No such thing.")])
        return {"id": thing_id}

    settings = ServiceSettings(service_name=SERVICE, kafka_bootstrap="127.0.0.1:9")
    return TestClient(create_service_app(settings, title="metrics", routers=[router]))


def requests_counted(route: str, status: str) -> float:
    labels = {"service": SERVICE, "method": "GET", "route": route, "status": status}
    return REGISTRY.get_sample_value("cers_http_requests_total", labels) or 0.0


def test_requests_are_counted_by_route_template_and_status() -> None:
    with app_with_a_route() as client:
        before_ok, before_missing = (
            requests_counted("/things/{thing_id}", "200"),
            requests_counted("/things/{thing_id}", "404"),
        )
        client.get("/things/a")
        client.get("/things/b")
        client.get("/things/missing")
        client.get("/no/such/route")
        body = client.get("/metrics")
    assert body.status_code == 200
    assert body.headers["content-type"].startswith("text/plain")
    assert requests_counted("/things/{thing_id}", "200") - before_ok == 2
    assert requests_counted("/things/{thing_id}", "404") - before_missing == 1
    assert requests_counted("unmatched", "404") >= 1  # no raw paths become label values
    assert 'cers_http_request_duration_seconds_bucket{le="0.005",method="GET"' in body.text
