"""``python -m bench.floor``: the chassis pipeline against the raw floor of the local runtime.

Measures, on the loopback Kafka and PostgreSQL of ``deploy/local``, each phase bounded by a timeout:

1. raw aiokafka produce (acks=all, idempotent, linger 5 ms, ~200-byte JSON bodies), msgs/s;
2. raw aiokafka consume (``getmany`` from the beginning of that topic), msgs/s;
3. raw asyncpg insert (``executemany`` in batches of 500, one transaction per batch), rows/s;
4. the chassis pipeline (``Outbox.add`` → ``OutboxRelay`` → Kafka → ``InboxConsumer`` → effect row)
   under a burst of N probes: end-to-end msgs/s and lag p50/p99;
5. the same pipeline under light load (one probe per transaction, 10 ms apart): lag p50/p99.

Prints a table with the pipeline's ratio to the raw floor and writes JSON to ``bench/results/``.
Throw-away databases and topics are removed at the end. Exits non-zero when a phase fails.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from bench import raw
from bench.phases import Run, clean_up, log, preflight, source_state
from bench.pipeline import BulkResult, LightResult, Pipeline, run_bulk, run_light
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

SETUP_TIMEOUT_S = 60.0
CLEANUP_TIMEOUT_S = 60.0
FASTSTREAM_ACCESS_LOGGER = "faststream.access.kafka"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench.floor", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--messages", type=int, default=20_000, help="N: messages / rows per phase")
    parser.add_argument("--batch", type=int, default=500, help="rows / probes per transaction")
    parser.add_argument("--partitions", type=int, default=8, help="partitions of each topic")
    parser.add_argument("--streams", type=int, default=16, help="distinct Kafka keys")
    parser.add_argument("--light-messages", type=int, default=200, help="probes under light load")
    parser.add_argument("--light-interval-ms", type=float, default=10.0)
    parser.add_argument(
        "--phase-timeout",
        type=float,
        default=None,
        help="seconds per phase (default scales with N)",
    )
    parser.add_argument(
        "--no-tracing",
        action="store_true",
        help="skip the OpenTelemetry SDK provider a service installs (spans become no-ops)",
    )
    args = parser.parse_args(argv)
    for name in ("messages", "batch", "partitions", "streams", "light_messages"):
        if getattr(args, name) < 1:
            parser.error(f"--{name.replace('_', '-')} must be at least 1")
    return args


def timeouts(args: argparse.Namespace) -> dict[str, float]:
    """Per-phase bounds: generous for the machine at hand, but finite."""
    if args.phase_timeout is not None:
        return dict.fromkeys(("setup", "raw", "bulk", "light"), args.phase_timeout)
    light_s = args.light_messages * (args.light_interval_ms / 1000 + 0.05)
    return {
        "setup": SETUP_TIMEOUT_S,
        "raw": 30 + args.messages / 500,
        # The inbox handles a few dozen probes a second here: allow for 25/s under contention.
        "bulk": SETUP_TIMEOUT_S + 60 + args.messages / 25,
        "light": SETUP_TIMEOUT_S + 60 + light_s,
    }


@dataclass
class Measurements:
    """What the phases measured; None where a phase failed or was skipped."""

    produced: raw.Rate | None = None
    consumed: raw.Rate | None = None
    inserted: raw.Rate | None = None
    bulk: BulkResult | None = None
    light: LightResult | None = None


async def measure(args: argparse.Namespace) -> int:
    """Run every phase, clean up, report; return the exit status."""
    started_at = datetime.now(UTC)
    load_before = os.getloadavg()
    runtime = LocalRuntime.from_env()
    scratch = Scratch(runtime)
    bounds = timeouts(args)
    run = Run("floor")
    found = Measurements()
    run.log(
        f"run {scratch.run_id}: N={args.messages}, kafka {runtime.bootstrap}, pg :{runtime.pg_port}"
    )
    if await run.phase("preflight", lambda: preflight(runtime), bounds["setup"]) is None:
        run.log("start the local runtime: deploy/local/{kafka,postgres}/start.sh")
    else:
        try:
            await measure_raw(args, scratch, bounds, run, found)
            await measure_pipeline(args, scratch, bounds, run, found)
        finally:
            await run.phase("cleanup", lambda: clean_up(scratch), CLEANUP_TIMEOUT_S)
    return report(args, run, runtime, found, started_at=started_at, load_before=load_before)


async def measure_raw(
    args: argparse.Namespace,
    scratch: Scratch,
    bounds: dict[str, float],
    run: Run,
    found: Measurements,
) -> None:
    """The floor: plain aiokafka produce and consume of one topic, plain asyncpg insert."""
    runtime, n = scratch.runtime, args.messages
    registry = await run.phase(
        "raw topic", lambda: scratch.create_probe_topic("raw", args.partitions), bounds["setup"]
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
                lambda: raw.consume(runtime.bootstrap, topic, args.partitions, n),
                bounds["raw"],
            )

    async def raw_insert() -> raw.Rate:
        database = await scratch.create_database("raw")
        return await raw.insert(runtime.dsn(database), n, args.batch, args.streams)

    found.inserted = await run.phase("raw insert", raw_insert, bounds["setup"] + bounds["raw"])


async def measure_pipeline(
    args: argparse.Namespace,
    scratch: Scratch,
    bounds: dict[str, float],
    run: Run,
    found: Measurements,
) -> None:
    """The chassis pipeline, each load on its own database and topic: a burst, then a trickle."""
    bulk_pipeline = Pipeline(scratch, "bulk", args.partitions)

    async def burst() -> BulkResult:
        await bulk_pipeline.start(warm_up_timeout_s=bounds["setup"])
        return await run_bulk(bulk_pipeline, args.messages, args.batch, args.streams)

    try:
        found.bulk = await run.phase(
            "pipeline burst", burst, bounds["bulk"], bulk_pipeline.progress
        )
    finally:
        await bulk_pipeline.stop()

    light_pipeline = Pipeline(scratch, "light", args.partitions)

    async def trickle() -> LightResult:
        await light_pipeline.start(warm_up_timeout_s=bounds["setup"])
        interval_s = args.light_interval_ms / 1000
        return await run_light(light_pipeline, args.light_messages, interval_s, args.streams)

    try:
        found.light = await run.phase(
            "pipeline light", trickle, bounds["light"], light_pipeline.progress
        )
    finally:
        await light_pipeline.stop()


def report(
    args: argparse.Namespace,
    run: Run,
    runtime: LocalRuntime,
    found: Measurements,
    *,
    started_at: datetime,
    load_before: tuple[float, float, float],
) -> int:
    """Print the table, write the JSON files; return the exit status."""
    n = args.messages
    figures = build_figures(found)
    print()
    print(f"CERS floor benchmark, N={n}, {started_at:%Y-%m-%d %H:%M:%S} UTC")
    print(format_table(figures))
    result = {
        "benchmark": "floor",
        "ok": run.ok,
        "started_at": started_at.isoformat(),
        "finished_at": datetime.now(UTC).isoformat(),
        "messages": n,
        "machine": {**machine_info(), "messages": n, "load_average_before": list(load_before)},
        "source": source_state("chassis/src", "contracts/src"),
        "config": {
            "kafka_bootstrap": runtime.bootstrap,
            "postgres_port": runtime.pg_port,
            "batch": args.batch,
            "partitions": args.partitions,
            "streams": args.streams,
            "light_messages": args.light_messages,
            "light_interval_ms": args.light_interval_ms,
            "tracing": not args.no_tracing,
            "faststream_access_log": False,
            "raw_body_bytes": raw.BODY_BYTES,
        },
        "figures": figures_json(figures),
        "ratios": ratios(found),
        "details": details(found),
        "phases": [p.as_json() for p in run.phases],
    }
    path = write_results(result, started_at, update_latest=run.ok, benchmark="floor")
    print(f"\nresults: {path}" + ("" if run.ok else " (failed run: floor-latest.json kept)"))
    if not run.ok:
        failed = [f"{p.name} ({p.error})" for p in run.phases if p.status != "ok"]
        print("FAILED: " + "; ".join(failed), file=sys.stderr)
        return 1
    return 0


def _ratio(numerator: float | None, denominator: float | None) -> float | None:
    if numerator is None or not denominator:
        return None
    return numerator / denominator


def _per_second(rate: raw.Rate | None) -> float | None:
    return rate.per_second if rate else None


def ratios(found: Measurements) -> dict[str, float | None]:
    """The pipeline's end-to-end rate over each raw floor."""
    pipeline_rate = found.bulk.rate if found.bulk else None
    return {
        "pipeline_vs_raw_produce": _ratio(pipeline_rate, _per_second(found.produced)),
        "pipeline_vs_raw_insert": _ratio(pipeline_rate, _per_second(found.inserted)),
    }


def build_figures(found: Measurements) -> list[Figure]:
    """The rows of the printed table (NaN where a phase did not deliver)."""
    nan = float("nan")
    produce_rate = _per_second(found.produced)
    insert_rate = _per_second(found.inserted)
    consume_rate = _per_second(found.consumed)
    figures = [
        Figure("raw produce", nan if produce_rate is None else produce_rate, "msgs/s"),
        Figure("raw consume", nan if consume_rate is None else consume_rate, "msgs/s"),
        Figure("raw asyncpg insert", nan if insert_rate is None else insert_rate, "rows/s"),
    ]
    bulk = found.bulk
    if bulk is None:
        figures.append(Figure("pipeline end-to-end", nan, "msgs/s"))
    else:
        lags = bulk.effects.lags_ms
        figures += [
            Figure(
                "pipeline end-to-end",
                bulk.rate,
                "msgs/s",
                vs_produce=_ratio(bulk.rate, produce_rate),
                vs_insert=_ratio(bulk.rate, insert_rate),
            ),
            Figure(
                "pipeline outbox write",
                bulk.write_rate,
                "msgs/s",
                vs_insert=_ratio(bulk.write_rate, insert_rate),
            ),
            Figure("pipeline burst lag p50", percentile(lags, 0.50), "ms"),
            Figure("pipeline burst lag p99", percentile(lags, 0.99), "ms"),
        ]
    if found.light is not None:
        lags = found.light.effects.lags_ms
        figures += [
            Figure("pipeline light lag p50", percentile(lags, 0.50), "ms"),
            Figure("pipeline light lag p99", percentile(lags, 0.99), "ms"),
        ]
    return figures


def details(found: Measurements) -> dict[str, Any]:
    """Supporting numbers for the JSON: durations, relay batching, lag distributions."""
    out: dict[str, Any] = {}
    for name, rate in (("produce", found.produced), ("consume", found.consumed)):
        if rate is not None:
            out[f"raw_{name}"] = {"count": rate.count, "seconds": round(rate.seconds, 3)}
    if found.inserted is not None:
        out["raw_insert"] = {
            "count": found.inserted.count,
            "seconds": round(found.inserted.seconds, 3),
        }
    if found.bulk is not None:
        bulk = found.bulk
        out["burst"] = {
            "count": bulk.count,
            "write_seconds": round(bulk.write_seconds, 3),
            "end_to_end_seconds": round(bulk.end_to_end_seconds, 3),
            "relay_batches": bulk.relay_batches,
            "relay_mean_batch": round(bulk.count / bulk.relay_batches, 1)
            if bulk.relay_batches
            else None,
            "relay_restarts": bulk.relay_restarts,
            "lag_ms": distribution(bulk.effects.lags_ms),
        }
    if found.light is not None:
        out["light"] = {
            "count": found.light.count,
            "offered_rate": round(found.light.offered_rate, 1),
            "lag_ms": distribution(found.light.effects.lags_ms),
        }
    return out


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    # FastStream's access logger (its own stdout handler, not propagated) writes two INFO lines
    # per message; keep only its warnings so the figures measure the pipeline, not a terminal.
    logging.getLogger(FASTSTREAM_ACCESS_LOGGER).addFilter(
        lambda record: record.levelno >= logging.WARNING
    )
    if not args.no_tracing:
        from cers_chassis.telemetry import setup_tracing

        setup_tracing("bench")  # as every service does: spans are made, nothing is exported
    try:
        return asyncio.run(measure(args))
    except KeyboardInterrupt:
        log("floor", "interrupted")
        return 130


if __name__ == "__main__":
    sys.exit(main())
