"""The gateway's test kit (a pytest plugin): the services behind the portal, and a browser.

``cers_backend`` (session scope) runs identity, accounts, notifications and documents in this
process, each
from its own ``create_app(settings)`` on a fresh migrated database, the real Kafka (consumer
groups of their own, started at the end of their topics) and served by ``uvicorn.Server`` in a
background thread on a free port. ``gateway_settings(backend)`` points a gateway at them;
``PortalBrowser`` drives the portal like a browser (cookie jar, redirects, CSRF fields). The
browser tests reuse ``cers_backend`` and serve a gateway app with ``ServedApp`` too.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import re
import secrets
import socket
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from argon2 import PasswordHasher
from fastapi import FastAPI
from stdnum import luhn

from cers_accounts.adapters.code_hasher import Argon2CodeHasher
from cers_accounts.config import AccountsSettings
from cers_accounts.entrypoints.app import create_app as create_accounts
from cers_chassis.migrations import upgrade
from cers_documents.config import DocumentsSettings
from cers_documents.entrypoints.app import create_app as create_documents
from cers_gateway.config import GatewaySettings
from cers_gateway.entrypoints.app import create_app as create_gateway
from cers_identity.config import IdentitySettings
from cers_identity.entrypoints import admin
from cers_identity.entrypoints.app import create_app as create_identity
from cers_notifications.config import NotificationsSettings
from cers_notifications.entrypoints.app import create_app as create_notifications
from tests.fixtures.messaging import start_at_end
from tests.fixtures.runtime import KafkaRuntime, PostgresRuntime

PASSWORD = "Cedar-Lantern-4821"


def free_socket() -> socket.socket:
    """A listening-ready socket bound to a free loopback port."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    return sock


def free_port() -> int:
    with contextlib.closing(free_socket()) as sock:
        return int(sock.getsockname()[1])


class ServedApp:
    """An ASGI app served by uvicorn in a background thread (its lifespan runs there).

    ``sock`` is a socket bound beforehand, when its URL must be known before the app is made
    (e.g. a redirect URI registered with an OIDC provider).
    """

    def __init__(self, app: FastAPI, sock: socket.socket | None = None) -> None:
        self._socket = sock or free_socket()
        self.port = int(self._socket.getsockname()[1])
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(app, log_config=None, access_log=False, lifespan="on")
        self.server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self.server.run, kwargs={"sockets": [self._socket]}, daemon=True
        )

    def start(self, *, ready_path: str = "/readyz", timeout_s: float = 60.0) -> None:
        """Start serving; wait until ``ready_path`` answers 200."""
        self._thread.start()
        deadline = time.monotonic() + timeout_s
        while True:
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(self.url + ready_path, timeout=2.0).status_code == 200:
                    return
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError(f"{self.url}{ready_path} never answered 200")
            time.sleep(0.1)

    def stop(self) -> None:
        self.server.should_exit = True
        self._thread.join(timeout=30)
        self._socket.close()


@dataclass
class Backend:
    """The running services and how to reach them."""

    urls: dict[str, str]
    identity_settings: IdentitySettings
    kafka_bootstrap: str

    def create_officer(self, username: str, password: str = PASSWORD) -> dict[str, Any]:
        """A CBSA officer made with identity's admin command (officers never sign up)."""
        with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as secret:
            secret.write(password + "\n")
        argv = ["create-officer", "--username", username, "--first-name", "Camille"]
        argv += ["--last-name", "Roy", "--email", f"{username}@cbsa.example.ca"]
        argv += ["--telephone", "613-555-0199", "--password-from", secret.name]
        try:
            with contextlib.redirect_stdout(None), contextlib.redirect_stderr(None):
                status = admin.main(argv, self.identity_settings)
        finally:
            Path(secret.name).unlink()
        assert status == 0, "create-officer refused"
        return {"username": username, "password": password}


async def _migrated_database(postgres: PostgresRuntime, service: str) -> tuple[str, str]:
    name = f"t_{service}_gw_{uuid.uuid4().hex[:8]}"
    return name, await postgres.create_database(name)


@pytest.fixture(scope="session")
def cers_backend(postgres: PostgresRuntime, kafka: KafkaRuntime) -> Iterator[Backend]:
    """Identity, accounts, notifications and documents, running for the whole test session."""
    made: list[str] = []
    served: list[ServedApp] = []
    group = f"t-gateway-{uuid.uuid4().hex[:8]}"

    def database(service: str) -> str:
        name, url = asyncio.run(_migrated_database(postgres, service))
        made.append(name)
        upgrade(service, url)
        return url

    try:
        identity_settings = IdentitySettings(
            database_url=database("identity"),
            kafka_bootstrap=kafka.bootstrap,
            argon2_time_cost=1,
            argon2_memory_kib=1024,
            argon2_parallelism=1,
            relay_poll_interval_s=0.2,
            log_json=False,
        )
        identity = ServedApp(create_identity(identity_settings))
        identity.start()
        served.append(identity)
        jwks = f"{identity.url}/.well-known/jwks.json"
        common: dict[str, Any] = {
            "kafka_bootstrap": kafka.bootstrap,
            "consumer_group": group,
            "jwks_url": jwks,
            "relay_poll_interval_s": 0.2,
            "log_json": False,
        }
        accounts_app = create_accounts(
            AccountsSettings(database_url=database("accounts"), **common),
            hasher=Argon2CodeHasher(PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)),
        )
        notifications_app = create_notifications(
            NotificationsSettings(
                database_url=database("notifications"),
                smtp_port=free_port(),
                outage_check_interval_s=0.5,
                **common,
            )
        )
        documents_app = create_documents(
            DocumentsSettings(database_url=database("documents"), **common)
        )
        for app in (accounts_app, notifications_app, documents_app):
            asyncio.run(start_at_end(kafka.bootstrap, app.state.consumers))
            running = ServedApp(app)
            running.start()
            served.append(running)
        urls = {
            "identity": identity.url,
            "accounts": served[1].url,
            "notifications": served[2].url,
            "documents": served[3].url,
        }
        yield Backend(urls, identity_settings, kafka.bootstrap)
    finally:
        for running in reversed(served):
            running.stop()
        for name in made:
            asyncio.run(postgres.drop_database(name))


def gateway_settings(backend: Backend, **overrides: Any) -> GatewaySettings:
    """A gateway in front of ``backend`` (no banner cache: tests see outages at once)."""
    values: dict[str, Any] = {
        "service_urls": backend.urls,
        "kafka_bootstrap": backend.kafka_bootstrap,
        "outage_cache_s": 0.0,
        "log_json": False,
    }
    return GatewaySettings(**(values | overrides))


@contextlib.contextmanager
def served_gateway(backend: Backend, **overrides: Any) -> Iterator[str]:
    """A gateway in front of ``backend``, served over plain HTTP on a free port: its URL.

    The cookie is not marked Secure here (the test browser would not send it over HTTP); the
    unit tests check the attribute.
    """
    served = ServedApp(create_gateway(gateway_settings(backend, cookie_secure=False, **overrides)))
    served.start()
    try:
        yield served.url
    finally:
        served.stop()


@pytest.fixture(scope="module")
def gateway_url(cers_backend: Backend) -> Iterator[str]:
    """The URL of the test module's gateway."""
    with served_gateway(cers_backend) as url:
        yield url


@pytest.fixture(scope="session")
def officer_login(cers_backend: Backend) -> dict[str, Any]:
    """The session's CBSA officer (username and password)."""
    return cers_backend.create_officer(unique_username("off"))


def unique_username(prefix: str = "u") -> str:
    """A fresh valid username (8-16 characters)."""
    return f"{prefix}{uuid.uuid4().hex[:10]}"[:16]


def new_business_number() -> str:
    """A random valid Business Number (program RM)."""
    body = "".join(secrets.choice("0123456789") for _ in range(8))
    return f"{body}{luhn.calc_check_digit(body)}RM0001"


_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
_H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)
_TAGS = re.compile(r"<[^>]+>")


def h1(page: str) -> str:
    """The page's one h1, as text."""
    found = _H1.findall(page)
    assert len(found) == 1, f"expected one h1, found {found}"
    return html.unescape(_TAGS.sub("", found[0])).strip()


def text(page: str) -> str:
    """The page as plain text (tags removed, spaces collapsed)."""
    return " ".join(html.unescape(_TAGS.sub(" ", page)).split())


class PortalBrowser:
    """A browser on the portal: one cookie jar, redirects followed, CSRF fields filled in."""

    def __init__(self, base_url: str) -> None:
        self.client = httpx.Client(base_url=base_url, follow_redirects=True, timeout=30.0)
        self.page = ""

    def get(self, path: str, **kwargs: Any) -> httpx.Response:
        response = self.client.get(path, **kwargs)
        self.page = response.text
        return response

    def csrf(self) -> str:
        found = _CSRF.search(self.page)
        assert found, "no CSRF field on the current page"
        return html.unescape(found.group(1))

    def submit(
        self, path: str, data: dict[str, Any] | None = None, *, csrf: bool = True
    ) -> httpx.Response:
        """Post a form as the current page would (with its CSRF token unless told not to)."""
        fields = dict(data or {})
        if csrf:
            fields["csrf_token"] = self.csrf()
        response = self.client.post(path, data=fields)
        self.page = response.text
        return response

    @property
    def h1(self) -> str:
        return h1(self.page)

    @property
    def text(self) -> str:
        return text(self.page)

    # -- journeys ------------------------------------------------------------------------------

    def sign_in(
        self, username: str, password: str = PASSWORD, provider: str = "gckey"
    ) -> httpx.Response:
        self.get("/sign-in")
        return self.submit(
            "/sign-in", {"provider": provider, "username": username, "password": password}
        )

    def sign_up(
        self, username: str, password: str = PASSWORD, provider: str = "gckey"
    ) -> httpx.Response:
        self.get("/sign-up")
        fields = {"provider": provider, "username": username, "password": password}
        fields["password_confirmation"] = password
        for n, (question, answer) in enumerate(
            [
                ("First pet?", "Rex"),
                ("Town of birth?", "Moose Jaw"),
                ("Favourite teacher?", "Gagnon"),
            ]
        ):
            fields[f"recovery-{n}-question"] = question
            fields[f"recovery-{n}-answer"] = answer
        return self.submit("/sign-up", fields)

    def accept_terms(self) -> httpx.Response:
        """Accept the terms shown on the current page."""
        return self.submit("/terms", {"accept": "yes", "version": _version(self.page)})

    def new_user(self, first_name: str, last_name: str, language: str = "en") -> dict[str, str]:
        """Sign up, sign in, accept the terms, create the user account: username, URN, e-mail."""
        username = unique_username()
        email = f"{username}@example.ca"
        assert self.sign_up(username).status_code == 200, self.text
        self.sign_in(username)
        assert self.h1 == "Terms and Conditions", self.text
        self.accept_terms()
        assert self.h1 == "Create user account", self.text
        self.submit(
            "/user-account",
            {
                "first_name": first_name,
                "last_name": last_name,
                "email": email,
                "telephone": "613-555-0100",
                "time_zone": "America/Toronto",
                "language": language,
            },
        )
        urn = re.search(r"User Reference Number \(URN\) is (U[0-9A-Z]{10})", self.text)
        assert urn, self.text
        return {"username": username, "urn": urn.group(1), "email": email, "last_name": last_name}


def _version(page: str) -> str:
    found = re.search(r'name="version" value="(\d+)"', page)
    assert found, "no terms version on the page"
    return found.group(1)
