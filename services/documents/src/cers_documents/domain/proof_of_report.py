"""Proof of Report numbers: CERS declarations (AuthID + date + sequence) and migrated CAED ones.

A CERS declaration's POR is its exporter's Authorization ID, the submission date ``YYYYMMDD`` in
Eastern Time, and a sequence number 1..99,999,999,999 (not padded): 15 to 25 characters. The date
is Eastern Time because CBSA's reporting day is the business day in Ottawa (America/Toronto);
a UTC date would change at 19:00 or 20:00 local time and give an evening's declarations
tomorrow's date.

A migrated CAED POR has 23 characters: licence (2 digits, 1 letter, 3 digits), AuthID, ``YYYYMM``
and a 5-digit sequence; users also write it hyphenated, ``05X222SC12342019-12-00001``.
"""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

REPORTING_TIME_ZONE = ZoneInfo("America/Toronto")
MAX_SEQUENCE = 99_999_999_999

_CAED = re.compile(r"^(\d{2}[A-Z]\d{3})([A-Z][A-Z]\d{4})(\d{4})-?(\d{2})-?(\d{5})$")


class SequenceExhaustedError(Exception):
    """An Authorization ID used every sequence number of one day."""


def reporting_date(at: datetime) -> str:
    """The Eastern Time date of an aware instant, ``YYYYMMDD``."""
    return at.astimezone(REPORTING_TIME_ZONE).strftime("%Y%m%d")


def proof_of_report(authorization_id: str, submitted_at: datetime, sequence: int) -> str:
    """The POR of the ``sequence``-th declaration of the AuthID on the submission's date."""
    if not 1 <= sequence <= MAX_SEQUENCE:
        raise SequenceExhaustedError(f"sequence {sequence} is outside 1..{MAX_SEQUENCE}")
    return f"{authorization_id}{reporting_date(submitted_at)}{sequence}"


def caed_proof_of_report(text: str) -> str | None:
    """The 23-character CAED POR written (hyphenated or not) in ``text``; None if it is not one."""
    match = _CAED.match(text.strip().upper())
    if match is None:
        return None
    licence, authorization_id, year, month, sequence = match.groups()
    if not 1 <= int(month) <= 12:
        return None
    return f"{licence}{authorization_id}{year}{month}{sequence}"


def hyphenated_caed(proof: str) -> str:
    """The hyphenated form of a 23-character CAED POR: ``05X222SC12342019-12-00001``."""
    return f"{proof[:16]}-{proof[16:18]}-{proof[18:]}"


def caed_authorization_id(proof: str) -> str:
    """The AuthID inside a 23-character CAED POR."""
    return proof[6:12]


def normalized_search(text: str) -> str:
    """A POR as searched for: a CAED POR unhyphenated, any other one upper-cased and trimmed."""
    return caed_proof_of_report(text) or text.strip().upper()
