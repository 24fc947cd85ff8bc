"""The whole system as ``make run`` starts it: every service, the demo data, and the events
between services (identity → accounts → notifications) over the real Kafka.

The system (``running_system``, ``tests/fixtures/system.py``) is started once per session and
shared with the browser tests of ``tests/browser/test_browser_system.py``: the services run as
separate processes under the Procfile runner, on their default ports, against the local runtime's
databases (the same ones ``make run`` uses), their consumer groups moved to the end of the topics
first, past what the other tests published.
"""

from __future__ import annotations

import time
import uuid

import httpx
import pytest

from deploy.local import demo_data
from tests.fixtures.system import SERVICE_PORTS

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


def test_every_service_is_ready_and_the_demo_data_loaded(running_system: str) -> None:
    assert "demo data ready" in running_system
    assert "Portal: http://127.0.0.1:8000/" in running_system
    for name, port in SERVICE_PORTS.items():
        answer = httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=5.0)
        assert answer.status_code == 200, f"{name}: {answer.text}"


def test_loading_the_demo_data_again_changes_nothing(running_system: str) -> None:
    first = demo_data.seed()
    assert demo_data.seed() == first


def test_the_owner_sees_the_member_identity_registered_and_accounts_learned_of(
    running_system: str,
) -> None:
    with httpx.Client(timeout=30.0) as anonymous:
        owner = demo_data.signed_in(anonymous, demo_data.EXPORTER_OWNER).client
        browser = demo_data.signed_in(anonymous, demo_data.BROWSER_USER)
    (exporter,) = [
        account
        for account in owner.get(f"{demo_data.ACCOUNTS}/v1/business-accounts").json()["accounts"]
        if account["business_number"] == demo_data.EXPORTER_BN
    ]
    assert exporter["my_role"] == "owner"
    members = owner.get(
        f"{demo_data.ACCOUNTS}/v1/business-accounts/{exporter['business_account_id']}/members"
    ).json()["members"]
    assert {"urn": browser.urn, "role": "browser"}.items() <= next(
        m for m in members if m["urn"] == browser.urn
    ).items()
    associations = owner.get(
        f"{demo_data.ACCOUNTS}/v1/business-accounts/{exporter['business_account_id']}/associations"
    )
    assert associations.status_code == 200
    assert demo_data.CSP_BN in associations.text


def sink_subjects_to(email: str) -> list[str]:
    """The subjects of the mail sink's messages to ``email`` (its page lists the latest 200)."""
    page = httpx.get(f"{demo_data.NOTIFICATIONS}/sink", timeout=5.0).text
    return [row for row in page.split("<tr>") if f"<td>{email}</td>" in row]


def test_notices_reach_the_mail_sink_in_each_users_language(running_system: str) -> None:
    """Fresh users of this run (the demo's own notices were mailed by the first run ever):
    an English one registers; a French one registers and is added to the exporter."""
    run = uuid.uuid4().hex[:8]
    english = demo_data.DemoUser(f"sys.en.{run}", "Ada", "Moss", f"en-{run}@example.ca", "en")
    french = demo_data.DemoUser(f"sys.fr.{run}", "Rene", "Cote", f"fr-{run}@example.ca", "fr")
    with httpx.Client(timeout=30.0) as anonymous:
        owner = demo_data.signed_in(anonymous, demo_data.EXPORTER_OWNER).client
        demo_data.signed_in(anonymous, english).client.close()
        newcomer = demo_data.signed_in(anonymous, french)
    newcomer.client.close()
    exporter = demo_data.account_with(owner, demo_data.EXPORTER_BN)
    assert exporter is not None
    members = f"{demo_data.ACCOUNTS}/v1/business-accounts/{exporter['business_account_id']}/members"
    demo_data.add_member(owner, exporter["business_account_id"], french, newcomer.urn, "browser")
    try:
        expected = {
            english.email: ["CERS: confirm your e-mail address"],
            french.email: [
                "SCDE : confirmez votre adresse courriel",
                "SCDE : accès au compte d&#39;entreprise " + demo_data.EXPORTER_BN,
            ],
        }
        deadline = time.monotonic() + 60.0
        while True:
            received = {email: "".join(sink_subjects_to(email)) for email in expected}
            missing = [
                (email, subject)
                for email, subjects in expected.items()
                for subject in subjects
                if subject not in received[email]
            ]
            if not missing or time.monotonic() > deadline:
                break
            time.sleep(1.0)
        assert not missing, f"not mailed: {missing}"
    finally:  # the demo account keeps its members
        (member,) = [m for m in owner.get(members).json()["members"] if m["urn"] == newcomer.urn]
        assert owner.delete(f"{members}/{member['user_id']}").status_code == 200
        owner.close()
