"""Terms and Conditions of Use: read the current version, accept it, publish a new one."""

from __future__ import annotations

from cers_identity.adapters.audit_log import AuditAction
from cers_identity.domain.errors import InvalidInputError, problem
from cers_identity.domain.terms import Terms, check_acceptance
from cers_identity.service_layer.context import IdentityContext
from cers_identity.service_layer.session_access import Current, resolve


async def current_terms(context: IdentityContext) -> Terms:
    """The version in force."""
    async with context.uow() as uow:
        return await uow.terms.current()


async def accept_terms(context: IdentityContext, secret: str | None, version: int) -> Current:
    """Accept the current terms, for the user account or, before there is one, the credential."""
    async with context.uow() as uow:
        current = await resolve(uow, context, secret, lock_credential=True)
        check_acceptance(version, current.terms)
        if current.user is not None:
            user = await uow.users.get(current.user.id, for_update=True)
            assert user is not None
            user.accepted_terms_version = version
            await uow.users.save(user)
            current.user = user
        else:
            current.credential.accepted_terms_version = version
            await uow.credentials.save(current.credential)
        await uow.audit.record(
            AuditAction.TERMS_ACCEPTED,
            context.clock(),
            credential_id=current.credential.id,
            user_id=current.user.id if current.user else None,
            session_reference=current.session.reference,
            version=version,
        )
        await uow.commit()
    return current


async def publish_terms(context: IdentityContext, text_en: str, text_fr: str) -> Terms:
    """Publish the next version: everyone must accept it at their next sign-in."""
    if not text_en.strip() or not text_fr.strip():
        raise InvalidInputError(problem("", "identity.terms.text_required"))
    async with context.uow() as uow:
        previous = await uow.terms.current()
        published = Terms(previous.version + 1, text_en, text_fr, context.clock())
        await uow.terms.add(published)
        await uow.audit.record(
            AuditAction.TERMS_PUBLISHED, published.published_at, version=published.version
        )
        await uow.commit()
    return published
