"""User Access of a business account: the list, add a user, change a role, remove a user.

What the role matrix does not allow is not offered; the accounts service still decides.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from cers_contracts.accounts import Role
from cers_contracts.authorization import ASSIGNABLE_ROLES, Action, decide, may_manage_member
from cers_gateway.adapters.http import ServiceError
from cers_gateway.entrypoints.portal.accounts import ROLES, account_page
from cers_gateway.entrypoints.portal.context import MemberVisit, Visit
from cers_gateway.entrypoints.portal.forms import form_of
from cers_gateway.entrypoints.portal.security import check_csrf

router = APIRouter(dependencies=[Depends(check_csrf)])

ADD_FIELDS = ("urn", "last_name", "email", "role")


def _offers(my_role: Role | None, members: list[dict[str, Any]], my_user_id: str) -> dict[str, Any]:
    """What the page offers: the roles one may give, and per member the roles and removal."""
    addable = [
        r
        for r in ASSIGNABLE_ROLES
        if may_manage_member(my_role, target_role=None, new_role=r, is_self=False)
    ]
    per_member = {}
    for m in members:
        is_self = m["user_id"] == my_user_id
        roles = [
            r
            for r in ASSIGNABLE_ROLES
            if may_manage_member(my_role, target_role=m["role"], new_role=r, is_self=is_self)
        ]
        per_member[m["user_id"]] = {
            # The current role among them (preselected), when there is another one to give.
            "roles": roles if set(roles) - {m["role"]} else [],
            "removable": may_manage_member(
                my_role, target_role=m["role"], new_role=None, is_self=is_self
            ),
        }
    return {"addable": addable, "per_member": per_member}


async def users_page(current: Visit, account_id: str, **context: Any) -> Response:
    caller = await current.caller()
    account = await current.portal.accounts.account(caller, account_id)
    role = account.get("my_role")
    members: list[dict[str, Any]] = []
    if decide(Action.VIEW_USERS, role=role, officer=current.is_officer):
        members = (await current.portal.accounts.members(caller, account_id))["members"]
    my_user_id = (current.user or {}).get("user_id", "")
    return await account_page(
        current,
        account_id,
        "access/users.html",
        tab="users",
        members=members,
        offers=_offers(role, members, my_user_id),
        **context,
    )


@router.get("/accounts/{account_id}/users")
async def user_access(account_id: str, current: MemberVisit) -> Response:
    return await users_page(current, account_id)


@router.post("/accounts/{account_id}/users")
async def add_user(account_id: str, request: Request, current: MemberVisit) -> Response:
    form = await form_of(request)
    body = {name: form.get(name, "") for name in ADD_FIELDS}
    try:
        await current.portal.accounts.add_member(await current.caller(), account_id, body)
    except ServiceError as error:
        if error.status not in (404, 409, 422):
            raise
        errors = await current.errors(error, ADD_FIELDS, {"": "urn"} if error.status == 404 else {})
        return await users_page(
            current, account_id, status_code=error.status, form=form, errors=errors
        )
    return await _done(
        current,
        account_id,
        current.t("User added"),
        current.t(
            "The user with URN %(urn)s was added as %(role)s.",
            urn=body["urn"].upper(),
            role=current.t(ROLES.get(body["role"], body["role"])),
        ),
    )


@router.post("/accounts/{account_id}/users/{user_id}/role")
async def change_role(
    account_id: str, user_id: str, request: Request, current: MemberVisit
) -> Response:
    form = await form_of(request)
    role = form.get("role", "")
    await current.portal.accounts.change_role(await current.caller(), account_id, user_id, role)
    return await _done(
        current,
        account_id,
        current.t("Role changed"),
        current.t("The user's role is now %(role)s.", role=current.t(ROLES.get(role, role))),
    )


@router.get("/accounts/{account_id}/users/{user_id}/remove")
async def confirm_removal(account_id: str, user_id: str, current: MemberVisit) -> Response:
    members = (await current.portal.accounts.members(await current.caller(), account_id))["members"]
    target = next((m for m in members if m["user_id"] == user_id), None)
    return await account_page(current, account_id, "access/remove.html", tab="users", target=target)


@router.post("/accounts/{account_id}/users/{user_id}/remove")
async def remove_user(account_id: str, user_id: str, current: MemberVisit) -> Response:
    await current.portal.accounts.remove_member(await current.caller(), account_id, user_id)
    return await _done(
        current,
        account_id,
        current.t("User removed"),
        current.t("The user no longer has access to this business account."),
    )


async def _done(current: Visit, account_id: str, title: str, message: str) -> Response:
    return await current.render(
        "confirmation.html",
        title=title,
        message=message,
        actions=[(f"/accounts/{account_id}/users", current.t("Back to User Access"))],
    )
