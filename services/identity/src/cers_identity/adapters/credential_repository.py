"""Credentials, their password hashes and recovery answers, in identity's database."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Row, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from cers_identity.adapters.tables import credentials, recovery_answers
from cers_identity.domain.credentials import Credential
from cers_identity.domain.providers import Provider


def _credential(row: Row[Any]) -> Credential:
    return Credential(
        id=row.id,
        provider=Provider(row.provider),
        subject=row.subject,
        username=row.username,
        user_id=row.user_id,
        accepted_terms_version=row.accepted_terms_version,
        created_at=row.created_at,
        disabled_at=row.disabled_at,
    )


class CredentialRepository:
    """Loads and stores credentials; ``for_update`` locks the row until the transaction ends."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(
        self,
        credential: Credential,
        *,
        password_hash: str | None = None,
        recovery: Sequence[tuple[str, str]] = (),
    ) -> None:
        """Store a new credential with its password hash and (question, answer hash) pairs."""
        await self._session.execute(
            insert(credentials).values(
                id=credential.id,
                provider=credential.provider.value,
                subject=credential.subject,
                username=credential.username,
                password_hash=password_hash,
                user_id=credential.user_id,
                accepted_terms_version=credential.accepted_terms_version,
                created_at=credential.created_at,
                disabled_at=credential.disabled_at,
            )
        )
        if recovery:
            await self._session.execute(
                insert(recovery_answers),
                [
                    {"credential_id": credential.id, "position": i, "question": q, "answer_hash": a}
                    for i, (q, a) in enumerate(recovery)
                ],
            )

    async def get(self, credential_id: str, *, for_update: bool = False) -> Credential | None:
        """The credential with this id."""
        return await self._one(credentials.c.id == credential_id, for_update)

    async def by_subject(
        self, provider: Provider, subject: str, *, for_update: bool = False
    ) -> Credential | None:
        """The credential of ``subject`` (case-folded username, or OIDC sub) at ``provider``."""
        condition = (credentials.c.provider == provider.value) & (credentials.c.subject == subject)
        return await self._one(condition, for_update)

    async def active_of_user(self, user_id: str, *, for_update: bool = False) -> Credential | None:
        """The one working credential of a user."""
        condition = (credentials.c.user_id == user_id) & credentials.c.disabled_at.is_(None)
        return await self._one(condition, for_update)

    async def save(self, credential: Credential) -> None:
        """Store the changes of a loaded credential."""
        await self._session.execute(
            update(credentials)
            .where(credentials.c.id == credential.id)
            .values(
                user_id=credential.user_id,
                accepted_terms_version=credential.accepted_terms_version,
                disabled_at=credential.disabled_at,
            )
        )

    async def password_hash(self, credential_id: str) -> str | None:
        """The argon2id hash of a local credential's password."""
        query = select(credentials.c.password_hash).where(credentials.c.id == credential_id)
        return (await self._session.execute(query)).scalar_one_or_none()

    async def set_password_hash(self, credential_id: str, password_hash: str) -> None:
        """Replace a local credential's password hash."""
        await self._session.execute(
            update(credentials)
            .where(credentials.c.id == credential_id)
            .values(password_hash=password_hash)
        )

    async def recovery(self, credential_id: str) -> list[tuple[str, str]]:
        """The (question, answer hash) pairs of a local credential, in order."""
        query = (
            select(recovery_answers.c.question, recovery_answers.c.answer_hash)
            .where(recovery_answers.c.credential_id == credential_id)
            .order_by(recovery_answers.c.position)
        )
        return [(row.question, row.answer_hash) for row in await self._session.execute(query)]

    async def _one(self, condition: Any, for_update: bool) -> Credential | None:
        query = select(credentials).where(condition)
        if for_update:
            query = query.with_for_update()
        row = (await self._session.execute(query)).one_or_none()
        return _credential(row) if row else None
