"""The PDF of a submitted declaration version: every datum, the POR on every page, 999 lines.

No PDF reader is installed, so the test reads the text back itself (``pdf_pages``): it inflates
the page content streams and decodes each shown string through its font's ToUnicode map (the
Unicode font) or as Latin-1 (the core font). The PDFs are made by fpdf2 alone, so this small
reader of fpdf2's output is enough.
"""

from __future__ import annotations

import re
import zlib
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from cers_contracts.accounts import Address
from cers_contracts.documents import (
    CommodityLine,
    DeclarationContent,
    DeclarationVersion,
    Exporter,
    FieldChange,
    Filer,
    Finding,
    Party,
    PartyAddress,
    Permit,
    ServiceProvider,
)
from cers_documents.adapters.pdf import FONT_DIR, render_declaration

POR = "KQ12342025031400000000123"

_STREAM = re.compile(rb"(\d+) 0 obj\s*<<((?:(?! 0 obj).)*?)>>\s*stream\r?\n", re.S)
_TO_UNICODE = re.compile(rb"(\d+) 0 obj\s*<<(?:(?! 0 obj).)*?/ToUnicode (\d+) 0 R", re.S)
_FONT_NAME = re.compile(rb"/(F\d+) (\d+) 0 R")
_BFCHAR = re.compile(rb"<([0-9A-Fa-f]{4})> <([0-9A-Fa-f]+)>")
_TEXT_OPS = re.compile(rb"/(F\d+) [\d.]+ Tf|\(((?:\\.|[^\\)])*)\) Tj", re.S)
_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


def _streams(pdf: bytes) -> dict[int, bytes]:
    found = {}
    for match in _STREAM.finditer(pdf):
        length = int(re.search(rb"/Length (\d+)", match.group(2)).group(1))  # type: ignore[union-attr]
        data = pdf[match.end() : match.end() + length]
        found[int(match.group(1))] = (
            zlib.decompress(data) if b"/FlateDecode" in match.group(2) else data
        )
    return found


def _unescape(literal: bytes) -> bytes:
    def one(match: re.Match[bytes]) -> bytes:
        escaped = match.group(1)
        if escaped[:1].isdigit():
            return bytes([int(escaped, 8)])
        return _ESCAPES.get(escaped, escaped)

    return re.sub(rb"\\([0-7]{1,3}|.)", one, literal, flags=re.S)


def flat(pages: list[str]) -> str:
    """All the text on one line: a label wrapped over two lines still reads next to its value."""
    return " ".join(" ".join(pages).split())


def pdf_pages(pdf: bytes) -> list[str]:
    """The text of each page, one shown string per line, in drawing order."""
    assert pdf.startswith(b"%PDF-")
    streams = _streams(pdf)
    cmaps = {
        int(font): {
            int(code, 16): bytes.fromhex(text.decode()).decode("utf-16-be")
            for code, text in _BFCHAR.findall(streams[int(cmap)])
        }
        for font, cmap in _TO_UNICODE.findall(pdf)
    }
    fonts = {name.decode(): cmaps.get(int(number)) for name, number in _FONT_NAME.findall(pdf)}
    pages = []
    for number in sorted(streams):
        content = streams[number]
        if b" Tj" not in content:
            continue
        shown, cmap = [], None
        for match in _TEXT_OPS.finditer(content):
            if match.group(1):
                cmap = fonts[match.group(1).decode()]
                continue
            raw = _unescape(match.group(2))
            if cmap is None:  # a core font: Latin-1
                shown.append(raw.decode("latin-1"))
            else:
                codes = [int.from_bytes(raw[i : i + 2], "big") for i in range(0, len(raw), 2)]
                shown.append("".join(cmap[code] for code in codes))
        pages.append("\n".join(shown))
    return pages


def line(number: int, **overrides: Any) -> CommodityLine:
    values: dict[str, Any] = {
        "export_hs_code": f"{84713000 + number:08d}",
        "description": f"Ordinateurs portatifs légers, modèle {number}",
        "quantity": Decimal("12.5"),
        "quantity_uom": "NMB",
        "value_fob": Decimal("1500.25"),
        "gross_weight": Decimal("30.000"),
        "weight_uom": "KGM",
        "country_of_origin": "CA",
        "province_of_origin": "CA-QC",
    }
    return CommodityLine(**(values | overrides))


def full_version(lines: int = 3, **overrides: Any) -> DeclarationVersion:
    """An amended version with every field filled, and a finding it was reported with."""
    content = DeclarationContent(
        consignee=Party(
            name="Société Générale d'Importation Ltée",
            address=PartyAddress(line1="12 rue de l'Église", city="Lyon", country="FR"),
        ),
        service_provider=ServiceProvider(
            name="Courtage Québec Inc.",
            business_number="123456782RM0002",
            address=PartyAddress(line1="5 boul. René-Lévesque", city="Québec", country="CA"),
        ),
        export_reason="SALE",
        mode_of_transport="9",
        port_of_exit="0395",
        country_of_final_destination="FR",
        estimated_export_at=datetime(2025, 3, 16, 17, 30, tzinfo=UTC),
        carrier_name="Compagnie Maritime Atlantique",
        vessel_name="Atlantic Étoile",
        containerized=True,
        container_numbers=["MSCU1234565", "TGHU7654321"],
        permits=[Permit(number="EP-2025-0042", issuing_authority="Affaires mondiales Canada")],
        exporter_reference_numbers=["PO-7781", "INV-2025-0314"],
        related_party=False,
        currency="EUR",
        domestic_freight=Decimal("350.00"),
        lines=[line(n, controlled=n == 1) for n in range(1, lines + 1)],
    )
    values: dict[str, Any] = {
        "declaration_id": "decl-1",
        "proof_of_report": POR,
        "version": 2,
        "status": "amended",
        "exporter": Exporter(
            business_account_id="acct-1",
            business_number="123456782RM0001",
            authorization_id="KQ1234",
            name="Érable Exports Inc.",
            address=Address(line1="1 Wellington St", city="Ottawa", province="CA-ON", country="CA"),
        ),
        "filer": Filer(user_id="user-1", urn="U0000012345", through_account_id="csp-9"),
        "content": content,
        "findings": [
            Finding(
                severity="warning",
                code="documents.estimated_export_at.late",
                pointer="/estimated_export_at",
                message="Reported later than 48 hours before loading (marine)",
                params={"cutoff": "2025-03-14 13:30 EDT"},
            )
        ],
        # 13:05 UTC on 14 March 2025 is 09:05 EDT (daylight time began on 9 March).
        "reported_at": datetime(2025, 3, 14, 13, 5, tzinfo=UTC),
        "amendment_reason": "QUANTITY",
        "changes": [FieldChange(pointer="/lines/0/quantity", before="10", after="12.5")],
    }
    return DeclarationVersion(**(values | overrides))


def test_the_pdf_holds_every_datum_of_the_version_with_english_labels_first() -> None:
    pages = pdf_pages(render_declaration(full_version(), "en"))
    text = flat(pages)
    for expected in (
        "Export Declaration / Déclaration d'exportation",
        POR,
        "Current status of the declaration / Statut actuel de la déclaration Amended",
        "Version shown / Version présentée 2",
        "Version 2",
        "Reported at (Eastern Time) / Déclarée le (heure de l'Est) 2025-03-14 09:05 EDT",
        "Érable Exports Inc.",
        "123456782RM0001",
        "KQ1234",
        "1 Wellington St, Ottawa, Ontario, Canada",
        "U0000012345",
        "csp-9",
        "Société Générale d'Importation Ltée",
        "12 rue de l'Église, Lyon, France",
        "Courtage Québec Inc.",
        "123456782RM0002",
        "SALE - Permanent export: sale",
        "Port of exit / Bureau de sortie 0395 - Montréal (marine)",
        "FR - France",
        "2025-03-16 13:30 EDT",
        "Compagnie Maritime Atlantique",
        "Atlantic Étoile",
        "MSCU1234565, TGHU7654321",
        "EP-2025-0042",
        "Affaires mondiales Canada",
        "PO-7781, INV-2025-0314",
        "Related party / Parties liées No",
        "EUR - Euro",
        "350.00 EUR",
        "4500.75 EUR",  # total value FOB of the three lines
        "84713001",
        "Ordinateurs portatifs légers, modèle 3",
        "12.5 NMB",
        "1500.25",
        "30.000 KGM",
        "CA / CA-QC",
        "Warning",
        "/estimated_export_at",
        "Reported later than 48 hours before loading (marine)",
        "/lines/0/quantity",
        f"Page 1 / {len(pages)}",
    ):
        assert expected in text, expected
    assert "Mode of transport / Mode de transport 9 - Marine" in text
    assert "Reason for amendment / Raison de la modification QUANTITY - Change of quantity" in text


def test_french_puts_french_labels_and_names_first() -> None:
    text = flat(pdf_pages(render_declaration(full_version(), "fr")))
    for expected in (
        "Déclaration d'exportation / Export Declaration",
        "Preuve de déclaration / Proof of Report",
        "Statut actuel de la déclaration / Current status of the declaration Modifiée",
        "Version présentée / Version shown 2",
        "Déclarée le (heure de l'Est) / Reported at (Eastern Time) 2025-03-14 09:05 HAE",
        "Bureau de sortie / Port of exit 0395 - Montréal (maritime)",
        "SALE - Exportation permanente : vente",
        "Parties liées / Related party Non",
        "Avertissement",
        "Date prévue d'exportation : l'heure limite de déclaration pour ce mode de transport "
        "était 2025-03-14 13:30 EDT; la déclaration est produite en retard.",
        "1 Wellington St, Ottawa, Ontario, Canada",
    ):
        assert expected in text, expected


def test_999_lines_run_over_pages_each_with_the_por_and_the_table_heading() -> None:
    pages = pdf_pages(render_declaration(full_version(lines=999), "en"))
    assert len(pages) > 10
    for number, page in enumerate(pages, start=1):
        assert f"Proof of Report / Preuve de déclaration: {POR}" in page
        assert f"Page {number} / {len(pages)}" in flat([page])
    for page in pages[1:-1]:  # the pages wholly in the table repeat its heading
        assert "Export HS code / Code SH d'exportation" in flat([page])
    text = "\n".join(pages)
    codes = re.findall(r"^8471\d{4}$", text, flags=re.M)
    assert codes == [f"{84713000 + n:08d}" for n in range(1, 1000)]  # every line, once, in order
    assert "Ordinateurs portatifs légers, modèle 999" in text


def test_long_values_wrap_without_losing_a_character() -> None:
    unbroken = "X" * 150 + "Y" * 50
    version = full_version(
        lines=1, content=full_version(lines=1).content.model_copy(update={"lines": []})
    )
    content = version.content.model_copy(
        update={"lines": [line(1, description=unbroken)], "carrier_name": "Z" * 200}
    )
    text = "\n".join(
        pdf_pages(render_declaration(version.model_copy(update={"content": content}), "en"))
    )
    assert "".join(re.findall(r"^[XY]+$", text, flags=re.M)) == unbroken
    assert "".join(re.findall(r"^Z+$", text, flags=re.M)) == "Z" * 200


def test_an_original_with_little_data_shows_dashes_and_no_amendment() -> None:
    version = full_version(
        status="original",
        version=1,
        content=DeclarationContent(lines=[CommodityLine(export_hs_code="01012100")]),
        findings=[],
        amendment_reason=None,
        changes=[],
    )
    text = flat(pdf_pages(render_declaration(version, "en")))
    assert "Current status of the declaration / Statut actuel de la déclaration Original" in text
    assert "Port of exit / Bureau de sortie -" in text
    assert "Permits and certificates / Licences et certificats None / Aucun" in text
    assert "01012100" in text
    assert "Amendment" not in text
    assert "Reported with these findings" not in text


def test_without_the_unicode_fonts_the_core_font_keeps_french_and_marks_the_rest(
    tmp_path: Path,
) -> None:
    version = full_version(
        content=full_version().content.model_copy(update={"carrier_name": "Żegluga Łódź"})
    )
    text = "\n".join(pdf_pages(render_declaration(version, "fr", font_dir=tmp_path)))
    assert "Société Générale d'Importation Ltée" in text
    assert "?egluga ?ód?" in text
    assert POR in text


@pytest.mark.skipif(not (FONT_DIR / "DejaVuSans.ttf").is_file(), reason="no DejaVu fonts")
def test_the_unicode_font_renders_other_latin_scripts_and_marks_what_it_lacks() -> None:
    version = full_version(
        content=full_version().content.model_copy(update={"carrier_name": "Żegluga Łódź"})
    )
    content = version.content.model_copy(update={"vessel_name": "Cosco 中远"})
    text = "\n".join(
        pdf_pages(render_declaration(version.model_copy(update={"content": content}), "en"))
    )
    assert "Żegluga Łódź" in text
    assert "Cosco ??" in text


@pytest.mark.parametrize(
    ("export_at", "shown"),
    [
        (datetime(1, 1, 1, tzinfo=UTC), "0001-01-01 00:00 UTC"),
        (
            datetime.fromisoformat("9999-12-31T23:00:00-05:00"),  # beyond UTC's year 9999 too
            "9999-12-31 23:00 UTC-05:00",
        ),
    ],
)
def test_a_time_eastern_time_cannot_express_is_shown_in_utc(
    export_at: datetime, shown: str
) -> None:
    version = full_version(
        content=full_version().content.model_copy(update={"estimated_export_at": export_at})
    )
    for language in ("en", "fr"):
        text = flat(pdf_pages(render_declaration(version, language)))
        assert shown in text, language
