"""The Export Documents pages end to end, over the real services (documents included): create a
document, check it for errors (findings beside their fields), add a line, submit it (Proof of
Report), its page, versions, history and PDF, amend, request void (Voided through Kafka),
search; Draft Documents (save for later, extend, delete); an Account Browser sees but cannot file.
"""

from __future__ import annotations

import re
import time
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from services.gateway.tests.gateway_testkit import PortalBrowser
from services.gateway.tests.test_gateway_api import Exporter, new_exporter
from services.gateway.tests.test_gateway_journey import add_user

pytestmark = pytest.mark.integration
EASTERN = ZoneInfo("America/Toronto")


def declaration_form(reference: str, **changes: str) -> dict[str, str]:
    """A complete marine declaration to Germany, loading in five days, as the form posts it."""
    loading = (datetime.now(UTC) + timedelta(days=5)).astimezone(EASTERN)
    fields = {
        "consignee-name": "Gestüt Beispiel GmbH",
        "consignee-address-line1": "Hauptstraße 1",
        "consignee-address-city": "Hamburg",
        "consignee-address-country": "de",
        "export_reason": "SALE",
        "mode_of_transport": "9",
        "port_of_exit": "0395",
        "country_of_final_destination": "DE",
        "estimated_export_at": loading.strftime("%Y-%m-%dT%H:%M"),
        "carrier_name": "Atlantic Lines",
        "vessel_name": "Atlantic Star",
        "containerized": "yes",
        "container_numbers": "CSQU3054383",
        "exporter_reference_numbers": reference,
        "currency": "CAD",
        "line_rows": "3",
        "lines-0-export_hs_code": "0101.21.00",
        "lines-0-description": "Pure-bred breeding horses",
        "lines-0-quantity": "2",
        "lines-0-quantity_uom": "NMB",
        "lines-0-value_fob": "25000.00",
        "lines-0-gross_weight": "1100",
        "lines-0-weight_uom": "KGM",
        "lines-0-country_of_origin": "CA",
        "lines-0-province_of_origin": "CA-ON",
        "lines-1-description": "",
    }
    return fields | changes


def post_until_known(browser: PortalBrowser, path: str, fields: dict[str, Any]) -> None:
    """Post, retrying while documents' replica does not yet know the new account's members."""
    deadline = time.monotonic() + 20
    while True:
        browser.get(path)
        response = browser.submit(path, fields)
        if response.status_code != 403 or time.monotonic() > deadline:
            return
        time.sleep(0.3)


@pytest.fixture(scope="module")
def exporter(gateway_url: str, officer_login: dict[str, Any]) -> Exporter:
    return new_exporter(gateway_url, officer_login)


def test_check_add_a_line_submit_amend_and_void(exporter: Exporter) -> None:
    owner, account = exporter.owner, exporter.account_id
    docs = f"/accounts/{account}/documents"
    owner.get(docs)
    assert owner.h1 == "Export Documents"
    # Migrated CAED declarations are found by their POR in the Submitted Documents search.
    assert f'<a href="{docs}/submitted#por">Migrated CAED search</a>' in owner.page
    owner.get(f"{docs}/new")
    assert owner.h1 == "Create Export Document"
    assert '<option value="9">9 - Marine</option>' in owner.page

    # Check for errors: the draft is saved; findings sit beside their fields.
    incomplete = declaration_form("REF-CHECK", port_of_exit="", vessel_name="")
    post_until_known(owner, f"{docs}/new", incomplete | {"action": "check"})
    assert owner.h1 == "Draft export document", owner.text
    assert 'href="#port_of_exit"' in owner.page and 'id="port_of_exit-error"' in owner.page
    assert "There is a problem" in owner.text
    assert "Reporting cut-off" in owner.text and "left)." in owner.text
    draft_path = re.search(rf'action="({docs}/drafts/[^"]+)"', owner.page)
    assert draft_path
    draft_url = draft_path.group(1)

    # Add a commodity line: one more row, nothing lost.
    owner.submit(draft_url, declaration_form("REF-CHECK", action="add_line"))
    assert 'id="lines-3-export_hs_code"' in owner.page
    assert 'value="Atlantic Star"' in owner.page

    # Submit: the Proof of Report page.
    owner.submit(draft_url, declaration_form("REF-CHECK", action="submit"))
    assert owner.h1 == "Proof of Report", owner.text
    por = re.search(r'id="proof-of-report">([A-Z0-9]+)<', owner.page)
    assert por
    pdf = owner.client.get(re.findall(r'href="([^"]+/pdf\?language=en)"', owner.page)[0])
    assert pdf.headers["content-type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert pdf.headers["content-disposition"].startswith("attachment")

    # Its page: current version, versions, status history; then amend.
    owner.get(f"{docs}/submitted?por={por.group(1)}")
    link = re.search(rf'href="({docs}/submitted/[^"/]+)"', owner.page)
    assert link and por.group(1) in owner.text
    declaration = link.group(1)
    owner.get(declaration)
    assert owner.h1 == f"Export document {por.group(1)}"
    assert "Original" in owner.text and "Version 1" in owner.text
    owner.get(f"{declaration}/amend")
    assert owner.h1 == "Amend export document" and 'value="Atlantic Lines"' in owner.page
    missing_reason = declaration_form("REF-CHECK", carrier_name="Polar Lines", action="submit")
    owner.submit(f"{declaration}/amend", missing_reason)
    assert 'href="#reason_code"' in owner.page
    owner.submit(f"{declaration}/amend", missing_reason | {"reason_code": "TRANSP"})
    assert owner.h1 == "Proof of Report", owner.text
    assert por.group(1) in owner.text and "Amended" in owner.text

    # Request void: the confirmation, then Voided in the status history (through Kafka).
    owner.get(f"{declaration}/void")
    assert owner.h1 == "Request void"
    owner.submit(f"{declaration}/void", {"reason": "Shipment cancelled"})
    assert owner.h1 == "Request to Void Sent"
    deadline = time.monotonic() + 20
    while "Voided" not in owner.get(declaration).text and time.monotonic() < deadline:
        time.sleep(0.3)
    owner.get(declaration)
    assert "Voided" in owner.text and "/amend" not in owner.page
    owner.get(f"{docs}/submitted?status=voided")
    assert por.group(1) in owner.text


def test_drafts_saved_for_later_extended_and_deleted_and_a_browser_only_reads(
    exporter: Exporter, gateway_url: str
) -> None:
    owner, account = exporter.owner, exporter.account_id
    docs = f"/accounts/{account}/documents"
    post_until_known(owner, f"{docs}/new", {"carrier_name": "Later Lines", "action": "later"})
    assert owner.h1 == "Draft Documents", owner.text
    assert "The draft was saved." in owner.text
    assert "Kept until" in owner.text
    extend = re.search(rf'action="({docs}/drafts/[^"]+/extend)"', owner.page)
    assert extend
    owner.submit(extend.group(1))
    assert "The draft will be kept 30 more days." in owner.text

    viewer = PortalBrowser(gateway_url)
    add_user(owner, account, viewer.new_user("Brook", "Lavoie"), "browser")
    viewer.get(f"{docs}/drafts")
    assert viewer.h1 == "Draft Documents" and "/delete" not in viewer.page
    assert "/extend" not in viewer.page and "Create Export Document" not in viewer.text
    draft_url = extend.group(1).removesuffix("/extend")
    viewer.get(draft_url)
    assert viewer.h1 == "Draft document" and "Later Lines" in viewer.text
    assert 'name="action"' not in viewer.page
    assert viewer.get(f"{docs}/new").status_code == 403

    owner.get(f"{draft_url}/delete")
    assert owner.h1 == "Delete draft"
    owner.submit(f"{draft_url}/delete")
    assert "The draft was deleted." in owner.text and draft_url not in owner.page


def test_a_refused_form_keeps_what_was_typed(exporter: Exporter) -> None:
    owner, account = exporter.owner, exporter.account_id
    path = f"/accounts/{account}/documents/new"
    post_until_known(owner, path, {"lines-0-quantity": "lots", "carrier_name": "Kept Lines"})
    assert owner.h1 == "Create Export Document"
    assert 'value="lots"' in owner.page and 'value="Kept Lines"' in owner.page
    assert 'href="#lines-0-quantity"' in owner.page
