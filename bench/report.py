"""Figures, percentiles, machine facts, the printed table and the JSON result files."""

from __future__ import annotations

import json
import math
import os
import platform
import sys
from dataclasses import asdict, dataclass
from datetime import datetime
from importlib import metadata
from pathlib import Path
from typing import Any

RESULTS_DIR = Path(__file__).resolve().parent / "results"
LIBRARIES = ("aiokafka", "asyncpg", "faststream", "sqlalchemy", "pydantic", "opentelemetry-sdk")


@dataclass(frozen=True)
class Figure:
    """One measured figure, with its ratios to the raw floor when it is a pipeline rate."""

    name: str
    value: float
    unit: str
    vs_produce: float | None = None
    vs_insert: float | None = None


def percentile(values: list[float], fraction: float) -> float:
    """The ``fraction`` quantile of ``values`` (linear interpolation between closest ranks)."""
    if not values:
        return math.nan
    ordered = sorted(values)
    position = (len(ordered) - 1) * fraction
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def distribution(values: list[float]) -> dict[str, float]:
    """Min, p50, p90, p99 and max of ``values``, rounded to hundredths."""
    return {
        name: round(percentile(values, q), 2)
        for name, q in (("min", 0.0), ("p50", 0.5), ("p90", 0.9), ("p99", 0.99), ("max", 1.0))
    }


def machine_info() -> dict[str, Any]:
    """What the figures depend on: cores, memory, load, Python and library versions."""
    memory_kb = None
    with open("/proc/meminfo", encoding="ascii") as meminfo:
        for line in meminfo:
            if line.startswith("MemTotal:"):
                memory_kb = int(line.split()[1])
    versions: dict[str, str | None] = {}
    for library in LIBRARIES:
        try:
            versions[library] = metadata.version(library)
        except metadata.PackageNotFoundError:
            versions[library] = None
    return {
        "nproc": len(os.sched_getaffinity(0)),
        "cpu_count": os.cpu_count(),
        "memory_mb": memory_kb // 1024 if memory_kb else None,
        "load_average": list(os.getloadavg()),
        "python": sys.version.split()[0],
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "libraries": versions,
    }


def format_table(figures: list[Figure]) -> str:
    """A fixed-width table: name, figure, unit, and the pipeline's ratios to the raw floor."""
    header = ("name", "figure", "unit", "/ raw produce", "/ raw insert")
    rows = [
        (
            f.name,
            f"{f.value:,.1f}" if not math.isnan(f.value) else "n/a",
            f.unit,
            f"{f.vs_produce:.3g}" if f.vs_produce is not None else "",
            f"{f.vs_insert:.3g}" if f.vs_insert is not None else "",
        )
        for f in figures
    ]
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    aligns = ["<", ">", "<", ">", ">"]

    def line(cells: tuple[str, ...]) -> str:
        return "  ".join(f"{c:{a}{w}}" for c, a, w in zip(cells, aligns, widths, strict=True))

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(header), rule, *(line(row) for row in rows)])


def write_results(
    result: dict[str, Any], started: datetime, *, update_latest: bool, benchmark: str
) -> Path:
    """Write ``<benchmark>-<UTC timestamp>.json`` (and ``<benchmark>-latest.json``); return the
    first path."""
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    text = json.dumps(result, indent=2, default=str) + "\n"
    path = RESULTS_DIR / f"{benchmark}-{started:%Y%m%dT%H%M%SZ}.json"
    path.write_text(text, encoding="utf-8")
    if update_latest:
        (RESULTS_DIR / f"{benchmark}-latest.json").write_text(text, encoding="utf-8")
    return path


def figures_json(figures: list[Figure]) -> list[dict[str, Any]]:
    return [
        {k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in asdict(f).items()}
        for f in figures
    ]
