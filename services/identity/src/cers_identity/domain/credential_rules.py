"""The local provider's sign-up rules (modelled on GCKey): usernames, passwords, recovery.

Each check returns the problems it finds (empty when the input is fine) so that a form reports
every broken rule at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from cers_identity.domain.errors import Problem, problem
from cers_identity.domain.text import has_control_characters

USERNAME_MIN, USERNAME_MAX = 8, 16
PASSWORD_MIN, PASSWORD_MAX = 12, 128  # the maximum bounds the hashing work an attacker can ask
RECOVERY_COUNT = 3
QUESTION_MAX = 200
ANSWER_MIN, ANSWER_MAX = 2, 100

_USERNAME_CHARACTERS = re.compile(r"[A-Za-z0-9_.\-]+")
_LOOKS_LIKE_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


@dataclass(frozen=True)
class RecoveryAnswer:
    """A recovery question and its answer as the user typed them."""

    question: str
    answer: str


def username_key(username: str) -> str:
    """The form of a username used for uniqueness and look-ups: usernames ignore case."""
    return username.strip().casefold()


def username_problems(username: str, pointer: str = "/username") -> list[Problem]:
    """What is wrong with ``username`` as a new username (uniqueness is checked elsewhere)."""
    name = username.strip()
    if not name:
        return [problem(pointer, "identity.username.required")]
    if _LOOKS_LIKE_EMAIL.fullmatch(name):
        return [problem(pointer, "identity.username.is_email")]
    found = []
    if len(name) < USERNAME_MIN:
        found.append(problem(pointer, "identity.username.too_short", min=USERNAME_MIN))
    if len(name) > USERNAME_MAX:
        found.append(problem(pointer, "identity.username.too_long", max=USERNAME_MAX))
    if not _USERNAME_CHARACTERS.fullmatch(name):
        found.append(problem(pointer, "identity.username.invalid_characters"))
    return found


@cache
def common_passwords() -> frozenset[str]:
    """The bundled list of well-known weak passwords, case-folded."""
    text = files("cers_identity.domain").joinpath("common_passwords.txt").read_text("utf-8")
    lines = (line.strip() for line in text.splitlines())
    return frozenset(line.casefold() for line in lines if line and not line.startswith("#"))


def password_problems(
    password: str,
    confirmation: str,
    username: str,
    *,
    pointer: str = "/password",
    confirmation_pointer: str = "/password_confirmation",
) -> list[Problem]:
    """What is wrong with ``password`` as the new password of ``username``."""
    if not password:
        return [problem(pointer, "identity.password.required")]
    found = []
    if len(password) < PASSWORD_MIN:
        found.append(problem(pointer, "identity.password.too_short", min=PASSWORD_MIN))
    if len(password) > PASSWORD_MAX:
        found.append(problem(pointer, "identity.password.too_long", max=PASSWORD_MAX))
    name = username_key(username)
    if name and name in password.casefold():
        found.append(problem(pointer, "identity.password.contains_username"))
    if _is_common(password):
        found.append(problem(pointer, "identity.password.common"))
    if confirmation != password:
        found.append(problem(confirmation_pointer, "identity.password_confirmation.mismatch"))
    return found


def _is_common(password: str) -> bool:
    # "Password123!" is as weak as "password": also try it without trailing digits and symbols.
    folded = password.casefold()
    stripped = re.sub(r"[\d\W_]+$", "", folded)
    weak = common_passwords()
    return folded in weak or stripped in weak


def normalize_answer(answer: str) -> str:
    """A recovery answer as it is hashed and compared: case and spacing do not matter."""
    return " ".join(answer.casefold().split())


def recovery_problems(answers: list[RecoveryAnswer], pointer: str = "/recovery") -> list[Problem]:
    """What is wrong with the recovery questions and answers of a new credential."""
    if len(answers) != RECOVERY_COUNT:
        return [problem(pointer, "identity.recovery.count", count=RECOVERY_COUNT)]
    found: list[Problem] = []
    seen: set[str] = set()
    for index, item in enumerate(answers):
        at = f"{pointer}/{index}"
        question = " ".join(item.question.split())
        if not question:
            found.append(problem(f"{at}/question", "identity.recovery.question_required"))
        elif len(question) > QUESTION_MAX:
            found.append(
                problem(f"{at}/question", "identity.recovery.question_too_long", max=QUESTION_MAX)
            )
        elif has_control_characters(question):
            found.append(problem(f"{at}/question", "identity.recovery.question_invalid_characters"))
        elif question.casefold() in seen:
            found.append(problem(f"{at}/question", "identity.recovery.question_duplicate"))
        seen.add(question.casefold())
        answer = normalize_answer(item.answer)
        if len(answer) < ANSWER_MIN:
            found.append(
                problem(f"{at}/answer", "identity.recovery.answer_too_short", min=ANSWER_MIN)
            )
        elif len(answer) > ANSWER_MAX:
            found.append(
                problem(f"{at}/answer", "identity.recovery.answer_too_long", max=ANSWER_MAX)
            )
    return found
