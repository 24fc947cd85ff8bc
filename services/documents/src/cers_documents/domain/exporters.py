"""The exporter a declaration is filed for, from the business account accounts described."""

from __future__ import annotations

from dataclasses import dataclass

from cers_contracts.accounts import Address
from cers_contracts.documents import Exporter
from cers_documents.domain.errors import InvalidRequestError


@dataclass(frozen=True)
class KnownAccount:
    """A business account as the documents service's replica knows it."""

    business_account_id: str
    business_number: str
    authorization_id: str
    business_type: str
    name: str
    address: Address | None
    deleted: bool

    def as_exporter(self) -> Exporter:
        """The exporter of a declaration filed now; refused unless a live exporter's account."""
        if self.deleted:
            raise InvalidRequestError(
                "",
                "documents.exporter.deleted",
                "The business account has been deleted: it cannot report exports.",
            )
        if self.business_type != "exporter":
            raise InvalidRequestError(
                "",
                "documents.exporter.not_exporter",
                "Declarations are filed for an exporter's business account, not a customs "
                "service provider's; file with the exporter's Business Number.",
            )
        return Exporter(
            business_account_id=self.business_account_id,
            business_number=self.business_number,
            authorization_id=self.authorization_id,
            name=self.name,
            address=self.address,
        )
