"""My Profile over the real services: active sessions (end one, end all others: those browsers
are signed out), bulletin subscriptions, a new e-mail confirmation link read from the
notifications SMTP sink and confirmed, and the password reset with the recovery questions."""

from __future__ import annotations

import html
import re
import time

import httpx
import pytest

from services.gateway.tests.gateway_testkit import PASSWORD, Backend, PortalBrowser

pytestmark = pytest.mark.integration

NEW_PASSWORD = "Birch-Harbour-7395"
_END = re.compile(r'action="/profile/sessions/([^/"]+)/end"')
_SINK_ROW = re.compile(r'<td>([^<]*)</td>\s*<td><a href="/sink/(\d+)">([^<]*)</a>')


def session_rows(browser: PortalBrowser) -> int:
    """How many sessions the Active sessions page lists."""
    browser.get("/profile/sessions")
    assert browser.h1 == "Active sessions", browser.text
    return browser.page.count('<tr><th scope="row">')


def signed_in_browser(gateway_url: str, username: str) -> PortalBrowser:
    browser = PortalBrowser(gateway_url)
    browser.sign_in(username)
    assert browser.h1 == "Business Accounts", browser.text
    return browser


def test_active_sessions_list_both_browsers_and_ending_one_signs_it_out(gateway_url: str) -> None:
    first = PortalBrowser(gateway_url)
    user = first.new_user("Sasha", "Lévesque")
    second = signed_in_browser(gateway_url, user["username"])

    assert session_rows(first) == 2
    assert first.text.count("This session") == 1
    others = _END.findall(first.page)
    assert len(others) == 1  # the other browser's session, not this one
    assert "End all other sessions" in first.text

    first.submit(f"/profile/sessions/{others[0]}/end")
    assert first.h1 == "Active sessions" and "The session was ended." in first.text
    assert session_rows(first) == 1 and _END.findall(first.page) == []
    assert "End all other sessions" not in first.text
    second.get("/accounts")
    assert second.h1 == "Sign in"  # that browser is signed out on its next page
    first.get("/accounts")
    assert first.h1 == "Business Accounts"  # this one is not

    third = signed_in_browser(gateway_url, user["username"])
    fourth = signed_in_browser(gateway_url, user["username"])
    assert session_rows(first) == 3 and len(_END.findall(first.page)) == 2
    first.submit("/profile/sessions/end-others")
    assert first.h1 == "Active sessions" and "Your other sessions were ended." in first.text
    assert session_rows(first) == 1
    for ended in (third, fourth):
        ended.get("/profile")
        assert ended.h1 == "Sign in"
    first.get("/profile")
    assert first.h1 == "My Profile"


def chosen_categories(browser: PortalBrowser) -> tuple[list[str], list[str]]:
    """The categories the subscriptions page offers, and those checked."""
    offered = re.findall(r'name="categories" value="([^"]+)"', browser.page)
    checked = re.findall(r'name="categories" value="([^"]+)" checked', browser.page)
    return [html.unescape(c) for c in offered], [html.unescape(c) for c in checked]


def test_bulletin_subscriptions_are_saved_and_shown_again(gateway_url: str) -> None:
    browser = PortalBrowser(gateway_url)
    user = browser.new_user("Morgan", "Cloutier")
    browser.get("/profile")
    assert 'href="/profile/subscriptions"' in browser.page
    browser.get("/profile/subscriptions")
    assert browser.h1 == "Bulletin subscriptions"
    offered, checked = chosen_categories(browser)
    assert offered == ["Exporter", "Customs Service Provider", "General"] and checked == []

    browser.submit(
        "/profile/subscriptions", {"categories": ["Customs Service Provider", "General"]}
    )
    assert browser.h1 == "Bulletin subscriptions"
    assert "Your bulletin subscriptions were saved." in browser.text
    assert chosen_categories(browser)[1] == ["Customs Service Provider", "General"]

    # Shown again in another session, and in French.
    other = signed_in_browser(gateway_url, user["username"])
    other.get("/language/fr?next=/profile/subscriptions")
    assert other.h1 == "Abonnements aux bulletins"
    assert chosen_categories(other)[1] == ["Customs Service Provider", "General"]
    assert "Fournisseur de services douaniers" in other.text

    # Unchecking every box saves no category.
    browser.submit("/profile/subscriptions", {})
    assert "Your bulletin subscriptions were saved." in browser.text
    assert chosen_categories(browser)[1] == []
    other.get("/profile/subscriptions")
    assert chosen_categories(other)[1] == []


def confirmation_mails(backend: Backend, address: str) -> list[str]:
    """The sink ids of the confirmation e-mails sent to ``address``, newest first."""
    page = httpx.get(backend.urls["notifications"] + "/sink", timeout=10).text
    return [
        sink_id
        for recipients, sink_id, subject in _SINK_ROW.findall(page)
        if address in html.unescape(recipients)
        and "CERS: confirm your e-mail address" in html.unescape(subject)
    ]


def test_a_new_confirmation_link_arrives_by_e_mail_and_confirms_the_address(
    gateway_url: str, cers_backend: Backend
) -> None:
    browser = PortalBrowser(gateway_url)
    user = browser.new_user("Robin", "Ouellet")
    browser.get("/profile")
    assert f"{user['email']} (not confirmed)" in browser.text
    browser.submit("/profile/email-confirmation")
    assert browser.h1 == "My Profile"
    assert "A new confirmation link was sent to your e-mail address." in browser.text

    # One link was sent when the user account was made, the new one after it.
    deadline = time.monotonic() + 30
    while len(mails := confirmation_mails(cers_backend, user["email"])) < 2:
        assert time.monotonic() < deadline, "the new confirmation e-mail never reached the sink"
        time.sleep(0.5)
    mail = httpx.get(f"{cers_backend.urls['notifications']}/sink/{mails[0]}", timeout=10)
    link = re.search(r"/confirm-email\?token=([A-Za-z0-9_%.~-]+)", html.unescape(mail.text))
    assert link, mail.text
    token = httpx.QueryParams(f"token={link.group(1)}")["token"]

    # The link opens a landing page (a prefetcher that only GETs it confirms nothing).
    landing = PortalBrowser(gateway_url)
    landing.get("/confirm-email", params={"token": token})
    assert landing.h1 == "Confirm your e-mail address"
    browser.get("/profile")
    assert f"{user['email']} (not confirmed)" in browser.text

    landing.submit("/confirm-email", {"token": token})
    assert landing.h1 == "E-mail address confirmed", landing.text
    assert f"Your e-mail address {user['email']} is confirmed." in landing.text
    browser.get("/profile")
    assert f"{user['email']} (confirmed)" in browser.text
    assert "Send a new confirmation link" not in browser.text

    # The link works once.
    landing.get("/confirm-email", params={"token": token})
    refused = landing.submit("/confirm-email", {"token": token})
    assert refused.status_code == 410 and landing.h1 == "Link no longer valid"
    assert "This confirmation link was already used." in landing.text


def test_a_password_reset_with_the_recovery_questions_changes_the_password(
    gateway_url: str,
) -> None:
    user = PortalBrowser(gateway_url).new_user("Jordan", "Bouchard")
    browser = PortalBrowser(gateway_url)
    browser.get("/sign-in")
    assert 'href="/password-reset"' in browser.page
    browser.get("/password-reset")
    assert browser.h1 == "Reset your password"
    step = {"provider": "gckey", "username": user["username"]}
    browser.submit("/password-reset", step)
    assert browser.h1 == "Reset your password"
    assert f"Answer your recovery questions for {user['username']}." in browser.text
    for question in ("First pet?", "Town of birth?", "Favourite teacher?"):
        assert question in browser.text

    def answer(answers: list[str]) -> httpx.Response:
        fields = step | {"step": "answers", "new_password": NEW_PASSWORD}
        fields["new_password_confirmation"] = NEW_PASSWORD
        fields |= {f"answers-{n}": a for n, a in enumerate(answers)}
        return browser.submit("/password-reset", fields)

    refused = answer(["Rex", "Moose Jaw", "Nobody"])
    assert refused.status_code == 401 and browser.h1 == "Reset your password"
    assert 'role="alert"' in browser.page and "answers-0" in browser.page
    assert PortalBrowser(gateway_url).sign_in(user["username"]).url.path == "/accounts"

    answer(["Rex", "Moose Jaw", "Gagnon"])
    assert browser.h1 == "Password changed", browser.text
    assert "Sign in with your new password." in browser.text

    old = PortalBrowser(gateway_url)
    old.sign_in(user["username"], PASSWORD)
    assert old.h1 == "Sign in" and 'role="alert"' in old.page
    new = PortalBrowser(gateway_url)
    new.sign_in(user["username"], NEW_PASSWORD)
    assert new.h1 == "Business Accounts"
