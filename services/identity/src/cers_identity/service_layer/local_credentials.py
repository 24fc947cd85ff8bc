"""The built-in provider's journeys: sign up, sign in, and recovery with the recovery answers."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Sequence

from sqlalchemy.exc import IntegrityError

from cers_identity.adapters.audit_log import AuditAction
from cers_identity.domain.credential_rules import (
    RecoveryAnswer,
    normalize_answer,
    password_problems,
    recovery_problems,
    username_key,
    username_problems,
)
from cers_identity.domain.credentials import Credential
from cers_identity.domain.errors import (
    ConflictError,
    InvalidInputError,
    NotFoundError,
    problem,
    raise_if,
)
from cers_identity.domain.providers import Provider
from cers_identity.domain.sessions import EndReason
from cers_identity.service_layer.context import IdentityContext
from cers_identity.service_layer.session_access import SignedIn, open_session
from cers_identity.service_layer.throttling import attempt, prove_password
from cers_identity.service_layer.unit_of_work import UnitOfWork


def _taken() -> ConflictError:
    return ConflictError(problem("/username", "identity.username.taken"))


async def new_local_credential(
    context: IdentityContext,
    provider: Provider,
    username: str,
    password: str,
    *,
    recovery: Sequence[RecoveryAnswer] = (),
    user_id: str | None = None,
) -> tuple[Credential, str, list[tuple[str, str]]]:
    """A new local credential with its password hash and hashed recovery answers (not stored).

    The caller has validated the input; hashing runs concurrently off the event loop.
    """
    hashes = await asyncio.gather(
        context.hasher.hash(password),
        *(context.hasher.hash(normalize_answer(item.answer)) for item in recovery),
    )
    credential = Credential(
        id=str(uuid.uuid4()),
        provider=provider,
        subject=username_key(username),
        username=username.strip(),
        user_id=user_id,
        accepted_terms_version=None,
        created_at=context.clock(),
    )
    questions = [" ".join(item.question.split()) for item in recovery]
    return credential, hashes[0], list(zip(questions, hashes[1:], strict=True))


async def store_local_credential(
    uow: UnitOfWork,
    credential: Credential,
    password_hash: str,
    recovery: Sequence[tuple[str, str]] = (),
) -> None:
    """Store a new local credential; ConflictError when its username is taken (by constraint,
    so a sign-up of the same username a moment ago in another request is refused too)."""
    try:
        async with uow.savepoint():
            await uow.credentials.add(credential, password_hash=password_hash, recovery=recovery)
    except IntegrityError as error:
        raise _taken() from error


async def sign_up(
    context: IdentityContext,
    provider: Provider,
    username: str,
    password: str,
    password_confirmation: str,
    recovery: Sequence[RecoveryAnswer],
) -> Credential:
    """Create a local credential (no user account yet): GCKey's sign-up."""
    context.require_local(provider)
    raise_if(
        username_problems(username)
        + password_problems(password, password_confirmation, username)
        + recovery_problems(list(recovery))
    )
    async with context.uow() as uow:
        if await uow.credentials.by_subject(provider, username_key(username)):
            raise _taken()  # before spending time on hashing
    credential, password_hash, answers = await new_local_credential(
        context, provider, username, password, recovery=recovery
    )
    async with context.uow() as uow:
        await store_local_credential(uow, credential, password_hash, answers)
        await uow.audit.record_about(AuditAction.SIGN_UP, credential.created_at, credential)
        await uow.commit()
    return credential


async def sign_in(
    context: IdentityContext, provider: Provider, username: str, password: str
) -> SignedIn:
    """Sign in with a local credential: a new session (throttled, see ``throttling``)."""
    async with context.uow() as uow:
        credential = await prove_password(uow, context, provider, username, password)
        signed_in = await open_session(uow, context, credential, context.clock())
        await uow.commit()
    return signed_in


async def recovery_questions(
    context: IdentityContext, provider: Provider, username: str
) -> list[str]:
    """The recovery questions of a local credential, to ask before a password reset."""
    context.require_local(provider)
    async with context.uow() as uow:
        credential = await uow.credentials.by_subject(provider, username_key(username))
        if credential is None:
            raise NotFoundError(problem("/username", "identity.username.unknown"))
        questions = [question for question, _ in await uow.credentials.recovery(credential.id)]
    if not questions:
        raise NotFoundError(problem("/username", "identity.recovery.unavailable"))
    return questions


async def reset_password(
    context: IdentityContext,
    provider: Provider,
    username: str,
    answers: Sequence[str],
    new_password: str,
    new_password_confirmation: str,
) -> None:
    """Set a new password after the recovery answers are proven; ends the credential's sessions.

    Wrong answers count as failed sign-ins of the username (and lead to the same lockout).
    """
    context.require_local(provider)
    raise_if(
        password_problems(
            new_password,
            new_password_confirmation,
            username,
            pointer="/new_password",
            confirmation_pointer="/new_password_confirmation",
        )
    )
    async with context.uow() as uow:

        async def prove(credential: Credential | None) -> bool:
            stored = await uow.credentials.recovery(credential.id) if credential else []
            if credential is not None and not stored:
                raise NotFoundError(problem("/username", "identity.recovery.unavailable"))
            if credential is not None and len(answers) != len(stored):
                raise InvalidInputError(
                    problem("/answers", "identity.recovery.count", count=len(stored))
                )
            checks = await asyncio.gather(
                *(
                    context.hasher.verify(hashed, normalize_answer(answer))
                    for (_, hashed), answer in zip(stored, answers, strict=False)
                )
            )
            return bool(checks) and all(checks)

        credential = await attempt(
            uow,
            context,
            provider,
            username,
            prove,
            failure_action=AuditAction.RECOVERY_FAILED,
            failure_code="identity.recovery.answers_wrong",
        )
        credential.ensure_active("/username")
        now = context.clock()
        await uow.credentials.set_password_hash(
            credential.id, await context.hasher.hash(new_password)
        )
        await uow.sessions.end_all(
            now=now, reason=EndReason.PASSWORD_RESET, credential_id=credential.id
        )
        await uow.audit.record_about(AuditAction.PASSWORD_RESET, now, credential)
        await uow.commit()
