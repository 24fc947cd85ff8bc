"""The mandatory profile of a user account and the rule of each field.

``profile_from`` validates a whole profile (account creation); ``changes_from`` validates the
fields of an edit. Both report every broken rule at once, naming the field.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields, replace
from functools import cache
from zoneinfo import available_timezones

from email_validator import EmailNotValidError, validate_email

from cers_identity.domain.errors import InvalidInputError, Problem, problem, raise_if
from cers_identity.domain.text import has_control_characters

NAME_MAX = 100
EMAIL_MAX = 254
TELEPHONE_MIN_DIGITS, TELEPHONE_MAX_DIGITS = 10, 15
TELEPHONE_MAX = 32  # characters, separators and extension included
LANGUAGES = ("en", "fr")
# ASCII digits only (re.ASCII): \d would also take other scripts' digits.
_TELEPHONE = re.compile(r"\+?[\d\s().\-]+(\s*(x|ext\.?)\s*\d{1,6})?", re.IGNORECASE | re.ASCII)


@dataclass(frozen=True)
class Profile:
    """What a user tells about themself; every field is mandatory."""

    first_name: str
    last_name: str
    email: str
    telephone: str
    time_zone: str
    language: str


PROFILE_FIELDS = tuple(f.name for f in fields(Profile))

# A field's check: the cleaned value, or the problem with it.
FieldCheck = Callable[[str, str], "str | Problem"]


def _name(field: str) -> FieldCheck:
    def check(value: str, pointer: str) -> str | Problem:
        name = " ".join(value.split())
        if not name:
            return problem(pointer, f"identity.{field}.required")
        if len(name) > NAME_MAX:
            return problem(pointer, f"identity.{field}.too_long", max=NAME_MAX)
        if has_control_characters(name):
            return problem(pointer, f"identity.{field}.invalid_characters")
        return name

    return check


def _email(value: str, pointer: str) -> str | Problem:
    address = value.strip()
    if not address:
        return problem(pointer, "identity.email.required")
    if len(address) > EMAIL_MAX:
        return problem(pointer, "identity.email.invalid")
    try:
        return validate_email(address, check_deliverability=False).normalized
    except EmailNotValidError:
        return problem(pointer, "identity.email.invalid")


def _telephone(value: str, pointer: str) -> str | Problem:
    number = " ".join(value.split())
    if not number:
        return problem(pointer, "identity.telephone.required")
    if len(number) > TELEPHONE_MAX:
        return problem(pointer, "identity.telephone.too_long", max=TELEPHONE_MAX)
    main = re.split(r"(?i)\s*(?:x|ext\.?)\s*", number)[0]
    digits = sum(c in "0123456789" for c in main)
    if not _TELEPHONE.fullmatch(number) or not (
        TELEPHONE_MIN_DIGITS <= digits <= TELEPHONE_MAX_DIGITS
    ):
        return problem(
            pointer,
            "identity.telephone.invalid",
            min=TELEPHONE_MIN_DIGITS,
            max=TELEPHONE_MAX_DIGITS,
        )
    return number


@cache
def time_zones() -> frozenset[str]:
    """The IANA time zone names (from tzdata)."""
    return frozenset(available_timezones())


def _time_zone(value: str, pointer: str) -> str | Problem:
    zone = value.strip()
    if not zone:
        return problem(pointer, "identity.time_zone.required")
    if zone not in time_zones():
        return problem(pointer, "identity.time_zone.unknown")
    return zone


def _language(value: str, pointer: str) -> str | Problem:
    language = value.strip().lower()
    if language not in LANGUAGES:
        return problem(pointer, "identity.language.invalid")
    return language


CHECKS: dict[str, FieldCheck] = {
    "first_name": _name("first_name"),
    "last_name": _name("last_name"),
    "email": _email,
    "telephone": _telephone,
    "time_zone": _time_zone,
    "language": _language,
}


def _checked(values: Mapping[str, str], prefix: str) -> dict[str, str]:
    cleaned: dict[str, str] = {}
    problems: list[Problem] = []
    for name, value in values.items():
        check = CHECKS.get(name)
        if check is None:
            problems.append(
                problem(f"{prefix}/{name}", "identity.profile.unknown_field", name=name)
            )
            continue
        result = check(value, f"{prefix}/{name}")
        if isinstance(result, Problem):
            problems.append(result)
        else:
            cleaned[name] = result
    raise_if(problems)
    return cleaned


def profile_from(values: Mapping[str, str], prefix: str = "") -> Profile:
    """A valid profile from ``values``; InvalidInputError naming every field that breaks a rule."""
    complete = {name: values.get(name, "") for name in PROFILE_FIELDS} | dict(values)
    return Profile(**_checked(complete, prefix))


def changes_from(current: Profile, values: Mapping[str, str], prefix: str = "") -> dict[str, str]:
    """The fields of ``values`` that differ from ``current``, validated; {} if none differ."""
    if not values:
        raise InvalidInputError(problem(prefix, "identity.profile.no_change"))
    cleaned = _checked(values, prefix)
    return {name: value for name, value in cleaned.items() if getattr(current, name) != value}


def with_changes(current: Profile, changes: Mapping[str, str]) -> Profile:
    """``current`` with ``changes`` applied (already validated by ``changes_from``)."""
    return replace(current, **changes)
