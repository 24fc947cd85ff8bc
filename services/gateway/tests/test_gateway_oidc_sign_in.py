"""Signing in through an OIDC credential provider in the portal: the Sign-In Partner here is an
OpenID Connect provider served in the test (GCKey stays local), reached by the redirect and the
callback, with the flow's state bound to the browser's session."""

from __future__ import annotations

import html
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

import pytest

from cers_gateway.entrypoints.app import create_app as create_gateway
from cers_identity.config import IdentitySettings
from cers_identity.entrypoints.app import create_app as create_identity
from services.gateway.tests.gateway_testkit import (
    Backend,
    PortalBrowser,
    ServedApp,
    free_socket,
    gateway_settings,
)
from services.identity.tests.oidc_provider import OidcProvider, running_oidc_provider

pytestmark = pytest.mark.integration
CLIENT_ID, CLIENT_SECRET = "cers-portal", "partner-secret"
BEGIN = "/sign-in/sign_in_partner/oidc"


@dataclass
class OidcPortal:
    """A gateway whose identity reaches the Sign-In Partner through OIDC, and that provider."""

    url: str
    provider: OidcProvider


@pytest.fixture(scope="module")
def oidc_portal(cers_backend: Backend) -> Iterator[OidcPortal]:
    """A second identity process on the backend's identity database (so accounts and documents
    trust its tokens), in OIDC mode for the Sign-In Partner, and a gateway in front of it."""
    gateway_socket = free_socket()  # the redirect URI needs the gateway's port first
    callback = (
        f"http://127.0.0.1:{gateway_socket.getsockname()[1]}/sign-in/sign_in_partner/callback"
    )
    with running_oidc_provider(
        client_id=CLIENT_ID, client_secret=CLIENT_SECRET, redirect_uri=callback
    ) as provider:
        settings = IdentitySettings(
            **cers_backend.identity_settings.model_dump()
            | {
                "sign_in_partner_mode": "oidc",
                "sign_in_partner_oidc_issuer": provider.issuer,
                "sign_in_partner_oidc_client_id": CLIENT_ID,
                "sign_in_partner_oidc_client_secret": CLIENT_SECRET,
                "sign_in_partner_oidc_scopes": "openid email",
                "sign_in_partner_oidc_redirect_uri": callback,
            }
        )
        identity = ServedApp(create_identity(settings))
        identity.start()
        urls = cers_backend.urls | {"identity": identity.url}
        gateway = ServedApp(
            create_gateway(gateway_settings(cers_backend, cookie_secure=False, service_urls=urls)),
            gateway_socket,
        )
        gateway.start()
        try:
            yield OidcPortal(gateway.url, provider)
        finally:
            gateway.stop()
            identity.stop()


@pytest.fixture
def portal(oidc_portal: OidcPortal) -> OidcPortal:
    """The module's OIDC portal, its provider as new (nobody signed in there)."""
    oidc_portal.provider.reset()
    return oidc_portal


def at_partner(portal: OidcPortal, subject: str) -> None:
    """The person is signed in at the Sign-In Partner's own site as ``subject``."""
    portal.provider.sign_in_as(subject, email=f"{subject}@partner.example")


def provider_redirect(browser: PortalBrowser, path: str) -> str:
    """Where the portal sends the browser for ``path`` (the provider's authorization URL)."""
    response = browser.client.get(path, follow_redirects=False)
    assert response.status_code == 303, response.text
    location = response.headers["location"]
    assert location.startswith("http://127.0.0.1:") and "/authorize?" in location
    return location


def provider_callback(browser: PortalBrowser) -> str:
    """Start a sign-in in ``browser`` and go to the provider: the callback URL it sends back
    (with its code and state), not yet followed."""
    back = browser.client.get(provider_redirect(browser, BEGIN), follow_redirects=False)
    return str(back.headers["location"])


def create_user_account(browser: PortalBrowser, last_name: str) -> str:
    """Accept the terms and create the user account: the URN shown."""
    assert browser.h1 == "Terms and Conditions", browser.text
    browser.accept_terms()
    assert browser.h1 == "Create user account", browser.text
    browser.submit(
        "/user-account",
        {
            "first_name": "Noor",
            "last_name": last_name,
            "email": f"{last_name.lower()}@example.ca",
            "telephone": "613-555-0142",
            "time_zone": "America/Toronto",
            "language": "en",
        },
    )
    urn = re.search(r"User Reference Number \(URN\) is (U[0-9A-Z]{10})", browser.text)
    assert urn, browser.text
    return urn.group(1)


def test_the_sign_in_page_links_to_the_oidc_provider_and_keeps_the_form_for_gckey(
    portal: OidcPortal,
) -> None:
    browser = PortalBrowser(portal.url)
    browser.get("/sign-in")
    assert f'href="{BEGIN}"' in browser.page
    assert "Continue to Sign-In Partner" in browser.text
    assert 'value="gckey"' in browser.page
    assert 'name="provider" value="sign_in_partner"' not in browser.page
    browser.get("/sign-up")
    assert 'name="provider" value="sign_in_partner"' not in browser.page
    browser.get("/language/fr?next=/sign-in")
    assert "Continuer vers Partenaire de connexion" in browser.text


def test_a_first_oidc_sign_in_creates_the_user_account_and_the_next_one_returns_to_it(
    portal: OidcPortal,
) -> None:
    subject = f"partner-{uuid.uuid4().hex[:8]}"
    at_partner(portal, subject)
    browser = PortalBrowser(portal.url)
    browser.get(BEGIN)  # portal → provider → callback → Terms and Conditions
    urn = create_user_account(browser, "Haddad")
    browser.submit("/sign-out")
    assert browser.h1 == "You have signed out"

    again = PortalBrowser(portal.url)
    again.get(BEGIN)
    assert again.h1 == "Business Accounts", again.text
    assert urn in again.text


def test_a_callback_this_browser_did_not_start_is_refused_and_signs_nobody_in(
    portal: OidcPortal,
) -> None:
    at_partner(portal, f"attacker-{uuid.uuid4().hex[:8]}")
    attacker = PortalBrowser(portal.url)
    callback = provider_callback(attacker)  # the attacker's own code and state
    assert parse_qs(urlsplit(callback).query)["code"]

    victim = PortalBrowser(portal.url)
    refused = victim.get(callback)
    assert refused.status_code == 400
    assert victim.h1 == "Sign in"
    assert "not started in this browser" in victim.text
    assert victim.get("/accounts").url.path == "/sign-in"  # not signed in as the attacker

    # A victim with a flow of their own in progress: the states differ, still refused.
    provider_redirect(victim, BEGIN)
    assert victim.get(callback).status_code == 400
    assert "not started in this browser" in victim.text
    assert victim.get("/accounts").url.path == "/sign-in"


def test_a_callback_for_another_provider_than_the_one_started_is_refused(
    portal: OidcPortal,
) -> None:
    at_partner(portal, f"partner-{uuid.uuid4().hex[:8]}")
    browser = PortalBrowser(portal.url)
    elsewhere = provider_callback(browser).replace("/sign_in_partner/callback", "/gckey/callback")
    assert browser.get(elsewhere).status_code == 400
    assert "not started in this browser" in browser.text
    assert browser.get("/accounts").url.path == "/sign-in"


def test_a_state_is_used_once(portal: OidcPortal) -> None:
    at_partner(portal, f"partner-{uuid.uuid4().hex[:8]}")
    browser = PortalBrowser(portal.url)
    callback = provider_callback(browser)
    assert browser.get(callback).status_code == 200
    assert browser.h1 == "Terms and Conditions"
    replayed = browser.get(callback)
    assert replayed.status_code == 400
    assert "already used" in browser.text


def test_a_sign_in_cancelled_at_the_provider_says_so(portal: OidcPortal) -> None:
    browser = PortalBrowser(portal.url)  # nobody signed in at the provider: access_denied
    response = browser.get(BEGIN)
    assert response.status_code == 400
    assert browser.h1 == "Sign in"
    assert "The sign-in at Sign-In Partner was cancelled or refused" in browser.text


def test_an_id_token_the_portal_cannot_trust_is_a_failed_sign_in(portal: OidcPortal) -> None:
    at_partner(portal, f"partner-{uuid.uuid4().hex[:8]}")
    portal.provider.tamper_next_id_token(unpublished_key=True)
    browser = PortalBrowser(portal.url)
    response = browser.get(BEGIN)
    assert response.status_code == 401
    assert browser.h1 == "Sign in"
    assert browser.get("/accounts").url.path == "/sign-in"


def test_a_gckey_user_moves_to_the_partner_from_my_profile_and_keeps_the_urn(
    portal: OidcPortal,
) -> None:
    browser = PortalBrowser(portal.url)
    user = browser.new_user("Lina", "Tremblay")
    subject = f"partner-{uuid.uuid4().hex[:8]}"
    at_partner(portal, subject)
    # Another site sending the browser to the link (no CSRF token) moves nothing.
    forged = browser.get("/profile/provider/sign_in_partner/oidc")
    assert forged.status_code == 403
    browser.get("/profile/provider")
    link = re.search(
        r'href="(/profile/provider/sign_in_partner/oidc\?csrf_token=[^"]+)"', browser.page
    )
    assert link, browser.page
    browser.get(html.unescape(link.group(1)))
    assert browser.h1 == "Credential provider changed", browser.text
    browser.submit("/sign-out")

    old = PortalBrowser(portal.url)
    old.sign_in(user["username"])
    assert old.h1 == "Sign in"  # the GCKey credential is gone
    partner = PortalBrowser(portal.url)
    partner.get(BEGIN)
    assert partner.h1 == "Business Accounts", partner.text
    assert user["urn"] in partner.text
