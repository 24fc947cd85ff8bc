"""An account's User Access removal and Useful Links tab over the real services: the owner
removes a user after a confirmation page and the user no longer sees the account; a useful link
an officer adds on /officer/links shows in the tab (in each language), changes when the officer
edits it and leaves when the officer retires it."""

# ruff: noqa: F811 - the officer fixture is imported and then named as a parameter
from __future__ import annotations

import re
import secrets
from typing import Any

import pytest
from markupsafe import escape

from services.gateway.tests.gateway_testkit import PortalBrowser
from services.gateway.tests.test_gateway_access import user_id_of
from services.gateway.tests.test_gateway_api import new_exporter
from services.gateway.tests.test_gateway_journey import add_user
from services.gateway.tests.test_gateway_paging import officer  # noqa: F401 (a fixture)

pytestmark = pytest.mark.integration


def test_the_owner_removes_a_user_who_then_no_longer_sees_the_account(
    gateway_url: str, officer_login: dict[str, Any]
) -> None:
    exporter = new_exporter(gateway_url, officer_login)
    owner, account = exporter.owner, exporter.account_id
    users = f"/accounts/{account}/users"
    member = PortalBrowser(gateway_url)
    leaving = member.new_user("Riley", "Gagnon")
    add_user(owner, account, leaving, "user")
    member.get("/accounts")
    assert "Harbour Freight Exports Ltd." in member.text

    owner.get(users)
    user_id = user_id_of(owner.page, leaving["urn"])
    remove = f"{users}/{user_id}/remove"
    assert f'<a href="{remove}">Remove {leaving["urn"]}</a>' in owner.page
    assert owner.page.count("/remove") == 1  # the owner's own row offers no removal

    owner.get(remove)
    assert owner.h1 == "Remove user"
    assert f"Remove Riley Gagnon (URN {leaving['urn']}) from this business account?" in owner.text
    assert f'<a class="button secondary" href="{users}">Cancel</a>' in owner.page
    owner.get(users)  # the confirmation page alone (or Cancel) removes no one
    assert leaving["urn"] in owner.text

    owner.get(remove)
    owner.submit(remove)
    assert owner.h1 == "User removed", owner.text
    assert "The user no longer has access to this business account." in owner.text
    owner.get(users)
    assert owner.h1 == "User Access" and leaving["urn"] not in owner.text

    member.get("/accounts")
    assert member.h1 == "Business Accounts"
    assert "Harbour Freight Exports Ltd." not in member.text
    assert f"/accounts/{account}/" not in member.page
    refused = member.get(f"/accounts/{account}/documents")
    assert refused.status_code == 403 and member.h1 == "Request refused"


def link_row(page: str, title: str) -> str:
    """The officer's row of the link titled ``title``."""
    row = re.search(rf'<tr><th scope="row">{re.escape(title)}</th>.*?</tr>', page, re.S)
    assert row, f"no row for {title}"
    return row.group(0)


def test_a_useful_link_an_officer_adds_shows_in_the_tab_until_retired(
    gateway_url: str, officer_login: dict[str, Any], officer: PortalBrowser
) -> None:
    exporter = new_exporter(gateway_url, officer_login)
    owner, tab = exporter.owner, f"/accounts/{exporter.account_id}/links"
    mark = secrets.token_hex(3)
    title, titre = f"Export permits {mark}", f"Licences d'exportation {mark}"
    url, adresse = f"https://example.ca/permits-{mark}", f"https://example.ca/licences-{mark}"

    owner.get(tab)
    assert owner.h1 == "Useful Links" and title not in owner.text

    officer.get("/officer/links")
    assert officer.h1 == "Useful Links" and 'href="/officer/links/new"' in officer.page
    officer.get("/officer/links/new")
    assert officer.h1 == "Useful link"
    fields = {"title-en": title, "title-fr": titre, "url-en": url, "url-fr": adresse}
    fields |= {"description-en": "Who needs one", "description-fr": "Qui en a besoin"}
    officer.submit("/officer/links/new", fields | {"topics": "Exports"})
    assert officer.h1 == "Useful Links" and "The useful link was added." in officer.text
    row = link_row(officer.page, title)
    assert "Published" in row and "Retire" in row
    edit = re.search(r'href="(/officer/links/[^/"]+/edit)"', row)
    assert edit

    owner.get(tab)
    assert f'<a href="{url}">{title}</a>: Who needs one' in owner.page
    owner.get(f"/language/fr?next={tab}")
    assert owner.h1 == "Liens utiles"
    assert f'<a href="{adresse}">{escape(titre)}</a>: Qui en a besoin' in owner.page
    owner.get(f"/language/en?next={tab}")

    # The officer edits it: the form holds what is saved; the tab shows the new title.
    officer.get(edit.group(1))
    assert officer.h1 == "Useful link" and f'value="{title}"' in officer.page
    renamed = f"Export permits and licences {mark}"
    officer.submit(edit.group(1), fields | {"title-en": renamed, "topics": "Exports"})
    assert officer.h1 == "Useful Links" and "The useful link was updated." in officer.text
    owner.get(tab)
    assert f'<a href="{url}">{renamed}</a>' in owner.page and f">{title}<" not in owner.page

    # The officer retires it: gone from the tab, listed as retired without controls.
    retire = re.search(r'action="(/officer/links/[^/"]+/retire)"', link_row(officer.page, renamed))
    assert retire
    officer.submit(retire.group(1))
    assert officer.h1 == "Useful Links" and "The useful link was retired." in officer.text
    row = link_row(officer.page, renamed)
    assert "Retired" in row and "/edit" not in row and "/retire" not in row
    owner.get(tab)
    assert owner.h1 == "Useful Links" and renamed not in owner.text
