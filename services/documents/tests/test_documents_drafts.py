"""Drafts on the real database and broker: create, save, check, list, extend, delete, expiry."""

from __future__ import annotations

import time
import uuid
from datetime import timedelta

import pytest

from services.documents.tests.documents_rules_examples import valid_data
from services.documents.tests.documents_testkit import DECLARATION_TOPIC, Documents

pytestmark = pytest.mark.integration


def test_a_draft_is_saved_checked_listed_and_deleted(documents: Documents) -> None:
    path = f"{documents.exporter.path}/drafts"
    created = documents.call("user", "POST", path, {"port_of_exit": "0395"})
    assert created.status_code == 201, created.text
    draft = created.json()
    assert draft["summary"]["errors"] > 0
    assert any(f["code"] == "documents.mode_of_transport.mandatory" for f in draft["findings"])
    assert draft["cutoff"] is None  # no mode nor date yet

    saved = documents.call("user", "PUT", f"{path}/{draft['draft_id']}", valid_data())
    assert saved.status_code == 200, saved.text
    assert saved.json()["summary"]["errors"] == 0
    cutoff = saved.json()["cutoff"]
    assert cutoff["rule"] == "documents.deadline.marine"
    assert cutoff["remaining_seconds"] == int(timedelta(days=3).total_seconds())

    checked = documents.call("browser", "GET", f"{path}/{draft['draft_id']}")
    assert checked.json()["content"]["port_of_exit"] == "0395"
    check = documents.call("user", "POST", f"{path}/{draft['draft_id']}/check")
    assert check.status_code == 200 and check.json()["summary"]["errors"] == 0

    listed = documents.call("browser", "GET", path).json()
    assert draft["draft_id"] in [d["draft_id"] for d in listed["items"]]
    assert listed["total"] >= 1

    assert documents.call("user", "DELETE", f"{path}/{draft['draft_id']}").status_code == 204
    gone = documents.call("user", "GET", f"{path}/{draft['draft_id']}")
    assert gone.status_code == 404
    assert gone.json()["errors"][0]["code"] == "documents.draft.not_found"


def test_a_draft_with_part_of_an_address_is_saved_and_its_submission_names_what_is_missing(
    documents: Documents,
) -> None:
    path = f"{documents.exporter.path}/drafts"
    body = valid_data(consignee={"name": "Gestüt Beispiel GmbH", "address": {"country": "DE"}})
    created = documents.call("user", "POST", path, body)
    assert created.status_code == 201, created.text
    missing = {
        "/consignee/address/line1": "documents.consignee.line1.mandatory",
        "/consignee/address/city": "documents.consignee.city.mandatory",
    }
    findings = created.json()["findings"]
    assert {f["pointer"]: f["code"] for f in findings if f["severity"] == "error"} == missing

    draft_id = created.json()["draft_id"]
    submitted = documents.call("user", "POST", f"{path}/{draft_id}/submission")
    assert submitted.status_code == 422, submitted.text
    assert {e["pointer"]: e["code"] for e in submitted.json()["errors"]} == missing
    assert documents.call("user", "GET", f"{path}/{draft_id}").status_code == 200  # still there


def test_a_draft_is_submitted_and_then_gone(documents: Documents) -> None:
    path = f"{documents.exporter.path}/drafts"
    draft = documents.call("user", "POST", path, valid_data()).json()
    submitted = documents.call("user", "POST", f"{path}/{draft['draft_id']}/submission")
    assert submitted.status_code == 201, submitted.text
    assert submitted.json()["status"] == "original"
    assert documents.call("user", "GET", f"{path}/{draft['draft_id']}").status_code == 404


def test_a_draft_submitted_twice_with_an_idempotency_key_gets_one_proof_of_report(
    documents: Documents,
) -> None:
    path = f"{documents.exporter.path}/drafts"
    draft_id = documents.call("user", "POST", path, valid_data()).json()["draft_id"]
    key = {"Idempotency-Key": uuid.uuid4().hex}
    first = documents.call("user", "POST", f"{path}/{draft_id}/submission", headers=key)
    again = documents.call("user", "POST", f"{path}/{draft_id}/submission", headers=key)
    assert first.status_code == again.status_code == 201, again.text
    assert again.json() == first.json()  # the first confirmation, although the draft is gone
    found = documents.call(
        "user",
        "GET",
        f"{documents.exporter.path}/declarations",
        params={"por": first.json()["proof_of_report"]},
    ).json()
    assert found["total"] == 1
    unkeyed = documents.call("user", "POST", f"{path}/{draft_id}/submission")
    assert unkeyed.status_code == 404  # without the key: the draft is gone


def test_drafts_are_warned_about_once_then_deleted_unless_extended(documents: Documents) -> None:
    path = f"{documents.exporter.path}/drafts"
    forgotten = documents.call("user", "POST", path, valid_data(exporter_reference_numbers=["F-1"]))
    kept = documents.call("user", "POST", path, valid_data()).json()
    forgotten_id = forgotten.json()["draft_id"]
    start = documents.clock()
    try:
        documents.clock.advance(timedelta(days=26))
        warned = documents.events(
            DECLARATION_TOPIC,
            documents.exporter.account_id,
            2,
            keep=lambda body: body.get("draft_id") in (forgotten_id, kept["draft_id"]),
        )
        assert {t for t, _ in warned} == {"declaration.draft-expiring"}
        bodies = {body["draft_id"]: body for _, body in warned}
        assert bodies[forgotten_id]["exporter_reference_numbers"] == ["F-1"]
        assert bodies[forgotten_id]["author_user_id"] == documents.people["user"].user_id

        extended = documents.call("user", "POST", f"{path}/{kept['draft_id']}/extension")
        assert extended.status_code == 200
        documents.clock.advance(timedelta(days=5))  # 31 days after the forgotten one's change
        deadline = time.monotonic() + 10  # the expiry worker turns every 0.2 s
        while documents.call("user", "GET", f"{path}/{forgotten_id}").status_code != 404:
            assert time.monotonic() < deadline, "the expired draft was not deleted"
            time.sleep(0.05)
        # The turn that deleted it judged the extended one too (one DELETE of every expired).
        assert documents.call("user", "GET", f"{path}/{kept['draft_id']}").status_code == 200
        again = documents.events(
            DECLARATION_TOPIC,
            documents.exporter.account_id,
            2,
            keep=lambda body: body.get("draft_id") == forgotten_id,
            timeout_s=2.0,  # a second warning would follow the first within a worker turn
        )
        assert len(again) == 1  # warned once only
    finally:
        documents.clock.now = start
