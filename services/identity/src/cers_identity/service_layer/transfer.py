"""Credential transfer (user guide §4): the user account moves to a credential at the other
provider; the URN, profile and memberships stay, and the old credential stops working at once.

Two ways in: from the sign-in page, signed in with the *new* credential, proving the old one
("Transfer GCKey"); from My Profile, signed in with the *old* one, proving the new one
("Change Credential Provider").
"""

from __future__ import annotations

from cers_identity.adapters import events
from cers_identity.adapters.audit_log import AuditAction
from cers_identity.domain.credentials import Credential, check_transfer
from cers_identity.domain.errors import ConflictError, problem
from cers_identity.domain.providers import Provider
from cers_identity.domain.sessions import EndReason
from cers_identity.service_layer.context import IdentityContext
from cers_identity.service_layer.session_access import Current, resolve
from cers_identity.service_layer.throttling import prove_password
from cers_identity.service_layer.unit_of_work import UnitOfWork


def refuse_same_provider(current: Credential, other: Provider) -> None:
    """ConflictError when ``other`` is the provider of ``current``: nothing to transfer."""
    if current.provider == other:
        raise ConflictError(problem("/provider", "identity.transfer.same_provider"))


async def move_user(
    uow: UnitOfWork,
    context: IdentityContext,
    current: Current,
    *,
    source: Credential,
    target: Credential,
) -> Current:
    """Move ``source``'s user account to ``target``, keeping the asking session alive on it.

    Every other session of ``source`` ends; the caller commits.
    """
    check_transfer(source, target)
    assert source.user_id is not None
    user = await uow.users.get(source.user_id, for_update=True)
    assert user is not None
    user.ensure_enabled()
    now = context.clock()
    session = current.session
    source.disable(now)
    await uow.credentials.save(source)  # first: one working credential per user at any moment
    target.user_id = user.id
    await uow.credentials.save(target)
    await uow.sessions.end_all(
        now=now,
        reason=EndReason.CREDENTIAL_DISABLED,
        credential_id=source.id,
        keep=session.reference,
    )
    await uow.sessions.link_user(target.id, user.id)
    session.credential_id, session.user_id = target.id, user.id
    await uow.sessions.save(session)
    await uow.publish(
        events.credential_transferred(
            user, now, from_provider=source.provider, to_provider=target.provider
        )
    )
    await uow.audit.record_about(
        AuditAction.CREDENTIAL_TRANSFERRED,
        now,
        target,
        session_reference=session.reference,
        from_provider=source.provider.value,
        from_credential_id=source.id,
    )
    return Current(session, target, user, current.terms)


async def transfer_from_sign_in(
    context: IdentityContext,
    secret: str | None,
    old_provider: Provider,
    username: str,
    password: str,
) -> Current:
    """Signed in with a new credential, take over the user account of a proven old one."""
    async with context.uow() as uow:
        current = await resolve(uow, context, secret, lock_credential=True)
        refuse_same_provider(current.credential, old_provider)
        if current.credential.user_id is not None:
            raise ConflictError(problem("", "identity.transfer.target_has_user"))
        source = await prove_password(uow, context, old_provider, username, password)
        moved = await move_user(uow, context, current, source=source, target=current.credential)
        await uow.commit()
    return moved


async def change_provider(
    context: IdentityContext,
    secret: str | None,
    new_provider: Provider,
    username: str,
    password: str,
) -> Current:
    """From My Profile, move the user account to a proven credential at the other provider."""
    async with context.uow() as uow:
        current = await resolve(uow, context, secret, lock_credential=True)
        current.active_user()
        refuse_same_provider(current.credential, new_provider)
        target = await prove_password(uow, context, new_provider, username, password)
        moved = await move_user(uow, context, current, source=current.credential, target=target)
        await uow.commit()
    return moved
