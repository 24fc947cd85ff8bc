"""Activation codes against a movable clock: lockout after failed attempts, expiry, the expiry
notice, revoked, replaced, reused and wrong codes, and what an officer may issue a code for."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import select

from cers_accounts.adapters.tables import activation_attempts
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
CHECK = "/v1/business-accounts/activation/check"


@pytest.fixture(scope="module")
def applicant(accounts: Accounts) -> Person:
    person = Person.make("applicant")
    accounts.publish_users(person)
    return person


def error_code(response: object) -> str:
    code: str = response.json()["errors"][0]["code"]  # type: ignore[attr-defined]
    return code


def audited(accounts: Accounts, bn: str) -> list[tuple[str, bool]]:
    async def read() -> list[tuple[str, bool]]:
        async with accounts.sessions() as session:
            rows = await session.execute(
                select(activation_attempts.c.outcome, activation_attempts.c.failure)
                .where(activation_attempts.c.business_number == bn)
                .order_by(activation_attempts.c.id)
            )
            return [(r.outcome, r.failure) for r in rows]

    return accounts.run(read)


def test_five_failures_lock_the_business_number_for_the_rest_of_the_hour(
    accounts: Accounts, applicant: Person
) -> None:
    bn = new_business_number()
    code = accounts.issue_code(bn)["activation_code"]
    for _ in range(5):
        wrong = accounts.call(
            applicant,
            "POST",
            CHECK,
            {"business_number": bn, "activation_code": "AAAA-BBBB-CCCC-DDDD"},
        )
        assert (wrong.status_code, error_code(wrong)) == (422, "accounts.activation_code.wrong")

    locked = accounts.call(
        applicant, "POST", CHECK, {"business_number": bn, "activation_code": code}
    )
    assert (locked.status_code, error_code(locked)) == (429, "accounts.activation.locked")
    problem = locked.json()["errors"][0]
    assert "Try again after" in problem["message"]
    assert 3000 < int(locked.headers["Retry-After"]) <= 3600
    assert problem["params"]["retry_at"]
    confirm = accounts.activation_body(bn, code)
    assert accounts.call(applicant, "POST", "/v1/business-accounts", confirm).status_code == 429
    assert audited(accounts, bn) == [("accounts.activation_code.wrong", True)] * 5 + [
        ("locked", False),
        ("locked", False),
    ]

    accounts.clock.advance(timedelta(minutes=61))
    opened = accounts.call(
        applicant, "POST", CHECK, {"business_number": bn, "activation_code": code}
    )
    assert opened.status_code == 200, opened.text


def test_expired_revoked_replaced_reused_and_wrong_codes_are_told_apart(
    accounts: Accounts, applicant: Person
) -> None:
    def check(bn: str, code: str) -> str:
        response = accounts.call(
            applicant, "POST", CHECK, {"business_number": bn, "activation_code": code}
        )
        assert response.status_code == 422, response.text
        return error_code(response)

    expiring_bn = new_business_number()
    expiring = accounts.issue_code(expiring_bn)["activation_code"]
    revoked_bn = new_business_number()
    revoked = accounts.issue_code(revoked_bn)
    answer = accounts.call(
        accounts.officer, "POST", f"/v1/officer/activation-codes/{revoked['code_id']}/revoke"
    )
    assert answer.json()["status"] == "revoked"
    replaced_bn = new_business_number()
    first = accounts.issue_code(replaced_bn)
    second = accounts.call(
        accounts.officer, "POST", f"/v1/officer/activation-codes/{first['code_id']}/reissue"
    ).json()
    assert second["authorization_id"] == first["authorization_id"]
    used_bn = new_business_number()
    used = accounts.issue_code(used_bn)["activation_code"]
    confirm = accounts.activation_body(used_bn, used)
    assert accounts.call(applicant, "POST", "/v1/business-accounts", confirm).status_code == 201

    assert check(revoked_bn, revoked["activation_code"]) == "accounts.activation_code.revoked"
    assert check(replaced_bn, first["activation_code"]) == "accounts.activation_code.replaced"
    assert check(used_bn, used) == "accounts.activation_code.used"
    assert check(replaced_bn, "ZZZZ-ZZZZ-ZZZZ-ZZZZ") == "accounts.activation_code.wrong"
    assert check(new_business_number(), "ZZZZ-ZZZZ-ZZZZ-ZZZZ") == "accounts.activation_code.wrong"
    ok = accounts.call(
        applicant,
        "POST",
        CHECK,
        {"business_number": replaced_bn, "activation_code": second["activation_code"]},
    )
    assert ok.status_code == 200

    accounts.clock.advance(timedelta(days=89, hours=23))
    still_valid = accounts.call(
        applicant, "POST", CHECK, {"business_number": expiring_bn, "activation_code": expiring}
    )
    assert still_valid.status_code == 200, still_valid.text
    accounts.clock.advance(timedelta(hours=1, minutes=1))
    assert check(expiring_bn, expiring) == "accounts.activation_code.expired"
    listed = accounts.call(
        accounts.officer, "GET", f"/v1/officer/activation-codes?business_number={expiring_bn}"
    )
    assert [c["status"] for c in listed.json()] == ["expired"]
    reissued = accounts.call(
        accounts.officer,
        "POST",
        f"/v1/officer/activation-codes/{listed.json()[0]['code_id']}/reissue",
    )
    assert reissued.status_code == 201  # an expired code can be replaced by a fresh one


def test_the_applicant_is_told_once_when_an_unused_code_will_soon_expire(
    accounts: Accounts,
) -> None:
    bn = new_business_number()
    since = topic_end(accounts.bootstrap, "accounts.activation-code.v1")
    issued = accounts.issue_code(bn, applicant_email="someone@example.com", applicant_language="fr")
    accounts.clock.advance(timedelta(days=77))  # 13 days before expiry
    records = read_since(accounts.bootstrap, since, keyed(bn), 3, timeout_s=3.0)
    assert [event_type(r) for r in records] == [
        "activation-code.issued",
        "activation-code.expiring",
    ]
    notice = json.loads(records[1].value)
    assert (notice["code_id"], notice["applicant_email"], notice["applicant_language"]) == (
        issued["code_id"],
        "someone@example.com",
        "fr",
    )


@pytest.mark.parametrize(
    ("business_number", "code"),
    [
        ("123456789RM0001", "accounts.business_number.checksum"),
        ("123456782RC0001", "accounts.business_number.program"),
        ("123456782", "accounts.business_number.program"),
        ("12345678RM0001", "accounts.business_number.invalid"),
    ],
)
def test_a_code_needs_a_valid_export_program_business_number(
    accounts: Accounts, business_number: str, code: str
) -> None:
    body = {
        "business_number": business_number,
        "export_designation": "export",
        "applicant_email": "a@example.com",
    }
    refused = accounts.call(accounts.officer, "POST", "/v1/officer/activation-codes", body)
    assert refused.status_code == 422
    assert (refused.json()["errors"][0]["code"], refused.json()["errors"][0]["pointer"]) == (
        code,
        "/business_number",
    )


def test_a_code_needs_an_export_designation(accounts: Accounts) -> None:
    body = {
        "business_number": new_business_number(),
        "export_designation": "import",
        "applicant_email": "a@example.com",
    }
    refused = accounts.call(accounts.officer, "POST", "/v1/officer/activation-codes", body)
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["pointer"] == "/export_designation"


def test_no_code_for_a_business_number_that_already_has_an_account(
    accounts: Accounts, applicant: Person
) -> None:
    opened = accounts.open_account(applicant)
    body = {
        "business_number": opened["business_number"],
        "export_designation": "export",
        "applicant_email": "a@example.com",
    }
    refused = accounts.call(accounts.officer, "POST", "/v1/officer/activation-codes", body)
    assert refused.status_code == 409
    assert refused.json()["errors"][0]["code"] == "accounts.business_number.already_activated"
