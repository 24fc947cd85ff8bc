"""Another service's replica, in another OS process with its own database, learns from accounts'
events (through Kafka) that an associated CSP's users may file for the exporter, and that they
no longer may once the association is removed. Asked at once with the membership or association
version a change produced (read-your-writes), it waits for that version before answering."""

from __future__ import annotations

import asyncio
import json
import select
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cers_chassis.authorization import REPLICA_SUBSCRIPTIONS
from cers_contracts.authorization import Action
from services.accounts.tests.accounts_testkit import Accounts, Person
from tests.fixtures.messaging import start_group_at_end
from tests.fixtures.runtime import KafkaRuntime, PostgresRuntime

pytestmark = pytest.mark.integration
SCRIPT = Path(__file__).with_name("accounts_replica_process.py")


class ReplicaProcess:
    """The other process, asked one question per line."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self._process = process

    def read(self, timeout_s: float = 30.0) -> dict[str, Any]:
        assert self._process.stdout is not None
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            ready, _, _ = select.select([self._process.stdout], [], [], 0.5)
            if ready:
                line = self._process.stdout.readline()
                assert line, "the replica process ended"
                if line.startswith("{"):
                    found: dict[str, Any] = json.loads(line)
                    return found
        raise AssertionError("the replica process did not answer")

    def ask(self, **question: Any) -> Any:
        assert self._process.stdin is not None
        self._process.stdin.write(json.dumps(question) + "\n")
        self._process.stdin.flush()
        return self.read()["answer"]

    def until(self, expected: Any, timeout_s: float = 30.0, **question: Any) -> None:
        deadline = time.monotonic() + timeout_s
        while (answer := self.ask(**question)) != expected:
            assert time.monotonic() < deadline, f"{question}: still {answer!r}"
            time.sleep(0.1)


@pytest.fixture(scope="module")
def replica(postgres: PostgresRuntime, kafka: KafkaRuntime) -> Iterator[ReplicaProcess]:
    name = f"t_replica_{uuid.uuid4().hex[:10]}"
    url = asyncio.run(postgres.create_database(name))
    group = f"t-replica-{uuid.uuid4().hex[:8]}"
    for suffix, topic, _ in REPLICA_SUBSCRIPTIONS:
        asyncio.run(start_group_at_end(kafka.bootstrap, f"{group}.{suffix}", topic.name))
    process = subprocess.Popen(
        [sys.executable, str(SCRIPT), url, kafka.bootstrap, group],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        other = ReplicaProcess(process)
        assert other.read(timeout_s=60) == {"ready": True}
        yield other
    finally:
        process.terminate()
        process.wait(timeout=15)
        asyncio.run(postgres.drop_database(name))


def test_an_association_gives_a_csps_users_filing_rights_seen_by_another_process(
    accounts: Accounts, replica: ReplicaProcess
) -> None:
    exporter_owner, csp_owner = Person.make("exporter"), Person.make("csp")
    csp_user, csp_browser = Person.make("csp-user"), Person.make("csp-browser")
    accounts.publish_users(exporter_owner, csp_owner, csp_user, csp_browser)
    exporter = accounts.open_account(exporter_owner)["business_account_id"]
    csp = accounts.open_account(csp_owner, "customs_service_provider")["business_account_id"]
    accounts.add_member(csp_owner, csp, csp_user, "user")
    view, file = Action.VIEW_DOCUMENTS.value, Action.FILE_DOCUMENTS.value
    # The replica's consumers join their groups after it says it is ready: wait until it is live.
    replica.until(True, ask="may", user_id=csp_user.user_id, action=view, account_id=csp)

    added = accounts.add_member(csp_owner, csp, csp_browser, "browser")
    version = int(added.headers["X-Membership-Version"])
    # Read-your-writes: asked at once with the version the change produced, the replica waits
    # for it rather than answer from before the change.
    assert replica.ask(
        ask="may", user_id=csp_browser.user_id, action=view, account_id=csp, min_version=version
    )
    assert not replica.ask(ask="may", user_id=csp_user.user_id, action=file, account_id=exporter)

    link = {"exporter_account_id": exporter, "csp_account_id": csp}
    linked = accounts.call(accounts.officer, "POST", "/v1/officer/associations", link)
    assert replica.ask(
        ask="may",
        user_id=csp_user.user_id,
        action=file,
        account_id=exporter,
        min_association_version=int(linked.headers["X-Association-Version"]),
    )
    assert set(replica.ask(ask="filable", user_id=csp_user.user_id)) == {csp, exporter}
    assert not replica.ask(ask="may", user_id=csp_browser.user_id, action=file, account_id=exporter)
    assert replica.ask(ask="may", user_id=csp_browser.user_id, action=view, account_id=exporter)

    unlinked = accounts.call(
        accounts.officer, "DELETE", f"/v1/officer/associations/{exporter}/{csp}"
    )
    assert not replica.ask(
        ask="may",
        user_id=csp_user.user_id,
        action=file,
        account_id=exporter,
        min_association_version=int(unlinked.headers["X-Association-Version"]),
    )
    assert replica.ask(ask="filable", user_id=csp_user.user_id) == [csp]
