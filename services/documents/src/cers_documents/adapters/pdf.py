"""The PDF of one submitted declaration version: all its data, as it was reported, under the
declaration's current status (a voided declaration's versions all say Voided).

Labels are in both official languages, the chosen language first ("Port of exit / Bureau de
sortie"), as Government of Canada forms show them; coded values (modes, ports, reasons,
countries) carry their names in the chosen language, and findings their French text from the
message catalog when French is chosen. Times are in Eastern Time, as CBSA states them (in UTC
when Eastern Time cannot express them). The Proof of Report heads the first page and every other
page.

Text is set in DejaVu Sans (Debian's ``fonts-dejavu-core``), a Unicode font: French accents and
names in Latin, Greek or Cyrillic script render. Where those fonts are missing, the PDF core font
Helvetica is used instead, which covers Latin-1 (French included). A character the font lacks
(Chinese in DejaVu, Polish in Helvetica) prints as ``?``, so the reader sees that something is
there.

The tables are laid out here (word wrap and placement with fpdf2's ``text``) rather than with
fpdf2's ``table`` or ``multi_cell``: those take about ten seconds for 999 commodity lines, this
under one.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo

from fpdf import FPDF
from fpdf.fonts import TTFFont

from cers_contracts.accounts import Address
from cers_contracts.codes import (
    AMENDMENT_REASONS,
    EXPORT_REASONS,
    MODES_OF_TRANSPORT,
    PORTS_OF_EXIT,
    CodeEntry,
    CodeTable,
)
from cers_contracts.codes.iso import country_name, currency_name, province_name
from cers_contracts.documents import DeclarationVersion, Finding, Party, PartyAddress
from cers_documents.domain.messages import MESSAGES, french

Language = Literal["en", "fr"]

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
_FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}
EASTERN_TIME = ZoneInfo("America/Toronto")
_ZONE_NAMES: dict[Language, dict[str, str]] = {"en": {}, "fr": {"EST": "HNE", "EDT": "HAE"}}

_LINE_MM = 3.6
_PAD_MM = 1.0
_BODY_PT = 8
_TABLE_PT = 7
_NONE = "-"

# Every label of the document: key -> (English, French).
LABELS: dict[str, tuple[str, str]] = {
    "agency": ("Canada Border Services Agency", "Agence des services frontaliers du Canada"),
    "title": ("Export Declaration", "Déclaration d'exportation"),
    "por": ("Proof of Report", "Preuve de déclaration"),
    "status": ("Current status of the declaration", "Statut actuel de la déclaration"),
    "version": ("Version", "Version"),
    "version_shown": ("Version shown", "Version présentée"),
    "reported_at": ("Reported at (Eastern Time)", "Déclarée le (heure de l'Est)"),
    "page": ("Page", "Page"),
    "exporter": ("Exporter", "Exportateur"),
    "name": ("Name", "Nom"),
    "business_number": ("Business Number", "Numéro d'entreprise"),
    "authorization_id": ("Authorization ID", "ID d'autorisation"),
    "address": ("Address", "Adresse"),
    "filer": ("Filed by", "Déclarée par"),
    "user": ("User", "Utilisateur"),
    "urn": ("User Reference Number", "Numéro de référence de l'utilisateur"),
    "through_account": (
        "For the service provider account",
        "Pour le compte du fournisseur de services",
    ),
    "consignee": ("Consignee", "Destinataire"),
    "service_provider": ("Service provider", "Fournisseur de services"),
    "shipment": ("Shipment", "Expédition"),
    "export_reason": ("Reason for export", "Raison de l'exportation"),
    "mode_of_transport": ("Mode of transport", "Mode de transport"),
    "port_of_exit": ("Port of exit", "Bureau de sortie"),
    "country_of_final_destination": (
        "Country of final destination",
        "Pays de destination finale",
    ),
    "estimated_export_at": (
        "Estimated date of export (Eastern Time)",
        "Date prévue d'exportation (heure de l'Est)",
    ),
    "carrier_name": ("Carrier", "Transporteur"),
    "vessel_name": ("Vessel", "Navire"),
    "containerized": ("Containerized", "Conteneurisé"),
    "container_numbers": ("Container numbers", "Numéros de conteneur"),
    "exporter_reference_numbers": (
        "Exporter reference numbers",
        "Numéros de référence de l'exportateur",
    ),
    "related_party": ("Related party", "Parties liées"),
    "currency": ("Currency", "Devise"),
    "domestic_freight": ("Domestic freight", "Fret intérieur"),
    "line_count": ("Commodity lines", "Lignes de marchandises"),
    "total_value_fob": ("Total value FOB", "Valeur FAB totale"),
    "permits": ("Permits and certificates", "Licences et certificats"),
    "permit_number": ("Number", "Numéro"),
    "issuing_authority": ("Issuing authority", "Autorité de délivrance"),
    "lines": ("Commodity lines", "Lignes de marchandises"),
    "line_no": ("#", "#"),
    "export_hs_code": ("Export HS code", "Code SH d'exportation"),
    "description": ("Description", "Description"),
    "quantity": ("Quantity", "Quantité"),
    "value_fob": ("Value FOB", "Valeur FAB"),
    "gross_weight": ("Gross weight", "Poids brut"),
    "origin": ("Origin", "Origine"),
    "controlled": ("Controlled", "Contrôlée"),
    "findings": ("Reported with these findings", "Déclarée avec ces constats"),
    "severity": ("Severity", "Gravité"),
    "field": ("Field", "Champ"),
    "message": ("Message", "Message"),
    "amendment": ("Amendment", "Modification"),
    "amendment_reason": ("Reason for amendment", "Raison de la modification"),
    "before": ("Before", "Avant"),
    "after": ("After", "Après"),
    "none": ("None", "Aucun"),
}

VALUES: dict[str, tuple[str, str]] = {
    "yes": ("Yes", "Oui"),
    "no": ("No", "Non"),
    "original": ("Original", "Original"),
    "amended": ("Amended", "Modifiée"),
    "void_requested": ("Void requested", "Annulation demandée"),
    "voided": ("Voided", "Annulée"),
    "error": ("Error", "Erreur"),
    "warning": ("Warning", "Avertissement"),
    "info": ("Information", "Information"),
}


@dataclass(frozen=True)
class _Column:
    label: str
    width: float  # a share of the page width
    align: Literal["L", "R"] = "L"


_LINE_COLUMNS = (
    _Column("line_no", 0.04, "R"),
    _Column("export_hs_code", 0.12),
    _Column("description", 0.28),
    _Column("quantity", 0.12, "R"),
    _Column("value_fob", 0.12, "R"),
    _Column("gross_weight", 0.12, "R"),
    _Column("origin", 0.10),
    _Column("controlled", 0.10),
)


def render_declaration(
    version: DeclarationVersion, language: Language, *, font_dir: Path = FONT_DIR
) -> bytes:
    """The PDF of ``version``, its labels in ``language`` first and then the other language.

    ``version.status`` is printed as the declaration's current status (see
    ``Declaration.shown_now``); the version number says which version the PDF shows.
    """
    document = _DeclarationPdf(version, language, font_dir)
    document.write_declaration()
    return bytes(document.output())


class _DeclarationPdf(FPDF):
    """One declaration version on US Letter pages, with its running header and footer."""

    def __init__(self, version: DeclarationVersion, language: Language, font_dir: Path) -> None:
        super().__init__(format="letter", unit="mm")
        self.declaration, self.language = version, language
        self._family = "helvetica"
        if all((font_dir / name).is_file() for name in _FONT_FILES.values()):
            for style, name in _FONT_FILES.items():
                self.add_font("DejaVu", style, str(font_dir / name))
            self._family = "DejaVu"
        self.set_margins(12, 16, 12)
        self.set_auto_page_break(False)  # every block checks its own room
        self.set_creation_date(version.reported_at)
        self.set_lang(f"{language}-CA")
        self.set_title(f"{self.both('title')} {version.proof_of_report}")
        self.set_author(self.both("agency"))

    # --- words -------------------------------------------------------------------------------

    def both(self, key: str) -> str:
        """A label in both languages, the chosen one first."""
        return self._bilingual(LABELS[key])

    def said(self, key: str) -> str:
        """A value word (yes, a status, a severity) in the chosen language."""
        english, french = VALUES[key]
        return english if self.language == "en" else french

    def _bilingual(self, texts: tuple[str, str]) -> str:
        english, french = texts
        if english == french:
            return english
        return f"{english} / {french}" if self.language == "en" else f"{french} / {english}"

    # --- drawing -----------------------------------------------------------------------------

    def font(self, size: float, bold: bool = False) -> None:
        self.set_font(self._family, "B" if bold else "", size)

    def printable(self, text: str) -> str:
        """``text`` with each character the current font lacks shown as ``?``, not dropped."""
        font = self.current_font
        if text.isascii():
            return text
        if isinstance(font, TTFFont):
            return "".join(c if ord(c) in font.cmap else "?" for c in text)
        return text.encode("latin-1", "replace").decode("latin-1")

    def put(self, x: float, y: float, text: str) -> None:
        """Text with its baseline at ``y``."""
        self.text(x, y, self.printable(text))

    def width_of(self, text: str) -> float:
        """The width of ``text`` in the current font (from the font's widths: fpdf2's
        ``get_string_width`` copies its state on each call, which made 999 lines take seconds)."""
        font = self.current_font
        assert font is not None
        return float(font.get_text_width(self.printable(text), self.font_size_pt, None)[1]) / self.k

    def wrap(self, text: str, width: float) -> list[str]:
        """``text`` cut into lines that fit ``width`` (at spaces, else inside a word)."""
        space = self.width_of(" ")
        lines: list[str] = []
        current, used = "", 0.0
        for word in text.split():
            size = self.width_of(word)
            if current and used + space + size <= width:
                current, used = f"{current} {word}", used + space + size
                continue
            if current:
                lines.append(current)
            current, used = word, size
            while used > width and len(current) > 1:  # a word wider than the column
                cut = self._fitting(current, width)
                lines.append(current[:cut])
                current = current[cut:]
                used = self.width_of(current)
        return [*lines, current]

    def _fitting(self, word: str, width: float) -> int:
        """How many leading characters of ``word`` fit ``width`` (at least one)."""
        used = 0.0
        for index, character in enumerate(word):
            used += self.width_of(character)
            if used > width:
                return max(index, 1)
        return len(word)

    def room_for(self, height: float) -> bool:
        return self.get_y() + height <= self.h - self.b_margin - 8

    def header(self) -> None:
        self.font(7)
        self.set_text_color(80)
        self.put(self.l_margin, 9, f"{self.both('agency')} - {self.both('title')}")
        por = f"{self.both('por')}: {self.declaration.proof_of_report}"
        self.font(7, bold=True)
        self.put(self.w - self.r_margin - self.width_of(por), 9, por)
        self.set_draw_color(150)
        self.line(self.l_margin, 11, self.w - self.r_margin, 11)
        self.set_text_color(0)
        self.set_y(self.t_margin)

    def footer(self) -> None:
        self.font(7)
        self.set_text_color(80)
        version = f"{self.both('version')} {self.declaration.version}"
        self.put(self.l_margin, self.h - 8, f"{self.declaration.proof_of_report} - {version}")
        # A cell, not ``text``: fpdf2 puts the page count in place of {nb} only in cells.
        self.set_xy(self.l_margin, self.h - 10.5)
        self.cell(self.epw, 3, f"{self.both('page')} {self.page_no()} / {{nb}}", align="R")
        self.set_text_color(0)

    def section(self, key: str) -> None:
        """A section title bar (on a new page when the bar and a row would not fit)."""
        height = _LINE_MM + 2 * _PAD_MM
        if not self.room_for(height + 3 * _LINE_MM):
            self.add_page()
        self.set_y(self.get_y() + 2)
        self.set_fill_color(225, 230, 238)
        self.rect(self.l_margin, self.get_y(), self.epw, height, style="F")
        self.font(_BODY_PT + 1, bold=True)
        self.put(self.l_margin + _PAD_MM, self.get_y() + _PAD_MM + 2.7, self.both(key))
        self.set_y(self.get_y() + height + 0.5)

    def fields(self, rows: Iterable[tuple[str, str]]) -> None:
        """Label-value rows: the bilingual label on the left, the value wrapped on the right."""
        label_width = self.epw * 0.40
        value_width = self.epw - label_width - 2 * _PAD_MM
        for key, value in rows:
            self.font(_BODY_PT, bold=True)
            labels = self.wrap(self.both(key), label_width - 2 * _PAD_MM)
            self.font(_BODY_PT)
            values = self.wrap(value, value_width)
            height = _LINE_MM * max(len(labels), len(values)) + _PAD_MM
            if not self.room_for(height):
                self.add_page()
            top = self.get_y() + 2.8
            self.font(_BODY_PT, bold=True)
            for index, text in enumerate(labels):
                self.put(self.l_margin + _PAD_MM, top + index * _LINE_MM, text)
            self.font(_BODY_PT)
            for index, text in enumerate(values):
                self.put(self.l_margin + label_width, top + index * _LINE_MM, text)
            self.set_y(self.get_y() + height)

    def grid(self, columns: Sequence[_Column], rows: Iterable[Sequence[str]]) -> None:
        """A table whose heading repeats on every page it runs onto; rows are never split."""
        widths = [column.width * self.epw for column in columns]
        self._table_heading(columns, widths)
        self.font(_TABLE_PT)
        for row in rows:
            cells = [self.wrap(text, w - 2 * _PAD_MM) for text, w in zip(row, widths, strict=True)]
            height = _LINE_MM * max(len(lines) for lines in cells) + _PAD_MM
            if not self.room_for(height):
                self.add_page()
                self._table_heading(columns, widths)
                self.font(_TABLE_PT)
            self._table_row(columns, widths, cells, height)

    def _table_heading(self, columns: Sequence[_Column], widths: Sequence[float]) -> None:
        self.font(_TABLE_PT, bold=True)
        cells = [
            self.wrap(self.both(c.label), w - 2 * _PAD_MM)
            for c, w in zip(columns, widths, strict=True)
        ]
        height = _LINE_MM * max(len(lines) for lines in cells) + _PAD_MM
        self.set_fill_color(240, 242, 246)
        self.rect(self.l_margin, self.get_y(), self.epw, height, style="F")
        self._table_row(columns, widths, cells, height)

    def _table_row(
        self,
        columns: Sequence[_Column],
        widths: Sequence[float],
        cells: Sequence[Sequence[str]],
        height: float,
    ) -> None:
        top, x = self.get_y(), self.l_margin
        for column, width, lines in zip(columns, widths, cells, strict=True):
            for index, text in enumerate(lines):
                left = x + _PAD_MM
                if column.align == "R":
                    left = x + width - _PAD_MM - self.width_of(text)
                self.put(left, top + 2.7 + index * _LINE_MM, text)
            x += width
        self.set_draw_color(200)
        self.line(self.l_margin, top + height, self.l_margin + self.epw, top + height)
        self.set_y(top + height)

    # --- the declaration ---------------------------------------------------------------------

    def write_declaration(self) -> None:
        self.alias_nb_pages()
        self.add_page()
        self._title()
        self._parties()
        self._shipment()
        self._permits()
        self._lines()
        self._findings()
        self._amendment()

    def _title(self) -> None:
        version = self.declaration
        self.font(14, bold=True)
        self.put(self.l_margin, self.get_y() + 5, self.both("title"))
        self.set_y(self.get_y() + 8)
        self.set_draw_color(40, 60, 110)
        self.set_line_width(0.6)
        self.rect(self.l_margin, self.get_y(), self.epw, 14)
        self.set_line_width(0.2)
        self.font(_BODY_PT)
        self.put(self.l_margin + 3, self.get_y() + 4.5, self.both("por"))
        self.font(16, bold=True)
        self.put(self.l_margin + 3, self.get_y() + 11.5, version.proof_of_report)
        self.set_y(self.get_y() + 16)
        self.fields(
            [
                ("status", self.said(version.status)),
                ("version_shown", str(version.version)),
                ("reported_at", self.moment(version.reported_at)),
            ]
        )

    def _parties(self) -> None:
        version, content = self.declaration, self.declaration.content
        exporter, filer = version.exporter, version.filer
        self.section("exporter")
        self.fields(
            [
                ("name", exporter.name),
                ("business_number", exporter.business_number),
                ("authorization_id", exporter.authorization_id),
                ("address", self.address(exporter.address)),
            ]
        )
        self.section("filer")
        self.fields(
            [
                ("user", filer.user_id),
                ("urn", filer.urn or _NONE),
                ("through_account", filer.through_account_id or _NONE),
            ]
        )
        self.section("consignee")
        self.fields(self.party(content.consignee))
        self.section("service_provider")
        provider = content.service_provider
        number = provider.business_number if provider else None
        self.fields([*self.party(provider), ("business_number", number or _NONE)])

    def _shipment(self) -> None:
        content = self.declaration.content
        amounts = [line.value_fob for line in content.lines if line.value_fob is not None]
        self.section("shipment")
        self.fields(
            [
                ("export_reason", self.coded(EXPORT_REASONS, content.export_reason)),
                ("mode_of_transport", self.coded(MODES_OF_TRANSPORT, content.mode_of_transport)),
                ("port_of_exit", self.coded(PORTS_OF_EXIT, content.port_of_exit)),
                (
                    "country_of_final_destination",
                    self.country(content.country_of_final_destination),
                ),
                ("estimated_export_at", self.moment(content.estimated_export_at)),
                ("carrier_name", content.carrier_name or _NONE),
                ("vessel_name", content.vessel_name or _NONE),
                ("containerized", self.yes_no(content.containerized)),
                ("container_numbers", ", ".join(content.container_numbers) or _NONE),
                (
                    "exporter_reference_numbers",
                    ", ".join(content.exporter_reference_numbers) or _NONE,
                ),
                ("related_party", self.yes_no(content.related_party)),
                ("currency", self.currency(content.currency)),
                ("domestic_freight", self.amount(content.domestic_freight)),
                ("line_count", str(len(content.lines))),
                ("total_value_fob", self.amount(sum(amounts, Decimal(0)) if amounts else None)),
            ]
        )

    def _permits(self) -> None:
        permits = self.declaration.content.permits
        self.section("permits")
        if not permits:
            self.fields([("permits", self.both("none"))])
            return
        self.grid(
            (_Column("permit_number", 0.3), _Column("issuing_authority", 0.7)),
            ((p.number or _NONE, p.issuing_authority or _NONE) for p in permits),
        )

    def _lines(self) -> None:
        self.section("lines")
        self.grid(
            _LINE_COLUMNS,
            (
                (
                    str(number),
                    line.export_hs_code or _NONE,
                    line.description or _NONE,
                    self.measure(line.quantity, line.quantity_uom),
                    _text(line.value_fob),
                    self.measure(line.gross_weight, line.weight_uom),
                    " / ".join(filter(None, (line.country_of_origin, line.province_of_origin)))
                    or _NONE,
                    self.yes_no(line.controlled),
                )
                for number, line in enumerate(self.declaration.content.lines, start=1)
            ),
        )

    def _findings(self) -> None:
        findings = self.declaration.findings
        if not findings:
            return
        self.section("findings")
        self.grid(
            (_Column("severity", 0.14), _Column("field", 0.26), _Column("message", 0.6)),
            ((self.said(f.severity), f.pointer, self.finding_text(f)) for f in findings),
        )

    def _amendment(self) -> None:
        version = self.declaration
        if version.amendment_reason is None and not version.changes:
            return
        self.section("amendment")
        self.fields([("amendment_reason", self.coded(AMENDMENT_REASONS, version.amendment_reason))])
        if version.changes:
            self.grid(
                (_Column("field", 0.3), _Column("before", 0.35), _Column("after", 0.35)),
                ((c.pointer, _text(c.before), _text(c.after)) for c in version.changes),
            )

    # --- values ------------------------------------------------------------------------------

    def moment(self, value: datetime | None) -> str:
        """A time in Eastern Time, with the zone's abbreviation in the chosen language.

        An instant Eastern Time cannot express (hours from the limits of years 1 and 9999: an
        export date typed wrong, which submits with a warning at most) is shown in UTC, and one
        UTC cannot express either as it was written, with its offset.
        """
        if value is None:
            return _NONE
        for zone in (EASTERN_TIME, UTC):
            try:
                local = value.astimezone(zone)
            except OverflowError:
                continue
            name = local.tzname() or ""
            return f"{_clock_time(local)} {_ZONE_NAMES[self.language].get(name, name)}"
        return f"{_clock_time(value)} {_utc_offset(value)}"

    def finding_text(self, finding: Finding) -> str:
        """The finding's text: as reported (English), or French from the message catalog."""
        if self.language == "en" or finding.code not in MESSAGES:
            return finding.message
        try:
            return french(finding.code, finding.params)
        except (KeyError, IndexError, ValueError):  # params the catalog text does not expect
            return finding.message

    def yes_no(self, value: bool | None) -> str:
        return _NONE if value is None else self.said("yes" if value else "no")

    def coded(self, table: CodeTable[Any], code: str | None) -> str:
        """A code with its name in the chosen language (the code alone when the table lacks it)."""
        if not code:
            return _NONE
        entry: CodeEntry | None = table.get(code)
        return f"{code} - {entry.label(self.language)}" if entry else code

    def country(self, code: str | None) -> str:
        name = country_name(code, self.language) if code else None
        return f"{code} - {name}" if name else code or _NONE

    def currency(self, code: str | None) -> str:
        name = currency_name(code, self.language) if code else None
        return f"{code} - {name}" if name else code or _NONE

    def amount(self, value: Decimal | None) -> str:
        currency = self.declaration.content.currency
        return _NONE if value is None else f"{value} {currency or ''}".strip()

    def measure(self, value: Decimal | None, unit: str | None) -> str:
        return _NONE if value is None else f"{value} {unit or ''}".strip()

    def address(self, address: Address | PartyAddress | None) -> str:
        if address is None:
            return _NONE
        province = province_name(address.province, self.language) if address.province else None
        country = country_name(address.country, self.language) if address.country else None
        parts = (
            address.line1,
            address.line2,
            address.city,
            " ".join(filter(None, (province or address.province, address.postal_code))),
            country or address.country,
        )
        return ", ".join(part for part in parts if part) or _NONE

    def party(self, party: Party | None) -> list[tuple[str, str]]:
        if party is None:
            return [("name", _NONE), ("address", _NONE)]
        return [("name", party.name or _NONE), ("address", self.address(party.address))]


def _clock_time(value: datetime) -> str:
    """``YYYY-MM-DD HH:MM`` of ``value`` (strftime's ``%Y`` drops the zeros of year 0001)."""
    return value.replace(tzinfo=None).isoformat(sep=" ", timespec="minutes")


def _utc_offset(value: datetime) -> str:
    """``UTC-05:00``: the offset ``value`` was written with."""
    minutes = int((value.utcoffset() or timedelta(0)).total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _text(value: Any) -> str:
    """A value of the declaration as text: strings as they are, anything else as JSON."""
    if value is None:
        return _NONE
    if isinstance(value, str | Decimal | int):
        return str(value)
    return json.dumps(value, ensure_ascii=False, default=str)
