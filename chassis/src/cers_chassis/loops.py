"""Background loops of a service: repeat a step until cancelled, surviving its failures."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

log = logging.getLogger(__name__)


async def repeat(step: Callable[[], Awaitable[object]], *, interval_s: float, what: str) -> None:
    """Run ``step``, pause ``interval_s`` seconds, and again, until cancelled.

    A failing step is logged and tried again at the next turn: the loop itself never dies.
    """
    while True:
        try:
            await step()
        except Exception:
            log.exception("%s failed; retrying", what)
        stop_if_cancelled()
        await asyncio.sleep(interval_s)


def stop_if_cancelled() -> None:
    """Raise CancelledError if this task was cancelled and a library swallowed the cancellation.

    Python 3.11's ``asyncio.wait_for`` (aiosmtplib awaits every SMTP reply with it) returns the
    result instead of raising when the reply arrives in the same instant as the cancellation; a
    busy loop would then run on and the service's shutdown would hang.
    """
    task = asyncio.current_task()
    if task is not None and task.cancelling():
        raise asyncio.CancelledError
