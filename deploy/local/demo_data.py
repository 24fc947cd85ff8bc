"""Demo data for the local runtime, loaded through the services' own APIs (as the gateway would).

``make run`` runs it once every service is ready; running it again changes nothing. It creates:

- a CBSA officer (identity's admin command: officers never sign up);
- three users who sign up with the local GCKey provider, accept the terms and create their user
  accounts: an exporter's owner (English), a browser-role user (French) and a customs service
  provider's (CSP) owner;
- the exporter's and the CSP's business accounts (the officer issues activation codes, the owners
  activate them), the browser-role user added to the exporter, the CSP associated with it;
- a published bulletin and a useful link, and the owner's bulletin subscription;
- the exporter's export declarations (one amended once, one filed by the CSP) and two drafts.

Service addresses come from ``CERS_IDENTITY_URL`` etc. (defaults: the local ports).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from stdnum import luhn

IDENTITY = os.environ.get("CERS_IDENTITY_URL", "http://127.0.0.1:8001")
ACCOUNTS = os.environ.get("CERS_ACCOUNTS_URL", "http://127.0.0.1:8002")
NOTIFICATIONS = os.environ.get("CERS_NOTIFICATIONS_URL", "http://127.0.0.1:8005")
DOCUMENTS = os.environ.get("CERS_DOCUMENTS_URL", "http://127.0.0.1:8003")
PROVIDER = "gckey"
DEMO_PASSWORD = "Maple-Harbour-2026"  # noqa: S105 - published in the README for the demo
REPLICA_WAIT_S = 60.0


@dataclass(frozen=True)
class DemoUser:
    """A demo sign-in and the profile of its user account."""

    username: str
    first_name: str
    last_name: str
    email: str
    language: str

    def profile(self) -> dict[str, str]:
        return {
            "first_name": self.first_name,
            "last_name": self.last_name,
            "email": self.email,
            "telephone": "613-555-0100",
            "time_zone": "America/Toronto",
            "language": self.language,
        }


OFFICER = DemoUser("cbsa.officer", "Camille", "Roy", "camille.roy@cbsa.example.ca", "en")
EXPORTER_OWNER = DemoUser("demo.exporter", "Olivia", "Tremblay", "olivia@maple.example.ca", "en")
BROWSER_USER = DemoUser("demo.browser", "Benoit", "Gagnon", "benoit@maple.example.ca", "fr")
CSP_OWNER = DemoUser("demo.broker", "Priya", "Singh", "priya@northbroker.example.ca", "en")


def business_number(bn8: str, reference: str) -> str:
    """A valid 15-character BN: 8 digits, their Luhn check digit, program RM, reference."""
    return f"{bn8}{luhn.calc_check_digit(bn8)}RM{reference}"


EXPORTER_BN = business_number("12345678", "0001")
CSP_BN = business_number("87654321", "0001")


def address(line1: str, city: str, province: str, postal_code: str) -> dict[str, str]:
    return {
        "line1": line1,
        "city": city,
        "province": province,
        "postal_code": postal_code,
        "country": "CA",
    }


class DemoError(RuntimeError):
    """A service refused a demo step (the message has its answer)."""


def expect(response: httpx.Response, *statuses: int) -> Any:
    """The JSON body of ``response`` when its status is one of ``statuses``."""
    if response.status_code not in statuses:
        raise DemoError(
            f"{response.request.method} {response.request.url}: "
            f"{response.status_code} {response.text[:500]}"
        )
    return response.json() if response.content else None


def create_officer(user: DemoUser) -> None:
    """Create the officer with identity's admin command, unless the username is taken."""
    args = ["create-officer", "--username", user.username, "--first-name", user.first_name]
    args += ["--last-name", user.last_name, "--email", user.email, "--telephone", "613-555-0199"]
    result = subprocess.run(
        [sys.executable, "-m", "cers_identity.entrypoints.admin", *args],
        input=DEMO_PASSWORD + "\n",
        capture_output=True,
        text=True,
        check=False,
    )
    # Only the refusal "taken" means the officer exists; any other failure (a traceback names
    # ``args.username`` too) must stop here, or the officer would sign up as an ordinary user.
    if result.returncode != 0 and "identity.username.taken" not in result.stderr:
        raise DemoError(f"create-officer: {result.stderr.strip()}")


@dataclass(frozen=True)
class SignedIn:
    """A demo user past sign-in, the terms and the user account: their URN and API client."""

    urn: str
    client: httpx.Client


def signed_in(client: httpx.Client, user: DemoUser) -> SignedIn:
    """Sign ``user`` in (signing up, accepting the terms, creating the user account if need be)."""
    sign_in = f"{IDENTITY}/v1/providers/{PROVIDER}/sign-in"
    credentials = {"username": user.username, "password": DEMO_PASSWORD}
    answer = client.post(sign_in, json=credentials)
    if answer.status_code == 401:  # not signed up yet
        expect(
            client.post(
                f"{IDENTITY}/v1/providers/{PROVIDER}/sign-up",
                json=credentials
                | {
                    "password_confirmation": DEMO_PASSWORD,
                    "recovery": [
                        {"question": f"Demo question {n}?", "answer": f"demo answer {n}"}
                        for n in (1, 2, 3)
                    ],
                },
            ),
            201,
        )
        answer = client.post(sign_in, json=credentials)
    session = expect(answer, 201)
    headers = {"X-Session-Id": session["session_id"]}
    if session["state"] == "needs_terms":
        terms = expect(client.get(f"{IDENTITY}/v1/terms"), 200)
        session = expect(
            client.post(
                f"{IDENTITY}/v1/session/terms-acceptance",
                json={"version": terms["version"]},
                headers=headers,
            ),
            200,
        )
    if session["state"] == "needs_user_account":
        session = expect(
            client.post(
                f"{IDENTITY}/v1/session/user-account", json=user.profile(), headers=headers
            ),
            201,
        )
    token = expect(client.post(f"{IDENTITY}/v1/session/token", headers=headers), 200, 201)
    bearer = {"Authorization": f"Bearer {token['access_token']}"}
    return SignedIn(session["user"]["urn"], httpx.Client(headers=bearer, timeout=client.timeout))


def account_with(user_client: httpx.Client, bn: str) -> dict[str, Any] | None:
    accounts = expect(user_client.get(f"{ACCOUNTS}/v1/business-accounts"), 200)["accounts"]
    return next((a for a in accounts if a["business_number"] == bn), None)


def activated_account(
    officer: httpx.Client,
    owner: httpx.Client,
    owner_user: DemoUser,
    *,
    bn: str,
    business_type: str,
    legal_name: str,
    place: dict[str, str],
) -> dict[str, Any]:
    """The owner's account of ``bn``: the officer issues a code and the owner activates it."""
    found = account_with(owner, bn)
    if found is not None:
        return found
    code = expect(
        officer.post(
            f"{ACCOUNTS}/v1/officer/activation-codes",
            json={
                "business_number": bn,
                "export_designation": "export",
                "applicant_email": owner_user.email,
                "applicant_language": owner_user.language,
            },
        ),
        201,
    )
    account: dict[str, Any] = expect(
        owner.post(
            f"{ACCOUNTS}/v1/business-accounts",
            json={
                "business_number": bn,
                "activation_code": code["activation_code"],
                "business_type": business_type,
                "legal_name": legal_name,
                "address": place,
                "contact": {
                    "name": f"{owner_user.first_name} {owner_user.last_name}",
                    "telephone": "613-555-0100",
                    "email": owner_user.email,
                },
            },
        ),
        201,
    )
    return account


def add_member(owner: httpx.Client, account_id: str, user: DemoUser, urn: str, role: str) -> None:
    """Add ``user`` with ``role``, waiting until accounts' replica of identity's users has them."""
    members = expect(owner.get(f"{ACCOUNTS}/v1/business-accounts/{account_id}/members"), 200)
    if any(member["urn"] == urn for member in members["members"]):
        return
    body = {"urn": urn, "last_name": user.last_name, "email": user.email, "role": role}
    deadline = time.monotonic() + REPLICA_WAIT_S
    while True:
        answer = owner.post(f"{ACCOUNTS}/v1/business-accounts/{account_id}/members", json=body)
        if answer.status_code == 201 or time.monotonic() > deadline:
            expect(answer, 201)
            return
        time.sleep(0.5)  # identity's registration event has not reached accounts yet


def associate(officer: httpx.Client, exporter_id: str, csp_id: str) -> None:
    answer = officer.post(
        f"{ACCOUNTS}/v1/officer/associations",
        json={"exporter_account_id": exporter_id, "csp_account_id": csp_id},
    )
    expect(answer, 201, 409)  # 409: already associated


def bilingual(en: str, fr: str) -> dict[str, str]:
    return {"en": en, "fr": fr}


def publish_news(officer: httpx.Client) -> None:
    """A welcome bulletin and a useful link, once."""
    bulletins = expect(officer.get(f"{NOTIFICATIONS}/v1/bulletins"), 200)
    if not any(bulletin["number"] == "TCC26-0001" for bulletin in bulletins):
        expect(
            officer.post(
                f"{NOTIFICATIONS}/v1/bulletins",
                json={
                    "number": "TCC26-0001",
                    "title": bilingual("Welcome to CERS", "Bienvenue au SCDE"),
                    "starts_at": "2026-01-05T09:00:00-05:00",
                    "clients_affected": bilingual(
                        "Exporters and customs service providers",
                        "Exportateurs et fournisseurs de services douaniers",
                    ),
                    "description": bilingual(
                        "This is a demonstration system with sample data.",
                        "Ceci est un système de démonstration avec des données fictives.",
                    ),
                    "action_required": bilingual("None.", "Aucune."),
                    "topics": ["Exports"],
                    "category": "Exporter",
                },
            ),
            201,
        )
    if not expect(officer.get(f"{NOTIFICATIONS}/v1/links"), 200):
        expect(
            officer.post(
                f"{NOTIFICATIONS}/v1/links",
                json={
                    "title": bilingual(
                        "Reporting exported goods", "Déclaration des marchandises exportées"
                    ),
                    "url": bilingual(
                        "https://www.cbsa-asfc.gc.ca/export/menu-eng.html",
                        "https://www.cbsa-asfc.gc.ca/export/menu-fra.html",
                    ),
                    "topics": ["Exports"],
                },
            ),
            201,
        )


def declaration(destination: str, hs_code: str, description: str, value: str) -> dict[str, Any]:
    """A complete marine declaration from Montréal, loading in five days."""
    return {
        "consignee": {
            "name": f"Demo Importer {destination}",
            "address": {
                "line1": "1 Harbour Street",
                "city": "Harbour City",
                "country": destination,
            },
        },
        "export_reason": "SALE",
        "mode_of_transport": "9",
        "port_of_exit": "0395",
        "country_of_final_destination": destination,
        "estimated_export_at": (datetime.now(UTC) + timedelta(days=5)).isoformat(),
        "carrier_name": "Atlantic Lines",
        "vessel_name": "Atlantic Star",
        "containerized": True,
        "container_numbers": ["CSQU3054383"],
        "currency": "CAD",
        "exporter_reference_numbers": [f"DEMO-{destination}-{hs_code[:4]}"],
        "lines": [
            {
                "export_hs_code": hs_code,
                "description": description,
                "quantity": "1200",
                "quantity_uom": "KGM",
                "value_fob": value,
                "gross_weight": "1250",
                "weight_uom": "KGM",
                "country_of_origin": "CA",
                "province_of_origin": "CA-ON",
            }
        ],
    }


def submitted(filer: httpx.Client, account: str, key: str, content: dict[str, Any]) -> Any:
    """The declaration with ``content``'s exporter reference, submitted once (key ``key``).

    Waits for documents' replicas of accounts' events. A later run finds it by its reference (its
    export date, five days ahead of each run, would make the same key a different declaration).
    """
    url = f"{DOCUMENTS}/v1/business-accounts/{account}/declarations"
    deadline = time.monotonic() + REPLICA_WAIT_S
    while True:
        reference = content["exporter_reference_numbers"][0]
        found = filer.get(url, params={"exporter_reference": reference})
        if found.status_code == 200 and found.json()["items"]:
            return found.json()["items"][0]
        answer = filer.post(url, json=content, headers={"Idempotency-Key": key})
        if answer.status_code not in (403, 404, 409) or time.monotonic() > deadline:
            return expect(answer, 200, 201)
        time.sleep(0.5)


def file_declarations(owner: httpx.Client, broker: httpx.Client, exporter_id: str) -> None:
    """Two reported declarations (one amended, one filed by the CSP) and two drafts."""
    maple = submitted(
        owner,
        exporter_id,
        "demo-declaration-1",
        declaration("DE", "44071100", "Sawn pine lumber", "48000.00"),
    )
    submitted(
        broker,
        exporter_id,
        "demo-declaration-2",
        declaration("JP", "10019900", "Canada western red spring wheat", "125000.00"),
    )
    base = f"{DOCUMENTS}/v1/business-accounts/{exporter_id}"
    current = expect(owner.get(f"{base}/declarations/{maple['declaration_id']}"), 200)
    if current["version"] == 1:
        amended = declaration("DE", "44071100", "Sawn pine lumber, kiln dried", "48500.00")
        expect(
            owner.post(
                f"{base}/declarations/{maple['declaration_id']}/amendments",
                json={"reason_code": "CLERICAL", "content": amended},
            ),
            201,
        )
    drafts = expect(owner.get(f"{base}/drafts"), 200)
    if drafts["total"] == 0:
        expect(
            owner.post(f"{base}/drafts", json=declaration("FR", "22042100", "Ice wine", "9000.00")),
            201,
        )
        expect(owner.post(f"{base}/drafts", json={"export_reason": "SALE", "currency": "CAD"}), 201)


def wait_until_ready(timeout_s: float = 120.0) -> None:
    """Wait until every service this script calls answers its readiness check."""
    deadline = time.monotonic() + timeout_s
    for base in (IDENTITY, ACCOUNTS, NOTIFICATIONS, DOCUMENTS):
        while True:
            try:
                if httpx.get(f"{base}/readyz", timeout=2.0).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise DemoError(f"{base} is not ready after {timeout_s:.0f} s")
            time.sleep(0.5)


def seed() -> dict[str, str]:
    """Load the demo data (idempotent); the business accounts' ids by name."""
    wait_until_ready()
    create_officer(OFFICER)
    with httpx.Client(timeout=30.0) as anonymous:
        officer = signed_in(anonymous, OFFICER).client
        owner = signed_in(anonymous, EXPORTER_OWNER).client
        browser = signed_in(anonymous, BROWSER_USER)
        broker = signed_in(anonymous, CSP_OWNER).client
    exporter = activated_account(
        officer,
        owner,
        EXPORTER_OWNER,
        bn=EXPORTER_BN,
        business_type="exporter",
        legal_name="Maple Leaf Exports Inc.",
        place=address("100 Wellington St", "Ottawa", "CA-ON", "K1A 0A9"),
    )
    csp = activated_account(
        officer,
        broker,
        CSP_OWNER,
        bn=CSP_BN,
        business_type="customs_service_provider",
        legal_name="Northern Customs Brokers Ltd.",
        place=address("1 Harbour Rd", "Halifax", "CA-NS", "B3H 1A1"),
    )
    exporter_id, csp_id = exporter["business_account_id"], csp["business_account_id"]
    add_member(owner, exporter_id, BROWSER_USER, browser.urn, "browser")
    associate(officer, exporter_id, csp_id)
    publish_news(officer)
    file_declarations(owner, broker, exporter_id)
    expect(
        owner.put(f"{NOTIFICATIONS}/v1/me/subscriptions", json={"categories": ["Exporter"]}), 200
    )
    return {"exporter": exporter_id, "customs_service_provider": csp_id}


def main() -> int:
    try:
        accounts = seed()
    except (DemoError, httpx.HTTPError) as error:
        print(f"demo data: {error}", file=sys.stderr)
        return 1
    print(f"demo data ready: business accounts {accounts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
