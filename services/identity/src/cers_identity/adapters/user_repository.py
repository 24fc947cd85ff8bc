"""User accounts in identity's database."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from sqlalchemy import Row, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from cers_identity.adapters.tables import users
from cers_identity.domain.profile import PROFILE_FIELDS, Profile
from cers_identity.domain.users import User


def _user(row: Row[Any]) -> User:
    return User(
        id=row.id,
        urn=row.urn,
        profile=Profile(**{name: getattr(row, name) for name in PROFILE_FIELDS}),
        email_confirmed=row.email_confirmed,
        officer=row.officer,
        accepted_terms_version=row.accepted_terms_version,
        created_at=row.created_at,
        updated_at=row.updated_at,
        disabled_at=row.disabled_at,
        disabled_reason=row.disabled_reason,
    )


def _row(user: User) -> dict[str, Any]:
    return asdict(user.profile) | {
        "email_confirmed": user.email_confirmed,
        "officer": user.officer,
        "accepted_terms_version": user.accepted_terms_version,
        "updated_at": user.updated_at,
        "disabled_at": user.disabled_at,
        "disabled_reason": user.disabled_reason,
    }


class UserRepository:
    """Loads and stores users; ``for_update`` locks the row (and so orders the user's events)."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, user: User) -> None:
        """Store a new user (the URN's unique constraint refuses a collision)."""
        await self._session.execute(
            insert(users).values(id=user.id, urn=user.urn, created_at=user.created_at, **_row(user))
        )

    async def get(self, user_id: str, *, for_update: bool = False) -> User | None:
        """The user with this id."""
        return await self._one(users.c.id == user_id, for_update)

    async def by_urn(self, urn: str, *, for_update: bool = False) -> User | None:
        """The user with this URN."""
        return await self._one(users.c.urn == urn, for_update)

    async def save(self, user: User) -> None:
        """Store the changes of a loaded user."""
        await self._session.execute(update(users).where(users.c.id == user.id).values(**_row(user)))

    async def _one(self, condition: Any, for_update: bool) -> User | None:
        query = select(users).where(condition)
        if for_update:
            query = query.with_for_update()
        row = (await self._session.execute(query)).one_or_none()
        return _user(row) if row else None
