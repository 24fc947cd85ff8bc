"""Unit tests of the portal's parts (no services): field mapping, CSRF, the cookie's crypto,
the rate limiter, catalog completeness, security headers, the body limit."""

from __future__ import annotations

import re

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from cers_gateway.adapters.cookie import CookieSealer
from cers_gateway.config import DEV_COOKIE_KEY, GatewaySettings
from cers_gateway.domain.forms import Problem, field_id, form_errors
from cers_gateway.domain.rate_limit import SlidingWindowLimiter
from cers_gateway.domain.web_session import WebSession, csrf_matches
from cers_gateway.entrypoints.app import create_app
from cers_gateway.entrypoints.portal.i18n import load_translations, used_msgids
from cers_gateway.entrypoints.portal.paging import Pager, page_number

NOWHERE = "http://127.0.0.1:9"  # nothing listens: pages that need no service still work
FIELDS = {"username", "address-line1", "address", "recovery-0-question", "answers-1"}


@pytest.mark.parametrize(
    ("pointer", "expected"),
    [
        ("/username", "username"),
        ("/address/line1", "address-line1"),
        ("/address/country", "address"),  # no field of its own: its parent
        ("/recovery/0/question", "recovery-0-question"),
        ("/answers/1", "answers-1"),
        ("/unknown", None),
        ("", None),
    ],
)
def test_a_pointer_names_its_form_field(pointer: str, expected: str | None) -> None:
    assert field_id(pointer, FIELDS) == expected


def test_aliases_and_escapes_in_pointers() -> None:
    assert field_id("/csp_account_id", FIELDS, {"/csp_account_id": "username"}) == "username"
    assert field_id("/a~1b", {"a/b"}) == "a/b"


def test_form_errors_keep_the_order_and_describe_each_problem() -> None:
    problems = [
        Problem("/username", "identity.username.too_short", "Username is too short."),
        Problem("", "identity.credentials.invalid", "Wrong."),
    ]
    errors = form_errors(problems, FIELDS, lambda p: p.code.upper())
    assert [(e.field_id, e.text) for e in errors.items] == [
        ("username", "IDENTITY.USERNAME.TOO_SHORT"),
        (None, "IDENTITY.CREDENTIALS.INVALID"),
    ]
    assert errors.of("username") == ["IDENTITY.USERNAME.TOO_SHORT"]


def test_csrf_tokens_match_only_exactly() -> None:
    session = WebSession()
    assert csrf_matches(session.csrf, session.csrf)
    assert not csrf_matches(session.csrf, session.csrf[:-1])
    assert not csrf_matches(session.csrf, None)
    assert not csrf_matches(session.csrf, "")
    before = session.csrf
    session.begin("session-id", "fr")
    assert session.csrf != before and session.language == "fr"


def test_the_cookie_is_encrypted_and_a_change_to_it_opens_to_nothing() -> None:
    sealer = CookieSealer(DEV_COOKIE_KEY)
    session = WebSession(session_id="secret-session-id", language="fr")
    sealed = sealer.seal(session)
    assert "secret-session-id" not in sealed
    opened = sealer.open(sealed)
    assert opened is not None and opened.session_id == "secret-session-id"
    for position in (0, len(sealed) // 2, len(sealed) - 1):
        flipped = "A" if sealed[position] != "A" else "B"
        assert sealer.open(sealed[:position] + flipped + sealed[position + 1 :]) is None
    assert sealer.open("not-a-cookie") is None
    # An OIDC flow in progress survives the cookie, apart from any activation form.
    session.oidc = {"state": "s", "provider": "gckey", "purpose": "sign_in"}
    session.pending = {"business_number": "123456782RM0001"}
    reopened = sealer.open(sealer.seal(session))
    assert reopened is not None and reopened.oidc == session.oidc
    reopened.pending = {}
    assert reopened.oidc == session.oidc
    reopened.begin("new-session", None)
    assert reopened.oidc == {}
    other_key = CookieSealer("b3RoZXIta2V5LW90aGVyLWtleS1vdGhlci1rZXktMzI=")
    assert other_key.open(sealed) is None


def test_the_limiter_counts_a_sliding_window() -> None:
    now = [0.0]
    limiter = SlidingWindowLimiter(limit=2, window_s=10, clock=lambda: now[0])
    assert limiter.attempt("k") is None
    now[0] = 4
    assert limiter.attempt("k") is None
    assert limiter.attempt("k") == pytest.approx(6)  # the first attempt leaves the window at 10
    assert limiter.attempt("other") is None
    now[0] = 10.5
    assert limiter.attempt("k") is None  # refused attempts were not counted
    assert limiter.attempt("k") == pytest.approx(3.5)


def test_every_text_of_the_portal_has_a_french_translation() -> None:
    used = used_msgids()
    assert len(used) > 200
    french = load_translations()["fr"]
    catalog = french._catalog  # msgid -> translation, as compiled from the .po file
    untranslated = sorted(msgid for msgid in used if not catalog.get(msgid))
    assert untranslated == []
    for msgid in used:
        assert re.findall(r"%\(\w+\)s", msgid) == re.findall(r"%\(\w+\)s", catalog[msgid]) or (
            sorted(re.findall(r"%\(\w+\)s", msgid))
            == sorted(re.findall(r"%\(\w+\)s", catalog[msgid]))
        ), msgid


def test_paging_links_keep_the_criteria_url_encoded() -> None:
    criteria = {"exporter_reference": "A&B #1+2", "status": "", "por": "X Y"}
    pager = Pager.of("/list", criteria, 2, pages=3)
    assert pager.previous_url == "/list?exporter_reference=A%26B+%231%2B2&por=X+Y&page=1"
    assert pager.next_url == "/list?exporter_reference=A%26B+%231%2B2&por=X+Y&page=3"
    last = Pager.counted("/list", {}, {"total": 51, "page": 3, "size": 25})
    assert (last.pages, last.next_url, last.previous_url) == (3, None, "/list?page=2")
    assert not Pager.counted("/list", {}, {"total": 0, "page": 1, "size": 25}).shown
    unknown_total = Pager.of("/b", {"topic": "x"}, 1, has_next=True)
    assert unknown_total.pages is None and unknown_total.next_url == "/b?topic=x&page=2"
    assert [page_number(p) for p in ("3", "0", "-1", "abc", "²", "9" * 5000, "")] == [3] + [1] * 6
    assert page_number(10**9) == 100_000


@pytest.fixture(scope="module")
def offline_app() -> FastAPI:
    settings = GatewaySettings(
        service_urls={"identity": NOWHERE, "accounts": NOWHERE, "notifications": NOWHERE},
        max_body_bytes=2048,
        log_json=False,
    )
    return create_app(settings)


@pytest.fixture
def browser(offline_app: FastAPI) -> TestClient:
    return TestClient(offline_app, base_url="https://testserver")


def test_every_page_carries_the_security_headers(browser: TestClient) -> None:
    for path in ("/sign-in", "/contingency", "/no-such-page", "/static/portal.css"):
        response = browser.get(path)
        csp = response.headers["content-security-policy"]
        assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
        assert "unsafe-inline" not in csp
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "same-origin"
        assert "strict-transport-security" not in response.headers  # not serving TLS
    assert browser.get("/sign-in").headers["cache-control"] == "no-store"


def test_hsts_when_the_gateway_serves_tls() -> None:
    from cers_gateway.entrypoints.portal.security import security_headers

    settings = GatewaySettings(tls_certfile="cert.pem", tls_keyfile="key.pem")
    assert (b"strict-transport-security", b"max-age=31536000") in security_headers(settings)
    assert settings.uvicorn_options() == {"ssl_certfile": "cert.pem", "ssl_keyfile": "key.pem"}
    assert GatewaySettings().uvicorn_options() == {}


def test_the_session_cookie_attributes(browser: TestClient) -> None:
    cookie = browser.get("/sign-in").headers["set-cookie"]
    assert "HttpOnly" in cookie and "Secure" in cookie and "SameSite=Lax" in cookie
    assert "Path=/" in cookie


def test_a_post_without_csrf_is_a_403_page(browser: TestClient) -> None:
    browser.get("/sign-in")
    response = browser.post("/sign-in", data={"username": "someone", "password": "x"})
    assert response.status_code == 403
    assert "<h1>Request refused</h1>" in response.text


def test_a_body_over_the_limit_is_a_413(browser: TestClient) -> None:
    response = browser.post("/sign-in", data={"username": "x" * 5000})
    assert response.status_code == 413
    chunked = browser.post("/sign-in", content=iter([b"a" * 1500, b"b" * 1500]))
    assert chunked.status_code == 413


def test_the_pages_are_in_french_after_the_toggle(browser: TestClient) -> None:
    page = browser.get("/language/fr?next=/sign-in")
    assert '<html lang="fr">' in page.text and "<h1>Ouvrir une session</h1>" in page.text
    assert ">English</a>" in page.text
    away = browser.get("/language/en?next=//evil.example", follow_redirects=False)
    assert away.status_code == 303 and away.headers["location"] == "/"
