"""What every benchmark run shares: bounded phases, progress notes, logs, preflight, source state.

A benchmark is a sequence of phases, each bounded by a timeout; a phase that fails is recorded
with its error (and, on timeout, the last progress note) and the run goes on where it can.
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import asyncpg
from aiokafka.admin import AIOKafkaAdminClient

from bench.runtime import LocalRuntime, Scratch

T = TypeVar("T")
ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Progress:
    """What a phase last reported, quoted when it times out."""

    note: str = "not started"


@dataclass
class Phase:
    """The outcome of one bounded step."""

    name: str
    timeout_s: float
    status: str = "skipped"  # ok | failed | skipped
    seconds: float = 0.0
    error: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "status": self.status,
            "seconds": round(self.seconds, 3),
            "timeout_s": round(self.timeout_s, 1),
            "error": self.error,
        }


@dataclass
class Run:
    """The phases of one benchmark run (``label`` names it in the log lines), in order."""

    label: str
    phases: list[Phase] = field(default_factory=list)

    async def phase(
        self,
        name: str,
        step: Callable[[], Awaitable[T]],
        timeout_s: float,
        progress: Progress | None = None,
    ) -> T | None:
        """Run ``step`` within ``timeout_s``; record the outcome; None when it failed."""
        phase = Phase(name, timeout_s)
        self.phases.append(phase)
        self.log(f"{name}: running (timeout {timeout_s:.0f}s)")
        started = time.perf_counter()
        try:
            result = await asyncio.wait_for(step(), timeout=timeout_s)
        except TimeoutError:
            phase.status = "failed"
            where = f" ({progress.note})" if progress else ""
            phase.error = f"timed out after {timeout_s:.0f}s{where}"
        except Exception as error:
            phase.status = "failed"
            phase.error = f"{type(error).__name__}: {error}"
        else:
            phase.status = "ok"
            return result
        finally:
            phase.seconds = time.perf_counter() - started
            self.log(f"{name}: {phase.status} in {phase.seconds:.1f}s" + _suffix(phase.error))
        return None

    def skip(self, name: str, reason: str) -> None:
        self.phases.append(Phase(name, 0.0, error=f"skipped: {reason}"))
        self.log(f"{name}: skipped ({reason})")

    def log(self, message: str) -> None:
        log(self.label, message)

    @property
    def ok(self) -> bool:
        return all(p.status == "ok" for p in self.phases)

    def failures(self) -> str:
        """The failed or skipped phases, with their errors, on one line."""
        return "; ".join(f"{p.name} ({p.error})" for p in self.phases if p.status != "ok")


def log(label: str, message: str) -> None:
    """A progress line on standard error (the figures go to standard output)."""
    print(f"[{label} {datetime.now(UTC):%H:%M:%S}] {message}", file=sys.stderr, flush=True)


def _suffix(error: str | None) -> str:
    return f": {error}" if error else ""


async def preflight(runtime: LocalRuntime) -> bool:
    """Both servers answer (one clear failure beats every phase timing out)."""
    connection = await asyncpg.connect(runtime.dsn("postgres"), timeout=10)
    await connection.close()
    admin = AIOKafkaAdminClient(bootstrap_servers=runtime.bootstrap, client_id="cers-bench-check")
    try:
        await admin.start()
        await admin.list_topics()
    finally:
        await admin.close()
    return True


async def clean_up(scratch: Scratch) -> None:
    """Remove the run's databases and topics; raise naming what could not be removed."""
    problems = await scratch.cleanup()
    if problems:
        raise RuntimeError("; ".join(problems))


def source_state(*watched: str) -> dict[str, Any]:
    """The commit measured, and whether the ``watched`` source folders differed from it."""

    def git(*arguments: str) -> str:
        done = subprocess.run(
            ["git", *arguments],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
            cwd=ROOT,
        )
        return done.stdout.strip()

    try:
        changed = git("status", "--porcelain", "--", *watched)
        return {"commit": git("rev-parse", "HEAD"), "modified": bool(changed), "watched": watched}
    except (OSError, subprocess.SubprocessError) as error:
        return {"error": repr(error)}
