"""Background loops: they outlive failing steps and stop when cancelled."""

from __future__ import annotations

import asyncio

from cers_chassis.loops import repeat


async def test_a_loop_stops_when_cancelled_even_if_a_step_swallowed_the_cancellation() -> None:
    started, swallowed = asyncio.Event(), asyncio.Event()

    async def swallowing_step() -> None:
        started.set()
        if swallowed.is_set():
            await asyncio.sleep(10)
            return
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:  # as 3.11's asyncio.wait_for may do, once
            swallowed.set()

    loop = asyncio.create_task(repeat(swallowing_step, interval_s=0.01, what="test loop"))
    await started.wait()
    loop.cancel()
    done, _ = await asyncio.wait([loop], timeout=2)
    loop.cancel()  # not swallowed: the test ends either way
    assert swallowed.is_set()
    assert loop in done and loop.cancelled()


async def test_a_loop_survives_a_failing_step() -> None:
    third_run = asyncio.Event()
    runs: list[int] = []

    async def failing_step() -> None:
        runs.append(len(runs))
        if len(runs) == 3:
            third_run.set()
        raise RuntimeError("boom")

    loop = asyncio.create_task(repeat(failing_step, interval_s=0.01, what="test loop"))
    await asyncio.wait_for(third_run.wait(), timeout=2)
    loop.cancel()
    await asyncio.wait([loop])
    assert loop.cancelled()
