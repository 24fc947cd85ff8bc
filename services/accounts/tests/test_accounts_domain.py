"""The accounts domain without I/O: identifiers, codes, lockout, the member rules, events."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from cers_accounts.domain.activation import (
    ActivationCode,
    CodeStatus,
    locked_until,
    new_code_text,
    normalize_code,
)
from cers_accounts.domain.business_number import parse_business_number
from cers_accounts.domain.errors import (
    ActivationRefusedError,
    ConflictError,
    ForbiddenError,
    InvalidInputError,
)
from cers_accounts.domain.events import MembershipChanged
from cers_accounts.domain.identifiers import new_authorization_id, new_sum_id
from cers_accounts.domain.information import BusinessInformation
from cers_accounts.domain.model import Actor, BusinessAccount, srp_period
from cers_accounts.domain.users import KnownUser, UserIdentification, identify
from cers_contracts.accounts import Address, Contact, Role
from cers_contracts.authorization import may_manage_member

NOW = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


class LastChoice:
    """A 'random' source that always picks the last symbol (the worst case for AuthIDs)."""

    def choice(self, seq: str) -> str:
        return seq[-1]


def test_business_numbers_are_validated_with_stdnum_and_narrowed_to_rm() -> None:
    assert parse_business_number("12345 6782 RM 0001") == "123456782RM0001"
    for raw, code in [
        ("123456789RM0001", "accounts.business_number.checksum"),
        ("123456782RT0001", "accounts.business_number.program"),
        ("123456782", "accounts.business_number.program"),
        ("12345678RM00011", "accounts.business_number.invalid"),
    ]:
        with pytest.raises(InvalidInputError) as refused:
            parse_business_number(raw)
        assert refused.value.code == code


def test_authorization_ids_never_have_z_as_second_letter() -> None:
    assert new_authorization_id(LastChoice()) == "ZY9999"
    assert all(re.fullmatch(r"[A-Z][A-Y]\d{4}", new_authorization_id()) for _ in range(2000))
    assert re.fullmatch(r"SUM\d{4}", new_sum_id())


def test_codes_are_grouped_for_reading_and_compared_without_grouping_or_case() -> None:
    code = new_code_text()
    assert re.fullmatch(r"[A-HJ-NP-Z2-9]{4}(-[A-HJ-NP-Z2-9]{4}){3}", code)
    assert normalize_code(f" {code.lower()} ") == normalize_code(code.replace("-", " "))
    assert len(normalize_code(code)) == 16


def test_five_failures_within_an_hour_lock_until_the_oldest_is_an_hour_old() -> None:
    failures = [NOW - timedelta(minutes=m) for m in (50, 40, 30, 20)]
    assert locked_until(failures, NOW) is None
    assert locked_until([*failures, NOW], NOW) == NOW + timedelta(minutes=10)
    stale = [NOW - timedelta(minutes=61), *failures]
    assert locked_until(stale, NOW) is None


def issued_code() -> ActivationCode:
    return ActivationCode.issue(
        code_id="c1",
        business_number="123456782RM0001",
        authorization_id="AB1234",
        export_designation="export",
        applicant_email="a@example.com",
        applicant_language="en",
        code_hash="hash",
        issued_by="officer",
        now=NOW,
    )


def test_a_code_lives_90_days_and_is_announced_once_14_days_before() -> None:
    code = issued_code()
    assert code.expires_at == NOW + timedelta(days=90)
    assert not code.needs_expiry_notice(NOW + timedelta(days=75))
    assert code.needs_expiry_notice(NOW + timedelta(days=77))
    code.announce_expiry(NOW + timedelta(days=77))
    assert not code.needs_expiry_notice(NOW + timedelta(days=78))
    refusal = code.refusal(NOW + timedelta(days=90))
    assert refusal is not None
    assert refusal.code == "accounts.activation_code.expired"
    assert code.effective_status(NOW + timedelta(days=90)) == "expired"
    assert [e.kind for e in code.events] == ["issued", "expiring"]


@pytest.mark.parametrize(
    ("end", "code"),
    [
        (lambda c: c.redeem("acct", NOW), "accounts.activation_code.used"),
        (lambda c: c.revoke(NOW), "accounts.activation_code.revoked"),
        (lambda c: c.supersede(NOW), "accounts.activation_code.replaced"),
    ],
)
def test_a_spent_revoked_or_replaced_code_is_refused_and_cannot_end_again(
    end: object, code: str
) -> None:
    activation_code = issued_code()
    end(activation_code)  # type: ignore[operator]
    assert activation_code.status is not CodeStatus.ACTIVE
    refusal = activation_code.refusal(NOW)
    assert refusal is not None
    assert refusal.code == code
    with pytest.raises(ConflictError):
        activation_code.revoke(NOW)
    with pytest.raises(ActivationRefusedError):
        activation_code.redeem("other", NOW)


@pytest.mark.parametrize(
    ("actor", "target", "new", "is_self", "allowed"),
    [
        ("owner", None, "proxy_owner", False, True),
        ("owner", "proxy_owner", "user", False, True),
        ("owner", "proxy_owner", None, False, True),
        ("proxy_owner", None, "user", False, True),
        ("proxy_owner", None, "proxy_owner", False, False),
        ("proxy_owner", "proxy_owner", "user", False, False),
        ("proxy_owner", "proxy_owner", None, False, False),
        ("proxy_owner", "user", "proxy_owner", False, False),
        ("proxy_owner", "user", "browser", False, True),
        ("proxy_owner", "proxy_owner", None, True, True),
        ("owner", "owner", None, True, False),
        ("owner", "user", "owner", False, False),
        ("user", None, "browser", False, False),
        ("browser", "user", None, False, False),
        (None, None, "user", False, False),
    ],
)
def test_who_may_manage_whom(
    actor: str | None, target: str | None, new: str | None, is_self: bool, allowed: bool
) -> None:
    assert (
        may_manage_member(
            actor,  # type: ignore[arg-type]
            target_role=target,  # type: ignore[arg-type]
            new_role=new,  # type: ignore[arg-type]
            is_self=is_self,
        )
        is allowed
    )


def test_srp_approval_runs_two_years_including_its_last_day() -> None:
    assert srp_period(date(2025, 3, 1)) == (date(2025, 3, 1), date(2027, 2, 28))
    assert srp_period(date(2024, 2, 29)) == (date(2024, 2, 29), date(2026, 2, 27))


def user(name: str, *, disabled: bool = False) -> KnownUser:
    return KnownUser(
        name, f"U{name.upper()}", name, "Last", f"{name}@example.com", "en", False, disabled
    )


def named(known: KnownUser) -> UserIdentification:
    return UserIdentification(known.urn, known.last_name, known.email)


def add(acct: BusinessAccount, actor: str, name: str, role: Role) -> None:
    known = user(name)
    acct.add_member(Actor(actor), named(known), known, role, NOW)


def account() -> BusinessAccount:
    info = BusinessInformation(
        legal_name="Acme",
        operating_name=None,
        address=Address(line1="1 Main", city="Ottawa", province="CA-ON", country="CA"),
        contact=Contact(name="Pat", telephone="1", email="pat@example.com"),
    )
    return BusinessAccount.activate(
        business_account_id="acct",
        business_number="123456782RM0001",
        authorization_id="AB1234",
        business_type="exporter",
        information=info,
        owner_user_id="owner",
        owner_urn="U-owner",
        now=NOW,
    )


def test_membership_events_carry_the_member_list_and_version_at_each_change() -> None:
    acct = account()
    owner = Actor("owner")
    add(acct, "owner", "proxy", "proxy_owner")
    add(acct, "proxy", "clerk", "user")
    acct.change_role(Actor("proxy"), "clerk", "browser", NOW)
    acct.delete(owner, NOW)
    changes = [e for e in acct.events if isinstance(e, MembershipChanged)]
    assert [(e.kind, e.user_id, e.version, len(e.members)) for e in changes] == [
        ("added", "owner", 1, 1),
        ("added", "proxy", 2, 2),
        ("added", "clerk", 3, 3),
        ("role_changed", "clerk", 4, 3),
        ("removed", "proxy", 5, 2),
        ("removed", "clerk", 6, 1),
        ("removed", "owner", 7, 0),
    ]


def test_an_unchanged_update_announces_nothing_and_a_browser_may_not_update() -> None:
    acct = account()
    add(acct, "owner", "viewer", "browser")
    acct.events.clear()
    assert acct.update_information(Actor("owner"), acct.information, NOW) == ()
    assert acct.events == []
    with pytest.raises(ForbiddenError):
        acct.update_information(Actor("viewer"), acct.information, NOW)


@pytest.mark.parametrize(
    ("country", "province", "pointer"),
    [
        ("US", "US-ON", "/address/province"),
        ("ZZ", None, "/address/country"),
        ("CA", None, "/address/province"),
    ],
)
def test_addresses_must_name_real_countries_and_provinces(
    country: str, province: str | None, pointer: str
) -> None:
    address = Address(line1="x", city="y", province=province, country=country)
    contact = Contact(name="Pat", telephone="1", email="pat@example.com")
    with pytest.raises(InvalidInputError) as refused:
        BusinessInformation("Acme", None, address, contact).validate()
    assert refused.value.pointer == pointer


@pytest.mark.parametrize(
    ("changes", "pointer", "code"),
    [
        ({"legal_name": " "}, "/legal_name", "accounts.legal_name.required"),
        ({"operating_name": "Acme\x00"}, "/operating_name", "accounts.text.control_characters"),
        ({"address": {"line1": ""}}, "/address/line1", "accounts.address.line1_required"),
        ({"address": {"city": "Hali\nfax"}}, "/address/city", "accounts.text.control_characters"),
        (
            {"contact": {"telephone": " "}},
            "/contact/telephone",
            "accounts.contact.telephone_required",
        ),
    ],
)
def test_business_information_is_plain_text_with_its_mandatory_fields(
    changes: dict[str, object], pointer: str, code: str
) -> None:
    info = account().information
    fields: dict[str, object] = {"legal_name": info.legal_name, "operating_name": None}
    fields["address"] = info.address.model_copy(update=changes.get("address", {}))  # type: ignore[arg-type]
    fields["contact"] = info.contact.model_copy(update=changes.get("contact", {}))  # type: ignore[arg-type]
    fields |= {k: v for k, v in changes.items() if k not in {"address", "contact"}}
    with pytest.raises(InvalidInputError) as refused:
        BusinessInformation(**fields).validate()  # type: ignore[arg-type]
    assert (refused.value.pointer, refused.value.code) == (pointer, code)


def test_a_user_is_identified_by_urn_last_name_and_email_with_one_refusal_for_any_mismatch() -> (
    None
):
    known = user("clerk")
    loose = UserIdentification(
        f" {known.urn[:4].lower()}-{known.urn[4:]} ", " LAST ", known.email.upper()
    )
    assert identify(known, loose) is known
    wrong = [
        (known, replace(named(known), urn="UOTHER")),
        (known, replace(named(known), last_name="Other")),
        (known, replace(named(known), email="other@example.com")),
        (None, named(known)),
        (user("clerk", disabled=True), named(known)),
    ]
    refusals = []
    for candidate, claimed in wrong:
        with pytest.raises(InvalidInputError) as refused:
            identify(candidate, claimed)
        refusals.append((refused.value.code, refused.value.message, refused.value.pointer))
    assert len(set(refusals)) == 1
    assert refusals[0][0] == "accounts.user.not_found_or_mismatch"


def test_the_adders_rights_are_judged_before_the_user_is_looked_at() -> None:
    acct = account()
    add(acct, "owner", "proxy", "proxy_owner")
    stranger = user("stranger")
    for candidate in (stranger, None):  # a real user, then nobody: the same refusal
        with pytest.raises(ForbiddenError) as refused:
            acct.add_member(Actor("proxy"), named(stranger), candidate, "proxy_owner", NOW)
        assert refused.value.code == "accounts.member.proxy_owner_protected"
        with pytest.raises(ForbiddenError) as refused:
            acct.add_member(Actor("nobody"), named(stranger), candidate, "user", NOW)
        assert refused.value.code == "accounts.forbidden"
