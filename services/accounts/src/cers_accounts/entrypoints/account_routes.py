"""Routes for exporters and CSPs (``/v1/business-accounts``): activation, information, users."""

from fastapi import APIRouter, Response

from cers_accounts.domain.information import BusinessInformation
from cers_accounts.domain.model import Actor, BusinessAccount
from cers_accounts.domain.users import UserIdentification
from cers_accounts.entrypoints.dependencies import (
    Caller,
    PrincipalDep,
    ServicesDep,
    account_out,
    with_membership_version,
)
from cers_accounts.entrypoints.schemas import (
    AccountOut,
    ActivationCheckIn,
    ActivationCheckOut,
    ActivationIn,
    IdPath,
    InformationPatch,
    LinkedAccountsOut,
    MemberIn,
    MemberOut,
    MembersOut,
    MyAccountsOut,
    RoleIn,
    linked_out,
)
from cers_accounts.service_layer import accounts, activation, members
from cers_accounts.service_layer.members import MemberView

router = APIRouter(prefix="/v1/business-accounts", tags=["business accounts"])


@router.post("/activation/check")
async def check_activation(
    body: ActivationCheckIn, caller: Caller, ctx: ServicesDep
) -> ActivationCheckOut:
    """Steps 1-2: does the code open this BN? Does not spend the code; refusals count."""
    check = await activation.check_activation(
        ctx, caller, body.business_number, body.activation_code
    )
    return ActivationCheckOut(
        business_number=check.business_number,
        authorization_id=check.authorization_id,
        code_expires_at=check.expires_at.isoformat(),
    )


@router.post("", status_code=201)
async def activate(
    body: ActivationIn,
    response: Response,
    who: PrincipalDep,
    ctx: ServicesDep,
) -> AccountOut:
    """Confirm: spend the code and open the account; the caller becomes its owner."""
    caller = Actor(user_id=who.user_id, officer=who.officer)
    account = await activation.activate_business_account(
        ctx,
        caller,
        owner_urn=who.urn,
        business_number=body.business_number,
        activation_code=body.activation_code,
        business_type=body.business_type,
        information=BusinessInformation(
            legal_name=body.legal_name,
            operating_name=body.operating_name,
            address=body.address,
            contact=body.contact,
        ),
    )
    with_membership_version(response, account)
    return account_out(account, caller)


@router.get("")
async def my_accounts(caller: Caller, ctx: ServicesDep) -> MyAccountsOut:
    """The caller's business accounts, with the caller's role in each."""
    found = await accounts.my_accounts(ctx, caller)
    return MyAccountsOut(accounts=[account_out(account, caller) for account in found])


@router.get("/{account_id}")
async def view_account(account_id: IdPath, caller: Caller, ctx: ServicesDep) -> AccountOut:
    """One account, for its members, its CSPs' members and officers."""
    return account_out(await accounts.view_account(ctx, caller, account_id), caller)


@router.patch("/{account_id}")
async def update_information(
    account_id: IdPath,
    body: InformationPatch,
    caller: Caller,
    ctx: ServicesDep,
) -> AccountOut:
    """Change names, address or contact (owner, proxy owner, user)."""
    changes = {name: getattr(body, name) for name in body.model_fields_set}
    account = await accounts.update_information(ctx, caller, account_id, changes)
    return account_out(account, caller)


@router.delete("/{account_id}")
async def delete_account(
    account_id: IdPath,
    response: Response,
    caller: Caller,
    ctx: ServicesDep,
) -> AccountOut:
    """Delete the account (owner only): every member loses access."""
    account = await accounts.delete_account(ctx, caller, account_id)
    with_membership_version(response, account)
    return account_out(account, caller)


@router.get("/{account_id}/associations")
async def associations(account_id: IdPath, caller: Caller, ctx: ServicesDep) -> LinkedAccountsOut:
    """An exporter's CSPs, or the exporters a CSP files for."""
    account, linked = await accounts.associations_of(ctx, caller, account_id)
    return LinkedAccountsOut(
        business_account_id=account.business_account_id,
        business_type=account.business_type,
        linked=[linked_out(other) for other in linked],
    )


@router.get("/{account_id}/members")
async def list_members(account_id: IdPath, caller: Caller, ctx: ServicesDep) -> MembersOut:
    """The user access list (owner, proxy owners, officers)."""
    account, views = await members.members_of(ctx, caller, account_id)
    return _members(account, views)


@router.post("/{account_id}/members", status_code=201)
async def add_member(
    account_id: IdPath,
    body: MemberIn,
    response: Response,
    caller: Caller,
    ctx: ServicesDep,
) -> MembersOut:
    """Add a user by URN, last name and e-mail, with a role."""
    claimed = UserIdentification(urn=body.urn, last_name=body.last_name, email=body.email)
    account, views = await members.add_member(ctx, caller, account_id, claimed, body.role)
    with_membership_version(response, account)
    return _members(account, views)


@router.patch("/{account_id}/members/{user_id}")
async def change_role(
    account_id: IdPath,
    user_id: IdPath,
    body: RoleIn,
    response: Response,
    caller: Caller,
    ctx: ServicesDep,
) -> MembersOut:
    """Give a member another role."""
    account, views = await members.change_role(ctx, caller, account_id, user_id, body.role)
    with_membership_version(response, account)
    return _members(account, views)


@router.delete("/{account_id}/members/{user_id}")
async def remove_member(
    account_id: IdPath,
    user_id: IdPath,
    response: Response,
    caller: Caller,
    ctx: ServicesDep,
) -> MembersOut:
    """Take a member's access away."""
    account, views = await members.remove_member(ctx, caller, account_id, user_id)
    with_membership_version(response, account)
    return _members(account, views)


def _members(account: BusinessAccount, views: list[MemberView]) -> MembersOut:
    return MembersOut(
        business_account_id=account.business_account_id,
        membership_version=account.membership_version,
        members=[MemberOut.of(view) for view in views],
    )
