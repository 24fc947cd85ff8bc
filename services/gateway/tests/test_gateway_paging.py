"""Paging of the portal's long lists over the real services: Draft Documents, Submitted Documents
(criteria kept in the links, URL-encoded), the Bulletins tab and the officer's Bulletins, and the
API's GET /bulletins limit and offset; a page number or version that does not parse is a portal
page, while the API keeps its JSON 422."""

from __future__ import annotations

import html
import re
import secrets
import string
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from services.gateway.tests.gateway_testkit import PortalBrowser
from services.gateway.tests.test_gateway_api import Exporter, api, make_token, new_exporter
from services.gateway.tests.test_gateway_documents import declaration_form, post_until_known

pytestmark = pytest.mark.integration

PER_PAGE = 25


def link(page: str, rel: str) -> str | None:
    """The pager's previous or next link (``rel``), as the browser follows it."""
    found = re.search(rf'<a href="([^"]+)" rel="{rel}">', page)
    return html.unescape(found.group(1)) if found else None


def query_of(url: str | None) -> dict[str, list[str]]:
    assert url is not None
    return parse_qs(urlsplit(url).query)


@pytest.fixture(scope="module")
def exporter(gateway_url: str, officer_login: dict[str, Any]) -> Exporter:
    return new_exporter(gateway_url, officer_login)


@pytest.fixture(scope="module")
def officer(gateway_url: str, officer_login: dict[str, Any]) -> PortalBrowser:
    browser = PortalBrowser(gateway_url)
    browser.sign_in(officer_login["username"], officer_login["password"])
    if browser.h1 == "Terms and Conditions":
        browser.accept_terms()
    return browser


def test_draft_documents_have_previous_and_next_pages(exporter: Exporter) -> None:
    owner, drafts = exporter.owner, f"/accounts/{exporter.account_id}/documents/drafts"
    new = f"/accounts/{exporter.account_id}/documents/new"
    post_until_known(owner, new, {"exporter_reference_numbers": "PAGE-0", "action": "later"})
    for n in range(1, PER_PAGE + 1):
        owner.submit(new, {"exporter_reference_numbers": f"PAGE-{n}", "action": "later"})
    owner.get(drafts)
    assert "Drafts of this business account (26)" in owner.text
    assert "Page 1 of 2" in owner.text and link(owner.page, "prev") is None
    assert link(owner.page, "next") == f"{drafts}?page=2"
    owner.get(f"{drafts}?page=2")
    assert owner.page.count("/extend") == 1 and "Page 2 of 2" in owner.text
    assert link(owner.page, "next") is None and link(owner.page, "prev") == f"{drafts}?page=1"


def test_the_submitted_documents_links_keep_the_criteria_url_encoded(exporter: Exporter) -> None:
    owner, account = exporter.owner, exporter.account_id
    docs = f"/accounts/{account}/documents"
    reference = "A&B #1+2 é"
    post_until_known(owner, f"{docs}/new", declaration_form(reference) | {"action": "submit"})
    assert owner.h1 == "Proof of Report", owner.text
    criteria = {"exporter_reference": reference, "status": "original"}
    owner.get(f"{docs}/submitted", params=criteria)
    assert "Documents found: 1; page 1 of 1" in owner.text
    # A page beyond the last links back to the first with the same criteria.
    owner.get(f"{docs}/submitted", params=criteria | {"page": "2"})
    previous = link(owner.page, "prev")
    assert query_of(previous) == {
        "status": ["original"],
        "exporter_reference": [reference],
        "page": ["1"],
    }
    assert previous is not None
    owner.get(previous)
    assert "Documents found: 1; page 1 of 1" in owner.text


def publish(officer: PortalBrowser, number: str, topic: str) -> None:
    officer.get("/officer/bulletins/new")
    fields = {"number": number, "topics": topic, "category": "Exporter"}
    fields["starts_at"] = (datetime.now(UTC) - timedelta(hours=6)).strftime("%Y-%m-%dT%H:%M")
    for name in ("title", "clients_affected", "description", "action_required"):
        fields[f"{name}-en"], fields[f"{name}-fr"] = f"Paging {name}", f"Pagination {name}"
    officer.submit("/officer/bulletins/new", fields)
    assert "The bulletin was published." in officer.text, officer.text


def test_bulletins_have_pages_for_users_officers_and_the_api(
    gateway_url: str, exporter: Exporter, officer: PortalBrowser
) -> None:
    prefix = "".join(secrets.choice(string.ascii_uppercase) for _ in range(5))
    topic = f"paging {prefix}"
    for n in range(PER_PAGE + 2):
        publish(officer, f"{prefix}26-{n:04d}", topic)

    owner, bulletins = exporter.owner, f"/accounts/{exporter.account_id}/bulletins"
    owner.get(bulletins, params={"topic": topic})
    assert owner.page.count(f"{prefix}26-") == PER_PAGE
    assert f"{prefix}26-0026" in owner.text and f"{prefix}26-0001" not in owner.text  # newest first
    assert "Page 1" in owner.text and link(owner.page, "prev") is None
    following = link(owner.page, "next")
    assert query_of(following) == {"topic": [topic], "page": ["2"]}
    owner.get(following or "")
    assert owner.page.count(f"{prefix}26-") == 2 and "Page 2" in owner.text
    assert link(owner.page, "next") is None
    assert query_of(link(owner.page, "prev")) == {"topic": [topic], "page": ["1"]}

    officer.get("/officer/bulletins")
    assert f"{prefix}26-0026" in officer.text and link(officer.page, "prev") is None
    assert link(officer.page, "next") == "/officer/bulletins?page=2"
    officer.get("/officer/bulletins?page=2")
    assert officer.h1 == "Bulletins" and link(officer.page, "prev") == "/officer/bulletins?page=1"

    token = make_token(owner, [exporter.account_id], "read")
    with api(gateway_url, token) as client:
        answer = client.get("/bulletins", params={"topic": topic, "limit": 10, "offset": 20})
        assert answer.status_code == 200, answer.text
        assert [b["number"] for b in answer.json()["items"]] == [
            f"{prefix}26-{n:04d}" for n in range(6, -1, -1)
        ]
        assert answer.json()["limit"] == 10 and answer.json()["offset"] == 20
        assert client.get("/bulletins", params={"limit": 0}).status_code == 422
        # Each filter is its own parameter: a category alone is not read as the topic.
        by_category = client.get("/bulletins", params={"category": "no such category"})
        assert by_category.status_code == 200 and by_category.json()["items"] == []


def test_a_page_address_that_does_not_parse_is_a_portal_page_not_json(
    gateway_url: str, exporter: Exporter
) -> None:
    owner, docs = exporter.owner, f"/accounts/{exporter.account_id}/documents"
    for path in (
        f"{docs}/drafts?page=abc",
        f"{docs}/drafts?page=1.5",
        f"{docs}/submitted/some-declaration/versions/abc",
        f"{docs}/submitted/some-declaration/versions/two/pdf?language=fr",
        f"/accounts/{exporter.account_id}/bulletins?page=next",
    ):
        response = owner.get(path)
        assert response.status_code == 400, path
        assert response.headers["content-type"].startswith("text/html"), path
        assert owner.h1 == "Page address not valid", path
        assert "Check the address" in owner.text
    owner.get("/language/fr?next=" + f"{docs}/drafts?page=abc".replace("?", "%3F"))
    assert owner.h1 == "Adresse de page non valide", owner.text
    owner.get("/language/en?next=/accounts")

    token = make_token(owner, [exporter.account_id], "read")
    with api(gateway_url, token) as client:
        path = f"/business-accounts/{exporter.account_id}/declarations/d-1/versions/abc"
        answer = client.get(path)
        assert answer.status_code == 422 and answer.headers["content-type"] == "application/json"
        assert answer.json()["errors"][0]["pointer"] == "/number"
