"""Deleting a business account, over the real services: only its owner is offered and allowed
it (portal: confirmation page, POST with CSRF, "Business account deleted"; API: DELETE with a
write token); the account then leaves the Business Accounts lists; a proxy owner, a user and an
officer are refused."""

from __future__ import annotations

from typing import Any

import pytest

from services.gateway.tests.gateway_testkit import PortalBrowser
from services.gateway.tests.test_gateway_api import api, codes, make_token, new_exporter
from services.gateway.tests.test_gateway_journey import add_user

pytestmark = pytest.mark.integration


def test_the_owner_deletes_the_account_from_the_portal_and_others_are_refused(
    gateway_url: str, officer_login: dict[str, Any]
) -> None:
    exporter = new_exporter(gateway_url, officer_login)
    owner, account = exporter.owner, exporter.account_id
    proxy, user = PortalBrowser(gateway_url), PortalBrowser(gateway_url)
    add_user(owner, account, proxy.new_user("Sam", "Proxy"), "proxy_owner")
    add_user(owner, account, user.new_user("Uma", "User"), "user")
    officer = PortalBrowser(gateway_url)
    officer.sign_in(officer_login["username"], officer_login["password"])
    delete = f"/accounts/{account}/delete"

    owner.get(f"/accounts/{account}/information")
    assert f'href="{delete}"' in owner.page
    for other in (proxy, user, officer):
        other.get(f"/accounts/{account}/information")
        assert other.h1 == "Business Information" and delete not in other.page
        assert other.get(delete).status_code == 403 and other.h1 == "Request refused"
        other.get(f"/accounts/{account}/information")
        assert other.submit(delete).status_code == 403 and other.h1 == "Request refused"

    owner.get(delete)
    assert owner.h1 == "Delete business account"
    assert "Every user of the account, you included, loses access to it at once." in owner.text
    assert "You cannot undo this." in owner.text
    assert owner.submit(delete, csrf=False).status_code == 403  # no CSRF token: nothing deleted
    owner.get("/accounts")
    assert exporter.business_number in owner.text

    owner.get(delete)
    owner.submit(delete)
    assert owner.h1 == "Business account deleted", owner.text
    assert f"(BN {exporter.business_number}) was deleted" in owner.text
    for browser in (owner, proxy, user):
        browser.get("/accounts")
        assert browser.h1 == "Business Accounts"
        assert exporter.business_number not in browser.text
        assert f"/accounts/{account}/" not in browser.page


def test_the_api_deletes_an_account_with_the_owners_write_token_only(
    gateway_url: str, officer_login: dict[str, Any]
) -> None:
    exporter = new_exporter(gateway_url, officer_login)
    owner, account = exporter.owner, exporter.account_id
    proxy = PortalBrowser(gateway_url)
    add_user(owner, account, proxy.new_user("Pat", "Proxy"), "proxy_owner")
    path = f"/business-accounts/{account}"

    with api(gateway_url, make_token(proxy, [account], "write")) as client:
        refused = client.delete(path)
        assert refused.status_code == 403, refused.text
        assert codes(refused) == ["accounts.forbidden"]  # accounts decides, past the edge
    with api(gateway_url, make_token(owner, [account], "read")) as client:
        assert codes(client.delete(path)) == ["gateway.pat.read_only"]
    with api(gateway_url, make_token(owner, [account], "write")) as client:
        deleted = client.delete(path)
        assert deleted.status_code == 200, deleted.text
        assert deleted.json()["business_account_id"] == account
        assert deleted.json()["deleted"] is True
        assert client.get("/business-accounts").json()["accounts"] == []
    owner.get("/accounts")
    assert exporter.business_number not in owner.text
