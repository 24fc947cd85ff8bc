"""Business information (names, address, contact) and its rules."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pycountry

from cers_accounts.domain.errors import InvalidInputError
from cers_contracts.accounts import Address, Contact


@dataclass(frozen=True)
class BusinessInformation:
    """What the owner states about the business and may later update."""

    legal_name: str
    operating_name: str | None
    address: Address
    contact: Contact

    def validate(self) -> None:
        """InvalidInputError naming the first field that breaks a rule. Checked when the
        information is entered or changed, not when a stored account is loaded."""
        texts = self._texts()
        for pointer, text in texts.items():
            check_plain_text(text, pointer=pointer)
        for pointer, (code, words) in MANDATORY.items():
            if not texts.get(pointer, "").strip():
                raise InvalidInputError(code, f"{words} is mandatory.", pointer=pointer)
        check_address(self.address)

    def _texts(self) -> dict[str, str]:
        """Every text given, by its JSON pointer in the request."""
        fields: dict[str, object] = {
            "legal_name": self.legal_name,
            "operating_name": self.operating_name,
        }
        fields |= {f"address/{k}": v for k, v in self.address.model_dump().items()}
        fields |= {f"contact/{k}": v for k, v in self.contact.model_dump().items()}
        return {f"/{name}": str(value) for name, value in fields.items() if value is not None}


MANDATORY = {
    "/legal_name": ("accounts.legal_name.required", "Legal name"),
    "/address/line1": ("accounts.address.line1_required", "Address line 1"),
    "/address/city": ("accounts.address.city_required", "City"),
    "/contact/name": ("accounts.contact.name_required", "Contact name"),
    "/contact/telephone": ("accounts.contact.telephone_required", "Contact telephone"),
}
"""What the business information must always say: pointer -> (message key, field in words)."""

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def is_plain_text(text: str) -> bool:
    """No control characters (NUL, line breaks, tabs...): a name, an address line or an id is
    one line of printable text (and PostgreSQL refuses NUL anyway)."""
    return _CONTROL.search(text) is None


def check_plain_text(text: str, *, pointer: str) -> None:
    """InvalidInputError at ``pointer`` unless ``text`` is plain text."""
    if not is_plain_text(text):
        raise InvalidInputError(
            "accounts.text.control_characters",
            f"{pointer.rsplit('/', 1)[-1].replace('_', ' ').capitalize()} must not contain "
            "control characters (such as line breaks, tabs or NUL).",
            pointer=pointer,
        )


def check_address(address: Address, *, pointer: str = "/address") -> None:
    """Country (ISO 3166-1) and province (ISO 3166-2, within that country) must exist."""
    if pycountry.countries.get(alpha_2=address.country.upper()) is None:
        raise InvalidInputError(
            "accounts.address.country_unknown",
            f"Country {address.country!r} is not an ISO 3166-1 alpha-2 country code.",
            pointer=f"{pointer}/country",
        )
    if address.province is None:
        if address.country.upper() == "CA":
            raise InvalidInputError(
                "accounts.address.province_required",
                "Province is mandatory for a Canadian address (e.g. CA-ON).",
                pointer=f"{pointer}/province",
            )
        return
    subdivision = pycountry.subdivisions.get(code=address.province.upper())  # type: ignore[no-untyped-call]
    if subdivision is None or subdivision.country_code != address.country.upper():
        raise InvalidInputError(
            "accounts.address.province_unknown",
            f"Province {address.province!r} is not a subdivision of {address.country} "
            "(ISO 3166-2, e.g. CA-ON).",
            pointer=f"{pointer}/province",
        )
