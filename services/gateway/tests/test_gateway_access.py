"""User Access over the real services: each member's role form is labelled with the member's name
and preselects the current role."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest

from services.gateway.tests.gateway_testkit import PortalBrowser
from services.gateway.tests.test_gateway_api import new_exporter
from services.gateway.tests.test_gateway_journey import add_user

pytestmark = pytest.mark.integration


def role_form(page: str, user_id: str) -> tuple[str, list[str], list[str]]:
    """The label, the options and the selected options of one member's role form."""
    form = re.search(rf'action="[^"]*/users/{user_id}/role".*?</form>', page, re.S)
    assert form, f"no role form for {user_id}"
    label = re.search(r'<label for="(role-\d+)"[^>]*>([^<]+)</label>', form.group(0))
    assert label and f'<select id="{label.group(1)}" name="role">' in form.group(0)
    options = re.findall(r'<option value="(\w+)"', form.group(0))
    chosen = re.findall(r'<option value="(\w+)" selected>', form.group(0))
    return html.unescape(label.group(2)), options, chosen


def user_id_of(page: str, urn: str) -> str:
    row = re.search(rf"<tr>\s*<th[^>]*>[^<]*</th><td>{urn}</td>.*?</tr>", page, re.S)
    assert row, f"no row for {urn}"
    found = re.search(r"/users/([^/]+)/role", row.group(0))
    assert found
    return found.group(1)


def test_the_role_form_names_the_member_and_preselects_the_current_role(
    gateway_url: str, officer_login: dict[str, Any]
) -> None:
    exporter = new_exporter(gateway_url, officer_login)
    owner, users = exporter.owner, f"/accounts/{exporter.account_id}/users"
    member = PortalBrowser(gateway_url).new_user("Riley", "Gagnon")
    add_user(owner, exporter.account_id, member, "user")

    owner.get(users)
    user_id = user_id_of(owner.page, member["urn"])
    label, options, chosen = role_form(owner.page, user_id)
    assert label == "New role for Riley Gagnon"
    assert options == ["proxy_owner", "user", "browser"] and chosen == ["user"]

    owner.submit(f"{users}/{user_id}/role", {"role": "browser"})
    assert owner.h1 == "Role changed", owner.text
    owner.get(users)
    assert role_form(owner.page, user_id)[2] == ["browser"]
    # The owner's own row offers no role change (an account always keeps its owner).
    assert owner.page.count('/role"') == 1
