"""Filing for an exporter through a customs service provider (CSP) from the portal: an officer
associates a CSP with an exporter; the CSP's owner sees the exporter under "Exporters you file
for", creates and submits a declaration for it (Proof of Report naming the CSP), and the
exporter's owner finds it in Submitted Documents, filed through the CSP.
"""

from __future__ import annotations

import re
import time
from typing import Any

import pytest

from services.gateway.tests.gateway_testkit import PortalBrowser, new_business_number
from services.gateway.tests.test_gateway_api import new_exporter
from services.gateway.tests.test_gateway_documents import declaration_form, post_until_known
from services.gateway.tests.test_gateway_journey import activate, issue_code

pytestmark = pytest.mark.integration


def test_a_csp_files_for_its_associated_exporter(
    gateway_url: str, officer_login: dict[str, Any]
) -> None:
    exporter = new_exporter(gateway_url, officer_login)
    officer = PortalBrowser(gateway_url)
    officer.sign_in(officer_login["username"], officer_login["password"])
    csp = PortalBrowser(gateway_url)
    user = csp.new_user("Morgan", "Leblanc")
    csp_bn = new_business_number()
    code = issue_code(officer, csp_bn, user["email"])
    csp_id = activate(csp, csp_bn, code, "Border Brokers Inc.", "customs_service_provider")

    officer.get(f"/officer/accounts/{exporter.account_id}")
    officer.submit(
        f"/officer/accounts/{exporter.account_id}/associations",
        {"csp_business_number": csp_bn},
    )
    assert "The association was recorded." in officer.text, officer.text

    # Business Accounts: the exporter under "Exporters you file for" (once documents knows).
    docs = f"/accounts/{exporter.account_id}/documents"
    deadline = time.monotonic() + 20
    while f'href="{docs}"' not in csp.get("/accounts").text and time.monotonic() < deadline:
        time.sleep(0.3)
    assert "Exporters you file for" in csp.text
    assert "Harbour Freight Exports Ltd." in csp.text and exporter.business_number in csp.text
    csp.get(f"/accounts/{csp_id}/documents")
    assert "Exporters you file for" in csp.text and f'href="{docs}/new"' in csp.page

    # The exporter's Export Documents: only that tab, and filing works.
    csp.get(docs)
    assert csp.h1 == "Export Documents" and "Harbour Freight Exports Ltd." in csp.text
    assert f"/accounts/{exporter.account_id}/users" not in csp.page
    post_until_known(csp, f"{docs}/new", declaration_form("REF-CSP", action="submit"))
    assert csp.h1 == "Proof of Report", csp.text
    por = re.search(r'id="proof-of-report">([A-Z0-9]+)<', csp.page)
    assert por
    assert "Border Brokers Inc." in csp.text and csp_bn in csp.text
    assert user["urn"] in csp.text

    # The exporter's owner sees it in Submitted Documents, filed through the CSP.
    exporter.owner.get(f"{docs}/submitted?por={por.group(1)}")
    link = re.search(rf'href="({docs}/submitted/[^"/]+)"', exporter.owner.page)
    assert link, exporter.owner.text
    exporter.owner.get(link.group(1))
    assert exporter.owner.h1 == f"Export document {por.group(1)}"
    assert "Filed through (customs service provider)" in exporter.owner.text
    assert "Border Brokers Inc." in exporter.owner.text
