"""Migrated CAED declarations (import, hyphenated search, the 90-day void rule) and the bulk
service's declaration commands (idempotent by key, authorization, one reply each)."""

from __future__ import annotations

import json
import time
import uuid
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from cers_chassis.authorization import authz_memberships
from cers_contracts.accounts import Role
from cers_contracts.documents import DeclarationContent, SubmitDeclaration, ValidateDeclaration
from cers_contracts.message import Message
from cers_documents.adapters.tables import exporters
from cers_documents.entrypoints.import_caed import main as import_caed
from services.documents.tests.documents_rules_examples import valid_data, valid_line
from services.documents.tests.documents_testkit import (
    RESULT_TOPIC,
    Account,
    Documents,
    User,
    account_events,
    new_authorization_id,
    new_business_number,
    publish,
)

pytestmark = pytest.mark.integration


def caed_record(documents: Documents, sequence: int, **changes: Any) -> dict[str, Any]:
    """A legacy record of the test exporter, submitted at the clock's time."""
    exporter = documents.exporter
    return {
        "proof_of_report": f"05X222{exporter.authorization_id}201912{sequence:05d}",
        "business_number": exporter.business_number,
        "exporter_name": "Legacy Exports",
        "submitted_at": documents.clock().isoformat(),
        "content": valid_data(),
        **changes,
    }


def run_import(documents: Documents, tmp_path: Any, records: list[Any], monkeypatch: Any) -> int:
    file = tmp_path / f"caed-{uuid.uuid4().hex[:6]}.jsonl"
    file.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in records))
    url = documents.client.app.state.wiring.settings.database_url  # type: ignore[attr-defined]
    monkeypatch.setenv("CERS_DATABASE_URL", url)
    return import_caed([str(file)])


def test_caed_records_are_imported_once_and_found_by_the_hyphenated_proof(
    documents: Documents, tmp_path: Any, monkeypatch: Any
) -> None:
    sequence = uuid.uuid4().int % 99_999 + 1
    record = caed_record(documents, sequence)
    assert run_import(documents, tmp_path, [record], monkeypatch) == 0
    assert run_import(documents, tmp_path, [record], monkeypatch) == 0  # present already
    assert run_import(documents, tmp_path, ["{not json", {"x": 1}], monkeypatch) == 1

    hyphenated = f"05X222{documents.exporter.authorization_id}2019-12-{sequence:05d}"
    path = f"{documents.exporter.path}/declarations"
    found = documents.call("browser", "GET", path, params={"por": hyphenated}).json()
    assert found["total"] == 1
    item = found["items"][0]
    assert item["origin"] == "caed" and item["status"] == "original"
    assert item["proof_of_report_display"] == hyphenated
    assert len(item["proof_of_report"]) == 23


def test_caed_declarations_may_be_voided_within_90_days_only(
    documents: Documents, tmp_path: Any, monkeypatch: Any
) -> None:
    start = documents.clock()
    recent, old = (uuid.uuid4().int % 99_999 + 1 for _ in range(2))
    records = [
        caed_record(documents, recent, submitted_at=(start - timedelta(days=89)).isoformat()),
        caed_record(documents, old, submitted_at=(start - timedelta(days=91)).isoformat()),
    ]
    assert run_import(documents, tmp_path, records, monkeypatch) == 0
    path = f"{documents.exporter.path}/declarations"

    def void(sequence: int) -> Any:
        por = f"05X222{documents.exporter.authorization_id}201912{sequence:05d}"
        item = documents.call("user", "GET", path, params={"por": por}).json()["items"][0]
        return documents.call("user", "POST", f"{path}/{item['declaration_id']}/void-request")

    assert void(recent).status_code == 202
    refused = void(old)
    assert refused.status_code == 409
    assert refused.json()["errors"][0]["code"] == "documents.declaration.caed_void_window_passed"


def test_caed_declarations_are_not_amended_in_cers(
    documents: Documents, tmp_path: Any, monkeypatch: Any
) -> None:
    sequence = uuid.uuid4().int % 99_999 + 1
    assert run_import(documents, tmp_path, [caed_record(documents, sequence)], monkeypatch) == 0
    path = f"{documents.exporter.path}/declarations"
    por = f"05X222{documents.exporter.authorization_id}201912{sequence:05d}"
    item = documents.call("user", "GET", path, params={"por": por}).json()["items"][0]
    body = {"reason_code": "TRANSP", "content": valid_data(carrier_name="Northern Lines")}
    refused = documents.call("user", "POST", f"{path}/{item['declaration_id']}/amendments", body)
    assert refused.status_code == 409, refused.text
    assert refused.json()["errors"][0]["code"] == "documents.declaration.caed_not_amendable"
    versions = documents.call("user", "GET", f"{path}/{item['declaration_id']}/versions")
    assert [v["version"] for v in versions.json()["items"]] == [1]


def test_a_record_that_cannot_be_stored_fails_alone_and_the_others_load(
    documents: Documents, tmp_path: Any, monkeypatch: Any, capsys: Any
) -> None:
    first, nul, overflowing, last = (uuid.uuid4().int % 99_999 + 1 for _ in range(4))
    records = [
        caed_record(documents, first),
        caed_record(documents, nul, exporter_name="Legacy\x00Exports"),  # PostgreSQL cannot hold it
        # valid, but beyond what the database driver converts (UTC would be year 10000)
        caed_record(documents, overflowing, submitted_at="9999-12-31T23:00:00-05:00"),
        caed_record(documents, last),
    ]
    assert run_import(documents, tmp_path, records, monkeypatch) == 1
    printed = capsys.readouterr()
    assert printed.out.strip() == "imported 2, already present 0"
    nul_line, overflow_line = printed.err.splitlines()
    assert nul_line == (
        "line 2: /exporter_name: exporter_name may not contain the NUL character (U+0000)."
    )
    assert overflow_line.startswith("line 3: not stored, the database refused it: ")
    assert overflow_line.endswith("(date value out of range)")
    path = f"{documents.exporter.path}/declarations"
    for sequence, expected in ((first, 1), (nul, 0), (overflowing, 0), (last, 1)):
        por = f"05X222{documents.exporter.authorization_id}201912{sequence:05d}"
        assert documents.call("user", "GET", path, params={"por": por}).json()["total"] == expected


def command_replies(
    documents: Documents,
    keys: set[str],
    count: int,
    account: Account | None = None,
    timeout_s: float = 20.0,
) -> list[dict[str, Any]]:
    """The first ``count`` replies (or more, read at once) to commands with ``keys`` (of the
    test exporter's, or ``account``'s), since the app started."""
    events = documents.events(
        RESULT_TOPIC,
        (account or documents.exporter).account_id,
        count,
        keep=lambda body: body.get("idempotency_key") in keys,
        timeout_s=timeout_s,
    )
    return [body for _, body in events]


def command(
    kind: type[SubmitDeclaration] | type[ValidateDeclaration],
    documents: Documents,
    key: str,
    user: str | User = "user",
    account: Account | None = None,
    **changes: Any,
) -> SubmitDeclaration | ValidateDeclaration:
    """A command of the bulk service for the test exporter (or ``account``)."""
    return kind(
        business_account_id=(account or documents.exporter).account_id,
        idempotency_key=key,
        user_id=(documents.people[user] if isinstance(user, str) else user).user_id,
        content=DeclarationContent.model_validate(valid_data(**changes)),
        correlation={"file": "f-1"},
        occurred_at=documents.clock(),
    )


def test_bulk_commands_are_answered_once_per_key(documents: Documents) -> None:
    submit_key, validate_key, browser_key, bad_key = (uuid.uuid4().hex for _ in range(4))
    publish(
        documents.bootstrap,
        [
            command(SubmitDeclaration, documents, submit_key),
            command(SubmitDeclaration, documents, submit_key),  # the same key again
            command(ValidateDeclaration, documents, validate_key),
            command(SubmitDeclaration, documents, browser_key, user="browser"),
            command(SubmitDeclaration, documents, bad_key, port_of_exit=None),
        ],
    )
    keys = {submit_key, validate_key, browser_key, bad_key}
    replies = command_replies(documents, keys, 5)
    by_key: dict[str, list[dict[str, Any]]] = {}
    for reply in replies:
        by_key.setdefault(reply["idempotency_key"], []).append(reply)
    submitted = by_key[submit_key]
    assert len(submitted) == 2 and submitted[0]["outcome"] == "reported"
    assert submitted[0]["proof_of_report"] == submitted[1]["proof_of_report"]
    assert submitted[0]["correlation"] == {"file": "f-1"}
    assert by_key[validate_key][0]["outcome"] == "valid"
    assert by_key[validate_key][0]["proof_of_report"] is None
    assert by_key[browser_key][0]["outcome"] == "refused"
    rejected = by_key[bad_key][0]
    assert rejected["outcome"] == "rejected"
    assert "/port_of_exit" in {f["pointer"] for f in rejected["findings"]}
    path = f"{documents.exporter.path}/declarations"
    found = documents.call("user", "GET", path, params={"por": submitted[0]["proof_of_report"]})
    assert found.json()["total"] == 1


def replicate(documents: Documents, event: Message, account_column: Any) -> None:
    """Publish ``event`` as accounts would; wait until the replica whose ``account_column`` holds
    business account ids has the event's account."""
    publish(documents.bootstrap, [event])
    query = select(func.count()).where(account_column == event.kafka_key())
    deadline = time.monotonic() + 20
    while documents.count(query) == 0:
        assert time.monotonic() < deadline, "the replica did not catch up"
        time.sleep(0.05)


def test_a_refusal_is_not_kept_so_a_retry_once_the_replicas_caught_up_is_answered(
    documents: Documents,
) -> None:
    """Accounts' events may reach the replicas after bulk's command: refused then, but the
    same command again (same key) is decided afresh, not refused from the key's memory."""
    account = Account(
        f"acct-{uuid.uuid4().hex[:12]}", new_business_number(), new_authorization_id()
    )
    owner = User.make("late-owner")
    members: dict[User, Role] = {owner: "owner"}
    activated, member_added = account_events(account, members, "exporter", documents.clock())
    key = uuid.uuid4().hex
    again = command(SubmitDeclaration, documents, key, owner, account)

    def reply(count: int) -> dict[str, Any]:
        """The ``count``-th reply to the key."""
        replies = command_replies(documents, {key}, count, account)
        assert len(replies) >= count
        return replies[count - 1]

    publish(documents.bootstrap, [again])  # neither replica knows the account yet
    first = reply(1)
    assert first["outcome"] == "refused"
    assert first["findings"][0]["code"] == "authorization.forbidden"

    replicate(documents, member_added, authz_memberships.c.business_account_id)
    publish(documents.bootstrap, [again])  # authorized now; the exporter replica is behind
    second = reply(2)
    assert second["outcome"] == "refused"
    assert second["findings"][0]["code"] == "documents.exporter.unknown"

    replicate(documents, activated, exporters.c.business_account_id)
    publish(documents.bootstrap, [again, again])
    third, fourth = reply(3), reply(4)
    assert len(command_replies(documents, {key}, 5, account, timeout_s=1.0)) == 4
    assert third["outcome"] == "reported" and third["proof_of_report"]
    assert fourth == {**third, "occurred_at": fourth["occurred_at"]}  # kept: the same answer


def test_a_key_reused_for_another_command_is_refused_not_answered_from_its_first_reply(
    documents: Documents,
) -> None:
    key = uuid.uuid4().hex
    publish(
        documents.bootstrap,
        [
            command(ValidateDeclaration, documents, key),
            command(SubmitDeclaration, documents, key),  # validate-then-submit with one key
            command(ValidateDeclaration, documents, key, carrier_name="Other"),
            command(ValidateDeclaration, documents, key),  # a true replay
        ],
    )
    replies = command_replies(documents, {key}, 4)
    assert [r["outcome"] for r in replies] == ["valid", "refused", "refused", "valid"]
    for refused in replies[1:3]:
        assert [f["code"] for f in refused["findings"]] == ["documents.idempotency_key.reused"]
        assert refused["proof_of_report"] is None
    assert replies[1]["command_type"] == SubmitDeclaration.ce_type


def test_a_nul_character_in_a_command_is_answered_with_its_finding(documents: Documents) -> None:
    """PostgreSQL cannot store U+0000: the command is answered, never retried into the DLQ."""
    submit_key, validate_key, correlated_key = (uuid.uuid4().hex for _ in range(3))
    correlated = command(ValidateDeclaration, documents, correlated_key)
    publish(
        documents.bootstrap,
        [
            command(SubmitDeclaration, documents, submit_key, carrier_name="Ship\x00"),
            command(
                ValidateDeclaration, documents, validate_key, lines=[valid_line(description="\x00")]
            ),
            correlated.model_copy(update={"correlation": {"file": "f\x00"}}),
        ],
    )
    keys = {submit_key, validate_key, correlated_key}
    by_key = {r["idempotency_key"]: r for r in command_replies(documents, keys, 3)}

    def nul_at(pointer: str, field: str) -> dict[str, Any]:
        return {
            "severity": "error",
            "code": "documents.field.nul_character",
            "pointer": pointer,
            "message": f"{field} may not contain the NUL character (U+0000).",
            "params": {"field": field},
        }

    assert by_key[submit_key]["outcome"] == "rejected"
    assert by_key[submit_key]["findings"] == [nul_at("/carrier_name", "carrier_name")]
    assert by_key[submit_key]["proof_of_report"] is None
    assert by_key[validate_key]["outcome"] == "invalid"
    assert by_key[validate_key]["findings"] == [nul_at("/lines/0/description", "description")]
    assert by_key[correlated_key]["outcome"] == "invalid"
    assert by_key[correlated_key]["findings"] == [nul_at("", "correlation")]
