"""Async SQLAlchemy engine and session factory."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)


def create_engine(url: str, *, pool_size: int = 5) -> AsyncEngine:
    """An asyncpg engine whose pooled connections are checked before use (survives restarts)."""
    return create_async_engine(url, pool_size=pool_size, max_overflow=5, pool_pre_ping=True)


def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """Sessions that keep loaded objects usable after commit."""
    return async_sessionmaker(engine, expire_on_commit=False)


def asyncpg_dsn(url: str) -> str:
    """A SQLAlchemy ``postgresql+asyncpg://`` URL as a plain DSN for asyncpg itself."""
    return url.replace("postgresql+asyncpg://", "postgresql://", 1)
