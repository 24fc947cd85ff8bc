"""Messages and data of the documents service: export declarations.

Topics:

- ``documents.declaration.v1`` (key: the exporter's business account id): reported, amended, void
  requested, voided, and draft expiring. Each reporting event carries the full declaration
  version, so that downstream CBSA systems never call back.
- ``documents.declaration-command.v1`` (key: the exporter's business account id): commands from
  the bulk service to validate or submit one declaration, each with an idempotency key.
- ``documents.declaration-result.v1`` (key: the exporter's business account id): one reply per
  command, correlated by its idempotency key, with the Proof of Report or the findings.

``DeclarationContent`` is what a filer writes; it is also the body of the documents service's HTTP
API. A draft may be incomplete, so every field a declaration needs is optional here: the rule
engine (not the schema) says what is missing, as graded findings with JSON pointers. Wrong types,
oversize strings and more than 999 commodity lines are schema errors. Unknown fields are ignored
by consumers (additive changes stay on v1); an API validating a filer's input passes the context
``{"reject_unknown_fields": True}`` so that a misspelt field is an error, not silently lost.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any, ClassVar, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, ValidationInfo, model_validator

from cers_contracts.accounts import Address
from cers_contracts.message import Message

MAX_COMMODITY_LINES = 999
MAX_REPEATS = 999
"""Most permits, containers or exporter reference numbers on one declaration (bulk record limit)."""

Severity = Literal["error", "warning", "info"]
DeclarationStatus = Literal["original", "amended", "void_requested", "voided"]
"""Statuses of a submitted declaration (a draft is not reported and has no status)."""

Money = Decimal
_TEXT = 200


class _Content(BaseModel):
    """A part of a declaration: unknown fields ignored, or refused when the caller asks."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    @model_validator(mode="before")
    @classmethod
    def _refuse_unknown_fields(cls, data: Any, info: ValidationInfo) -> Any:
        context = info.context or {}
        if context.get("reject_unknown_fields") and isinstance(data, dict):
            known = {field.alias or name for name, field in cls.model_fields.items()}
            unknown = sorted(set(data) - known)
            if unknown:
                raise ValueError(f"unknown field(s): {', '.join(unknown)}")
        return data


class PartyAddress(_Content):
    """A consignee's or service provider's postal address as the filer writes it: every part
    optional like the rest of a draft (the rule engine says which parts a submission needs).

    The parts are those of the accounts service's ``Address`` (which an exporter's address is);
    this one may be incomplete and refuses unknown fields when the caller asks.
    """

    line1: str | None = Field(default=None, max_length=200)
    line2: str | None = Field(default=None, max_length=200)
    city: str | None = Field(default=None, max_length=100)
    province: str | None = Field(
        default=None, max_length=6, description="ISO 3166-2 subdivision, e.g. CA-ON."
    )
    postal_code: str | None = Field(default=None, max_length=16)
    country: str | None = Field(default=None, max_length=2, description="ISO 3166-1 alpha-2.")


class Party(_Content):
    """A consignee or service provider: name and address."""

    name: str | None = Field(default=None, max_length=_TEXT)
    address: PartyAddress | None = None


class ServiceProvider(Party):
    """The customs service provider preparing the declaration, when there is one."""

    business_number: str | None = Field(default=None, max_length=15)


class Permit(_Content):
    """An export permit or certificate (e.g. Global Affairs Canada export permit)."""

    number: str | None = Field(default=None, max_length=35)
    issuing_authority: str | None = Field(default=None, max_length=_TEXT)


class CommodityLine(_Content):
    """One commodity line of a declaration."""

    export_hs_code: str | None = Field(
        default=None, max_length=16, description="8 digits: HS6 + 2 national digits."
    )
    description: str | None = Field(default=None, max_length=_TEXT)
    quantity: Decimal | None = Field(default=None, max_digits=18, decimal_places=3)
    quantity_uom: str | None = Field(default=None, max_length=8)
    value_fob: Money | None = Field(
        default=None, max_digits=18, decimal_places=2, description="In the declared currency."
    )
    gross_weight: Decimal | None = Field(default=None, max_digits=18, decimal_places=3)
    weight_uom: str | None = Field(default=None, max_length=8)
    country_of_origin: str | None = Field(default=None, max_length=2, description="ISO alpha-2.")
    province_of_origin: str | None = Field(
        default=None, max_length=6, description="ISO 3166-2, e.g. CA-ON (Canadian goods)."
    )
    controlled: bool = Field(
        default=False,
        description="Controlled or restricted goods (e.g. Export Control List): always reported "
        "and need a permit.",
    )


class DeclarationContent(_Content):
    """An export declaration as the filer writes it (draft or submission)."""

    consignee: Party | None = None
    service_provider: ServiceProvider | None = None
    export_reason: str | None = Field(default=None, max_length=8)
    mode_of_transport: str | None = Field(default=None, max_length=8)
    port_of_exit: str | None = Field(default=None, max_length=8)
    country_of_final_destination: str | None = Field(default=None, max_length=2)
    estimated_export_at: AwareDatetime | None = Field(
        default=None, description="Estimated date and time of export (of loading, for marine)."
    )
    carrier_name: str | None = Field(default=None, max_length=_TEXT)
    vessel_name: str | None = Field(default=None, max_length=_TEXT)
    containerized: bool = False
    container_numbers: list[str] = Field(default_factory=list, max_length=MAX_REPEATS)
    permits: list[Permit] = Field(default_factory=list, max_length=MAX_REPEATS)
    exporter_reference_numbers: list[str] = Field(default_factory=list, max_length=MAX_REPEATS)
    related_party: bool | None = None
    currency: str | None = Field(default=None, max_length=3, description="ISO 4217.")
    domestic_freight: Money | None = Field(default=None, max_digits=18, decimal_places=2)
    lines: list[CommodityLine] = Field(default_factory=list, max_length=MAX_COMMODITY_LINES)


class Finding(BaseModel):
    """One result of the rule engine about one field."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    severity: Severity
    code: str = Field(description="Stable message key, e.g. documents.port_of_exit.mandatory.")
    pointer: str = Field(description="JSON pointer into the declaration, e.g. /lines/0/quantity.")
    message: str = Field(description="English text; the key gives the French.")
    params: dict[str, str] = Field(default_factory=dict)


class Exporter(BaseModel):
    """The exporter a declaration is for, as the business account was when it was filed."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    business_account_id: str
    business_number: str
    authorization_id: str
    name: str
    address: Address | None = None


class Filer(BaseModel):
    """Who filed a version: the user, and the CSP account they acted through, if any."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    user_id: str
    urn: str | None = None
    through_account_id: str | None = Field(
        default=None, description="The CSP account of a service provider filing for the exporter."
    )


class FieldChange(BaseModel):
    """One field that an amendment changed."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    pointer: str
    before: Any = None
    after: Any = None


class DeclarationVersion(BaseModel):
    """One reported version of a declaration, complete: what downstream systems keep."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    declaration_id: str
    proof_of_report: str = Field(min_length=15, max_length=25)
    version: int = Field(ge=1)
    status: DeclarationStatus
    exporter: Exporter
    filer: Filer
    content: DeclarationContent
    findings: list[Finding] = Field(
        default_factory=list, description="The warnings and infos the version was reported with."
    )
    reported_at: datetime = Field(description="When this version was submitted.")
    amendment_reason: str | None = None
    changes: list[FieldChange] = Field(default_factory=list)


class DeclarationEvent(Message):
    """Something that happened to a reported declaration; carries the version it concerns."""

    key_field: ClassVar[str] = "business_account_id"

    business_account_id: str
    declaration_id: str
    proof_of_report: str
    declaration: DeclarationVersion
    actor_user_id: str
    occurred_at: datetime


class DeclarationReported(DeclarationEvent):
    """A declaration was submitted and got its Proof of Report (status Original)."""

    ce_type: ClassVar[str] = "ca.cbsa.cers.documents.declaration.reported.v1"


class DeclarationAmended(DeclarationEvent):
    """A new version of a reported declaration (status Amended; same Proof of Report)."""

    ce_type: ClassVar[str] = "ca.cbsa.cers.documents.declaration.amended.v1"


class DeclarationVoidRequested(DeclarationEvent):
    """A filer asked for the declaration to be voided; it is processed asynchronously."""

    ce_type: ClassVar[str] = "ca.cbsa.cers.documents.declaration.void-requested.v1"

    reason: str | None = Field(default=None, max_length=500)


class DeclarationVoided(DeclarationEvent):
    """The void request was processed: the declaration no longer counts as reported."""

    ce_type: ClassVar[str] = "ca.cbsa.cers.documents.declaration.voided.v1"


class DraftExpiring(Message):
    """A draft unchanged for 25 days will be deleted in 5: its author may extend it."""

    ce_type: ClassVar[str] = "ca.cbsa.cers.documents.declaration.draft-expiring.v1"
    key_field: ClassVar[str] = "business_account_id"

    business_account_id: str
    draft_id: str
    author_user_id: str
    exporter_reference_numbers: list[str] = Field(default_factory=list)
    expires_at: datetime
    occurred_at: datetime


DECLARATION_EVENTS: tuple[type[Message], ...] = (
    DeclarationReported,
    DeclarationAmended,
    DeclarationVoidRequested,
    DeclarationVoided,
    DraftExpiring,
)


class DeclarationCommand(Message):
    """A command from another service (bulk) about one declaration, idempotent by its key.

    The documents service decides authorization for ``user_id`` as for an HTTP call, and answers
    with one ``DeclarationCommandCompleted`` carrying the same ``idempotency_key``; a command
    delivered twice gets the first answer again, never a second Proof of Report.
    """

    key_field: ClassVar[str] = "business_account_id"

    business_account_id: str = Field(description="The exporter the declaration is for.")
    idempotency_key: str = Field(min_length=1, max_length=128)
    user_id: str
    content: DeclarationContent
    correlation: dict[str, str] = Field(
        default_factory=dict,
        description="Opaque to documents, echoed in the reply (e.g. bulk file and record ids).",
    )
    occurred_at: datetime


class ValidateDeclaration(DeclarationCommand):
    """Run the rule engine on a declaration; report nothing."""

    ce_type: ClassVar[str] = "ca.cbsa.cers.documents.declaration-command.validate.v1"


class SubmitDeclaration(DeclarationCommand):
    """Submit a declaration: a Proof of Report, or the findings that block it."""

    ce_type: ClassVar[str] = "ca.cbsa.cers.documents.declaration-command.submit.v1"


CommandOutcome = Literal["valid", "invalid", "reported", "rejected", "refused"]
"""valid/invalid answer a validation; reported/rejected a submission (rejected: it has errors);
refused: the user may not file for the account, or the account is unknown."""


class DeclarationCommandCompleted(Message):
    """The answer to one declaration command."""

    ce_type: ClassVar[str] = "ca.cbsa.cers.documents.declaration-result.completed.v1"
    key_field: ClassVar[str] = "business_account_id"

    business_account_id: str
    idempotency_key: str
    command_type: str = Field(description="The ce_type of the command answered.")
    outcome: CommandOutcome
    proof_of_report: str | None = None
    declaration_id: str | None = None
    findings: list[Finding] = Field(default_factory=list)
    correlation: dict[str, str] = Field(default_factory=dict)
    occurred_at: datetime
