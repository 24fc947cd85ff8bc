"""Submitted declarations on the real database and broker: Proof of Report, rejection with every
finding, idempotency keys (also concurrent), 50 parallel submissions, amendment with its diff,
void through Kafka, status history, search, versions and PDF."""

from __future__ import annotations

import re
import time
import uuid
from datetime import datetime

import pytest
from sqlalchemy import update

from cers_documents.adapters.tables import declarations
from cers_documents.domain.proof_of_report import reporting_date
from services.documents.tests.documents_rules_examples import valid_data, valid_line
from services.documents.tests.documents_testkit import DECLARATION_TOPIC, Documents
from services.documents.tests.test_documents_pdf import flat, pdf_pages

pytestmark = pytest.mark.integration


def test_submission_gives_a_proof_of_report_and_reports_the_declaration(
    documents: Documents,
) -> None:
    confirmation = documents.submit("user", exporter_reference_numbers=["PO-77"])
    por = confirmation["proof_of_report"]
    exporter = documents.exporter
    assert re.fullmatch(rf"{exporter.authorization_id}{reporting_date(documents.clock())}\d+", por)
    assert 15 <= len(por) <= 25
    assert confirmation["status"] == "original" and confirmation["version"] == 1
    assert {"warnings", "infos"} <= confirmation.keys()

    events = documents.events(
        DECLARATION_TOPIC,
        exporter.account_id,
        1,
        keep=lambda body: body.get("proof_of_report") == por,
    )
    assert [t for t, _ in events] == ["declaration.reported"]
    body = events[0][1]
    assert body["declaration"]["exporter"]["business_number"] == exporter.business_number
    assert body["declaration"]["filer"]["user_id"] == documents.people["user"].user_id
    assert body["declaration"]["content"]["exporter_reference_numbers"] == ["PO-77"]


def test_errors_reject_the_submission_with_every_finding_and_nothing_is_stored(
    documents: Documents,
) -> None:
    bad = valid_data(port_of_exit=None, lines=[valid_line(quantity=None)])
    path = f"{documents.exporter.path}/declarations"
    before = documents.call("owner", "GET", path).json()["total"]
    response = documents.call("owner", "POST", path, bad)
    assert response.status_code == 422, response.text
    pointers = {e["pointer"] for e in response.json()["errors"]}
    assert {"/port_of_exit", "/lines/0/quantity"} <= pointers
    assert all(f["severity"] in {"error", "warning", "info"} for f in response.json()["findings"])
    assert documents.call("owner", "GET", path).json()["total"] == before


def test_fifty_parallel_submissions_get_fifty_distinct_proofs(documents: Documents) -> None:
    path = f"{documents.exporter.path}/declarations"
    responses = documents.at_once("user", [("POST", path, valid_data(), {})] * 50)
    assert [r.status_code for r in responses] == [201] * 50
    proofs = {r.json()["proof_of_report"] for r in responses}
    assert len(proofs) == 50


def test_an_idempotency_key_gives_the_first_result_sequentially_and_concurrently(
    documents: Documents,
) -> None:
    path = f"{documents.exporter.path}/declarations"
    key = {"Idempotency-Key": uuid.uuid4().hex}
    first = documents.call("user", "POST", path, valid_data(), headers=key)
    again = documents.call("user", "POST", path, valid_data(), headers=key)
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json()

    other = documents.call("user", "POST", path, valid_data(carrier_name="Other"), headers=key)
    assert other.status_code == 422
    assert other.json()["errors"][0]["code"] == "documents.idempotency_key.reused"

    racing = {"Idempotency-Key": uuid.uuid4().hex}
    responses = documents.at_once("user", [("POST", path, valid_data(), racing)] * 10)
    assert {r.status_code for r in responses} == {201}
    assert len({r.json()["proof_of_report"] for r in responses}) == 1


def test_an_amendment_keeps_the_proof_adds_a_version_and_records_the_diff(
    documents: Documents,
) -> None:
    first = documents.submit("user")
    path = f"{documents.exporter.path}/declarations/{first['declaration_id']}"
    changed = valid_data(carrier_name="Northern Lines")
    amended = documents.call(
        "proxy_owner", "POST", f"{path}/amendments", {"reason_code": "TRANSP", "content": changed}
    )
    assert amended.status_code == 201, amended.text
    assert amended.json()["proof_of_report"] == first["proof_of_report"]
    assert amended.json()["version"] == 2 and amended.json()["status"] == "amended"

    versions = documents.call("browser", "GET", f"{path}/versions").json()["items"]
    assert [v["version"] for v in versions] == [1, 2]
    assert versions[0]["content"]["carrier_name"] == "Atlantic Lines"
    assert versions[1]["changes"] == [
        {"pointer": "/carrier_name", "before": "Atlantic Lines", "after": "Northern Lines"}
    ]
    assert versions[1]["amendment_reason"] == "TRANSP"
    history = documents.call("browser", "GET", f"{path}/history").json()["items"]
    assert [h["status"] for h in history] == ["original", "amended"]
    entry = history[1]
    assert datetime.fromisoformat(entry["at"]) == documents.clock()
    assert entry == {
        "status": "amended",
        "version": 2,
        "at": entry["at"],
        "user_id": documents.people["proxy_owner"].user_id,
        "reason": "TRANSP",
    }
    one = documents.call("browser", "GET", f"{path}/versions/1")
    assert one.json()["content"]["carrier_name"] == "Atlantic Lines"

    bad_reason = documents.call(
        "user", "POST", f"{path}/amendments", {"reason_code": "NOPE", "content": changed}
    )
    assert bad_reason.status_code == 422
    assert bad_reason.json()["errors"][0]["pointer"] == "/reason_code"
    unchanged = documents.call(
        "user", "POST", f"{path}/amendments", {"reason_code": "OTHER", "content": changed}
    )
    assert unchanged.json()["errors"][0]["code"] == "documents.amendment.no_changes"

    events = documents.events(
        DECLARATION_TOPIC,
        documents.exporter.account_id,
        2,
        keep=lambda body: body.get("declaration_id") == first["declaration_id"],
    )
    assert [t for t, _ in events] == ["declaration.reported", "declaration.amended"]
    assert events[1][1]["declaration"]["changes"][0]["pointer"] == "/carrier_name"


def test_a_void_request_is_processed_through_kafka_and_ends_the_declaration(
    documents: Documents,
) -> None:
    first = documents.submit("user")
    path = f"{documents.exporter.path}/declarations/{first['declaration_id']}"
    requested = documents.call("user", "POST", f"{path}/void-request", {"reason": "Sale cancelled"})
    assert requested.status_code == 202, requested.text
    assert requested.json()["message"] == "Request to Void Sent"
    assert requested.json()["status"] == "void_requested"

    events = documents.events(
        DECLARATION_TOPIC,
        documents.exporter.account_id,
        3,
        keep=lambda body: body.get("declaration_id") == first["declaration_id"],
    )
    assert [t for t, _ in events] == [
        "declaration.reported",
        "declaration.void-requested",
        "declaration.voided",
    ]
    assert events[1][1]["reason"] == "Sale cancelled"
    assert documents.call("user", "GET", path).json()["status"] == "voided"

    history = documents.call("browser", "GET", f"{path}/history").json()["items"]
    assert [h["status"] for h in history] == ["original", "void_requested", "voided"]
    assert history[1]["user_id"] == documents.people["user"].user_id
    assert history[1]["reason"] == "Sale cancelled"

    for action, body in (
        ("amendments", {"reason_code": "OTHER", "content": valid_data()}),
        ("void-request", {}),
    ):
        refused = documents.call("user", "POST", f"{path}/{action}", body)
        assert refused.status_code == 409
        assert refused.json()["errors"][0]["code"] == "documents.declaration.voided"


def test_an_amendment_with_errors_is_a_422_with_its_findings_and_changes_nothing(
    documents: Documents,
) -> None:
    first = documents.submit("user")
    path = f"{documents.exporter.path}/declarations/{first['declaration_id']}"
    bad = valid_data(carrier_name="Northern Lines", port_of_exit=None)
    refused = documents.call(
        "user", "POST", f"{path}/amendments", {"reason_code": "TRANSP", "content": bad}
    )
    assert refused.status_code == 422, refused.text
    assert {e["pointer"] for e in refused.json()["errors"]} == {"/port_of_exit"}
    assert "documents.port_of_exit.mandatory" in {f["code"] for f in refused.json()["findings"]}

    detail = documents.call("user", "GET", path).json()
    assert (detail["status"], detail["version"]) == ("original", 1)
    assert detail["current"]["content"]["carrier_name"] == "Atlantic Lines"
    versions = documents.call("user", "GET", f"{path}/versions").json()["items"]
    assert [v["version"] for v in versions] == [1]
    history = documents.call("user", "GET", f"{path}/history").json()["items"]
    assert [h["status"] for h in history] == ["original"]


def set_status(documents: Documents, declaration_id: str, status: str) -> None:
    """Give the declaration ``status`` in the database, no event (nothing processes it)."""

    async def change() -> None:
        async with documents.sessions.begin() as session:
            await session.execute(
                update(declarations)
                .where(declarations.c.declaration_id == declaration_id)
                .values(status=status)
            )

    documents.run(change)


def test_a_declaration_whose_void_is_pending_is_neither_amended_nor_voided_again(
    documents: Documents,
) -> None:
    first = documents.submit("user")
    path = f"{documents.exporter.path}/declarations/{first['declaration_id']}"
    # A requested void the processor has not reached yet: the request's status without its
    # event, so the state lasts (a real request is processed within a fraction of a second).
    set_status(documents, first["declaration_id"], "void_requested")
    for action, body in (
        ("amendments", {"reason_code": "TRANSP", "content": valid_data(carrier_name="Other")}),
        ("void-request", {"reason": "twice"}),
    ):
        refused = documents.call("user", "POST", f"{path}/{action}", body)
        assert refused.status_code == 409, (action, refused.text)
        assert refused.json()["errors"][0]["code"] == "documents.declaration.void_pending"
    assert documents.call("user", "GET", path).json()["version"] == 1
    history = documents.call("user", "GET", f"{path}/history").json()["items"]
    assert [h["status"] for h in history] == ["original"]


def wait_for_status(documents: Documents, path: str, status: str) -> None:
    """Until the declaration at ``path`` has ``status`` (the void processor runs on Kafka)."""
    deadline = time.monotonic() + 20
    while documents.call("user", "GET", path).json()["status"] != status:
        assert time.monotonic() < deadline, f"the declaration did not become {status}"
        time.sleep(0.05)


def test_the_pdf_of_any_version_shows_the_current_status_and_its_version_number(
    documents: Documents,
) -> None:
    first = documents.submit("user")
    path = f"{documents.exporter.path}/declarations/{first['declaration_id']}"
    changed = {"reason_code": "TRANSP", "content": valid_data(carrier_name="Northern Lines")}
    assert documents.call("user", "POST", f"{path}/amendments", changed).status_code == 201
    assert documents.call("user", "POST", f"{path}/void-request", {}).status_code == 202
    wait_for_status(documents, path, "voided")

    for number in (1, 2):
        pdf = documents.call("browser", "GET", f"{path}/versions/{number}/pdf")
        text = flat(pdf_pages(pdf.content))
        assert "Current status of the declaration / Statut actuel de la déclaration Voided" in text
        assert f"Version shown / Version présentée {number}" in text
        assert "Original" not in text and "Amended" not in text
    # The stored version keeps the status it was reported with; events, like the PDF, say now.
    assert documents.call("browser", "GET", f"{path}/versions/1").json()["status"] == "original"
    events = documents.events(
        DECLARATION_TOPIC,
        documents.exporter.account_id,
        4,
        keep=lambda body: body.get("declaration_id") == first["declaration_id"],
    )
    shown = {
        kind: (body["declaration"]["status"], body["declaration"]["version"])
        for kind, body in events
    }
    assert shown == {
        "declaration.reported": ("original", 1),
        "declaration.amended": ("amended", 2),
        "declaration.void-requested": ("void_requested", 2),
        "declaration.voided": ("voided", 2),
    }


def test_search_by_status_proof_reference_and_dates_with_paging(documents: Documents) -> None:
    reference = f"REF-{uuid.uuid4().hex[:6]}"
    mine = [documents.submit("user", exporter_reference_numbers=[reference]) for _ in range(3)]
    path = f"{documents.exporter.path}/declarations"

    by_reference = documents.call(
        "browser", "GET", path, params={"exporter_reference": reference, "size": 2}
    ).json()
    assert by_reference["total"] == 3 and len(by_reference["items"]) == 2
    page_two = documents.call(
        "browser", "GET", path, params={"exporter_reference": reference, "size": 2, "page": 2}
    ).json()
    found = {i["declaration_id"] for i in by_reference["items"] + page_two["items"]}
    assert found == {c["declaration_id"] for c in mine}

    por = mine[0]["proof_of_report"]
    by_por = documents.call("browser", "GET", path, params={"por": por.lower()}).json()
    assert [i["declaration_id"] for i in by_por["items"]] == [mine[0]["declaration_id"]]

    today = documents.clock().date().isoformat()
    dated = documents.call(
        "browser",
        "GET",
        path,
        params={"exporter_reference": reference, "submitted_from": today, "submitted_to": today},
    ).json()
    assert dated["total"] == 3
    later = documents.call(
        "browser",
        "GET",
        path,
        params={"exporter_reference": reference, "submitted_from": "2099-01-01"},
    ).json()
    assert later["total"] == 0
    voided_reference = f"{reference}-V"
    voided = documents.submit("user", exporter_reference_numbers=[voided_reference])
    voided_path = f"{path}/{voided['declaration_id']}"
    assert documents.call("user", "POST", f"{voided_path}/void-request").status_code == 202
    wait_for_status(documents, voided_path, "voided")
    for status, expected in (("voided", [voided["declaration_id"]]), ("original", [])):
        found_by_status = documents.call(
            "browser",
            "GET",
            path,
            params={"status": status, "exporter_reference": voided_reference},
        ).json()
        assert [i["declaration_id"] for i in found_by_status["items"]] == expected, status
    all_voided = documents.call("browser", "GET", path, params={"status": "voided"}).json()
    assert voided["declaration_id"] in {i["declaration_id"] for i in all_voided["items"]}
    assert all(i["status"] == "voided" for i in all_voided["items"])
    originals = documents.call(
        "browser", "GET", path, params={"status": "original", "exporter_reference": reference}
    ).json()
    assert originals["total"] == 3

    malformed = documents.call("browser", "GET", path, params={"submitted_from": "2025-13-40"})
    assert malformed.status_code == 422
    assert malformed.json()["errors"][0]["pointer"] == "/submitted_from"
    inverted = documents.call(  # a clear 422 rather than an empty page that looks like "none"
        "browser", "GET", path, params={"submitted_from": today, "submitted_to": "2000-01-01"}
    )
    assert inverted.status_code == 422
    assert inverted.json()["errors"][0]["pointer"] == "/submitted_to"
    assert inverted.json()["errors"][0]["code"] == "documents.search.date_range_inverted"


def test_the_pdf_of_a_version(documents: Documents) -> None:
    first = documents.submit("user")
    path = f"{documents.exporter.path}/declarations/{first['declaration_id']}/versions/1/pdf"
    response = documents.call("browser", "GET", path, params={"language": "fr"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    missing = documents.call("browser", "GET", path.replace("/versions/1/", "/versions/9/"))
    assert missing.status_code == 404


@pytest.mark.parametrize(
    ("export_at", "shown"),
    [
        ("0001-01-01T00:00:00+00:00", "0001-01-01 00:00 UTC"),
        ("9999-12-31T23:00:00-05:00", "9999-12-31 23:00 UTC-05:00"),
    ],
)
def test_the_pdf_of_a_declaration_exported_beyond_eastern_time_shows_utc(
    documents: Documents, export_at: str, shown: str
) -> None:
    """Such a date submits (a far_past warning at most); its PDF must not be a 500."""
    first = documents.submit("user", estimated_export_at=export_at)
    path = f"{documents.exporter.path}/declarations/{first['declaration_id']}/versions/1/pdf"
    response = documents.call("browser", "GET", path)
    assert response.status_code == 200, response.text
    assert shown in flat(pdf_pages(response.content))
