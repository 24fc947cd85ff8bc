"""Session journeys: look at the session, sign out, see and end one's other sessions."""

from __future__ import annotations

from dataclasses import dataclass

from cers_identity.adapters.audit_log import AuditAction
from cers_identity.adapters.hashing import digest
from cers_identity.domain.errors import NotFoundError, problem
from cers_identity.domain.sessions import EndReason, Session
from cers_identity.service_layer.context import IdentityContext
from cers_identity.service_layer.session_access import Current, resolve


async def current_session(context: IdentityContext, secret: str | None) -> Current:
    """The session and what it may do next; using it restarts its idle time."""
    async with context.uow() as uow:
        current = await resolve(uow, context, secret)
        await uow.commit()
    return current


async def sign_out(context: IdentityContext, secret: str | None) -> None:
    """End the session at once (signing out of an ended or unknown session does nothing)."""
    if not secret:
        return
    async with context.uow() as uow:
        session = await uow.sessions.by_secret_hash(digest(secret))
        if session is None or session.ended_at is not None:
            return
        now = context.clock()
        session.end(now, EndReason.SIGNED_OUT)
        await uow.sessions.save(session)
        await uow.audit.record(
            AuditAction.SIGN_OUT,
            now,
            credential_id=session.credential_id,
            user_id=session.user_id,
            session_reference=session.reference,
        )
        await uow.commit()


@dataclass(frozen=True)
class MySessions:
    """The user's live sessions, newest first, and which one is asking."""

    current_reference: str
    sessions: list[Session]


async def my_sessions(context: IdentityContext, secret: str | None) -> MySessions:
    """The live sessions of the signed-in user."""
    async with context.uow() as uow:
        current = await resolve(uow, context, secret)
        user = current.active_user()
        now = context.clock()
        live = [
            session
            for session in await uow.sessions.open_of_user(user.id)
            if session.timeout_at(now, context.policies.session) is None
        ]
        await uow.commit()
    return MySessions(current.session.reference, live)


async def end_session(context: IdentityContext, secret: str | None, reference: str) -> None:
    """End one of the user's sessions (another browser); NotFoundError if it is not theirs."""
    async with context.uow() as uow:
        current = await resolve(uow, context, secret)
        user = current.active_user()
        other = await uow.sessions.by_reference(reference)
        if other is None or other.user_id != user.id or other.ended_at is not None:
            raise NotFoundError(problem("/reference", "identity.session.unknown"))
        now = context.clock()
        other.end(now, EndReason.ENDED_BY_USER)
        await uow.sessions.save(other)
        await uow.audit.record(
            AuditAction.SESSION_ENDED, now, user_id=user.id, session_reference=reference
        )
        await uow.commit()


async def end_other_sessions(context: IdentityContext, secret: str | None) -> list[str]:
    """End every session of the user but this one; the references ended."""
    async with context.uow() as uow:
        current = await resolve(uow, context, secret)
        user = current.active_user()
        now = context.clock()
        ended = await uow.sessions.end_all(
            now=now,
            reason=EndReason.ENDED_BY_USER,
            user_id=user.id,
            keep=current.session.reference,
        )
        for reference in ended:
            await uow.audit.record(
                AuditAction.SESSION_ENDED, now, user_id=user.id, session_reference=reference
            )
        await uow.commit()
    return ended
