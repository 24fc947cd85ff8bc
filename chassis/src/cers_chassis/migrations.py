"""Alembic helpers: each service keeps its own migrations; these run them the same way.

A service's ``migrations/env.py`` calls ``run_env(target_metadata)``; its first revision calls
``create_platform_tables()``. ``cers-migrate <service>`` upgrades that service's database to head.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.resources
import os
import sys

from alembic import command, context, op
from alembic.config import Config
from sqlalchemy import MetaData
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine

from cers_chassis.settings import local_database_url
from cers_chassis.tables import PLATFORM_METADATA


def create_platform_tables() -> None:
    """Create the outbox and inbox tables (inside a migration)."""
    PLATFORM_METADATA.create_all(bind=op.get_bind())


def drop_platform_tables() -> None:
    """Drop the outbox and inbox tables (inside a migration's downgrade)."""
    PLATFORM_METADATA.drop_all(bind=op.get_bind())


def run_env(target_metadata: MetaData | None = None) -> None:
    """The body of a service's ``env.py``: run migrations online over asyncpg."""
    url = context.config.get_main_option("sqlalchemy.url")
    if not url:
        raise RuntimeError("no database URL: set CERS_DATABASE_URL")
    metadata = [PLATFORM_METADATA] + ([target_metadata] if target_metadata is not None else [])

    def migrate(connection: Connection) -> None:
        context.configure(connection=connection, target_metadata=metadata)
        with context.begin_transaction():
            context.run_migrations()

    async def run() -> None:
        engine = create_async_engine(url)
        async with engine.connect() as connection:
            await connection.run_sync(migrate)
            await connection.commit()
        await engine.dispose()

    asyncio.run(run())


def alembic_config(service: str, database_url: str) -> Config:
    """The Alembic configuration of ``service`` (package ``cers_<service>.migrations``)."""
    config = Config()
    location = importlib.resources.files(f"cers_{service}") / "migrations"
    config.set_main_option("script_location", str(location))
    config.set_main_option("sqlalchemy.url", database_url)
    return config


def upgrade(service: str, database_url: str, revision: str = "head") -> None:
    """Upgrade ``service``'s database to ``revision``."""
    command.upgrade(alembic_config(service, database_url), revision)


def main(argv: list[str] | None = None) -> int:
    """``cers-migrate SERVICE [REVISION]``: upgrade a service's database (default: head)."""
    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("service")
    parser.add_argument("revision", nargs="?", default="head")
    args = parser.parse_args(argv)
    url = os.environ.get("CERS_DATABASE_URL") or local_database_url(args.service)
    upgrade(args.service, url, args.revision)
    return 0


if __name__ == "__main__":
    sys.exit(main())
