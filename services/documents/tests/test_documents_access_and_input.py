"""The role matrix on every endpoint, CSPs filing for their exporters, and bad input: clear 4xx
with pointers, nothing stored, never a 500 (also for hypothesis-generated bodies)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError
from sqlalchemy import func, select

from cers_contracts.accounts import Address, Role
from cers_contracts.authorization import Action, decide
from cers_contracts.codes import CODE_TABLES
from cers_contracts.documents import DeclarationContent, Party, PartyAddress
from cers_documents.adapters.tables import declarations, drafts
from cers_documents.domain.messages import MESSAGES
from services.documents.tests.documents_rules_examples import valid_data, valid_line
from services.documents.tests.documents_testkit import Documents

pytestmark = pytest.mark.integration

CALLERS = ("owner", "proxy_owner", "user", "browser", "non_member", "csp_member", "officer")
ROLE_OF: dict[str, Role | None] = {"owner": "owner", "proxy_owner": "proxy_owner", "user": "user"}
ROLE_OF["browser"] = "browser"
MISSING = "0" * 32
VIEW, FILE = Action.VIEW_DOCUMENTS, Action.FILE_DOCUMENTS


def expected(caller: str, action: Action) -> bool:
    """The one role matrix's answer for the caller on the test exporter."""
    return decide(
        action,
        role=ROLE_OF.get(caller),
        provider_roles=["user"] if caller == "csp_member" else [],
        officer=caller == "officer",
    )


@pytest.fixture(scope="module")
def ids(documents: Documents) -> dict[str, str]:
    draft = documents.call("owner", "POST", f"{documents.exporter.path}/drafts", valid_data())
    return {"draft": draft.json()["draft_id"], "declaration": documents.submit()["declaration_id"]}


ENDPOINTS: list[tuple[str, str, str, Action, Any]] = [
    ("list drafts", "GET", "/drafts", VIEW, None),
    ("create draft", "POST", "/drafts", FILE, valid_data()),
    ("view draft", "GET", "/drafts/{draft}", VIEW, None),
    ("save draft", "PUT", "/drafts/{draft}", FILE, valid_data()),
    ("check draft", "POST", "/drafts/{draft}/check", FILE, None),
    ("extend draft", "POST", "/drafts/{draft}/extension", FILE, None),
    ("delete draft", "DELETE", f"/drafts/{MISSING}", FILE, None),
    ("submit draft", "POST", f"/drafts/{MISSING}/submission", FILE, None),
    ("submit", "POST", "/declarations", FILE, valid_data()),
    ("search", "GET", "/declarations", VIEW, None),
    ("view", "GET", "/declarations/{declaration}", VIEW, None),
    ("versions", "GET", "/declarations/{declaration}/versions", VIEW, None),
    ("version", "GET", "/declarations/{declaration}/versions/1", VIEW, None),
    ("pdf", "GET", "/declarations/{declaration}/versions/1/pdf", VIEW, None),
    ("history", "GET", "/declarations/{declaration}/history", VIEW, None),
    (
        "amend",
        "POST",
        f"/declarations/{MISSING}/amendments",
        FILE,
        {"reason_code": "OTHER", "content": valid_data()},
    ),
    ("void", "POST", f"/declarations/{MISSING}/void-request", FILE, {}),
]


@pytest.mark.parametrize("caller", CALLERS)
def test_every_endpoint_answers_as_the_role_matrix_says(
    documents: Documents, ids: dict[str, str], caller: str
) -> None:
    for name, method, template, action, body in ENDPOINTS:
        path = documents.exporter.path + template.format(**ids)
        response = documents.call(caller, method, path, body)
        if expected(caller, action):
            assert response.status_code not in (401, 403, 500), (name, response.text)
            assert response.status_code < 400 or MISSING in path, (name, response.text)
        else:
            assert response.status_code == 403, (name, response.status_code)
            assert response.json()["errors"][0]["code"] == "authorization.forbidden"


def test_no_token_is_a_401(documents: Documents) -> None:
    response = documents.client.get(f"{documents.exporter.path}/drafts")
    assert response.status_code == 401


def test_the_message_texts_and_the_code_tables_are_public(documents: Documents) -> None:
    messages = documents.client.get("/v1/messages")  # no token
    assert messages.status_code == 200, messages.text
    catalog = messages.json()["messages"]
    assert set(MESSAGES) <= set(catalog)
    assert catalog["documents.port_of_exit.mandatory"] == {
        "en": "Port of exit is mandatory.",
        "fr": "Le bureau de sortie est obligatoire.",
    }
    tables = documents.client.get("/v1/code-tables")
    assert tables.status_code == 200, tables.text
    served = tables.json()["tables"]
    assert set(served) == set(CODE_TABLES)
    for name, table in CODE_TABLES.items():
        assert served[name]["version"] == table.version
        assert served[name]["entries"] == [e.model_dump(mode="json") for e in table.entries]
    # Entries keep their table's own fields: a mode's kind (its timeframe), a port's modes.
    assert served["modes_of_transport"]["entries"][0]["kind"] == "air"
    assert all(entry["modes"] for entry in served["ports_of_exit"]["entries"])
    for response in (messages, tables):
        assert response.headers["cache-control"] == "public, max-age=86400"


def test_a_csp_member_files_for_the_exporter_by_its_business_number(documents: Documents) -> None:
    by_bn = f"/v1/business-accounts/{documents.exporter.business_number}/declarations"
    response = documents.call("csp_member", "POST", by_bn, valid_data())
    assert response.status_code == 201, response.text
    declaration = response.json()["declaration_id"]
    version = documents.call(
        "owner", "GET", f"{documents.exporter.path}/declarations/{declaration}/versions/1"
    ).json()
    assert version["filer"]["user_id"] == documents.people["csp_member"].user_id
    assert version["filer"]["through_account_id"] == documents.csp.account_id
    assert version["exporter"]["business_number"] == documents.exporter.business_number

    own = documents.call("csp_member", "POST", f"{documents.csp.path}/declarations", valid_data())
    assert own.status_code == 422
    assert own.json()["errors"][0]["code"] == "documents.exporter.not_exporter"

    filable = documents.call("csp_member", "GET", "/v1/me/filing-accounts").json()["items"]
    assert documents.exporter.account_id in {a["business_account_id"] for a in filable}


def stored(documents: Documents) -> tuple[int, int]:
    return (
        documents.count(select(func.count()).select_from(drafts)),
        documents.count(select(func.count()).select_from(declarations)),
    )


@pytest.mark.parametrize(
    ("body", "pointer", "code"),
    [
        (valid_data(colour="red"), "/colour", "documents.field.unknown"),
        (
            valid_data(lines=[valid_line(colour="red")]),
            "/lines/0/colour",
            "documents.field.unknown",
        ),
        (
            valid_data(
                consignee={
                    "name": "Gestüt Beispiel GmbH",
                    "address": {"line1": "1", "city": "Hamburg", "country": "DE", "colour": "red"},
                }
            ),
            "/consignee/address/colour",
            "documents.field.unknown",
        ),
        (
            valid_data(service_provider={"address": {"country": "CA", "colour": "red"}}),
            "/service_provider/address/colour",
            "documents.field.unknown",
        ),
        (valid_data(containerized="maybe"), "/containerized", "field.bool_parsing"),
        (valid_data(estimated_export_at="2025-02-30T10:00"), "/estimated_export_at", None),
        (valid_data(lines=[valid_line()] * 1000), "/lines", "field.too_long"),
        ([1, 2], "", "field.model_type"),
    ],
)
def test_bad_bodies_are_clear_4xx_and_store_nothing(
    documents: Documents, body: Any, pointer: str, code: str | None
) -> None:
    before = stored(documents)
    for path in ("/drafts", "/declarations"):
        response = documents.call("owner", "POST", documents.exporter.path + path, body)
        assert response.status_code == 422, response.text
        problems = response.json()["errors"]
        assert pointer in {p["pointer"] for p in problems}, problems
        if code:
            assert code in {p["code"] for p in problems}, problems
    assert stored(documents) == before


def test_unknown_fields_are_refused_only_on_http_never_in_messages() -> None:
    """Consumers ignore unknown fields (additive changes stay on v1): a declaration in a Kafka
    command, and the accounts events whose addresses are complete ``Address``es."""
    colourful = {"line1": "1 Wharf Road", "city": "Halifax", "country": "CA", "colour": "red"}
    data = valid_data(consignee={"name": "Someone", "address": colourful})
    assert DeclarationContent.model_validate(data).consignee == Party(
        name="Someone", address=PartyAddress(line1="1 Wharf Road", city="Halifax", country="CA")
    )
    with pytest.raises(ValidationError, match="unknown field"):
        DeclarationContent.model_validate(data, context={"reject_unknown_fields": True})
    assert Address.model_validate(colourful).city == "Halifax"
    with pytest.raises(ValidationError):  # an account's address stays complete
        Address.model_validate({"country": "CA"})


def test_oversize_and_malformed_bodies(documents: Documents) -> None:
    before = stored(documents)
    path = f"{documents.exporter.path}/drafts"
    huge = json.dumps(valid_data(carrier_name="x" * (2 * 1024 * 1024)))
    response = documents.call("owner", "POST", path, content=huge)
    assert response.status_code == 413
    assert response.json()["errors"][0]["code"] == "documents.body.too_large"
    broken = documents.call("owner", "POST", path, content=b"{not json")
    assert broken.status_code == 422
    assert stored(documents) == before


def test_nul_characters_are_a_422_at_their_field(documents: Documents) -> None:
    """PostgreSQL cannot store U+0000: refused at the boundary, never a database error (500)."""
    path = documents.exporter.path
    declaration = documents.submit()["declaration_id"]
    before = stored(documents)
    answers = {
        "/carrier_name": documents.call(
            "owner", "POST", f"{path}/drafts", valid_data(carrier_name="Ship\x00")
        ),
        "/reason": documents.call(
            "owner", "POST", f"{path}/declarations/{declaration}/void-request", {"reason": "\x00"}
        ),
        "/por": documents.call("owner", "GET", f"{path}/declarations", params={"por": "\x00"}),
        "/draft_id": documents.call("owner", "GET", f"{path}/drafts/%00"),
    }
    for pointer, response in answers.items():
        assert response.status_code == 422, (pointer, response.text)
        assert response.json()["errors"][0] == {
            "pointer": pointer,
            "code": "documents.field.nul_character",
            "message": f"{pointer[1:]} may not contain the NUL character (U+0000).",
            "params": {"field": pointer[1:]},
        }
    assert stored(documents) == before
    escaped = documents.call(  # the text "\u0000" (an escaped backslash) is not a NUL
        "owner", "POST", f"{path}/drafts", content=json.dumps(valid_data(carrier_name="\\u0000"))
    )
    assert escaped.status_code == 201


def test_a_version_number_beyond_the_column_is_a_422(documents: Documents) -> None:
    declaration = documents.submit()["declaration_id"]
    base = f"{documents.exporter.path}/declarations/{declaration}/versions/"
    for number in ("99999999999999999999", "0"):
        for suffix in ("", "/pdf"):
            response = documents.call("owner", "GET", base + number + suffix)
            assert response.status_code == 422, (number, suffix, response.text)
            assert response.json()["errors"][0]["pointer"] == "/number"


JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=10,
)
FIELDS = st.sampled_from(sorted(valid_data()))
BODIES = (
    JSON
    | st.dictionaries(FIELDS, JSON, max_size=6)
    | st.builds(lambda changes: valid_data(**changes), st.dictionaries(FIELDS, JSON, max_size=3))
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(body=BODIES)
def test_generated_bodies_never_cause_a_500(documents: Documents, body: Any) -> None:
    for path in ("/drafts", "/declarations"):
        response = documents.call("user", "POST", documents.exporter.path + path, body)
        assert response.status_code < 500, (body, response.text)
