# ruff: noqa: F811 - the fixtures are imported and then named as parameters
"""schemathesis against the API's own OpenAPI document: every operation, in-process (ASGI), with
a valid write token of a real account, over the real services: no answer is a server error."""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import hypothesis
import pytest
import schemathesis
from fastapi import FastAPI
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode

from cers_gateway.entrypoints.app import create_app as create_gateway
from services.gateway.tests.gateway_testkit import (  # noqa: F401 (its fixtures, used by name)
    Backend,
    cers_backend,
    gateway_settings,
    officer_login,
)
from services.gateway.tests.test_gateway_api import (  # noqa: F401 (its fixtures, used by name)
    Exporter,
    api_gateway,
    exporter,
    make_token,
)

pytestmark = pytest.mark.integration
EXAMPLES_PER_STRATEGY = 6
ACCOUNT_DELETION = ("DELETE", "/business-accounts/{account_id}")


@pytest.fixture(scope="module")
def gateway_app(cers_backend: Backend) -> FastAPI:
    """The gateway in this process (no rate limit worth the name: schemathesis is fast)."""
    settings = gateway_settings(cers_backend, api_rate_limit_per_token=1_000_000)
    return create_gateway(settings)


@pytest.fixture(scope="module")
def api_schema(gateway_app: FastAPI) -> Any:
    return schemathesis.openapi.from_asgi("/api/v1/openapi.json", gateway_app)


@pytest.fixture(scope="module")
def write_token(exporter: Exporter) -> str:
    return make_token(exporter.owner, [exporter.account_id], "write")


@dataclass
class Tally:
    """What the run did: calls per status, and the server errors found."""

    statuses: Counter[int] = field(default_factory=Counter)
    server_errors: list[str] = field(default_factory=list)


def exercise(strategy: Any, token: str, tally: Tally) -> None:
    """``EXAMPLES_PER_STRATEGY`` cases of ``strategy``, each checked for a server error."""

    @hypothesis.given(case=strategy)
    @hypothesis.settings(
        max_examples=EXAMPLES_PER_STRATEGY,
        deadline=None,
        suppress_health_check=list(hypothesis.HealthCheck),
        derandomize=True,
        database=None,
        phases=[hypothesis.Phase.explicit, hypothesis.Phase.generate],
    )
    def run(case: schemathesis.Case[Any]) -> None:
        response = case.call(headers={"Authorization": f"Bearer {token}"})
        tally.statuses[response.status_code] += 1
        try:
            case.validate_response(response, checks=[not_a_server_error])
        except Exception as error:
            tally.server_errors.append(f"{case.operation.label}: {response.status_code} {error}")

    run()


def test_no_operation_answers_a_server_error(
    api_schema: Any, write_token: str, exporter: Exporter
) -> None:
    tally = Tally()
    started = time.monotonic()
    operations = [result.ok() for result in api_schema.get_all_operations()]
    for operation in operations:
        strategies = [
            operation.as_strategy(generation_mode=GenerationMode.POSITIVE),
            operation.as_strategy(generation_mode=GenerationMode.NEGATIVE),
        ]
        deletes_the_account = (operation.method.upper(), operation.path) == ACCOUNT_DELETION
        if "{account_id}" in operation.path and not deletes_the_account:
            # On the token's own account too, so the services are reached, not only the edge
            # (but never deleting it: every later operation would only be refused).
            own = {"account_id": exporter.account_id}
            strategies.append(
                operation.as_strategy(generation_mode=GenerationMode.POSITIVE, path_parameters=own)
            )
        for strategy in strategies:
            exercise(strategy, write_token, tally)
    elapsed = time.monotonic() - started
    print(
        f"schemathesis: {len(operations)} operations, {sum(tally.statuses.values())} calls "
        f"in {elapsed:.1f} s, statuses {dict(sorted(tally.statuses.items()))}"
    )
    assert len(operations) >= 26
    assert tally.server_errors == []
    assert tally.statuses[200] + tally.statuses[201] > 0  # the services were reached
