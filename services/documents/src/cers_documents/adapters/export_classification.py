"""Loads Statistics Canada's Canadian Export Classification (CEC) from its CSV file.

Expected layout: UTF-8 CSV, optional leading ``#`` comment lines, then a header with exactly the
columns ``hs8`` (8 digits, dots allowed), ``description_en``, ``description_fr`` and ``uom`` (the
UN/ECE unit of quantity, e.g. ``NMB``, ``KGM``), in any order. A file with other or missing
columns, or a malformed row, is refused with a ``ClassificationFileError`` naming the problem
(a wrong file must not silently weaken validation). ``reference_data/cec_sample.csv`` (in the
package) is a small development sample in this layout, not the authoritative table.
"""

from __future__ import annotations

import csv
from pathlib import Path

from cers_documents.domain.classification import (
    ClassificationEntry,
    ExportClassification,
    normalize_hs_code,
)

COLUMNS = ("hs8", "description_en", "description_fr", "uom")
SAMPLE_CEC_FILE = Path(__file__).resolve().parents[1] / "reference_data" / "cec_sample.csv"


class ClassificationFileError(ValueError):
    """The CEC file does not have the expected columns or rows."""


def load_export_classification(path: Path) -> ExportClassification:
    """The CEC in the CSV file at ``path``."""
    text = path.read_text(encoding="utf-8-sig")
    rows = csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))
    columns = tuple(rows.fieldnames or ())
    if sorted(columns) != sorted(COLUMNS):
        raise ClassificationFileError(
            f"{path}: expected the columns {', '.join(COLUMNS)}; "
            f"found {', '.join(columns) or 'none'}"
        )
    entries: dict[str, ClassificationEntry] = {}
    for number, row in enumerate(rows, start=1):
        entry = _entry(row, path, number)
        entries[entry.code] = entry
    return ExportClassification(source=str(path), entries=entries)


def _entry(row: dict[str, str], path: Path, number: int) -> ClassificationEntry:
    code = normalize_hs_code(row["hs8"] or "")
    uom = (row["uom"] or "").strip()
    if code is None or not uom:
        raise ClassificationFileError(
            f"{path}, data row {number}: hs8 must have 8 digits and uom must be given"
        )
    return ClassificationEntry(
        code=code,
        description_en=(row["description_en"] or "").strip(),
        description_fr=(row["description_fr"] or "").strip(),
        uom=uom,
    )
