"""The local provider's rules for usernames, passwords and recovery questions."""

from __future__ import annotations

import pytest

from cers_identity.domain.credential_rules import (
    RecoveryAnswer,
    common_passwords,
    normalize_answer,
    password_problems,
    recovery_problems,
    username_key,
    username_problems,
)


def codes(problems: list) -> list[str]:  # type: ignore[type-arg]
    return [p.code for p in problems]


@pytest.mark.parametrize("username", ["jdoe_2024", "Ab.cd-ef", "a" * 16, "user.name_01"])
def test_good_usernames_pass(username: str) -> None:
    assert username_problems(username) == []


@pytest.mark.parametrize(
    ("username", "code"),
    [
        ("", "identity.username.required"),
        ("short", "identity.username.too_short"),
        ("a" * 17, "identity.username.too_long"),
        ("has space1", "identity.username.invalid_characters"),
        ("accent-é-name", "identity.username.invalid_characters"),
        ("jo@mail.ca", "identity.username.is_email"),
    ],
)
def test_bad_usernames_name_the_rule(username: str, code: str) -> None:
    found = username_problems(username)
    assert code in codes(found)
    assert all(p.pointer == "/username" for p in found)


def test_usernames_ignore_case() -> None:
    assert username_key(" JDoe_2024 ") == username_key("jdoe_2024")


def test_a_good_password_passes() -> None:
    assert password_problems("Tulip-Harbour-1987", "Tulip-Harbour-1987", "jdoe_2024") == []


@pytest.mark.parametrize(
    ("password", "code"),
    [
        ("", "identity.password.required"),
        ("Sh0rt-pass", "identity.password.too_short"),
        ("x" * 129, "identity.password.too_long"),
        ("my-JDOE_2024-secret", "identity.password.contains_username"),
        ("qwertyuiop", "identity.password.common"),
        ("Password1234", "identity.password.common"),
        ("Canada2024!!!!", "identity.password.common"),
    ],
)
def test_weak_passwords_name_the_rule(password: str, code: str) -> None:
    assert code in codes(password_problems(password, password, "jdoe_2024"))


def test_the_confirmation_must_match() -> None:
    found = password_problems("Tulip-Harbour-1987", "Tulip-Harbour-1988", "jdoe_2024")
    assert [(p.pointer, p.code) for p in found] == [
        ("/password_confirmation", "identity.password_confirmation.mismatch")
    ]


def test_the_common_password_list_is_bundled() -> None:
    assert {"password", "qwerty", "letmein"} <= common_passwords()


def answers(*pairs: tuple[str, str]) -> list[RecoveryAnswer]:
    return [RecoveryAnswer(q, a) for q, a in pairs]


def test_three_distinct_recovery_questions_pass() -> None:
    good = answers(("First pet?", "Rex"), ("Birth town?", "Moose Jaw"), ("Best friend?", "Ann"))
    assert recovery_problems(good) == []


def test_recovery_needs_exactly_three() -> None:
    assert codes(recovery_problems(answers(("q1?", "aa")))) == ["identity.recovery.count"]


def test_recovery_problems_point_at_the_item() -> None:
    bad = answers(("First pet?", "R"), ("first  PET?", "Rex"), ("", "Ann"))
    found = {(p.pointer, p.code) for p in recovery_problems(bad)}
    assert found == {
        ("/recovery/0/answer", "identity.recovery.answer_too_short"),
        ("/recovery/1/question", "identity.recovery.question_duplicate"),
        ("/recovery/2/question", "identity.recovery.question_required"),
    }


def test_recovery_questions_are_shown_back_so_they_hold_no_control_characters() -> None:
    bad = answers(("First pet?", "Rex"), ("Birth\x1btown?", "Moose Jaw"), ("Best friend?", "Ann"))
    assert [(p.pointer, p.code) for p in recovery_problems(bad)] == [
        ("/recovery/1/question", "identity.recovery.question_invalid_characters")
    ]


def test_recovery_answers_ignore_case_and_spacing() -> None:
    assert normalize_answer("  Moose   JAW ") == normalize_answer("moose jaw")
