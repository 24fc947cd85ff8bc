"""Fixtures shared by every test in the workspace live in tests/fixtures (one place)."""

pytest_plugins = ("tests.fixtures.runtime", "tests.fixtures.pipeline")
