"""Every cell of the role matrix for the accounts endpoints: each kind of caller (owner, proxy
owner, user, browser, non-member, member of an associated CSP, officer) on each endpoint, with
the expected answer read from the one table in ``cers_contracts.authorization``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest

from cers_contracts.accounts import Role
from cers_contracts.authorization import Action, decide
from services.accounts.tests.accounts_testkit import (
    Accounts,
    Person,
    new_business_number,
)

pytestmark = pytest.mark.integration

CALLERS = ("owner", "proxy_owner", "user", "browser", "non_member", "csp_member", "officer")
ROLE_OF: dict[str, Role | None] = {
    "owner": "owner",
    "proxy_owner": "proxy_owner",
    "user": "user",
    "browser": "browser",
    "non_member": None,
    "csp_member": None,
    "officer": None,
}


@dataclass
class World:
    """The people, a CSP account, and the app."""

    accounts: Accounts
    people: dict[str, Person]
    csp_id: str
    other_csp_id: str
    shared: dict[str, str] = field(default_factory=dict)

    def caller(self, name: str) -> Person:
        return self.accounts.officer if name == "officer" else self.people[name]

    def team(self) -> dict[str, str]:
        """A fresh exporter with one member of each role, which the CSP files for."""
        p = self.people
        account_id = self.accounts.open_account(p["owner"])["business_account_id"]
        for role in ("proxy_owner", "user", "browser"):
            self.accounts.add_member(p["owner"], account_id, p[role], role)
        self.accounts.add_member(p["owner"], account_id, p["second_proxy"], "proxy_owner")
        link = {"exporter_account_id": account_id, "csp_account_id": self.csp_id}
        recorded = self.accounts.call(
            self.accounts.officer, "POST", "/v1/officer/associations", link
        )
        assert recorded.status_code == 201, recorded.text
        return {"account": account_id, "csp": self.csp_id, "other_csp": self.other_csp_id}


@pytest.fixture(scope="module")
def world(accounts: Accounts) -> World:
    names = ("owner", "proxy_owner", "second_proxy", "user", "browser", "non_member")
    people = {name: Person.make(name) for name in (*names, "csp_member", "candidate", "csp")}
    accounts.publish_users(*people.values())
    csp_id = accounts.open_account(people["csp"], "customs_service_provider")["business_account_id"]
    accounts.add_member(people["csp"], csp_id, people["csp_member"], "user")
    other_csp = accounts.open_account(people["csp"], "customs_service_provider")
    world = World(accounts, people, csp_id, other_csp["business_account_id"])
    world.shared = world.team()
    return world


Prepare = Callable[[World, dict[str, str]], dict[str, str]]


def approved_srp(world: World, ids: dict[str, str]) -> dict[str, str]:
    path = f"/v1/officer/business-accounts/{ids['account']}/srp"
    assert world.accounts.call(world.accounts.officer, "POST", path).status_code == 200
    return ids


def active_code(world: World, ids: dict[str, str]) -> dict[str, str]:
    issued = world.accounts.issue_code(new_business_number())
    return ids | {"code": issued["code_id"], "bn": issued["business_number"]}


@dataclass(frozen=True)
class Endpoint:
    """One endpoint, the action it needs, and how to call it."""

    name: str
    action: Action
    method: str
    path: str
    body: Callable[[World], Any] = lambda world: None
    changes_state: bool = False
    ok: int = 200
    prepare: Prepare | None = None


def candidate(world: World) -> dict[str, str]:
    c = world.people["candidate"]
    return {"urn": c.urn, "last_name": c.last_name, "email": c.email, "role": "user"}


ACCOUNT = "/v1/business-accounts/{account}"
OFFICER_ACCOUNT = "/v1/officer/business-accounts/{account}"
ENDPOINTS = (
    Endpoint("view account", Action.VIEW_DOCUMENTS, "GET", ACCOUNT),
    Endpoint("view associations", Action.VIEW_DOCUMENTS, "GET", ACCOUNT + "/associations"),
    Endpoint(
        "update information",
        Action.UPDATE_BUSINESS_INFORMATION,
        "PATCH",
        ACCOUNT,
        body=lambda world: {"operating_name": "Renamed"},
        changes_state=True,
    ),
    Endpoint("list members", Action.VIEW_USERS, "GET", ACCOUNT + "/members"),
    Endpoint(
        "add member",
        Action.MANAGE_USERS,
        "POST",
        ACCOUNT + "/members",
        body=candidate,
        changes_state=True,
        ok=201,
    ),
    Endpoint(
        "change role",
        Action.MANAGE_USERS,
        "PATCH",
        ACCOUNT + "/members/{user}",
        body=lambda world: {"role": "browser"},
        changes_state=True,
    ),
    Endpoint(
        "remove member",
        Action.MANAGE_USERS,
        "DELETE",
        ACCOUNT + "/members/{user}",
        changes_state=True,
    ),
    Endpoint("delete account", Action.DELETE_ACCOUNT, "DELETE", ACCOUNT, changes_state=True),
    Endpoint(
        "search accounts",
        Action.ADMINISTER_ACCOUNTS,
        "GET",
        "/v1/officer/business-accounts?business_number={bn}",
        prepare=active_code,
    ),
    Endpoint(
        "issue activation code",
        Action.ADMINISTER_ACCOUNTS,
        "POST",
        "/v1/officer/activation-codes",
        body=lambda world: {
            "business_number": new_business_number(),
            "export_designation": "export",
            "applicant_email": "applicant@example.com",
        },
        changes_state=True,
        ok=201,
    ),
    Endpoint(
        "list activation codes",
        Action.ADMINISTER_ACCOUNTS,
        "GET",
        "/v1/officer/activation-codes?business_number={bn}",
        prepare=active_code,
    ),
    Endpoint(
        "reissue activation code",
        Action.ADMINISTER_ACCOUNTS,
        "POST",
        "/v1/officer/activation-codes/{code}/reissue",
        changes_state=True,
        ok=201,
        prepare=active_code,
    ),
    Endpoint(
        "revoke activation code",
        Action.ADMINISTER_ACCOUNTS,
        "POST",
        "/v1/officer/activation-codes/{code}/revoke",
        changes_state=True,
        prepare=active_code,
    ),
    Endpoint(
        "approve SRP",
        Action.ADMINISTER_ACCOUNTS,
        "POST",
        OFFICER_ACCOUNT + "/srp",
        changes_state=True,
    ),
    Endpoint(
        "revoke SRP",
        Action.ADMINISTER_ACCOUNTS,
        "DELETE",
        OFFICER_ACCOUNT + "/srp",
        changes_state=True,
        prepare=approved_srp,
    ),
    Endpoint(
        "change owner",
        Action.ADMINISTER_ACCOUNTS,
        "PUT",
        OFFICER_ACCOUNT + "/owner",
        body=lambda world: {"urn": world.people["candidate"].urn},
        changes_state=True,
    ),
    Endpoint(
        "record association",
        Action.ADMINISTER_ACCOUNTS,
        "POST",
        "/v1/officer/associations",
        body=lambda world: {"exporter_account_id": "{account}", "csp_account_id": "{other_csp}"},
        changes_state=True,
        ok=201,
    ),
    Endpoint(
        "remove association",
        Action.ADMINISTER_ACCOUNTS,
        "DELETE",
        "/v1/officer/associations/{account}/{csp}",
        changes_state=True,
    ),
)


def expected_allowed(caller: str, action: Action) -> bool:
    return decide(
        action,
        role=ROLE_OF[caller],
        provider_roles=["user"] if caller == "csp_member" else [],
        officer=caller == "officer",
    )


def fill(value: Any, ids: dict[str, str]) -> Any:
    if isinstance(value, str):
        return value.format(**ids)
    if isinstance(value, dict):
        return {k: fill(v, ids) for k, v in value.items()}
    return value


@pytest.mark.parametrize("caller", CALLERS)
@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: e.name.replace(" ", "_"))
def test_role_matrix_cell(world: World, endpoint: Endpoint, caller: str) -> None:
    allowed = expected_allowed(caller, endpoint.action)
    ids = world.team() if allowed and endpoint.changes_state else dict(world.shared)
    ids["user"] = world.people["user"].user_id
    if endpoint.prepare:
        ids = endpoint.prepare(world, ids)
    ids.setdefault("bn", new_business_number())
    response = world.accounts.call(
        world.caller(caller),
        endpoint.method,
        fill(endpoint.path, ids),
        fill(endpoint.body(world), ids),
    )
    if allowed:
        assert response.status_code == endpoint.ok, response.text
    else:
        assert response.status_code == 403, response.text
        assert response.json()["errors"][0]["code"] in {
            "accounts.forbidden",
            "accounts.officer_only",
        }


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: e.name.replace(" ", "_"))
def test_no_token_no_entry(world: World, endpoint: Endpoint) -> None:
    ids = dict(world.shared) | {"user": "x", "code": "x", "bn": new_business_number()}
    response = world.accounts.call(None, endpoint.method, fill(endpoint.path, ids), {})
    assert response.status_code == 401


def test_a_proxy_owner_cannot_touch_another_proxy_owner(world: World) -> None:
    ids = world.team()
    proxy, other = world.people["proxy_owner"], world.people["second_proxy"]
    path = f"/v1/business-accounts/{ids['account']}/members"
    refusals = [
        world.accounts.call(proxy, "PATCH", f"{path}/{other.user_id}", {"role": "user"}),
        world.accounts.call(proxy, "DELETE", f"{path}/{other.user_id}"),
        world.accounts.call(proxy, "POST", path, candidate(world) | {"role": "proxy_owner"}),
        world.accounts.call(
            proxy, "PATCH", f"{path}/{world.people['user'].user_id}", {"role": "proxy_owner"}
        ),
    ]
    for refused in refusals:
        assert refused.status_code == 403, refused.text
        assert refused.json()["errors"][0]["code"] == "accounts.member.proxy_owner_protected"
    owner = world.people["owner"]
    demoted = world.accounts.call(owner, "PATCH", f"{path}/{other.user_id}", {"role": "user"})
    assert demoted.status_code == 200, demoted.text
    left = world.accounts.call(proxy, "DELETE", f"{path}/{proxy.user_id}")  # themselves
    assert left.status_code == 200, left.text


def test_nobody_removes_or_demotes_the_owner(world: World) -> None:
    ids = world.team()
    owner = world.people["owner"]
    path = f"/v1/business-accounts/{ids['account']}/members/{owner.user_id}"
    for actor in (owner, world.people["proxy_owner"]):
        for method, body in (("DELETE", None), ("PATCH", {"role": "user"})):
            refused = world.accounts.call(actor, method, path, body)
            assert refused.status_code == 409, refused.text
            assert refused.json()["errors"][0]["code"] == "accounts.member.last_owner"
    owner_role = world.accounts.call(
        owner,
        "POST",
        f"/v1/business-accounts/{ids['account']}/members",
        candidate(world) | {"role": "owner"},
    )
    assert owner_role.status_code == 422
