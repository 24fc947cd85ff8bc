"""Finding the session behind a request, ending it when it timed out, and what it may do."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from cers_identity.adapters.audit_log import AuditAction
from cers_identity.adapters.hashing import digest, new_secret
from cers_identity.domain.credentials import Credential
from cers_identity.domain.errors import (
    NotAllowedNowError,
    UnauthenticatedError,
    problem,
)
from cers_identity.domain.sessions import EndReason, Session, SessionState, session_state
from cers_identity.domain.terms import Terms
from cers_identity.domain.users import User
from cers_identity.service_layer.context import IdentityContext
from cers_identity.service_layer.unit_of_work import UnitOfWork


@dataclass
class Current:
    """A live session with its credential, user account (if any) and the terms in force."""

    session: Session
    credential: Credential
    user: User | None
    terms: Terms

    @property
    def state(self) -> SessionState:
        """What the person must do next."""
        # Before the user account exists, the credential holds the acceptance.
        holder = self.user or self.credential
        return session_state(
            has_user=self.user is not None,
            accepted_terms=holder.accepted_terms_version,
            current_terms=self.terms.version,
        )

    def active_user(self) -> User:
        """The user account, when the session may use CERS; NotAllowedNowError otherwise."""
        state = self.state
        if state is SessionState.NEEDS_TERMS:
            raise NotAllowedNowError(problem("", "identity.session.needs_terms"))
        if self.user is None or state is SessionState.NEEDS_USER_ACCOUNT:
            raise NotAllowedNowError(problem("", "identity.session.needs_user_account"))
        return self.user


@dataclass(frozen=True)
class SignedIn:
    """A new session: its secret (only ever given to the gateway, once) and its state."""

    secret: str
    current: Current


def _invalid() -> UnauthenticatedError:
    return UnauthenticatedError(problem("", "identity.session.invalid"))


async def resolve(
    uow: UnitOfWork, context: IdentityContext, secret: str | None, *, lock_credential: bool = False
) -> Current:
    """The live session whose secret is ``secret``; its idle time starts again.

    A session that has timed out, or whose credential or user no longer works, is ended (that
    much is committed) and refused.
    """
    if not secret:
        raise UnauthenticatedError(problem("", "identity.session.required"))
    now = context.clock()
    session = await uow.sessions.by_secret_hash(digest(secret))
    if session is None or session.ended_at is not None:
        raise _invalid()
    credential = await uow.credentials.get(session.credential_id, for_update=lock_credential)
    assert credential is not None  # a foreign key
    user = await uow.users.get(credential.user_id) if credential.user_id else None
    reason = session.timeout_at(now, context.policies.session)
    if not credential.active:
        reason = EndReason.CREDENTIAL_DISABLED
    elif user is not None and user.disabled_at is not None:
        reason = EndReason.USER_DISABLED
    if reason is not None:
        session.end(now, reason)
        await uow.sessions.save(session)
        await uow.commit()
        raise _invalid()
    session.last_seen_at = now
    session.user_id = credential.user_id
    await uow.sessions.save(session)
    return Current(session, credential, user, await uow.terms.current())


async def open_session(
    uow: UnitOfWork, context: IdentityContext, credential: Credential, now: datetime
) -> SignedIn:
    """Sign ``credential`` in: a new session (the caller commits).

    UnauthenticatedError when the credential or its user account no longer works.
    """
    credential.ensure_active()
    user = await uow.users.get(credential.user_id) if credential.user_id else None
    if user is not None:
        user.ensure_enabled()
    secret = new_secret()
    session = Session(str(uuid.uuid4()), credential.id, credential.user_id, now, now)
    await uow.sessions.add(session, digest(secret))
    await uow.audit.record_about(
        AuditAction.SIGN_IN, now, credential, session_reference=session.reference
    )
    return SignedIn(secret, Current(session, credential, user, await uow.terms.current()))
