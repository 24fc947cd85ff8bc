"""Path and query parameters of the routes: bounded, and free of NUL (PostgreSQL text refuses it).

A malformed one is a 422 naming the parameter, never a database error.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Path, Query

ResourceId = Annotated[str, Path(max_length=64, pattern=r"^[A-Za-z0-9-]+$")]
SinkMessageId = Annotated[int, Path(ge=1, le=2**31 - 1)]
Filter = Annotated[str | None, Query(max_length=64, pattern=r"^[^\x00]+$")]
