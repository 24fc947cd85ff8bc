"""The portal in a real browser (Playwright driving Debian's Chromium, headless), once in English
and once in French, over the gateway test kit's in-process services and a served gateway:

sign up → terms → user account → an officer issues a code → activate the business account → add a
second user with the Browser role (keyboard only) → create a draft → check for errors → submit →
Proof of Report and its PDF → amend → request void → Voided in the status history (through Kafka)
→ the Browser-role user sees but cannot file → an officer publishes an outage bulletin → the
banner shows → the outage ends.

Every page is screenshot to ``.local/artifacts/browser/<lang>/NN-name.png`` and scanned with axe
(no serious or critical violation allowed); the scan summary goes to ``…/<lang>/axe.json``.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from cers_gateway.entrypoints.portal.i18n import load_translations
from services.gateway.tests.gateway_testkit import (
    PASSWORD,
    Backend,
    new_business_number,
    served_gateway,
    unique_username,
)

pytestmark = [pytest.mark.browser, pytest.mark.integration]
ARTIFACTS = Path(__file__).resolve().parents[2] / ".local" / "artifacts" / "browser"
EASTERN = ZoneInfo("America/Toronto")
BLOCKING = ("serious", "critical")
TRANSLATIONS = load_translations()


@pytest.fixture(scope="module")
def gateway(cers_backend: Backend) -> Iterator[str]:
    with served_gateway(cers_backend) as url:
        yield url


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox"], headless=True
        )
        try:
            yield browser
        finally:
            browser.close()


class Journey:
    """One language's run: pages in browser contexts, each screenshot and scanned by axe."""

    def __init__(self, browser: Browser, base_url: str, lang: str) -> None:
        self.browser = browser
        self.base_url = base_url
        self.lang = lang
        self.folder = ARTIFACTS / lang
        self.folder.mkdir(parents=True, exist_ok=True)
        for old in self.folder.glob("*.png"):
            old.unlink()
        self.axe = Axe()
        self.scans: list[dict[str, Any]] = []
        self.contexts: list[BrowserContext] = []

    def t(self, text: str, **params: Any) -> str:
        """The portal's text in this run's language."""
        translated = TRANSLATIONS[self.lang].gettext(text)
        return translated % params if params else translated

    def new_page(self) -> Page:
        context = self.browser.new_context(base_url=self.base_url, accept_downloads=True)
        self.contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        return page

    def shot(self, page: Page, name: str) -> None:
        """Screenshot the page and scan it with axe."""
        number = len(self.scans) + 1
        page.screenshot(path=self.folder / f"{number:02d}-{name}.png", full_page=True)
        result = self.axe.run(page)
        violations = result.response["violations"]
        self.scans.append(
            {
                "page": f"{number:02d}-{name}",
                "url": page.url.removeprefix(self.base_url),
                "h1": page.locator("h1").first.inner_text(),
                "passes": len(result.response["passes"]),
                "incomplete": len(result.response["incomplete"]),
                "violations": [
                    {"id": v["id"], "impact": v["impact"], "nodes": len(v["nodes"])}
                    for v in violations
                ],
            }
        )

    def blocking(self) -> list[str]:
        return [
            f"{scan['page']}: {v['id']} ({v['impact']})"
            for scan in self.scans
            for v in scan["violations"]
            if v["impact"] in BLOCKING
        ]

    def close(self) -> None:
        summary = {"language": self.lang, "pages": len(self.scans), "blocking": self.blocking()}
        (self.folder / "axe.json").write_text(
            json.dumps(summary | {"scans": self.scans}, indent=2, ensure_ascii=False)
        )
        for context in self.contexts:
            context.close()


def h1(page: Page) -> str:
    return page.locator("h1").inner_text().strip()


def submit(page: Page, selector: str = "main form button[type=submit]") -> None:
    page.locator(selector).last.click()
    page.wait_for_load_state()


def eastern_input(moment: datetime) -> str:
    return moment.astimezone(EASTERN).strftime("%Y-%m-%dT%H:%M")


# -- steps ----------------------------------------------------------------------------------------


def sign_up_and_create_user(
    j: Journey, page: Page, first: str, last: str, *, shots: bool
) -> dict[str, str]:
    """Sign up → sign in → Terms and Conditions → Create user account: username, URN, e-mail."""
    username = unique_username("b")
    email = f"{username}@example.ca"
    page.goto("/sign-in")
    if j.lang == "fr":
        page.locator("a.language-toggle").click()
    if shots:
        j.shot(page, "sign-in")
    page.goto("/sign-up")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.fill("#password_confirmation", PASSWORD)
    recovery = [("Pet?", "Rex"), ("Town?", "Gander"), ("Hero?", "Fox")]
    for n, (question, answer) in enumerate(recovery):
        page.fill(f"#recovery-{n}-question", question)
        page.fill(f"#recovery-{n}-answer", answer)
    if shots:
        j.shot(page, "sign-up")
    submit(page)
    assert h1(page) == j.t("Sign-up complete")
    if shots:
        j.shot(page, "sign-up-complete")
    page.goto("/sign-in")
    page.check("#provider")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    submit(page)
    assert h1(page) == j.t("Terms and Conditions")
    if shots:
        j.shot(page, "terms")
    page.check("#accept")
    submit(page)
    assert h1(page) == j.t("Create user account")
    page.fill("#first_name", first)
    page.fill("#last_name", last)
    page.fill("#email", email)
    page.fill("#telephone", "613-555-0100")
    page.select_option("#time_zone", "America/Toronto")
    page.select_option("#language", j.lang)
    if shots:
        j.shot(page, "user-account")
    submit(page)
    assert h1(page) == j.t("User account created")
    if shots:
        j.shot(page, "user-account-created")
    urn = re.search(r"U[0-9A-Z]{10}", page.locator("main").inner_text())
    assert urn
    return {"username": username, "urn": urn.group(0), "email": email, "last_name": last}


def sign_in(j: Journey, page: Page, username: str, password: str = PASSWORD) -> None:
    page.goto("/sign-in")
    page.check("#provider")
    page.fill("#username", username)
    page.fill("#password", password)
    submit(page)
    if h1(page) == j.t("Terms and Conditions"):
        page.check("#accept")
        submit(page)
    if j.lang == "fr" and page.locator("html").get_attribute("lang") != "fr":
        page.locator("a.language-toggle").click()


def issue_code(j: Journey, officer: Page, bn: str, email: str) -> str:
    officer.goto("/officer/codes")
    officer.fill("#business_number", bn)
    officer.fill("#applicant_email", email)
    officer.select_option("#applicant_language", j.lang)
    j.shot(officer, "officer-codes")
    submit(officer, "main form button[type=submit] >> nth=0")
    assert h1(officer) == j.t("Activation code issued")
    j.shot(officer, "officer-code-issued")
    return officer.locator("#activation-code").inner_text().strip()


def activate(j: Journey, owner: Page, bn: str, code: str) -> str:
    owner.goto("/accounts")
    assert h1(owner) == j.t("Business Accounts")
    j.shot(owner, "business-accounts")
    owner.goto("/accounts/new")
    owner.fill("#business_number", bn)
    owner.fill("#activation_code", code)
    j.shot(owner, "activation-check")
    submit(owner, "main form button[type=submit]")
    assert h1(owner) == j.t("Owner and business information")
    owner.fill("#legal_name", "Maple Leaf Exports Inc.")
    owner.fill("#address-line1", "1 Wharf Road")
    owner.fill("#address-city", "Halifax")
    owner.select_option("#address-province", "CA-NS")
    owner.fill("#address-postal_code", "B3H 1A1")
    owner.fill("#contact-telephone", "902-555-0100")
    owner.fill("#contact-email", "pat@example.ca")
    j.shot(owner, "activation-information")
    submit(owner)
    assert h1(owner) == j.t("Review business account")
    j.shot(owner, "activation-review")
    submit(owner)
    assert h1(owner) == j.t("Business account created")
    j.shot(owner, "business-account-created")
    found = re.search(r"/accounts/([^/]+)/created", owner.url)
    assert found
    return found.group(1)


def add_browser_user_by_keyboard(
    j: Journey, owner: Page, account: str, user: dict[str, str]
) -> None:
    """User Access → Add a user, with the keyboard only (Tab, typing, arrows, Enter)."""
    deadline = time.monotonic() + 30
    while True:  # accounts learns of the new user through identity's events
        owner.goto(f"/accounts/{account}/users")
        owner.focus("#urn")
        owner.keyboard.type(user["urn"])
        owner.keyboard.press("Tab")
        owner.keyboard.type(user["last_name"])
        owner.keyboard.press("Tab")
        owner.keyboard.type(user["email"])
        owner.keyboard.press("Tab")
        for _ in range(4):
            if owner.eval_on_selector("#role", "e => e.value") == "browser":
                break
            owner.keyboard.press("ArrowDown")
        assert owner.eval_on_selector("#role", "e => e.value") == "browser"
        owner.keyboard.press("Tab")  # the Add user button
        with owner.expect_navigation():
            owner.keyboard.press("Enter")
        if h1(owner) == j.t("User added") or time.monotonic() > deadline:
            break
        time.sleep(0.3)
    assert h1(owner) == j.t("User added")
    j.shot(owner, "user-added")


def wait_for_documents(owner: Page, docs: str) -> None:
    """Until documents' replica knows the new account's members (403 before)."""
    deadline = time.monotonic() + 30
    while True:
        response = owner.goto(f"{docs}/drafts")
        if (response and response.status == 200) or time.monotonic() > deadline:
            return
        time.sleep(0.3)


def fill_declaration(owner: Page) -> None:
    """A marine declaration to Germany, loading in five days, without its port of exit."""
    fields = {
        "#consignee-name": "Gestüt Beispiel GmbH",
        "#consignee-address-line1": "Hauptstraße 1",
        "#consignee-address-city": "Hamburg",
        "#estimated_export_at": eastern_input(datetime.now(UTC) + timedelta(days=5)),
        "#carrier_name": "Atlantic Lines",
        "#vessel_name": "Atlantic Star",
        "#container_numbers": "CSQU3054383",
        "#exporter_reference_numbers": "INV-2025-001",
        "#lines-0-export_hs_code": "0101.21.00",
        "#lines-0-description": "Pure-bred breeding horses",
        "#lines-0-quantity": "2",
        "#lines-0-value_fob": "25000.00",
        "#lines-0-gross_weight": "1100",
    }
    for selector, value in fields.items():
        owner.fill(selector, value)
    owner.select_option("#consignee-address-country", "DE")
    owner.select_option("#country_of_final_destination", "DE")
    owner.select_option("#lines-0-country_of_origin", "CA")
    owner.select_option("#lines-0-province_of_origin", "CA-ON")
    owner.select_option("#export_reason", "SALE")
    owner.select_option("#mode_of_transport", "9")
    owner.select_option("#lines-0-quantity_uom", "NMB")
    owner.select_option("#lines-0-weight_uom", "KGM")
    owner.check("#containerized")


def press(page: Page, action: str) -> None:
    """One of the declaration form's buttons."""
    with page.expect_navigation():
        page.click(f"main button[name=action][value={action}]")


def file_submit_amend_void(j: Journey, owner: Page, docs: str) -> str:
    """Create → check → submit → POR and PDF → amend → void → Voided: the document's URL."""
    wait_for_documents(owner, docs)
    owner.goto(f"{docs}/new")
    assert h1(owner) == j.t("Create Export Document")
    fill_declaration(owner)
    j.shot(owner, "create-export-document")
    press(owner, "check")
    assert h1(owner) == j.t("Draft export document")
    assert owner.locator(".error-summary a[href='#port_of_exit']").count() == 1
    assert owner.locator("#port_of_exit-error").count() == 1
    j.shot(owner, "check-for-errors")
    owner.select_option("#port_of_exit", "0395")
    press(owner, "submit")
    assert h1(owner) == j.t("Proof of Report")
    por = owner.locator("#proof-of-report").inner_text().strip()
    j.shot(owner, "proof-of-report")
    with owner.expect_download() as downloading:
        owner.click("main a[download]")
    download = downloading.value
    assert download.suggested_filename.endswith(".pdf")
    saved = j.folder / f"proof-of-report-{j.lang}.pdf"
    download.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF")

    owner.goto(f"{docs}/submitted")
    owner.fill("#por", por)
    submit(owner, "main form.search button[type=submit] >> nth=0")
    assert owner.locator(f"main table a:text('{por}')").count() == 1
    j.shot(owner, "submitted-documents")
    owner.click(f"main table a:text('{por}')")
    assert h1(owner) == j.t("Export document %(por)s", por=por)
    document = owner.url.removeprefix(j.base_url)
    j.shot(owner, "document")

    owner.click(f"main a[href='{document}/amend']")
    assert h1(owner) == j.t("Amend export document")
    owner.select_option("#reason_code", "TRANSP")
    owner.fill("#carrier_name", "Polar Lines")
    j.shot(owner, "amend")
    press(owner, "submit")
    assert h1(owner) == j.t("Proof of Report")
    assert j.t("Amended") in owner.locator("main").inner_text()
    j.shot(owner, "amended-proof-of-report")

    owner.goto(f"{document}/void")
    assert h1(owner) == j.t("Request void")
    owner.fill("#reason", "Shipment cancelled")
    j.shot(owner, "request-void")
    submit(owner)
    assert h1(owner) == j.t("Request to Void Sent")
    j.shot(owner, "request-to-void-sent")
    voided = j.t("Voided")
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:  # the void is processed through Kafka
        owner.goto(document)
        history = owner.locator("main table").last.inner_text()
        if voided in history:
            break
        time.sleep(0.5)
    assert voided in owner.locator("main table").last.inner_text()
    assert owner.locator(f"main a[href='{document}/amend']").count() == 0
    j.shot(owner, "document-voided")

    owner.goto(f"{docs}/new")
    owner.fill("#carrier_name", "Later Lines")
    press(owner, "later")
    assert h1(owner) == j.t("Draft Documents")
    j.shot(owner, "draft-documents")
    return document


def browser_role_sees_but_cannot_file(j: Journey, viewer: Page, docs: str, document: str) -> None:
    viewer.goto(document)
    assert h1(viewer).startswith(j.t("Export document %(por)s", por="").strip())
    assert viewer.locator("main a[href$='/amend'], main a[href$='/void']").count() == 0
    j.shot(viewer, "browser-role-document")
    viewer.goto(f"{docs}/drafts")
    assert viewer.locator("main a[href$='/delete'], main form[action$='/extend']").count() == 0
    assert viewer.locator(f"main a[href='{docs}/new']").count() == 0
    viewer.locator("main table tbody a").first.click()
    assert h1(viewer) == j.t("Draft document")
    assert viewer.locator("main button[name=action]").count() == 0
    j.shot(viewer, "browser-role-draft")
    refused = viewer.goto(f"{docs}/new")
    assert refused is not None and refused.status == 403
    assert h1(viewer) == j.t("Request refused")
    j.shot(viewer, "browser-role-refused")


def outage_shows_then_ends(j: Journey, officer: Page, owner: Page, docs: str) -> None:
    number = f"TCC26-{int(time.time() * 10) % 10000:04d}"
    now = datetime.now(UTC)
    officer.goto("/officer/bulletins/new")
    officer.fill("#number", number)
    for name, en, fr in [
        ("title", "CERS unavailable", "SCDE indisponible"),
        ("clients_affected", "All exporters", "Tous les exportateurs"),
        ("description", "CERS is down for maintenance.", "Le SCDE est en maintenance."),
        ("action_required", "Use form BSF844.", "Utilisez le formulaire BSF844."),
    ]:
        officer.fill(f"#{name}-en", en)
        officer.fill(f"#{name}-fr", fr)
    officer.fill("#starts_at", eastern_input(now - timedelta(minutes=2)))
    officer.fill("#topics", "Exports")
    officer.check("#outage")
    j.shot(officer, "officer-publish-outage")
    submit(officer)
    assert h1(officer) == j.t("Bulletins"), officer.locator("main").inner_text()
    j.shot(officer, "officer-bulletins")

    banner = owner.locator(".outage-banner")
    owner.goto(f"{docs}/submitted")
    assert number in banner.inner_text()
    assert j.t("System outage") in banner.inner_text()
    j.shot(owner, "outage-banner")

    officer.click(f"main a[href$='/edit']:text('{number}')")
    officer.fill("#ends_at", eastern_input(now - timedelta(minutes=1)))
    submit(officer)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        owner.goto(f"{docs}/submitted")
        if banner.count() == 0 or number not in banner.first.inner_text():
            break
        if j.t("Follow the contingency procedure") not in banner.first.inner_text():
            break
        time.sleep(0.5)
    text = banner.first.inner_text() if banner.count() else ""
    assert not (number in text and j.t("Follow the contingency procedure") in text)
    j.shot(owner, "outage-ended")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_whole_journey_in_a_browser(
    lang: str, chromium: Browser, gateway: str, officer_login: dict[str, Any]
) -> None:
    j = Journey(chromium, gateway, lang)
    try:
        owner, officer, viewer = j.new_page(), j.new_page(), j.new_page()
        owner_user = sign_up_and_create_user(j, owner, "Olivia", "Tremblay", shots=True)
        sign_in(j, officer, officer_login["username"], officer_login["password"])
        bn = new_business_number()
        code = issue_code(j, officer, bn, owner_user["email"])
        account = activate(j, owner, bn, code)

        viewer_user = sign_up_and_create_user(j, viewer, "Benoit", "Gagnon", shots=False)
        add_browser_user_by_keyboard(j, owner, account, viewer_user)

        docs = f"/accounts/{account}/documents"
        document = file_submit_amend_void(j, owner, docs)
        sign_in(j, viewer, viewer_user["username"])
        browser_role_sees_but_cannot_file(j, viewer, docs, document)
        outage_shows_then_ends(j, officer, owner, docs)
    finally:
        j.close()
    assert j.blocking() == []
