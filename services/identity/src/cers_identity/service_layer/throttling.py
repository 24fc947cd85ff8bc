"""Proving a local credential's password, with failures counted and lockouts enforced.

Every attempt on a username holds that username's lock, so concurrent guesses take turns. A
failure is committed before the refusal is raised: the count survives the refused request.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta

from cers_identity.adapters.audit_log import AuditAction
from cers_identity.domain.credential_rules import username_key
from cers_identity.domain.credentials import Credential
from cers_identity.domain.errors import LockedOutError, UnauthenticatedError, problem
from cers_identity.domain.providers import Provider
from cers_identity.service_layer.context import IdentityContext
from cers_identity.service_layer.unit_of_work import UnitOfWork

# Proves the credential (None when there is none): True when the secret matched.
Proof = Callable[[Credential | None], Awaitable[bool]]


def _locked(until: datetime, pointer: str) -> LockedOutError:
    moment = until.astimezone(UTC).replace(microsecond=0).strftime("%Y-%m-%d %H:%M:%S")
    return LockedOutError(problem(pointer, "identity.sign_in.locked", until=moment))


async def attempt(
    uow: UnitOfWork,
    context: IdentityContext,
    provider: Provider,
    username: str,
    prove: Proof,
    *,
    failure_action: AuditAction = AuditAction.SIGN_IN_FAILED,
    failure_code: str = "identity.sign_in.failed",
    pointer: str = "/username",
) -> Credential:
    """The credential ``username`` names at ``provider`` once ``prove`` accepts it.

    Refused (LockedOutError) while the username is locked out; a failed proof is counted and
    audited, and the failure that completes the limit starts a lockout.
    """
    key = username_key(username)
    policy = context.policies.throttle
    await uow.throttle.lock(provider, key)
    now = context.clock()  # once the attempts before this one are counted
    await uow.throttle.forget(provider, key, before=now - policy.memory)
    failures = await uow.throttle.failures_since(provider, key, now - policy.memory)
    until = policy.locked_until(failures, now)
    audit = {"provider": provider.value, "username": key}
    if until is not None:
        await uow.audit.record(AuditAction.SIGN_IN_REFUSED_LOCKED, now, **audit, until=str(until))
        await uow.commit()
        raise _locked(until, pointer)
    credential = await uow.credentials.by_subject(provider, key, for_update=True)
    if await prove(credential) and credential is not None:
        # A success forgets the failures: the limit counts consecutive failures.
        await uow.throttle.forget(provider, key, before=now + timedelta(seconds=1))
        return credential
    await uow.throttle.add_failure(provider, key, now)
    known = credential.id if credential else None
    await uow.audit.record(failure_action, now, **audit, credential_id=known)
    until = policy.locked_until([*failures, now], now)
    if until is not None:
        await uow.audit.record(AuditAction.LOCKOUT, now, **audit, until=str(until))
    await uow.commit()
    if until is not None:
        raise _locked(until, pointer)
    raise UnauthenticatedError(problem(pointer, failure_code))


async def prove_password(
    uow: UnitOfWork,
    context: IdentityContext,
    provider: Provider,
    username: str,
    password: str,
    *,
    pointer: str = "/username",
) -> Credential:
    """The local credential of ``username`` if ``password`` is its password (see ``attempt``)."""
    context.require_local(provider)

    async def prove(credential: Credential | None) -> bool:
        stored = await uow.credentials.password_hash(credential.id) if credential else None
        return await context.hasher.verify(stored, password)

    return await attempt(uow, context, provider, username, prove, pointer=pointer)


async def forget_stale_failures(context: IdentityContext) -> None:
    """Drop the failures too old to count toward a lockout, also of usernames never tried again."""
    async with context.uow() as uow:
        await uow.throttle.forget_all(before=context.clock() - context.policies.throttle.memory)
        await uow.commit()
