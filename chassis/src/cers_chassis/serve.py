"""``cers-serve SERVICE``: run a service's ASGI app on the host and port of its settings.

Each service's ``cers_<service>.entrypoints.app`` module exposes ``settings`` and ``app``; the
host and port come from ``CERS_HTTP_HOST`` / ``CERS_HTTP_PORT`` or the service's defaults, so the
Procfile, the container image and a developer's shell all start a service the same way.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from typing import Any

import uvicorn

from cers_chassis.settings import ServiceSettings


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("service", help="e.g. identity, gateway")
    args = parser.parse_args(argv)
    module = importlib.import_module(f"cers_{args.service}.entrypoints.app")
    settings = module.settings
    if not isinstance(settings, ServiceSettings):
        raise TypeError(f"cers_{args.service}.entrypoints.app.settings is not ServiceSettings")
    # A service may add uvicorn options (the gateway: its TLS certificate and key).
    extra = getattr(settings, "uvicorn_options", None)
    options: dict[str, Any] = extra() if callable(extra) else {}
    # log_config=None: keep the service's JSON logging instead of uvicorn's own handlers.
    uvicorn.run(
        module.app,
        host=settings.http_host,
        port=settings.http_port,
        log_config=None,
        access_log=False,
        proxy_headers=True,
        **options,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
