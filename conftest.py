"""Fixtures shared by every test in the workspace live in tests/fixtures (one place)."""

pytest_plugins = (
    "tests.fixtures.runtime",
    "tests.fixtures.pipeline",
    "tests.fixtures.system",  # the whole system as `make run` starts it, once per session
    # Each service's test kit, so its fixtures serve every test file of that service.
    "services.identity.tests.identity_harness",
    "services.accounts.tests.accounts_testkit",
    "services.notifications.tests.notifications_testkit",
    "services.documents.tests.documents_testkit",
    "services.gateway.tests.gateway_testkit",
)
