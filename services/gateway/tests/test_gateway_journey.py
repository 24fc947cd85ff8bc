"""The portal end to end, over the real identity, accounts and notifications services: sign up →
terms → user account → officer issues a code → activation → a Browser-role user → profile →
French → bulletins and the outage banner → sign out."""

from __future__ import annotations

import re
import time
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from services.gateway.tests.gateway_testkit import PortalBrowser, new_business_number

pytestmark = pytest.mark.integration


def issue_code(officer: PortalBrowser, bn: str, email: str) -> str:
    officer.get("/officer/codes")
    officer.submit(
        "/officer/codes",
        {
            "business_number": bn,
            "export_designation": "export",
            "applicant_email": email,
            "applicant_language": "en",
        },
    )
    assert officer.h1 == "Activation code issued", officer.text
    found = re.search(r'id="activation-code">([A-Z0-9-]+)<', officer.page)
    assert found
    return found.group(1)


def activate(
    owner: PortalBrowser, bn: str, code: str, legal_name: str, business_type: str = "exporter"
) -> str:
    """Business Accounts → Create business account → check → information → review → created."""
    owner.get("/accounts/new")
    assert owner.h1 == "Create business account"
    owner.submit("/accounts/new", {"business_number": bn, "activation_code": code})
    assert owner.h1 == "Owner and business information", owner.text
    owner.submit(
        "/accounts/new/information",
        {
            "business_type": business_type,
            "legal_name": legal_name,
            "address-line1": "1 Wharf Road",
            "address-city": "Halifax",
            "address-province": "CA-NS",
            "address-postal_code": "B3H 1A1",
            "address-country": "CA",
            "contact-name": "Pat Contact",
            "contact-telephone": "902-555-0100",
            "contact-email": "pat@example.ca",
        },
    )
    assert owner.h1 == "Review business account"
    assert legal_name in owner.text and bn in owner.text
    response = owner.submit("/accounts/new/review")
    assert owner.h1 == "Business account created", owner.text
    assert "OK" in owner.text and "Create another" in owner.text
    return str(response.url.path).split("/")[2]


def add_user(owner: PortalBrowser, account_id: str, user: dict[str, str], role: str) -> None:
    """Add ``user``, waiting for accounts' replica of identity's users to know them."""
    deadline = time.monotonic() + 30
    while True:
        owner.get(f"/accounts/{account_id}/users")
        owner.submit(
            f"/accounts/{account_id}/users",
            {
                "urn": user["urn"],
                "last_name": user["last_name"],
                "email": user["email"],
                "role": role,
            },
        )
        if owner.h1 == "User added" or time.monotonic() > deadline:
            break
        time.sleep(0.3)
    assert owner.h1 == "User added", owner.text


def publish_outage(officer: PortalBrowser, number: str) -> None:
    start = (datetime.now(UTC) - timedelta(hours=1)).astimezone().strftime("%Y-%m-%dT%H:%M")
    officer.get("/officer/bulletins/new")
    fields: dict[str, Any] = {
        "number": number,
        "starts_at": start,
        "topics": "Exports",
        "category": "Exporter",
        "outage": "yes",
    }
    for name, en, fr in [
        ("title", "CERS unavailable", "SCDE indisponible"),
        ("clients_affected", "All exporters", "Tous les exportateurs"),
        ("description", "CERS is down for maintenance.", "Le SCDE est en maintenance."),
        ("action_required", "Use form BSF844.", "Utilisez le formulaire BSF844."),
    ]:
        fields[f"{name}-en"], fields[f"{name}-fr"] = en, fr
    # The form's times are Eastern Time; an hour ago in any zone is still in the past there.
    fields["starts_at"] = (datetime.now(UTC) - timedelta(hours=6)).strftime("%Y-%m-%dT%H:%M")
    officer.submit("/officer/bulletins/new", fields)
    assert officer.h1 == "Bulletins", officer.text
    assert number in officer.text


def test_the_whole_portal_journey(gateway_url: str, officer_login: dict[str, Any]) -> None:
    owner, second, officer = (
        PortalBrowser(gateway_url),
        PortalBrowser(gateway_url),
        PortalBrowser(gateway_url),
    )

    # Sign up → T&C → user account (URN on the confirmation, and at the top right of every page).
    owner_user = owner.new_user("Olivia", "Tremblay")
    assert owner.h1 == "User account created"
    owner.get("/accounts")
    assert owner.h1 == "Business Accounts"
    assert f"URN: {owner_user['urn']}" in owner.text and "Olivia Tremblay" in owner.text

    # The officer issues an activation code; the owner activates the business account.
    officer.sign_in(officer_login["username"], officer_login["password"])
    if officer.h1 == "Terms and Conditions":  # the officer's first sign-in
        officer.accept_terms()
    assert officer.h1 == "Officer tools"  # an officer lands on the officer pages
    bn = new_business_number()
    code = issue_code(officer, bn, "olivia@example.ca")
    account_id = activate(owner, bn, code, "Maple Leaf Exports Inc.")
    owner.get("/accounts")
    assert "Maple Leaf Exports Inc." in owner.text and "Account Owner" in owner.text

    # A second user, added with the Browser role: sees the account, not the add-user form.
    second_user = second.new_user("Benoit", "Gagnon")
    add_user(owner, account_id, second_user, "browser")
    owner.get(f"/accounts/{account_id}/users")
    assert second_user["urn"] in owner.text and "Account Browser" in owner.text
    second.get("/accounts")
    assert "Maple Leaf Exports Inc." in second.text and "Account Browser" in second.text
    second.get(f"/accounts/{account_id}/users")
    assert second.h1 == "User Access"
    assert 'name="urn"' not in second.page and "Add a user" not in second.text
    refused = second.submit(
        f"/accounts/{account_id}/users",
        {
            "urn": owner_user["urn"],
            "last_name": "Tremblay",
            "email": owner_user["email"],
            "role": "user",
        },
    )
    assert refused.status_code == 403 and second.h1 == "Request refused"
    second.get(f"/accounts/{account_id}/bulk-loads")
    assert second.h1 == "Bulk Loads" and "not yet available" in second.text

    # My Profile: edit.
    owner.get("/profile/edit")
    assert owner.h1 == "Edit my profile"
    owner.submit(
        "/profile/edit",
        {
            "first_name": "Olivia",
            "last_name": "Tremblay",
            "email": owner_user["email"],
            "telephone": "613-555-0177",
            "time_zone": "America/Halifax",
            "language": "en",
        },
    )
    assert owner.h1 == "My Profile" and "Your profile was updated." in owner.text
    assert "613-555-0177" in owner.text and "America/Halifax" in owner.text

    # The language toggle: the same page in French.
    owner.get("/language/fr?next=/profile")
    assert owner.h1 == "Mon profil"
    assert '<html lang="fr">' in owner.page and ">English</a>" in owner.page

    # The officer publishes an outage bulletin: the Bulletins tab lists it, the banner shows.
    publish_outage(officer, f"TCC26-{int(time.time()) % 10000:04d}")
    owner.get(f"/accounts/{account_id}/bulletins")
    assert owner.h1 == "Bulletins"
    assert "SCDE indisponible" in owner.text  # in French: the owner switched
    assert "Panne du système" in owner.text
    owner.get("/contingency")
    assert "BSF844" in owner.text

    # Sign out: the session ends at identity too (the old cookie no longer signs in).
    cookie = owner.client.cookies["cers_session"]
    owner.submit("/sign-out")
    assert owner.h1 in ("Vous avez fermé la session", "You have signed out")
    replay = PortalBrowser(gateway_url)
    replay.client.cookies.set("cers_session", cookie, domain="127.0.0.1")
    replay.get("/accounts")
    assert replay.h1 in ("Ouvrir une session", "Sign in")
