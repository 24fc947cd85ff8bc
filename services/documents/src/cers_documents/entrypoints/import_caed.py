"""``python -m cers_documents.entrypoints.import_caed FILE``: load migrated CAED declarations.

FILE holds JSON lines (format: ``CaedRecord``, described in the service README); ``-`` reads
standard input. Prints what became of each record; exits 1 when any line failed.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

from cers_chassis.db import create_engine, session_factory
from cers_chassis.outbox import Outbox
from cers_documents.config import DocumentsSettings
from cers_documents.service_layer.caed_import import ImportReport, import_records
from cers_documents.service_layer.clock import utc_now
from cers_documents.service_layer.unit_of_work import UnitOfWork


async def run_import(settings: DocumentsSettings, lines: list[str]) -> ImportReport:
    """Import ``lines`` into the database the settings name."""
    if not settings.database_url:
        raise SystemExit("CERS_DATABASE_URL is not set")
    engine = create_engine(settings.database_url)
    try:
        uow = UnitOfWork(session_factory(engine), Outbox(settings.source))
        return await import_records(uow, lines, utc_now())
    finally:
        await engine.dispose()


def main(argv: list[str] | None = None) -> int:
    """Run the import; 0 when every line was imported or already present."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("file", help="JSON lines of CAED records, or - for standard input")
    args = parser.parse_args(argv)
    text = sys.stdin.read() if args.file == "-" else Path(args.file).read_text(encoding="utf-8")
    report = asyncio.run(run_import(DocumentsSettings(), text.splitlines()))
    print(f"imported {report.imported}, already present {report.already_present}")
    for number, problem in report.failures:
        print(f"line {number}: {problem}", file=sys.stderr)
    return 1 if report.failures else 0


if __name__ == "__main__":
    sys.exit(main())
