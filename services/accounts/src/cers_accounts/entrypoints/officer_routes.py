"""Routes for CBSA officers (``/v1/officer``): codes, accounts, SRP, associations, owners."""

from typing import Annotated

from fastapi import APIRouter, Query, Response

from cers_accounts.domain.model import BusinessAccount
from cers_accounts.entrypoints.dependencies import (
    Caller,
    ServicesDep,
    account_out,
    with_association_version,
    with_membership_version,
)
from cers_accounts.entrypoints.schemas import (
    AccountOut,
    AssociationIn,
    AssociationsOut,
    CodeApplicationIn,
    CodeOut,
    IdPath,
    IssuedCodeOut,
    OwnerIn,
    PlainText,
)
from cers_accounts.service_layer import activation, officer
from cers_accounts.service_layer.activation import CodeApplication, IssuedCode

router = APIRouter(prefix="/v1/officer", tags=["officer"])


def _issued(issued: IssuedCode) -> IssuedCodeOut:
    return IssuedCodeOut(
        code_id=issued.code.code_id,
        activation_code=issued.activation_code,
        business_number=issued.code.business_number,
        authorization_id=issued.code.authorization_id,
        expires_at=issued.code.expires_at.isoformat(),
    )


def _associations(response: Response, exporter: BusinessAccount) -> AssociationsOut:
    with_association_version(response, exporter)
    return AssociationsOut(
        exporter_account_id=exporter.business_account_id,
        associated_csp_account_ids=list(exporter.associated_csps),
        association_version=exporter.association_version,
    )


@router.post("/activation-codes", status_code=201)
async def issue_code(body: CodeApplicationIn, caller: Caller, ctx: ServicesDep) -> IssuedCodeOut:
    """Issue an activation code for a BN (an earlier active one dies); shown this once."""
    application = CodeApplication(
        business_number=body.business_number,
        export_designation=body.export_designation,
        applicant_email=str(body.applicant_email),
        applicant_language=body.applicant_language,
    )
    return _issued(await activation.issue_code(ctx, caller, application))


@router.get("/activation-codes")
async def list_codes(
    business_number: Annotated[str, Query(max_length=32)], caller: Caller, ctx: ServicesDep
) -> list[CodeOut]:
    """Every code issued for a BN, newest first (never the codes themselves)."""
    now = ctx.clock()
    codes = await activation.codes_of(ctx, caller, business_number)
    return [CodeOut.of(code, code.effective_status(now)) for code in codes]


@router.post("/activation-codes/{code_id}/reissue", status_code=201)
async def reissue_code(code_id: IdPath, caller: Caller, ctx: ServicesDep) -> IssuedCodeOut:
    """A new code for the same BN and applicant; the old one dies."""
    return _issued(await activation.reissue_code(ctx, caller, code_id))


@router.post("/activation-codes/{code_id}/revoke")
async def revoke_code(code_id: IdPath, caller: Caller, ctx: ServicesDep) -> CodeOut:
    """Kill an unused code."""
    code = await activation.revoke_code(ctx, caller, code_id)
    return CodeOut.of(code, code.effective_status(ctx.clock()))


@router.get("/business-accounts")
async def search_accounts(
    caller: Caller,
    ctx: ServicesDep,
    business_number: Annotated[str | None, Query(max_length=32)] = None,
    authorization_id: Annotated[PlainText | None, Query(max_length=16)] = None,
) -> list[AccountOut]:
    """Every business account (deleted ones too), by BN and/or Authorization ID if given."""
    found = await officer.search_accounts(
        ctx, caller, business_number=business_number, authorization_id=authorization_id
    )
    return [account_out(account, caller) for account in found]


@router.post("/business-accounts/{account_id}/srp")
async def approve_srp(account_id: IdPath, caller: Caller, ctx: ServicesDep) -> AccountOut:
    """Approve (or renew) the account for the Summary Reporting Program for two years."""
    return account_out(await officer.approve_summary_reporting(ctx, caller, account_id), caller)


@router.delete("/business-accounts/{account_id}/srp")
async def revoke_srp(account_id: IdPath, caller: Caller, ctx: ServicesDep) -> AccountOut:
    """End the account's SRP approval."""
    return account_out(await officer.revoke_summary_reporting(ctx, caller, account_id), caller)


@router.put("/business-accounts/{account_id}/owner")
async def change_owner(
    account_id: IdPath,
    body: OwnerIn,
    response: Response,
    caller: Caller,
    ctx: ServicesDep,
) -> AccountOut:
    """Give the account to another user (the previous owner stays, as a proxy owner)."""
    account = await officer.change_owner(ctx, caller, account_id, body.urn)
    with_membership_version(response, account)
    return account_out(account, caller)


@router.post("/associations", status_code=201)
async def record_association(
    body: AssociationIn, response: Response, caller: Caller, ctx: ServicesDep
) -> AssociationsOut:
    """Record that a CSP files for an exporter (BSF831)."""
    exporter = await officer.record_association(
        ctx, caller, body.exporter_account_id, body.csp_account_id
    )
    return _associations(response, exporter)


@router.delete("/associations/{exporter_account_id}/{csp_account_id}")
async def remove_association(
    exporter_account_id: IdPath,
    csp_account_id: IdPath,
    response: Response,
    caller: Caller,
    ctx: ServicesDep,
) -> AssociationsOut:
    """End an association."""
    exporter = await officer.remove_association(ctx, caller, exporter_account_id, csp_account_id)
    return _associations(response, exporter)
