"""The officer's pages over the real services: an activation code reissued and then revoked (the
codes no longer activate: the owner's activation page says why), the Summary Reporting Program
approved, renewed and revoked (the owner's Business Information follows), a change of owner (the
new owner sees Account Owner, the old one Proxy Account Owner), and a bulletin retired (gone from
the Bulletins tab)."""

# ruff: noqa: F811 - the officer fixture is imported and then named as a parameter
from __future__ import annotations

import re
import secrets
import string
import time
from typing import Any

import pytest

from services.gateway.tests.gateway_testkit import PortalBrowser, new_business_number
from services.gateway.tests.test_gateway_api import new_exporter
from services.gateway.tests.test_gateway_journey import activate, issue_code
from services.gateway.tests.test_gateway_paging import officer, publish  # noqa: F401 (a fixture)

pytestmark = pytest.mark.integration


def code_rows(officer: PortalBrowser, bn: str) -> list[tuple[str, str]]:
    """The codes of ``bn`` on the officer's Activation codes page: (status, actions)."""
    officer.get("/officer/codes", params={"business_number": bn})
    assert officer.h1 in ("Activation codes", "Codes d'activation")
    row = (
        r'<tr><th scope="row">[^<]*</th><td>([^<]*)</td>(?:<td>[^<]*</td>){2}\s*<td>(.*?)</td></tr>'
    )
    return re.findall(row, officer.page, re.S)


def refused_code(owner: PortalBrowser, bn: str, code: str) -> str:
    """The owner's activation page after trying ``code``: its error summary, as text."""
    owner.get("/accounts/new")
    response = owner.submit("/accounts/new", {"business_number": bn, "activation_code": code})
    assert response.status_code == 422 and owner.h1 == "Create business account", owner.text
    summary = re.search(r'<div[^>]*role="alert".*?</div>', owner.page, re.S)
    assert summary, owner.text
    return re.sub(r"<[^>]+>", " ", summary.group(0))


def test_a_reissued_or_revoked_activation_code_no_longer_activates(
    gateway_url: str, officer: PortalBrowser
) -> None:
    owner = PortalBrowser(gateway_url)
    applicant = owner.new_user("Casey", "Pelletier")
    bn = new_business_number()
    first = issue_code(officer, bn, applicant["email"])
    [(status, actions)] = code_rows(officer, bn)
    assert status == "Active" and "Reissue" in actions and "Revoke" in actions

    reissue = re.search(r'action="(/officer/codes/[^/"]+/reissue)"', officer.page)
    assert reissue
    officer.submit(reissue.group(1))
    assert officer.h1 == "Activation code issued", officer.text
    second = re.search(r'id="activation-code">([A-Z0-9-]+)<', officer.page)
    assert second and second.group(1) != first
    rows = code_rows(officer, bn)
    assert sorted(s for s, _ in rows) == ["Active", "Replaced"]
    assert "newer activation code" in refused_code(owner, bn, first)

    revoke = re.search(r'action="(/officer/codes/[^/"]+/revoke)"', officer.page)
    assert revoke and officer.page.count("/revoke") == 1  # only the active code
    officer.submit(revoke.group(1))
    assert officer.h1 == "Activation codes" and "The activation code was revoked." in officer.text
    assert sorted(s for s, _ in code_rows(officer, bn)) == ["Replaced", "Revoked"]
    assert "/reissue" not in officer.page and "/revoke" not in officer.page
    assert "CBSA revoked this activation code" in refused_code(owner, bn, second.group(1))

    # The statuses in French too.
    officer.get("/language/fr?next=/officer")
    assert sorted(s for s, _ in code_rows(officer, bn)) == ["Remplacé", "Révoqué"]
    officer.get("/language/en?next=/officer")

    # A new code still activates the account (the refusals were the codes', not the page's).
    third = issue_code(officer, bn, applicant["email"])
    account_id = activate(owner, bn, third, "Prairie Grain Exports Ltd.")
    assert [s for s, _ in code_rows(officer, bn)].count("Used") == 1
    owner.get("/accounts")
    assert f"/accounts/{account_id}/" in owner.page


def srp_of(page: str) -> str:
    """What a Summary Reporting Program line of a summary says."""
    found = re.search(r"<dt>Summary Reporting Program</dt><dd>(.*?)</dd>", page, re.S)
    assert found, "no SRP line"
    return found.group(1).strip()


def test_srp_approve_renew_and_revoke_show_on_the_owners_business_information(
    gateway_url: str, officer_login: dict[str, Any], officer: PortalBrowser
) -> None:
    exporter = new_exporter(gateway_url, officer_login)
    owner, account = exporter.owner, exporter.account_id
    information, admin = f"/accounts/{account}/information", f"/officer/accounts/{account}"

    officer.get("/officer/accounts", params={"business_number": exporter.business_number})
    assert officer.h1 == "Search business accounts"
    assert f'href="{admin}">Harbour Freight Exports Ltd.</a>' in officer.page
    officer.get(admin)
    assert officer.h1 == "Harbour Freight Exports Ltd."
    assert srp_of(officer.page) == "Not approved" and "Approve for SRP" in officer.text
    assert "Revoke SRP approval" not in officer.text

    officer.submit(f"{admin}/srp")
    assert officer.h1 == "Harbour Freight Exports Ltd."
    assert "The account is approved for the Summary Reporting Program." in officer.text
    approved = srp_of(officer.page)
    assert re.fullmatch(r"\S+ \(until \d{4}-\d{2}-\d{2}\)", approved), approved
    assert "Renew SRP approval" in officer.text and "Revoke SRP approval" in officer.text
    owner.get(information)
    assert owner.h1 == "Business Information" and srp_of(owner.page) == approved

    officer.submit(f"{admin}/srp")  # renew: two years from today, the same SUM id
    assert "The account is approved for the Summary Reporting Program." in officer.text
    assert srp_of(officer.page) == approved

    officer.submit(f"{admin}/srp/revoke")
    assert "The Summary Reporting Program approval was revoked." in officer.text
    assert srp_of(officer.page) == "Not approved" and "Approve for SRP" in officer.text
    assert "Revoke SRP approval" not in officer.text
    owner.get(information)
    assert srp_of(owner.page) == "Not approved"


def role_on_accounts(browser: PortalBrowser, business_number: str) -> str:
    """The user's role on the Business Accounts row of ``business_number``."""
    browser.get("/accounts")
    row = re.search(rf"<tr>(?:(?!</tr>).)*{business_number}.*?</tr>", browser.page, re.S)
    assert row, browser.text
    roles: list[str] = re.findall(
        r"Account Owner|Proxy Account Owner|Account User|Account Browser", row.group(0)
    )
    assert len(roles) == 1, row.group(0)
    return roles[0]


def test_a_change_of_owner_makes_the_old_owner_a_proxy_owner(
    gateway_url: str, officer_login: dict[str, Any], officer: PortalBrowser
) -> None:
    exporter = new_exporter(gateway_url, officer_login)
    admin = f"/officer/accounts/{exporter.account_id}"
    heir = PortalBrowser(gateway_url)
    new_owner = heir.new_user("Quinn", "Arsenault")
    assert role_on_accounts(exporter.owner, exporter.business_number) == "Account Owner"
    urn = re.search(r"URN: (U[0-9A-Z]{10})", exporter.owner.text)
    assert urn
    old_owner = urn.group(1)

    officer.get(admin)
    refused = officer.submit(f"{admin}/owner", {"urn": "U123"})  # no such user
    assert refused.status_code == 404 and officer.h1 == "Harbour Freight Exports Ltd."
    assert 'role="alert"' in officer.page and 'aria-invalid="true"' in officer.page

    deadline = time.monotonic() + 30  # accounts learns of the new user through Kafka
    while True:
        officer.get(admin)
        officer.submit(f"{admin}/owner", {"urn": new_owner["urn"]})
        if "The account owner was changed." in officer.text or time.monotonic() > deadline:
            break
        time.sleep(0.3)
    assert "The account owner was changed." in officer.text, officer.text
    users = re.findall(r"<td>(U[0-9A-Z]{10})</td><td>([^<]+)</td>", officer.page)
    assert sorted(users) == sorted(
        [(new_owner["urn"], "Account Owner"), (old_owner, "Proxy Account Owner")]
    )

    assert role_on_accounts(heir, exporter.business_number) == "Account Owner"
    assert role_on_accounts(exporter.owner, exporter.business_number) == "Proxy Account Owner"
    heir.get(f"/accounts/{exporter.account_id}/information")
    assert f'href="/accounts/{exporter.account_id}/delete"' in heir.page  # the owner's control
    exporter.owner.get(f"/accounts/{exporter.account_id}/information")
    assert "/delete" not in exporter.owner.page
    # The proxy owner is offered nothing over the new owner on User Access.
    exporter.owner.get(f"/accounts/{exporter.account_id}/users")
    row = re.search(
        rf"<tr>\s*<th[^>]*>[^<]*</th><td>{new_owner['urn']}</td>.*?</tr>", exporter.owner.page, re.S
    )
    assert row and "/remove" not in row.group(0) and "/role" not in row.group(0)


def test_a_retired_bulletin_leaves_the_bulletins_tab(
    gateway_url: str, officer_login: dict[str, Any], officer: PortalBrowser
) -> None:
    exporter = new_exporter(gateway_url, officer_login)
    tab = f"/accounts/{exporter.account_id}/bulletins"
    prefix = "".join(secrets.choice(string.ascii_uppercase) for _ in range(5))
    number, topic = f"{prefix}26-0001", f"retire {prefix}"
    publish(officer, number, topic)
    exporter.owner.get(tab, params={"topic": topic})
    assert exporter.owner.h1 == "Bulletins" and number in exporter.owner.text

    row = re.search(rf'<tr><th scope="row">{number}</th>.*?</tr>', officer.page, re.S)
    assert row and "Published" in row.group(0)
    retire = re.search(r'action="(/officer/bulletins/[^/"]+/retire)"', row.group(0))
    assert retire
    officer.submit(retire.group(1))
    assert officer.h1 == "Bulletins" and "The bulletin was retired." in officer.text
    row = re.search(rf'<tr><th scope="row">{number}</th>.*?</tr>', officer.page, re.S)
    assert row and "Retired" in row.group(0)
    assert "/retire" not in row.group(0) and "/edit" not in row.group(0)

    exporter.owner.get(tab, params={"topic": topic})
    assert exporter.owner.h1 == "Bulletins" and number not in exporter.owner.text
    assert "No bulletin matches." in exporter.owner.text
