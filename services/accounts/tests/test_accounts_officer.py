"""Officer actions and account lifecycle events: SRP approval, change of owner, CSP
associations, deletion, and officers seeing every account."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest

from services.accounts.tests.accounts_testkit import (
    Accounts,
    Person,
    event_type,
    keyed,
    read_since,
    topic_end,
)

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def owner(accounts: Accounts) -> Person:
    person = Person.make("owner")
    accounts.publish_users(person)
    return person


def test_srp_approval_gives_a_sum_id_for_two_years_and_can_be_revoked(
    accounts: Accounts, owner: Person
) -> None:
    account_id = accounts.open_account(owner)["business_account_id"]
    since = topic_end(accounts.bootstrap, "accounts.business-account.v1")
    path = f"/v1/officer/business-accounts/{account_id}/srp"

    approved = accounts.call(accounts.officer, "POST", path).json()["summary_reporting"]
    assert re.fullmatch(r"SUM\d{4}", approved["sum_id"])
    valid_from = date.fromisoformat(approved["valid_from"])
    valid_until = date.fromisoformat(approved["valid_until"])
    assert (valid_until - valid_from).days in {729, 730}  # two years, the last day included
    revoked = accounts.call(accounts.officer, "DELETE", path)
    assert revoked.json()["summary_reporting"] is None
    assert accounts.call(accounts.officer, "DELETE", path).status_code == 409
    again = accounts.call(accounts.officer, "POST", path).json()["summary_reporting"]
    assert again["sum_id"] == approved["sum_id"]  # one SUM id per account

    records = read_since(accounts.bootstrap, since, keyed(account_id), 3)
    assert [event_type(r) for r in records] == [
        "business-account.srp-approved",
        "business-account.srp-revoked",
        "business-account.srp-approved",
    ]
    assert (
        json.loads(records[0].value)["account"]["summary_reporting"]["sum_id"] == approved["sum_id"]
    )


def test_srp_is_for_exporters(accounts: Accounts, owner: Person) -> None:
    csp = accounts.open_account(owner, "customs_service_provider")["business_account_id"]
    refused = accounts.call(accounts.officer, "POST", f"/v1/officer/business-accounts/{csp}/srp")
    assert refused.status_code == 409
    assert refused.json()["errors"][0]["code"] == "accounts.srp.exporters_only"


def test_an_officer_changes_the_owner(accounts: Accounts, owner: Person) -> None:
    heir = Person.make("heir")
    accounts.publish_users(heir)
    account_id = accounts.open_account(owner)["business_account_id"]
    membership_since = topic_end(accounts.bootstrap, "accounts.membership.v1")
    account_since = topic_end(accounts.bootstrap, "accounts.business-account.v1")

    changed = accounts.call(
        accounts.officer,
        "PUT",
        f"/v1/officer/business-accounts/{account_id}/owner",
        {"urn": heir.urn},
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["owner_user_id"] == heir.user_id
    assert changed.headers["X-Membership-Version"] == "3"
    members = accounts.call(heir, "GET", f"/v1/business-accounts/{account_id}/members").json()
    assert {(m["user_id"], m["role"]) for m in members["members"]} == {
        (heir.user_id, "owner"),
        (owner.user_id, "proxy_owner"),
    }
    unknown = accounts.call(
        accounts.officer,
        "PUT",
        f"/v1/officer/business-accounts/{account_id}/owner",
        {"urn": "U000000001"},
    )
    assert (unknown.status_code, unknown.json()["errors"][0]["code"]) == (
        404,
        "accounts.user.not_found",
    )
    membership = read_since(accounts.bootstrap, membership_since, keyed(account_id), 2)
    assert [event_type(r) for r in membership] == [
        "membership.member-added",
        "membership.role-changed",
    ]
    (owner_changed,) = read_since(accounts.bootstrap, account_since, keyed(account_id), 1)
    assert json.loads(owner_changed.value)["previous_owner_user_id"] == owner.user_id


def test_associations_are_recorded_listed_and_removed(accounts: Accounts, owner: Person) -> None:
    exporter = accounts.open_account(owner)["business_account_id"]
    csp = accounts.open_account(owner, "customs_service_provider")
    csp_id = csp["business_account_id"]
    since = topic_end(accounts.bootstrap, "accounts.association.v1")
    link = {"exporter_account_id": exporter, "csp_account_id": csp_id}

    recorded = accounts.call(accounts.officer, "POST", "/v1/officer/associations", link)
    assert recorded.status_code == 201, recorded.text
    assert recorded.json()["associated_csp_account_ids"] == [csp_id]
    twice = accounts.call(accounts.officer, "POST", "/v1/officer/associations", link)
    assert twice.status_code == 409
    backwards = {"exporter_account_id": csp_id, "csp_account_id": exporter}
    wrong_way = accounts.call(accounts.officer, "POST", "/v1/officer/associations", backwards)
    assert (wrong_way.status_code, wrong_way.json()["errors"][0]["code"]) == (
        422,
        "accounts.association.types",
    )
    for side, other in ((exporter, csp_id), (csp_id, exporter)):
        linked = accounts.call(owner, "GET", f"/v1/business-accounts/{side}/associations").json()
        assert [a["business_account_id"] for a in linked["linked"]] == [other]

    removed = accounts.call(
        accounts.officer, "DELETE", f"/v1/officer/associations/{exporter}/{csp_id}"
    )
    assert removed.json() == {
        "exporter_account_id": exporter,
        "associated_csp_account_ids": [],
        "association_version": 2,
    }
    records = read_since(accounts.bootstrap, since, keyed(exporter), 2)
    assert [event_type(r) for r in records] == [
        "association.recorded",
        "association.removed",
    ]
    bodies = [json.loads(r.value) for r in records]
    assert [(b["version"], b["associated_csp_account_ids"]) for b in bodies] == [
        (1, [csp_id]),
        (2, []),
    ]
    assert bodies[0]["csp_business_number"] == csp["business_number"]


def test_deleting_an_account_removes_every_member_and_every_association(
    accounts: Accounts, owner: Person
) -> None:
    helper = Person.make("helper")
    accounts.publish_users(helper)
    exporter = accounts.open_account(owner)["business_account_id"]
    csp = accounts.open_account(owner, "customs_service_provider")["business_account_id"]
    accounts.add_member(owner, csp, helper, "user")
    link = {"exporter_account_id": exporter, "csp_account_id": csp}
    assert accounts.call(accounts.officer, "POST", "/v1/officer/associations", link).is_success
    membership_since = topic_end(accounts.bootstrap, "accounts.membership.v1")
    association_since = topic_end(accounts.bootstrap, "accounts.association.v1")
    account_since = topic_end(accounts.bootstrap, "accounts.business-account.v1")

    by_helper = accounts.call(helper, "DELETE", f"/v1/business-accounts/{csp}")
    assert by_helper.status_code == 403
    deleted = accounts.call(owner, "DELETE", f"/v1/business-accounts/{csp}")
    assert deleted.status_code == 200, deleted.text
    assert deleted.json()["deleted"] is True
    assert deleted.headers["X-Membership-Version"] == "4"
    assert accounts.call(owner, "GET", f"/v1/business-accounts/{csp}").status_code == 404
    mine = accounts.call(helper, "GET", "/v1/business-accounts").json()["accounts"]
    assert mine == []

    removals = read_since(accounts.bootstrap, membership_since, keyed(csp), 2)
    bodies = [json.loads(r.value) for r in removals]
    assert [event_type(r) for r in removals] == ["membership.member-removed"] * 2
    assert [(b["user_id"], len(b["members"])) for b in bodies] == [
        (helper.user_id, 1),
        (owner.user_id, 0),
    ]
    (unlinked,) = read_since(accounts.bootstrap, association_since, keyed(exporter), 1)
    assert json.loads(unlinked.value)["associated_csp_account_ids"] == []
    (gone,) = read_since(accounts.bootstrap, account_since, keyed(csp), 1)
    assert event_type(gone) == "business-account.deleted"

    found = accounts.call(
        accounts.officer,
        "GET",
        f"/v1/officer/business-accounts?business_number={bodies[0]['business_number']}",
    ).json()
    assert [(a["business_account_id"], a["deleted"]) for a in found] == [(csp, True)]
