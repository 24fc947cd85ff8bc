"""The Business Number of an export program account: ``999999999RM9999``.

Validated with python-stdnum (check digit and layout), then narrowed to the 15-character form of
the ``RM`` (import-export) program account that CERS requires.
"""

from __future__ import annotations

from stdnum.ca import bn
from stdnum.exceptions import InvalidChecksum, ValidationError

from cers_accounts.domain.errors import InvalidInputError

EXPORT_PROGRAM = "RM"
POINTER = "/business_number"


def parse_business_number(raw: str, *, pointer: str = POINTER) -> str:
    """The Business Number in its compact 15-character form; InvalidInputError naming the rule."""
    try:
        number = bn.validate(raw)
    except InvalidChecksum as error:
        raise InvalidInputError(
            "accounts.business_number.checksum",
            "Business Number: the check digit of the first 9 digits is wrong.",
            pointer=pointer,
        ) from error
    except ValidationError as error:
        raise InvalidInputError(
            "accounts.business_number.invalid",
            "Business Number must be 9 digits, the program identifier RM and 4 digits "
            "(999999999RM9999).",
            pointer=pointer,
        ) from error
    if len(number) != 15 or number[9:11] != EXPORT_PROGRAM:
        raise InvalidInputError(
            "accounts.business_number.program",
            "Business Number must be a 15-character RM (import-export) program account, "
            "e.g. 123456782RM0001.",
            pointer=pointer,
        )
    return number
