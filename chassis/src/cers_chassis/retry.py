"""Retrying a piece of work until it completes, with capped exponential backoff."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable

log = logging.getLogger(__name__)


async def retry_until_done(
    attempt: Callable[[], Awaitable[None]],
    *,
    what: str,
    stop: asyncio.Event | None = None,
    after_failure: Callable[[Exception], Awaitable[None]] | None = None,
    first_backoff_s: float = 0.1,
    max_backoff_s: float = 5.0,
) -> bool:
    """Run ``attempt`` until it returns without raising; False if ``stop`` was set first.

    Each failure is logged, handed to ``after_failure`` (to clean up), and followed by a pause
    that doubles up to ``max_backoff_s``; ``stop`` interrupts the pause.
    """
    stop = stop or asyncio.Event()
    backoff = first_backoff_s
    while not stop.is_set():
        try:
            await attempt()
            return True
        except Exception as error:
            log.warning("%s failed, retrying in %.1fs: %r", what, backoff, error)
            if after_failure is not None:
                await after_failure(error)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=backoff)
            backoff = min(backoff * 2, max_backoff_s)
    return False
