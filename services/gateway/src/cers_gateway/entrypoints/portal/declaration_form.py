"""The export declaration form: form fields ↔ a ``DeclarationContent`` body, and its selects.

Field ids follow the JSON pointers of the body (``/consignee/address/city`` is
``consignee-address-city``, ``/lines/2/quantity`` is ``lines-2-quantity``), so the services'
findings land beside their fields through ``cers_gateway.domain.forms.field_id``. Blank fields
are left out (a draft may be incomplete); blank commodity lines and permits are dropped; container
and exporter reference numbers are one per line of a text area. The estimated date and time of
export is typed in Eastern Time and sent as an aware UTC instant.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from cers_contracts.codes import CODE_TABLES, Language
from cers_gateway.entrypoints.portal.forms import eastern_time, flatten, local_input

ADDRESS_PARTS = ("line1", "line2", "city", "province", "postal_code", "country")
LINE_PARTS = (
    "export_hs_code",
    "description",
    "quantity",
    "quantity_uom",
    "value_fob",
    "gross_weight",
    "weight_uom",
    "country_of_origin",
    "province_of_origin",
)
PERMIT_PARTS = ("number", "issuing_authority")
SCALARS = (
    "export_reason",
    "mode_of_transport",
    "port_of_exit",
    "country_of_final_destination",
    "carrier_name",
    "vessel_name",
    "currency",
    "domestic_freight",
)
LISTS = ("container_numbers", "exporter_reference_numbers")
UPPER_CASE = {"country", "province", "country_of_final_destination", "currency"}
UPPER_CASE |= {"country_of_origin", "province_of_origin", "business_number"}
YES = "yes"
MIN_LINE_ROWS = 3
MIN_PERMIT_ROWS = 2
ALIASES = {"/lines": "lines-0-export_hs_code", "/permits": "permits-0-number"}
"""Pointers about a whole list go to its first row."""


def _value(form: Mapping[str, str], name: str) -> str | None:
    text = form.get(name, "").strip()
    if not text:
        return None
    return text.upper() if name.rsplit("-", 1)[-1] in UPPER_CASE else text


def _address(form: Mapping[str, str], prefix: str) -> dict[str, str | None] | None:
    address = {part: _value(form, f"{prefix}-address-{part}") for part in ADDRESS_PARTS}
    return address if any(address.values()) else None


def _party(form: Mapping[str, str], prefix: str, *extra: str) -> dict[str, Any] | None:
    party: dict[str, Any] = {name: _value(form, f"{prefix}-{name}") for name in ("name", *extra)}
    party["address"] = _address(form, prefix)
    return party if any(party.values()) else None


def _rows(form: Mapping[str, str], prefix: str, parts: tuple[str, ...]) -> Iterator[int]:
    """The row numbers present in the form (``prefix-N-part``), in order."""
    found = set()
    for key in form:
        pieces = key.split("-")
        if len(pieces) == 3 and pieces[0] == prefix and pieces[1].isdigit() and pieces[2] in parts:
            found.add(int(pieces[1]))
    return iter(sorted(found))


def _line(form: Mapping[str, str], index: int) -> dict[str, Any] | None:
    line: dict[str, Any] = {part: _value(form, f"lines-{index}-{part}") for part in LINE_PARTS}
    controlled = form.get(f"lines-{index}-controlled") == YES
    if not controlled and not any(line.values()):
        return None
    return line | {"controlled": controlled}


def _permit(form: Mapping[str, str], index: int) -> dict[str, Any] | None:
    permit = {part: _value(form, f"permits-{index}-{part}") for part in PERMIT_PARTS}
    return permit if any(permit.values()) else None


def _utc(value: str | None) -> str | None:
    """An Eastern Time ``datetime-local`` value as an aware UTC instant (else as typed)."""
    local = eastern_time(value)
    if local is None:
        return None
    try:
        return datetime.fromisoformat(local).astimezone(UTC).isoformat()
    except ValueError:
        return local


def _related(value: str | None) -> bool | None:
    return {"yes": True, "no": False}.get(value or "")


def content_of(form: Mapping[str, str]) -> dict[str, Any]:
    """The ``DeclarationContent`` body of a posted declaration form."""
    content: dict[str, Any] = {name: _value(form, name) for name in SCALARS}
    content["consignee"] = _party(form, "consignee")
    content["service_provider"] = _party(form, "service_provider", "business_number")
    content["estimated_export_at"] = _utc(form.get("estimated_export_at"))
    content["containerized"] = form.get("containerized") == YES
    content["related_party"] = _related(form.get("related_party"))
    for name in LISTS:
        content[name] = [n.strip() for n in form.get(name, "").splitlines() if n.strip()]
    lines = (_line(form, i) for i in _rows(form, "lines", (*LINE_PARTS, "controlled")))
    content["lines"] = [line for line in lines if line]
    permits = (_permit(form, i) for i in _rows(form, "permits", PERMIT_PARTS))
    content["permits"] = [permit for permit in permits if permit]
    return {k: v for k, v in content.items() if v is not None}


def values_of(content: Mapping[str, Any]) -> dict[str, str]:
    """The form values that show ``content`` (a draft's or a version's) for editing."""
    nested = {k: v for k, v in content.items() if k not in (*LISTS, "lines", "permits")}
    values = flatten("", nested)
    for name in LISTS:
        values[name] = "\n".join(content.get(name) or [])
    for kind in ("lines", "permits"):
        for index, row in enumerate(content.get(kind) or []):
            values |= flatten(f"{kind}-{index}", row)
    for index, line in enumerate(content.get("lines") or []):
        values[f"lines-{index}-controlled"] = YES if line.get("controlled") else ""
    values["containerized"] = YES if content.get("containerized") else ""
    related = content.get("related_party")
    values["related_party"] = "" if related is None else ("yes" if related else "no")
    values["estimated_export_at"] = local_input(content.get("estimated_export_at"))
    return values


@dataclass(frozen=True)
class Layout:
    """How many commodity line and permit rows the form shows."""

    lines: int
    permits: int

    @classmethod
    def of(cls, content: Mapping[str, Any], wanted_lines: int = 0) -> Layout:
        """Rows for ``content``'s lines and permits (at least a few, and ``wanted_lines``)."""
        lines = len(content.get("lines") or [])
        permits = len(content.get("permits") or [])
        return cls(
            lines=max(MIN_LINE_ROWS, lines, wanted_lines),
            permits=max(MIN_PERMIT_ROWS, permits + 1),
        )

    @classmethod
    def posted(cls, form: Mapping[str, str], add_line: bool = False) -> Layout:
        """The rows a posted form showed (one more line row when ``add_line``)."""
        permit_rows = [int(i) for i in _rows(form, "permits", PERMIT_PARTS)]
        return cls(
            lines=requested_line_rows(form) + (1 if add_line else 0),
            permits=max(MIN_PERMIT_ROWS, max(permit_rows, default=-1) + 1),
        )

    def field_ids(self) -> set[str]:
        """Every field id of the form (a pointer's nearest one gets its message)."""
        ids = {*SCALARS, *LISTS, "estimated_export_at", "containerized", "related_party"}
        ids |= {"consignee-name", "service_provider-name", "service_provider-business_number"}
        for party in ("consignee", "service_provider"):
            ids |= {f"{party}-address-{part}" for part in ADDRESS_PARTS}
        for i in range(self.lines):
            ids |= {f"lines-{i}", f"lines-{i}-controlled"}
            ids |= {f"lines-{i}-{part}" for part in LINE_PARTS}
        for i in range(self.permits):
            ids |= {f"permits-{i}-{part}" for part in PERMIT_PARTS}
        return ids


def requested_line_rows(form: Mapping[str, str]) -> int:
    """The line rows the form showed (its hidden ``line_rows``)."""
    shown = form.get("line_rows", "")
    return min(int(shown), 999) if shown.isdigit() else MIN_LINE_ROWS


Options = list[tuple[str, str]]


def code_options(language: str) -> dict[str, Options]:
    """Each code table's select options, labelled ``code - label`` in ``language``."""
    lang: Language = "fr" if language == "fr" else "en"
    return {
        name: [(o.code, f"{o.code} - {o.label}") for o in table.options(lang)]
        for name, table in CODE_TABLES.items()
    }


def code_label(table: str, code: str | None, language: str) -> str:
    """A code with its label (the code alone when the table does not know it)."""
    entry = CODE_TABLES[table].get(code)
    if entry is None:
        return code or ""
    return f"{entry.code} - {entry.label('fr' if language == 'fr' else 'en')}"
