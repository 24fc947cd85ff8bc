"""The pure model: profile rules, sessions, throttling, terms, confirmation links, transfers."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from cers_identity.domain.catalog import CATALOG, english
from cers_identity.domain.credentials import Credential, check_transfer
from cers_identity.domain.email_confirmation import VALIDITY, EmailConfirmation
from cers_identity.domain.errors import (
    ConflictError,
    GoneError,
    InvalidInputError,
    UnauthenticatedError,
)
from cers_identity.domain.profile import Profile, changes_from, profile_from
from cers_identity.domain.providers import Provider
from cers_identity.domain.sessions import (
    EndReason,
    Session,
    SessionPolicy,
    SessionState,
    session_state,
)
from cers_identity.domain.terms import Terms, check_acceptance
from cers_identity.domain.throttle import ThrottlePolicy
from cers_identity.domain.users import disable_reason

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
GOOD = {
    "first_name": " Jeanne ",
    "last_name": "Tremblay",
    "email": "Jeanne.Tremblay@Example.CA",
    "telephone": "+1 (613) 555-0199 x12",
    "time_zone": "America/Toronto",
    "language": "FR",
}


def test_a_complete_profile_is_cleaned() -> None:
    profile = profile_from(GOOD)
    assert profile.first_name == "Jeanne"
    assert profile.email == "Jeanne.Tremblay@example.ca"
    assert profile.language == "fr"


def test_every_broken_profile_rule_is_reported_at_once() -> None:
    bad = GOOD | {
        "first_name": "",
        "email": "not-an-email",
        "telephone": "12345",
        "time_zone": "Mars/Olympus",
        "language": "de",
    }
    with pytest.raises(InvalidInputError) as caught:
        profile_from(bad, prefix="/profile")
    assert {(p.pointer, p.code) for p in caught.value.problems} == {
        ("/profile/first_name", "identity.first_name.required"),
        ("/profile/email", "identity.email.invalid"),
        ("/profile/telephone", "identity.telephone.invalid"),
        ("/profile/time_zone", "identity.time_zone.unknown"),
        ("/profile/language", "identity.language.invalid"),
    }


def test_a_telephone_number_fits_in_32_characters() -> None:
    padded = "613" + "-" * 30 + "5550199"  # ten digits, but too long to store or publish
    with pytest.raises(InvalidInputError, match=r"identity.telephone.too_long"):
        profile_from(GOOD | {"telephone": padded})


def test_a_telephone_number_is_written_in_ascii_digits() -> None:
    arabic_indic = "\u0666\u0661\u0663 \u0665\u0665\u0665 \u0660\u0661\u0669\u0669"
    with pytest.raises(InvalidInputError, match=r"identity.telephone.invalid"):
        profile_from(GOOD | {"telephone": arabic_indic})


def test_missing_profile_fields_are_mandatory() -> None:
    with pytest.raises(InvalidInputError) as caught:
        profile_from({"first_name": "Jeanne"})
    assert "identity.last_name.required" in {p.code for p in caught.value.problems}


def test_an_edit_names_only_the_fields_that_change() -> None:
    current = profile_from(GOOD)
    changes = changes_from(current, {"first_name": "Jeanne", "telephone": "613-555-0100"})
    assert changes == {"telephone": "613-555-0100"}


def test_an_edit_refuses_unknown_fields_and_empty_edits() -> None:
    current = profile_from(GOOD)
    with pytest.raises(InvalidInputError, match=r"identity.profile.unknown_field"):
        changes_from(current, {"urn": "U123"})
    with pytest.raises(InvalidInputError, match=r"identity.profile.no_change"):
        changes_from(current, {})


def session(**changes: object) -> Session:
    return Session("ref", "cred", None, NOW, NOW, **changes)  # type: ignore[arg-type]


def test_a_session_times_out_when_idle_or_too_old() -> None:
    policy = SessionPolicy()
    fresh = session()
    assert fresh.timeout_at(NOW + timedelta(minutes=19), policy) is None
    assert fresh.timeout_at(NOW + timedelta(minutes=20), policy) == EndReason.IDLE_TIMEOUT
    busy = Session("ref", "cred", None, NOW, NOW + timedelta(hours=7, minutes=59))
    assert busy.timeout_at(NOW + timedelta(hours=8), policy) == EndReason.ABSOLUTE_TIMEOUT
    assert busy.idle_expires_at(policy) == NOW + timedelta(hours=8)


def test_a_session_keeps_its_first_end_reason() -> None:
    ended = session()
    ended.end(NOW, EndReason.SIGNED_OUT)
    ended.end(NOW + timedelta(minutes=1), EndReason.IDLE_TIMEOUT)
    assert (ended.ended_at, ended.end_reason) == (NOW, EndReason.SIGNED_OUT)


@pytest.mark.parametrize(
    ("has_user", "accepted", "state"),
    [
        (False, None, SessionState.NEEDS_TERMS),
        (False, 2, SessionState.NEEDS_USER_ACCOUNT),
        (True, 1, SessionState.NEEDS_TERMS),
        (True, 2, SessionState.ACTIVE),
    ],
)
def test_session_state_follows_terms_then_user_account(
    has_user: bool, accepted: int | None, state: SessionState
) -> None:
    assert session_state(has_user=has_user, accepted_terms=accepted, current_terms=2) == state


def test_five_failures_in_the_window_lock_for_fifteen_minutes() -> None:
    policy = ThrottlePolicy()
    failures = [NOW + timedelta(minutes=m) for m in (0, 3, 6, 9, 12)]
    assert policy.locked_until(failures[:4], NOW + timedelta(minutes=12)) is None
    locked = policy.locked_until(failures, NOW + timedelta(minutes=12))
    assert locked == NOW + timedelta(minutes=27)
    assert policy.locked_until(failures, NOW + timedelta(minutes=27)) is None


def test_failures_spread_over_more_than_the_window_do_not_lock() -> None:
    failures = [NOW + timedelta(minutes=4 * m) for m in range(5)]  # 16 minutes apart end to end
    assert ThrottlePolicy().locked_until(failures, failures[-1]) is None


def test_only_the_current_terms_can_be_accepted() -> None:
    current = Terms(2, "en", "fr", NOW)
    check_acceptance(2, current)
    with pytest.raises(InvalidInputError, match=r"identity.terms.not_current"):
        check_acceptance(1, current)


def confirmation() -> EmailConfirmation:
    return EmailConfirmation("hash", "user", "a@example.ca", NOW + VALIDITY)


def test_a_confirmation_link_works_once() -> None:
    link = confirmation()
    link.use(NOW, "a@example.ca")
    with pytest.raises(GoneError, match=r"identity.email_confirmation.used"):
        link.use(NOW, "a@example.ca")


def test_a_confirmation_link_expires_after_24_hours() -> None:
    with pytest.raises(GoneError, match=r"identity.email_confirmation.expired"):
        confirmation().use(NOW + VALIDITY, "a@example.ca")


def test_a_confirmation_link_for_an_old_address_is_refused() -> None:
    with pytest.raises(GoneError, match=r"identity.email_confirmation.superseded"):
        confirmation().use(NOW, "new@example.ca")


def credential(provider: Provider, user_id: str | None) -> Credential:
    return Credential("c-" + provider, provider, "sub", None, user_id, None, NOW)


def test_a_transfer_goes_from_a_user_credential_to_a_free_one_at_the_other_provider() -> None:
    check_transfer(credential(Provider.GCKEY, "u1"), credential(Provider.SIGN_IN_PARTNER, None))
    with pytest.raises(ConflictError, match=r"identity.transfer.same_provider"):
        check_transfer(credential(Provider.GCKEY, "u1"), credential(Provider.GCKEY, None))
    with pytest.raises(ConflictError, match=r"identity.transfer.target_has_user"):
        check_transfer(credential(Provider.GCKEY, "u1"), credential(Provider.SIGN_IN_PARTNER, "u2"))
    with pytest.raises(ConflictError, match=r"identity.transfer.source_has_no_user"):
        check_transfer(credential(Provider.GCKEY, None), credential(Provider.SIGN_IN_PARTNER, None))


def test_a_disabled_credential_cannot_take_part_in_a_transfer() -> None:
    old = credential(Provider.GCKEY, "u1")
    old.disable(NOW)
    with pytest.raises(UnauthenticatedError, match=r"identity.credential.disabled"):
        check_transfer(old, credential(Provider.SIGN_IN_PARTNER, None))


def test_a_user_is_disabled_for_a_stated_reason_of_bounded_length() -> None:
    assert disable_reason("  left   the company ") == "left the company"
    with pytest.raises(InvalidInputError, match=r"identity.reason.required"):
        disable_reason("   ")
    with pytest.raises(InvalidInputError, match=r"identity.reason.too_long"):
        disable_reason("x" * 501)


def test_every_catalog_entry_has_english_and_french_with_the_same_params() -> None:
    import string

    for code, (en, fr) in CATALOG.items():
        own_key = code.startswith("identity.") and code.count(".") == 2
        assert own_key or code == "field.string_nul", code
        names_en = {n for _, n, _, _ in string.Formatter().parse(en) if n}
        names_fr = {n for _, n, _, _ in string.Formatter().parse(fr) if n}
        assert names_en == names_fr, code
        params = dict.fromkeys(names_en, "1")
        assert english(code, params) and fr.format(**params)


def test_profile_is_a_plain_value() -> None:
    assert profile_from(GOOD) == Profile(
        "Jeanne",
        "Tremblay",
        "Jeanne.Tremblay@example.ca",
        "+1 (613) 555-0199 x12",
        "America/Toronto",
        "fr",
    )
