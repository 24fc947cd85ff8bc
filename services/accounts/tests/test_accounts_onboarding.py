"""The whole onboarding, through the HTTP API against real PostgreSQL and Kafka: an officer issues
a code, a user activates a business account, the owner adds users of each role, changes a role
and removes a user; every event is read back from its topic and checked against its schema."""

from __future__ import annotations

import json
import re

import pytest
from sqlalchemy import select

from cers_accounts.adapters.tables import activation_codes
from services.accounts.tests.accounts_testkit import (
    Accounts,
    Person,
    event_type,
    keyed,
    new_business_number,
    read_since,
    topic_end,
)

pytestmark = pytest.mark.integration


def test_onboarding_from_activation_code_to_user_access(accounts: Accounts) -> None:
    owner, proxy, user, browser = (Person.make(r) for r in ("owner", "proxy", "user", "browser"))
    accounts.publish_users(owner, proxy, user, browser)
    bn = new_business_number()
    membership_end = topic_end(accounts.bootstrap, "accounts.membership.v1")
    account_end = topic_end(accounts.bootstrap, "accounts.business-account.v1")
    code_end = topic_end(accounts.bootstrap, "accounts.activation-code.v1")

    issued = accounts.issue_code(bn, export_designation="import-export")
    assert re.fullmatch(r"[A-Z2-9]{4}(-[A-Z2-9]{4}){3}", issued["activation_code"])
    assert re.fullmatch(r"[A-Z][A-Y]\d{4}", issued["authorization_id"])
    (stored,) = stored_code_hashes(accounts, bn)
    assert stored.startswith("$argon2id$")
    assert issued["activation_code"].replace("-", "") not in stored

    check = {"business_number": bn, "activation_code": issued["activation_code"].lower()}
    for _ in range(2):  # checking does not spend the code
        checked = accounts.call(owner, "POST", "/v1/business-accounts/activation/check", check)
        assert checked.status_code == 200, checked.text
        assert checked.json()["authorization_id"] == issued["authorization_id"]

    body = accounts.activation_body(bn, issued["activation_code"])
    created = accounts.call(owner, "POST", "/v1/business-accounts", body)
    assert created.status_code == 201, created.text
    account = created.json()
    account_id = account["business_account_id"]
    assert (account["my_role"], account["membership_version"]) == ("owner", 1)
    assert account["authorization_id"] == issued["authorization_id"]
    assert created.headers["X-Membership-Version"] == "1"

    reused = accounts.call(owner, "POST", "/v1/business-accounts", body)
    assert reused.status_code == 422
    assert reused.json()["errors"][0]["code"] == "accounts.activation_code.used"

    for member, role in ((proxy, "proxy_owner"), (user, "user"), (browser, "browser")):
        accounts.add_member(owner, account_id, member, role)
    members_path = f"/v1/business-accounts/{account_id}/members"
    changed = accounts.call(owner, "PATCH", f"{members_path}/{user.user_id}", {"role": "browser"})
    assert changed.status_code == 200, changed.text
    assert changed.headers["X-Membership-Version"] == "5"
    removed = accounts.call(proxy, "DELETE", f"{members_path}/{browser.user_id}")
    assert removed.status_code == 200, removed.text
    assert removed.json()["membership_version"] == 6

    listed = accounts.call(owner, "GET", members_path).json()
    assert {(m["urn"], m["role"]) for m in listed["members"]} == {
        (owner.urn, "owner"),
        (proxy.urn, "proxy_owner"),
        (user.urn, "browser"),
    }
    assert {m["email"] for m in listed["members"]} >= {owner.email, proxy.email}
    mine = accounts.call(user, "GET", "/v1/business-accounts").json()["accounts"]
    assert [(a["business_account_id"], a["my_role"]) for a in mine] == [(account_id, "browser")]

    memberships = read_since(accounts.bootstrap, membership_end, keyed(account_id), 6)
    assert [event_type(r) for r in memberships] == [
        "membership.member-added",
        "membership.member-added",
        "membership.member-added",
        "membership.member-added",
        "membership.role-changed",
        "membership.member-removed",
    ]
    bodies = [json.loads(r.value) for r in memberships]
    assert [b["version"] for b in bodies] == [1, 2, 3, 4, 5, 6]
    assert {m["user_id"] for m in bodies[-1]["members"]} == {
        owner.user_id,
        proxy.user_id,
        user.user_id,
    }
    assert bodies[-1]["business_number"] == bn
    activated = read_since(accounts.bootstrap, account_end, keyed(account_id), 1)
    assert [event_type(r) for r in activated] == ["business-account.activated"]
    codes = read_since(accounts.bootstrap, code_end, keyed(bn), 2)
    assert [event_type(r) for r in codes] == [
        "activation-code.issued",
        "activation-code.redeemed",
    ]
    assert all(issued["activation_code"].encode() not in r.value for r in codes)


def stored_code_hashes(accounts: Accounts, bn: str) -> list[str]:
    async def read() -> list[str]:
        async with accounts.sessions() as session:
            query = select(activation_codes.c.code_hash).where(
                activation_codes.c.business_number == bn
            )
            return list((await session.execute(query)).scalars())

    return accounts.run(read)


def test_create_another_business_account_as_a_representative(accounts: Accounts) -> None:
    representative = Person.make("representative")
    accounts.publish_users(representative)
    exporter = accounts.open_account(representative, "exporter")
    provider = accounts.open_account(representative, "customs_service_provider")
    mine = accounts.call(representative, "GET", "/v1/business-accounts").json()["accounts"]
    assert {(a["business_account_id"], a["business_type"], a["my_role"]) for a in mine} == {
        (exporter["business_account_id"], "exporter", "owner"),
        (provider["business_account_id"], "customs_service_provider", "owner"),
    }


def test_adding_a_user_whose_details_do_not_all_match_gives_one_generic_error(
    accounts: Accounts,
) -> None:
    owner, candidate = Person.make("owner"), Person.make("candidate")
    accounts.publish_users(owner, candidate)
    account_id = accounts.open_account(owner)["business_account_id"]
    path = f"/v1/business-accounts/{account_id}/members"
    right = {"urn": candidate.urn, "last_name": candidate.last_name, "email": candidate.email}
    wrong_bodies = [
        right | {"urn": "U000000000"},
        right | {"last_name": "Someone-Else"},
        right | {"email": "someone.else@example.com"},
    ]
    answers = [accounts.call(owner, "POST", path, b | {"role": "user"}) for b in wrong_bodies]
    assert {r.status_code for r in answers} == {422}
    assert len({r.text for r in answers}) == 1  # nothing tells which field was wrong
    assert answers[0].json()["errors"][0]["code"] == "accounts.user.not_found_or_mismatch"

    loose = right | {"last_name": candidate.last_name.upper(), "email": candidate.email.upper()}
    added = accounts.call(owner, "POST", path, loose | {"role": "user"})
    assert added.status_code == 201, added.text
    again = accounts.call(owner, "POST", path, right | {"role": "browser"})
    assert again.status_code == 409
    assert again.json()["errors"][0]["code"] == "accounts.member.already_member"


def test_a_disabled_user_cannot_be_added(accounts: Accounts) -> None:
    owner, gone = Person.make("owner"), Person.make("gone")
    accounts.publish_users(owner)
    accounts.publish_users(gone, disabled=True)
    account_id = accounts.open_account(owner)["business_account_id"]
    body = {"urn": gone.urn, "last_name": gone.last_name, "email": gone.email, "role": "user"}
    refused = accounts.call(owner, "POST", f"/v1/business-accounts/{account_id}/members", body)
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["code"] == "accounts.user.not_found_or_mismatch"


def test_updating_business_information_announces_the_changed_fields(accounts: Accounts) -> None:
    owner = Person.make("owner")
    accounts.publish_users(owner)
    account_id = accounts.open_account(owner)["business_account_id"]
    end = topic_end(accounts.bootstrap, "accounts.business-account.v1")
    patch = {
        "operating_name": "Harbour Exports",
        "address": {"line1": "2 Pier", "city": "Halifax", "province": "CA-NS", "country": "CA"},
    }
    updated = accounts.call(owner, "PATCH", f"/v1/business-accounts/{account_id}", patch)
    assert updated.status_code == 200, updated.text
    assert updated.json()["operating_name"] == "Harbour Exports"
    bad = accounts.call(
        owner,
        "PATCH",
        f"/v1/business-accounts/{account_id}",
        {"address": {"line1": "x", "city": "y", "province": "CA-XX", "country": "CA"}},
    )
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["pointer"] == "/address/province"
    cleared = accounts.call(
        owner, "PATCH", f"/v1/business-accounts/{account_id}", {"legal_name": None}
    )
    assert cleared.status_code == 422
    (record,) = read_since(accounts.bootstrap, end, keyed(account_id), 1)
    assert event_type(record) == "business-account.information-updated"
    assert sorted(json.loads(record.value)["changed_fields"]) == ["address", "operating_name"]
