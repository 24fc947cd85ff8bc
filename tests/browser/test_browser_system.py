"""The portal of the whole running system (``make run``: every service as its own process, the
demo data loaded) in a real browser (Playwright driving Debian's Chromium, headless), with the
demo sign-ins of the README:

the exporter's owner lands on Business Accounts → Maple Leaf Exports → Export Documents →
Submitted Documents (the demo's declarations, one Amended) → a declaration and its PDF → Draft
Documents (the demo's two drafts); the Browser-role user gets the French pages after sign-in
(their preferred language) and sees the documents without any filing control; the officer sees
the officer pages; the broker (CSP) sees the exporters it files for.

The system is the session's one ``running_system`` (``tests/fixtures/system.py``), shared with
``tests/test_system.py``. The demo data may come from earlier runs (loading it is idempotent), so
the assertions are on what the demo guarantees, not on exact counts. Every page is screenshot to
``.local/artifacts/browser/system/NN-name.png`` and scanned with axe (no serious or critical
violation allowed); the scan summary goes to ``…/system/axe.json``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from deploy.local import demo_data
from tests.browser.test_browser_journey import (
    TRANSLATIONS,
    Journey,
    chromium,
    h1,
    sign_in,
)
from tests.fixtures.system import PORTAL

pytestmark = [pytest.mark.browser, pytest.mark.e2e]
__all__ = ["chromium"]  # the journey's fixture, shared
AMENDED_REFERENCE = "DEMO-DE-4407"  # the owner's declaration, amended once
COMPLETE_DRAFT = "DEMO-FR-2204"  # the complete draft; the other one has no reference yet


class SystemJourney(Journey):
    """Pages of several users in ``…/browser/system``; texts in English unless asked."""

    def __init__(self, browser: Browser) -> None:
        super().__init__(browser, PORTAL, "system")

    def t(self, text: str, language: str = "en", **params: Any) -> str:
        translated = TRANSLATIONS[language].gettext(text)
        return translated % params if params else translated

    def blocking_from(self, first: int) -> list[str]:
        """The blocking violations of the pages from the ``first``-th scan on."""
        pages = {scan["page"] for scan in self.scans[first:]}
        return [found for found in self.blocking() if found.split(":")[0] in pages]


@pytest.fixture(scope="module")
def journey(running_system: str, chromium: Browser) -> Iterator[SystemJourney]:
    j = SystemJourney(chromium)
    try:
        yield j
    finally:
        j.close()


CAED_POR = "05X222SC12342019-12-00001"
"""The first of the demo's migrated CAED declarations."""


def signed_in(j: SystemJourney, user: demo_data.DemoUser) -> Page:
    """A fresh browser (no language chosen yet) signed in as the demo ``user`` with GCKey."""
    page = j.new_page()
    sign_in(j, page, user.username, demo_data.DEMO_PASSWORD)
    return page


def open_account(page: Page, bn: str) -> str:
    """Business Accounts → the account with Business Number ``bn``: its Export Documents URL."""
    row = page.locator("main table tbody tr", has_text=bn)
    assert row.count() == 1, page.locator("main").inner_text()
    row.locator("a").first.click()
    page.wait_for_load_state()
    return page.url.removeprefix(PORTAL)


def rows(page: Page) -> list[str]:
    return [text.strip() for text in page.locator("main table tbody tr").all_inner_texts()]


def test_the_exporter_owner_finds_the_demo_declarations_and_drafts(
    journey: SystemJourney,
) -> None:
    j, first = journey, len(journey.scans)
    owner = j.new_page()
    owner.goto("/sign-in")
    assert h1(owner) == j.t("Sign in")
    assert owner.locator("#provider").get_attribute("value") == demo_data.PROVIDER
    j.shot(owner, "sign-in")
    sign_in(j, owner, demo_data.EXPORTER_OWNER.username, demo_data.DEMO_PASSWORD)
    assert owner.url == f"{PORTAL}/accounts"
    assert h1(owner) == j.t("Business Accounts")
    j.shot(owner, "owner-business-accounts")

    docs = open_account(owner, demo_data.EXPORTER_BN)
    assert h1(owner) == j.t("Export Documents")
    assert "Maple Leaf Exports Inc." in owner.locator("main").inner_text()
    assert owner.locator(f"main a[href='{docs}/new']").count() >= 1
    j.shot(owner, "owner-export-documents")

    owner.click(f"main ul.page-list a[href='{docs}/submitted']")
    assert h1(owner) == j.t("Submitted Documents")
    submitted = rows(owner)
    assert len(submitted) >= 2, submitted
    assert any(j.t("Amended") in row for row in submitted), submitted
    j.shot(owner, "owner-submitted-documents")

    # The demo's migrated CAED declarations (deploy/local/demo_caed.jsonl), by hyphenated POR.
    owner.click(f"main nav.subnav a[href='{docs}/submitted#por']")
    owner.fill("#por", CAED_POR)
    owner.locator("main form button[type=submit]").first.click()
    owner.wait_for_load_state()
    found = rows(owner)
    assert len(found) == 1 and CAED_POR.replace("-", "") in found[0].replace("-", ""), found
    j.shot(owner, "owner-caed-search")
    owner.click(f"main nav.subnav a[href='{docs}/submitted']")

    owner.locator("main table tbody tr", has_text=j.t("Amended")).first.locator("a").click()
    owner.wait_for_load_state()
    assert h1(owner).startswith(j.t("Export document %(por)s", por="").strip())
    assert j.t("Amended") in owner.locator("main dl.summary").first.inner_text()
    assert owner.locator("main a[href$='/amend']").count() == 1
    j.shot(owner, "owner-document")
    with owner.expect_download() as downloading:
        owner.click("main a[download][hreflang=en]")
    download = downloading.value
    assert download.suggested_filename.endswith(".pdf")
    saved = j.folder / "demo-declaration.pdf"
    download.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF")

    owner.click(f"main nav.subnav a[href='{docs}/drafts']")
    assert h1(owner) == j.t("Draft Documents")
    drafts = rows(owner)
    assert any(COMPLETE_DRAFT in row for row in drafts), drafts
    started = j.t("Draft of %(time)s", time="").strip()
    assert any(row.startswith(started) for row in drafts), drafts
    j.shot(owner, "owner-draft-documents")
    owner.locator("main table tbody tr", has_text=COMPLETE_DRAFT).locator("a").first.click()
    owner.wait_for_load_state()
    assert h1(owner) == j.t("Draft export document")
    j.shot(owner, "owner-draft")
    assert j.blocking_from(first) == []


def test_the_browser_role_user_gets_french_pages_and_no_filing_control(
    journey: SystemJourney,
) -> None:
    j, first = journey, len(journey.scans)
    viewer = signed_in(j, demo_data.BROWSER_USER)
    assert viewer.locator("html").get_attribute("lang") == "fr"
    assert h1(viewer) == j.t("Business Accounts", "fr")
    assert j.t("Account Browser", "fr") in viewer.locator("main table").first.inner_text()
    j.shot(viewer, "browser-business-accounts")

    docs = open_account(viewer, demo_data.EXPORTER_BN)
    assert h1(viewer) == j.t("Export Documents", "fr")
    assert viewer.locator(f"main a[href='{docs}/new']").count() == 0
    j.shot(viewer, "browser-export-documents")

    viewer.click(f"main ul.page-list a[href='{docs}/submitted']")
    assert h1(viewer) == j.t("Submitted Documents", "fr")
    assert len(rows(viewer)) >= 2
    j.shot(viewer, "browser-submitted-documents")
    viewer.locator("main table tbody a").first.click()
    viewer.wait_for_load_state()
    assert h1(viewer).startswith(j.t("Export document %(por)s", "fr", por="").strip())
    assert viewer.locator("main a[href$='/amend'], main a[href$='/void']").count() == 0
    assert viewer.locator("main a[download]").count() == 2  # the PDFs are for every reader
    j.shot(viewer, "browser-document")

    viewer.goto(f"{docs}/drafts")
    assert h1(viewer) == j.t("Draft Documents", "fr")
    assert len(rows(viewer)) >= 2
    assert viewer.locator("main a[href$='/delete'], main form[action$='/extend']").count() == 0
    j.shot(viewer, "browser-draft-documents")
    viewer.locator("main table tbody tr", has_text=COMPLETE_DRAFT).locator("a").first.click()
    viewer.wait_for_load_state()
    assert h1(viewer) == j.t("Draft document", "fr")
    assert viewer.locator("main button[name=action]").count() == 0
    j.shot(viewer, "browser-draft")
    assert j.blocking_from(first) == []


def test_the_officer_sees_the_officer_pages(journey: SystemJourney) -> None:
    j, first = journey, len(journey.scans)
    officer = signed_in(j, demo_data.OFFICER)
    officer.click("a[href='/officer']")
    officer.wait_for_load_state()
    assert h1(officer) == j.t("Officer tools")
    j.shot(officer, "officer-tools")

    officer.click("main a[href='/officer/accounts']")
    officer.fill("#business_number", demo_data.EXPORTER_BN)
    officer.locator("main form button[type=submit]").click()
    officer.wait_for_load_state()
    assert h1(officer) == j.t("Search business accounts")
    assert "Maple Leaf Exports Inc." in officer.locator("main table").inner_text()
    j.shot(officer, "officer-account-search")
    officer.locator("main table tbody a").first.click()
    officer.wait_for_load_state()
    assert h1(officer) == "Maple Leaf Exports Inc."
    assert demo_data.CSP_BN in officer.locator("main").inner_text()  # the associated broker
    j.shot(officer, "officer-account")

    officer.goto("/officer/bulletins")
    assert h1(officer) == j.t("Bulletins")
    j.shot(officer, "officer-bulletins")
    assert j.blocking_from(first) == []


def test_the_broker_sees_the_exporters_it_files_for(journey: SystemJourney) -> None:
    j, first = journey, len(journey.scans)
    broker = signed_in(j, demo_data.CSP_OWNER)
    assert h1(broker) == j.t("Business Accounts")
    assert demo_data.CSP_BN in broker.locator("main table").first.inner_text()
    filed_for = broker.locator("#filed-for")
    assert broker.locator("#filed-for-title").inner_text() == j.t("Exporters you file for")
    assert demo_data.EXPORTER_BN in filed_for.inner_text()
    j.shot(broker, "broker-business-accounts")

    row = filed_for.locator("tbody tr", has_text=demo_data.EXPORTER_BN)
    row.locator("a[href$='/submitted']").click()
    broker.wait_for_load_state()
    assert h1(broker) == j.t("Submitted Documents")
    assert len(rows(broker)) >= 2
    j.shot(broker, "broker-submitted-documents")
    assert j.blocking_from(first) == []
