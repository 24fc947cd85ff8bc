"""Races and hostile input on the real database: one code confirmed by several users at once,
wrong codes in parallel against the lockout, officers issuing for one BN at once, an identifier
drawn by two transactions at once, the one add-user refusal, and malformed requests (a clear 4xx,
never a 500)."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

import pytest

from cers_accounts.adapters.identifier_repository import IdentifierRepository
from services.accounts.tests.accounts_testkit import Accounts, Person, new_business_number

pytestmark = pytest.mark.integration
ACTIVATE, CHECK = "/v1/business-accounts", "/v1/business-accounts/activation/check"


def error_codes(responses: list[Any]) -> Counter[str]:
    return Counter(r.json()["errors"][0]["code"] for r in responses if not r.is_success)


def test_users_confirming_one_code_at_once_open_exactly_one_account(accounts: Accounts) -> None:
    contenders = [Person.make(f"contender{i}") for i in range(4)]
    bn = new_business_number()
    body = accounts.activation_body(bn, accounts.issue_code(bn)["activation_code"])

    answers = accounts.at_once([(person, "POST", ACTIVATE, body) for person in contenders])

    assert sorted(r.status_code for r in answers) == [201, 422, 422, 422]
    assert error_codes(answers) == {"accounts.activation_code.used": 3}
    (winner,) = (r.json() for r in answers if r.status_code == 201)
    found = accounts.call(
        accounts.officer, "GET", f"/v1/officer/business-accounts?business_number={bn}"
    ).json()
    assert [a["business_account_id"] for a in found] == [winner["business_account_id"]]


def test_wrong_codes_in_parallel_cannot_race_past_the_lockout(accounts: Accounts) -> None:
    applicant = Person.make("applicant")
    bn = new_business_number()
    accounts.issue_code(bn)
    wrong = {"business_number": bn, "activation_code": "AAAA-BBBB-CCCC-DDDD"}

    answers = accounts.at_once([(applicant, "POST", CHECK, wrong)] * 7)

    assert error_codes(answers) == {
        "accounts.activation_code.wrong": 5,
        "accounts.activation.locked": 2,
    }


def test_officers_issuing_for_one_bn_at_once_leave_one_active_code(accounts: Accounts) -> None:
    bn = new_business_number()
    body = {"business_number": bn, "export_designation": "export", "applicant_email": "a@b.ca"}
    officers = [accounts.officer, Person.make("officer2", officer=True)]

    answers = accounts.at_once(
        [(o, "POST", "/v1/officer/activation-codes", body) for o in officers]
    )

    assert [r.status_code for r in answers] == [201, 201]
    assert len({r.json()["authorization_id"] for r in answers}) == 1  # the BN's, for life
    listed = accounts.call(
        accounts.officer, "GET", f"/v1/officer/activation-codes?business_number={bn}"
    ).json()
    assert sorted(c["status"] for c in listed) == ["active", "superseded"]


@pytest.mark.parametrize("kind", ["authorization_id", "sum_id"])
def test_an_identifier_drawn_by_two_transactions_at_once_is_given_once(
    accounts: Accounts, kind: str
) -> None:
    first, then = ("QQ0001", "QQ0002") if kind == "authorization_id" else ("SUM0001", "SUM0002")

    async def claim(owner: str, draws: Iterator[str], hold_s: float) -> str:
        async with accounts.sessions.begin() as session:
            identifiers = IdentifierRepository(session)
            draw: Callable[[], str] = lambda: next(draws)  # noqa: E731
            if kind == "authorization_id":
                claimed = await identifiers.authorization_id(owner, draw, datetime.now(UTC))
            else:
                claimed = await identifiers.sum_id(owner, draw)
            await asyncio.sleep(hold_s)  # uncommitted while the other draws the same id
            return claimed

    async def race() -> list[str]:
        holder = asyncio.create_task(claim(new_business_number(), iter([first]), 0.5))
        await asyncio.sleep(0.1)
        second = await claim(new_business_number(), iter([first, then]), 0.0)
        return [await holder, second]

    assert accounts.run(race) == [first, then]


def test_every_wrong_detail_and_every_unknown_user_gets_the_same_answer(accounts: Accounts) -> None:
    owner, proxy, candidate, disabled = (
        Person.make(n) for n in ("owner", "proxy", "candidate", "disabled")
    )
    accounts.publish_users(owner, proxy, candidate)
    accounts.publish_users(disabled, disabled=True)
    account_id = accounts.open_account(owner)["business_account_id"]
    accounts.add_member(owner, account_id, proxy, "proxy_owner")
    path = f"/v1/business-accounts/{account_id}/members"

    def body(person: Person, role: str = "user", **wrong: str) -> dict[str, str]:
        right = {"urn": person.urn, "last_name": person.last_name, "email": person.email}
        return right | wrong | {"role": role}

    refused = [
        accounts.call(owner, "POST", path, b)
        for b in (
            body(candidate, urn=Person.make("nobody").urn),
            body(candidate, last_name="Other"),
            body(candidate, email="other@example.com"),
            body(Person.make("unknown")),
            body(disabled),
        )
    ]
    assert {(r.status_code, r.text) for r in refused} == {(422, refused[0].text)}
    # A proxy owner may not add a proxy owner: said before anyone is looked up, so the answer
    # is the same for a real user and for made-up details.
    not_allowed = [
        accounts.call(proxy, "POST", path, body(candidate, "proxy_owner")),
        accounts.call(proxy, "POST", path, body(Person.make("made-up"), "proxy_owner")),
    ]
    assert {(r.status_code, r.text) for r in not_allowed} == {(403, not_allowed[0].text)}


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("POST", ACTIVATE, b"{not json"),
        ("POST", ACTIVATE, {"business_number": 123}),
        ("POST", CHECK, {"business_number": "123456782RM0001", "activation_code": "A" * 5000}),
        ("POST", CHECK, {"business_number": "123456782RM0001\x00", "activation_code": "AAAA"}),
        ("POST", "/v1/officer/activation-codes", {"business_number": ["x"]}),
        ("GET", "/v1/officer/activation-codes?business_number=" + "9" * 5000, None),
        ("GET", "/v1/officer/business-accounts?business_number=%00", None),
        ("GET", "/v1/officer/business-accounts?authorization_id=A%00", None),
        ("GET", "/v1/business-accounts/" + "x" * 3000, None),
        ("GET", "/v1/business-accounts/acct%00", None),
        ("POST", "/v1/officer/activation-codes/%00/revoke", None),
        (
            "POST",
            "/v1/officer/associations",
            {"exporter_account_id": "a\x00", "csp_account_id": "b"},
        ),
    ],
)
def test_malformed_requests_get_a_clear_4xx(
    accounts: Accounts, method: str, path: str, body: Any
) -> None:
    raw = body if isinstance(body, bytes) else None
    json_body = None if isinstance(body, bytes) else body
    response = accounts.client.request(
        method,
        path,
        headers=accounts.officer.headers() | {"Content-Type": "application/json"},
        content=raw,
        json=json_body,
    )
    assert 400 <= response.status_code < 500, response.text
    assert response.json()["errors"], response.text


def test_text_fields_refuse_control_characters(accounts: Accounts) -> None:
    owner, candidate = Person.make("owner"), Person.make("candidate")
    accounts.publish_users(owner, candidate)
    account_id = accounts.open_account(owner)["business_account_id"]
    bn = new_business_number()
    activation = accounts.activation_body(bn, accounts.issue_code(bn)["activation_code"])
    attempts = [
        (ACTIVATE, "POST", activation | {"legal_name": "Acme\x00"}),
        (f"{ACTIVATE}/{account_id}", "PATCH", {"operating_name": "Acme\x00"}),
        (
            f"{ACTIVATE}/{account_id}",
            "PATCH",
            {
                "address": {
                    "line1": "1\x00",
                    "city": "Halifax",
                    "province": "CA-NS",
                    "country": "CA",
                }
            },
        ),
        (
            f"{ACTIVATE}/{account_id}/members",
            "POST",
            {"urn": f"{candidate.urn}\x00", "last_name": "x", "email": "x@y.ca", "role": "user"},
        ),
    ]
    for path, method, body in attempts:
        response = accounts.call(owner, method, path, body)
        assert response.status_code == 422, (path, response.text)
        assert "control" in response.json()["errors"][0]["code"], response.text
    new_owner = accounts.call(
        accounts.officer,
        "PUT",
        f"/v1/officer/business-accounts/{account_id}/owner",
        {"urn": f"{candidate.urn}\x00"},
    )
    assert new_owner.status_code == 422, new_owner.text
