"""Edge security over the real services: CSRF, a tampered cookie, rate limits."""

from __future__ import annotations

import pytest

from services.gateway.tests.gateway_testkit import Backend, PortalBrowser, served_gateway

pytestmark = pytest.mark.integration


def test_a_post_without_the_csrf_token_is_refused_and_changes_nothing(gateway_url: str) -> None:
    browser = PortalBrowser(gateway_url)
    user = browser.new_user("Carla", "Nadeau")
    profile = {
        "first_name": "Mallory",
        "last_name": "Nadeau",
        "email": user["email"],
        "telephone": "613-555-0111",
        "time_zone": "America/Toronto",
        "language": "en",
    }
    refused = browser.submit("/profile/edit", profile, csrf=False)
    assert refused.status_code == 403 and browser.h1 == "Request refused"
    forged = browser.client.post("/profile/edit", data=profile | {"csrf_token": "forged"})
    assert forged.status_code == 403
    browser.get("/profile")
    assert "Carla Nadeau" in browser.text and "Mallory" not in browser.text


def test_a_tampered_cookie_signs_the_browser_out(gateway_url: str) -> None:
    browser = PortalBrowser(gateway_url)
    browser.new_user("Dana", "Leblanc")
    browser.get("/accounts")
    assert browser.h1 == "Business Accounts"
    value = browser.client.cookies["cers_session"]
    tampered = value[:-2] + ("A" if value[-2] != "A" else "B") + value[-1]
    browser.client.cookies.clear()
    browser.client.cookies.set("cers_session", tampered, domain="127.0.0.1")
    browser.get("/accounts")
    assert browser.h1 == "Sign in"


def test_sign_in_attempts_over_the_limit_get_429(cers_backend: Backend) -> None:
    with served_gateway(cers_backend, rate_limit_per_username=3) as url:
        browser = PortalBrowser(url)
        answers = [browser.sign_in("nobody-here", "Wrong-password-123") for _ in range(4)]
        assert [answer.status_code for answer in answers] == [401, 401, 401, 429]
        assert browser.h1 == "Too many attempts"
        assert 1 <= int(answers[-1].headers["Retry-After"]) <= 60
        other_user = browser.sign_in("somebody-else", "Wrong-password-123")
        assert other_user.status_code == 401  # the limit is per username (and per IP)
