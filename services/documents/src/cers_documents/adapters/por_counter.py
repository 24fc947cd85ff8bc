"""Proof of Report sequence numbers: one counter row per AuthID and Eastern Time date.

``INSERT ... ON CONFLICT DO UPDATE ... RETURNING`` holds the row's lock until the transaction
ends, so two submissions never get the same number. A number is spent only when its declaration
commits (a rolled-back increment was never a reported POR), so no reported POR is ever reused;
the POR column is unique besides. The lock is taken last in a submission's transaction, just
before the insert and commit, so submissions of one AuthID wait on each other only that long.
"""

from __future__ import annotations

from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from cers_documents.adapters.tables import por_counters


async def next_sequence(session: AsyncSession, authorization_id: str, reporting_date: str) -> int:
    """The next sequence number of the AuthID on the date (1 for the day's first)."""
    statement = pg_insert(por_counters).values(
        authorization_id=authorization_id, reporting_date=reporting_date, last_sequence=1
    )
    increment = statement.on_conflict_do_update(
        index_elements=["authorization_id", "reporting_date"],
        set_={"last_sequence": por_counters.c.last_sequence + 1},
    ).returning(por_counters.c.last_sequence)
    value = (await session.execute(increment)).scalar_one()
    return int(value)
