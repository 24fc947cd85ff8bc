"""``python -m bench.documents``: the documents service against the raw floor of the local runtime.

Measures, on the loopback Kafka and PostgreSQL of ``deploy/local``, each phase bounded by a timeout:

1. single-declaration submit latency: sequential ``POST /v1/business-accounts/{id}/declarations``
   of a valid declaration to the real app, in this process through ``httpx.ASGITransport`` (its
   lifespan running: broker, consumers, outbox relay), p50/p99;
2. batch-command throughput: N ``SubmitDeclaration`` commands published to
   ``documents.declaration-command.v1`` for a scratch exporter until N
   ``DeclarationCommandCompleted`` replies are read back, commands/s;
3. the raw floor in the same run: aiokafka produce and consume, asyncpg batch insert, and the
   latency of a sequential single-row asyncpg insert timed the same way as a submit.

Prints a table with the ratios to the floor and writes JSON to ``bench/results/``. The scratch
databases and the raw topic are removed at the end. Exits non-zero when a phase fails.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from bench import raw
from bench.documents_app import COMMAND_TOPIC, DocumentsUnderTest, Replies
from bench.phases import Run, clean_up, log, preflight, source_state
from bench.report import (
    Figure,
    distribution,
    figures_json,
    format_table,
    machine_info,
    percentile,
    write_results,
)
from bench.runtime import LocalRuntime, Scratch
from cers_chassis.logs import setup_logging
from cers_contracts.topics import REGISTRY

LABEL = "documents"
SETUP_TIMEOUT_S = 120.0
CLEANUP_TIMEOUT_S = 60.0
WARM_UP = 5


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench.documents", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--submits", type=int, default=300, help="timed sequential submits")
    parser.add_argument("--commands", type=int, default=1_000, help="N: commands in the batch")
    parser.add_argument(
        "--raw-messages",
        type=int,
        default=5_000,
        help="records / rows of the raw produce and insert",
    )
    parser.add_argument(
        "--raw-inserts",
        type=int,
        default=None,
        help="timed single-row inserts (default: --submits)",
    )
    parser.add_argument("--batch", type=int, default=500, help="rows per raw insert transaction")
    parser.add_argument("--streams", type=int, default=16, help="distinct raw Kafka keys")
    parser.add_argument(
        "--phase-timeout", type=float, default=None, help="seconds per phase (default scales)"
    )
    args = parser.parse_args(argv)
    args.raw_inserts = args.raw_inserts or args.submits
    for name in ("submits", "commands", "raw_messages", "raw_inserts", "batch", "streams"):
        if getattr(args, name) < 1:
            parser.error(f"--{name.replace('_', '-')} must be at least 1")
    return args


def timeouts(args: argparse.Namespace) -> dict[str, float]:
    """Per-phase bounds: generous for a shared 2-core machine, but finite."""
    if args.phase_timeout is not None:
        return dict.fromkeys(("setup", "raw", "submits", "commands"), args.phase_timeout)
    return {
        "setup": SETUP_TIMEOUT_S,
        "raw": 30 + args.raw_messages / 500 + args.raw_inserts / 50,
        "submits": 30 + (args.submits + WARM_UP) / 5,  # allows 200 ms a submit
        "commands": 60 + args.commands / 5,  # allows 5 commands/s
    }


@dataclass
class Measurements:
    """What the phases measured; None where a phase failed or was skipped."""

    produced: raw.Rate | None = None
    consumed: raw.Rate | None = None
    inserted: raw.Rate | None = None
    insert_ms: list[float] | None = None
    submit_ms: list[float] | None = None
    replies: Replies | None = None
    stored: int | None = None


async def measure(args: argparse.Namespace) -> int:
    """Run every phase, clean up, report; return the exit status."""
    started_at = datetime.now(UTC)
    load_before = os.getloadavg()
    runtime = LocalRuntime.from_env()
    scratch = Scratch(runtime)
    bounds = timeouts(args)
    run = Run(LABEL)
    found = Measurements()
    run.log(
        f"run {scratch.run_id}: {args.submits} submits, {args.commands} commands,"
        f" kafka {runtime.bootstrap}, pg :{runtime.pg_port}"
    )
    if await run.phase("preflight", lambda: preflight(runtime), bounds["setup"]) is None:
        run.log("start the local runtime: deploy/local/{kafka,postgres}/start.sh")
    else:
        try:
            await measure_raw(args, scratch, bounds, run, found)
            await measure_documents(args, scratch, bounds, run, found)
        finally:
            await run.phase("cleanup", lambda: clean_up(scratch), CLEANUP_TIMEOUT_S)
    return report(args, run, runtime, scratch, found, started_at, load_before)


async def measure_raw(
    args: argparse.Namespace,
    scratch: Scratch,
    bounds: dict[str, float],
    run: Run,
    found: Measurements,
) -> None:
    """The floor: aiokafka produce/consume of a topic shaped like the command topic, asyncpg
    batch insert, and sequential single-row insert round trips."""
    runtime, n = scratch.runtime, args.raw_messages
    partitions = REGISTRY.topic(COMMAND_TOPIC).partitions
    registry = await run.phase(
        "raw topic",
        lambda: scratch.create_probe_topic("documents-raw", partitions),
        bounds["setup"],
    )
    if registry is None:
        run.skip("raw produce", "no topic")
        run.skip("raw consume", "no topic")
    else:
        topic = registry.topics[0].name
        found.produced = await run.phase(
            "raw produce",
            lambda: raw.produce(runtime.bootstrap, topic, n, args.streams),
            bounds["raw"],
        )
        if found.produced is None:
            run.skip("raw consume", "nothing produced")
        else:
            found.consumed = await run.phase(
                "raw consume",
                lambda: raw.consume(runtime.bootstrap, topic, partitions, n),
                bounds["raw"],
            )
    database = await run.phase(
        "raw database", lambda: scratch.create_database("documents_raw"), bounds["setup"]
    )
    if database is None:
        run.skip("raw insert", "no database")
        run.skip("raw single-row insert", "no database")
        return
    dsn = runtime.dsn(database)
    found.inserted = await run.phase(
        "raw insert", lambda: raw.insert(dsn, n, args.batch, args.streams), bounds["raw"]
    )
    found.insert_ms = await run.phase(
        "raw single-row insert",
        lambda: raw.insert_latencies(dsn, args.raw_inserts, WARM_UP),
        bounds["raw"],
    )


async def measure_documents(
    args: argparse.Namespace,
    scratch: Scratch,
    bounds: dict[str, float],
    run: Run,
    found: Measurements,
) -> None:
    """The service: start it, time sequential submits, then a batch of commands; verify."""
    service = DocumentsUnderTest(scratch)
    prefix = f"bench-{scratch.run_id}"
    try:
        if (
            await run.phase("service start", service.start, bounds["setup"], service.progress)
            is None
        ):
            for name in ("submits", "command warm-up", "commands", "verify"):
                run.skip(name, "the service did not start")
            return
        found.submit_ms = await run.phase(
            "submits",
            lambda: service.submit_latencies(args.submits, WARM_UP),
            bounds["submits"],
            service.progress,
        )
        # One command answered first: the consumer's first fetch is not in the batch's time.
        warmed = await run.phase(
            "command warm-up",
            lambda: service.run_commands(f"{prefix}-warm", 1),
            bounds["setup"],
            service.progress,
        )
        if warmed is None:
            run.skip("commands", "no warm-up reply")
        else:
            found.replies = await run.phase(
                "commands",
                lambda: service.run_commands(prefix, args.commands),
                bounds["commands"],
                service.progress,
            )
        if run.ok:
            found.stored = await run.phase(
                "verify", lambda: verify(service, args, found), bounds["setup"]
            )
        else:
            run.skip("verify", "an earlier phase failed")
    finally:
        await service.stop()


async def verify(service: DocumentsUnderTest, args: argparse.Namespace, found: Measurements) -> int:
    """Every submit and command reported once by the bench's own app, in this run's database; the
    declarations stored. Replies of other documents apps on the broker are only counted."""
    stored = await service.declarations_stored()
    expected = WARM_UP + args.submits + 1 + args.commands
    if found.replies is not None and found.replies.outcomes != {"reported": args.commands}:
        raise RuntimeError(f"command outcomes {found.replies.outcomes}, not all reported")
    if found.replies is not None and found.replies.duplicates:
        raise RuntimeError(f"the app answered {found.replies.duplicates} command(s) twice")
    if stored != expected:
        raise RuntimeError(f"{stored} declarations stored, expected {expected}")
    return stored


def _ratio(numerator: float | None, denominator: float | None) -> float | None:
    if numerator is None or not denominator:
        return None
    return numerator / denominator


def _rate(rate: raw.Rate | None) -> float | None:
    return rate.per_second if rate else None


def _quantile(values: list[float] | None, fraction: float) -> float | None:
    return percentile(values, fraction) if values else None


def _value(value: float | None) -> float:
    return float("nan") if value is None else value


def command_rate(found: Measurements, commands: int) -> float | None:
    """Commands per second, first send to last reply."""
    return commands / found.replies.seconds if found.replies else None


def build_figures(found: Measurements, commands: int) -> list[Figure]:
    """The printed rows. Rates: the service's share of the floor (``/ raw``, below 1); latencies:
    the service's multiple of the floor (above 1)."""
    produce, insert = _rate(found.produced), _rate(found.inserted)
    commands_per_s = command_rate(found, commands)
    insert_p50, insert_p99 = _quantile(found.insert_ms, 0.5), _quantile(found.insert_ms, 0.99)
    submit_p50, submit_p99 = _quantile(found.submit_ms, 0.5), _quantile(found.submit_ms, 0.99)
    submit_rate = 1000 / (sum(found.submit_ms) / len(found.submit_ms)) if found.submit_ms else None
    return [
        Figure("raw produce", _value(produce), "msgs/s"),
        Figure("raw consume", _value(_rate(found.consumed)), "msgs/s"),
        Figure("raw asyncpg insert (batched)", _value(insert), "rows/s"),
        Figure("raw single-row insert p50", _value(insert_p50), "ms"),
        Figure("raw single-row insert p99", _value(insert_p99), "ms"),
        Figure(
            "submit (HTTP) p50",
            _value(submit_p50),
            "ms",
            vs_insert=_ratio(submit_p50, insert_p50),
        ),
        Figure(
            "submit (HTTP) p99",
            _value(submit_p99),
            "ms",
            vs_insert=_ratio(submit_p99, insert_p99),
        ),
        Figure("submit (HTTP) sequential", _value(submit_rate), "submits/s"),
        Figure(
            "batch commands end-to-end",
            _value(commands_per_s),
            "cmds/s",
            vs_produce=_ratio(commands_per_s, produce),
            vs_insert=_ratio(commands_per_s, insert),
        ),
    ]


def ratios(found: Measurements, commands: int) -> dict[str, float | None]:
    """The ratios the issue asks for, named."""
    commands_per_s = command_rate(found, commands)
    return {
        "commands_vs_raw_produce": _ratio(commands_per_s, _rate(found.produced)),
        "commands_vs_raw_insert": _ratio(commands_per_s, _rate(found.inserted)),
        "submit_p50_vs_raw_single_insert_p50": _ratio(
            _quantile(found.submit_ms, 0.5), _quantile(found.insert_ms, 0.5)
        ),
        "submit_p99_vs_raw_single_insert_p99": _ratio(
            _quantile(found.submit_ms, 0.99), _quantile(found.insert_ms, 0.99)
        ),
    }


def details(found: Measurements) -> dict[str, Any]:
    """Supporting numbers for the JSON: counts, durations, distributions, outcomes."""
    out: dict[str, Any] = {}
    for name, rate in (
        ("raw_produce", found.produced),
        ("raw_consume", found.consumed),
        ("raw_insert", found.inserted),
    ):
        if rate is not None:
            out[name] = {"count": rate.count, "seconds": round(rate.seconds, 3)}
    if found.insert_ms:
        out["raw_single_insert_ms"] = {
            "count": len(found.insert_ms),
            **distribution(found.insert_ms),
        }
    if found.submit_ms:
        out["submit_ms"] = {"count": len(found.submit_ms), **distribution(found.submit_ms)}
    if found.replies is not None:
        out["commands"] = {
            "seconds": round(found.replies.seconds, 3),
            "outcomes": found.replies.outcomes,
            "duplicate_replies": found.replies.duplicates,
            "other_sources_replies": found.replies.other_sources,
        }
    if found.stored is not None:
        out["declarations_stored"] = found.stored
    return out


def report(
    args: argparse.Namespace,
    run: Run,
    runtime: LocalRuntime,
    scratch: Scratch,
    found: Measurements,
    started_at: datetime,
    load_before: tuple[float, float, float],
) -> int:
    """Print the table, write the JSON files; return the exit status."""
    figures = build_figures(found, args.commands)
    print()
    print(
        f"CERS documents benchmark, {args.submits} submits, {args.commands} commands,"
        f" {started_at:%Y-%m-%d %H:%M:%S} UTC"
    )
    print(format_table(figures))
    if found.replies is not None:
        print(
            f"replies: {found.replies.duplicates} doubled by the bench's app;"
            f" from other documents apps: {found.replies.other_sources or 'none'}"
        )
    result = {
        "benchmark": LABEL,
        "ok": run.ok,
        "run_id": scratch.run_id,
        "started_at": started_at.isoformat(),
        "finished_at": datetime.now(UTC).isoformat(),
        "machine": {**machine_info(), "load_average_before": list(load_before)},
        "source": source_state("chassis/src", "contracts/src", "services/documents/src"),
        "config": {
            "kafka_bootstrap": runtime.bootstrap,
            "postgres_port": runtime.pg_port,
            "submits": args.submits,
            "commands": args.commands,
            "warm_up": WARM_UP,
            "raw_messages": args.raw_messages,
            "raw_inserts": args.raw_inserts,
            "batch": args.batch,
            "streams": args.streams,
            "raw_body_bytes": raw.BODY_BYTES,
            "http": "httpx.ASGITransport, app lifespan running in this process (no socket)",
            "command_topic": COMMAND_TOPIC,
        },
        "figures": figures_json(figures),
        "ratios": ratios(found, args.commands),
        "details": details(found),
        "phases": [p.as_json() for p in run.phases],
    }
    path = write_results(result, started_at, update_latest=run.ok, benchmark=LABEL)
    print(f"\nresults: {path}" + ("" if run.ok else f" (failed run: {LABEL}-latest.json kept)"))
    if not run.ok:
        print("FAILED: " + run.failures(), file=sys.stderr)
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    # Importing the service's app module configured INFO JSON logs; the figures want quiet.
    setup_logging(LABEL, level="WARNING", json_output=False)
    try:
        return asyncio.run(measure(args))
    except KeyboardInterrupt:
        log(LABEL, "interrupted")
        return 130


if __name__ == "__main__":
    sys.exit(main())
