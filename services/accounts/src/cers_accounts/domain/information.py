"""Business information (names, address, contact) and its rules."""

from __future__ import annotations

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

    def __post_init__(self) -> None:
        if not self.legal_name.strip():
            raise InvalidInputError(
                "accounts.legal_name.required", "Legal name is mandatory.", pointer="/legal_name"
            )
        check_address(self.address)


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
