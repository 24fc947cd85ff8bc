"""The authorization replica and its questions, on a real database: events applied directly,
then fed through real Kafka (outbox, relay, ``authorization_consumers``)."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

from cers_chassis.authorization import (
    AUTHORIZATION_METADATA,
    Authorizer,
    ReplicaVersions,
    apply_association,
    apply_membership,
    authorization_consumers,
)
from cers_chassis.db import create_engine, session_factory
from cers_chassis.inbox import InboxConsumer
from cers_chassis.outbox import Outbox
from cers_chassis.service import ServiceRuntime, create_service_app
from cers_chassis.settings import ServiceSettings
from cers_contracts import authorization as authorization_contract
from cers_contracts.accounts import (
    AssociationEvent,
    AssociationRecorded,
    AssociationRemoved,
    BusinessType,
    Member,
    MemberAdded,
    MembershipEvent,
    Role,
)
from cers_contracts.authorization import ROLE_MATRIX, ROLES, Action, decide, may
from cers_contracts.envelope import new_envelope
from tests.fixtures.messaging import eventually, start_at_end
from tests.fixtures.runtime import KafkaRuntime

pytestmark = pytest.mark.integration
Sessions = async_sessionmaker[AsyncSession]


@pytest.fixture
async def sessions(database_url: str) -> AsyncIterator[Sessions]:
    engine = create_engine(database_url)
    async with engine.begin() as connection:
        await connection.run_sync(AUTHORIZATION_METADATA.create_all)
    yield session_factory(engine)
    await engine.dispose()


def new_id(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


def membership(
    account_id: str,
    version: int,
    members: dict[str, Role],
    *,
    business_number: str = "123456782RM0001",
    business_type: BusinessType = "exporter",
) -> MemberAdded:
    return MemberAdded(
        business_account_id=account_id,
        business_number=business_number,
        authorization_id="AB1234",
        business_type=business_type,
        version=version,
        members=[Member(user_id=u, urn=f"U-{u}", role=r) for u, r in members.items()],
        user_id=next(iter(members), "nobody"),
        actor_user_id="actor",
        occurred_at=datetime.now(UTC),
        role="owner",
    )


def association(
    exporter_id: str, version: int, csps: list[str], *, removed: bool = False
) -> AssociationRecorded | AssociationRemoved:
    model = AssociationRemoved if removed else AssociationRecorded
    return model(
        exporter_account_id=exporter_id,
        exporter_business_number="123456782RM0001",
        csp_account_id=csps[0] if csps else "csp",
        csp_business_number="987654321RM0001",
        associated_csp_account_ids=csps,
        version=version,
        actor_user_id="officer",
        occurred_at=datetime.now(UTC),
    )


async def apply(sessions: Sessions, *events: MembershipEvent | AssociationEvent) -> None:
    async with sessions.begin() as session:
        for event in events:
            envelope = new_envelope(event, source="/cers/accounts")
            if isinstance(event, MembershipEvent):
                await apply_membership(session, envelope, event)
            else:
                await apply_association(session, envelope, event)


async def test_each_role_may_do_exactly_what_the_matrix_says(sessions: Sessions) -> None:
    account = new_id("acct")
    await apply(sessions, membership(account, 1, {f"u-{role}": role for role in ROLES}))
    authorizer = Authorizer(sessions)
    for role in ROLES:
        for action in Action:
            expected = role in ROLE_MATRIX[action]
            assert await authorizer.may(f"u-{role}", action, account) is expected, (role, action)
    for action in Action:
        assert await authorizer.may("stranger", action, account) is False
        officer_may = action in {
            Action.VIEW_DOCUMENTS,
            Action.VIEW_USERS,
            Action.ADMINISTER_ACCOUNTS,
        }
        assert await authorizer.may("officer", action, account, officer=True) is officer_may


async def test_older_and_repeated_membership_events_change_nothing(sessions: Sessions) -> None:
    account = new_id("acct")
    await apply(sessions, membership(account, 3, {"owner": "owner", "late": "user"}))
    await apply(sessions, membership(account, 2, {"owner": "owner"}))  # older: ignored
    await apply(sessions, membership(account, 3, {"owner": "owner"}))  # same version: ignored
    authorizer = Authorizer(sessions)
    assert await authorizer.may("late", Action.FILE_DOCUMENTS, account)
    assert (await authorizer.versions(account)).membership == 3

    await apply(sessions, membership(account, 4, {}))  # deleted: nobody left
    assert not await authorizer.may("owner", Action.VIEW_DOCUMENTS, account)


async def test_a_csps_members_file_for_associated_exporters_as_their_role_allows(
    sessions: Sessions,
) -> None:
    exporter, csp = new_id("exporter"), new_id("csp")
    await apply(
        sessions,
        membership(exporter, 1, {"exporter-owner": "owner"}),
        membership(
            csp,
            1,
            {"csp-owner": "owner", "csp-user": "user", "csp-browser": "browser"},
            business_number="987654321RM0001",
            business_type="customs_service_provider",
        ),
    )
    authorizer = Authorizer(sessions)
    assert not await authorizer.may("csp-user", Action.FILE_DOCUMENTS, exporter)

    await apply(sessions, association(exporter, 1, [csp]))
    assert await authorizer.may("csp-user", Action.FILE_DOCUMENTS, exporter)
    assert await authorizer.may("csp-browser", Action.VIEW_DOCUMENTS, exporter)
    assert not await authorizer.may("csp-browser", Action.FILE_DOCUMENTS, exporter)
    assert not await authorizer.may("csp-owner", Action.MANAGE_USERS, exporter)
    filable = await authorizer.accounts_filable_by("csp-user")
    assert {(a.account.business_account_id, a.via, a.through_account_id) for a in filable} == {
        (csp, "member", None),
        (exporter, "provider", csp),
    }
    assert [
        a.account.business_account_id for a in await authorizer.accounts_filable_by("csp-browser")
    ] == []

    await apply(sessions, association(exporter, 2, [], removed=True))
    assert not await authorizer.may("csp-user", Action.FILE_DOCUMENTS, exporter)
    await apply(sessions, association(exporter, 1, [csp]))  # a stale redelivery
    assert not await authorizer.may("csp-user", Action.FILE_DOCUMENTS, exporter)


async def test_an_association_seen_before_the_exporters_members_still_counts(
    sessions: Sessions,
) -> None:
    exporter, csp = new_id("exporter"), new_id("csp")
    await apply(sessions, association(exporter, 1, [csp]))
    await apply(sessions, membership(csp, 1, {"csp-user": "user"}))
    authorizer = Authorizer(sessions)
    assert await authorizer.may("csp-user", Action.FILE_DOCUMENTS, exporter)
    await apply(sessions, membership(exporter, 1, {"exporter-owner": "owner"}))
    assert await authorizer.may("csp-user", Action.FILE_DOCUMENTS, exporter)
    found = await authorizer.account_for_business_number("123456782RM0001")
    assert found is not None


async def test_may_waits_for_the_membership_version_the_caller_has_seen_holding_no_connection(
    database_url: str, sessions: Sessions
) -> None:
    account = new_id("acct")
    await apply(sessions, membership(account, 1, {"owner": "owner"}))
    # One connection in all: if the wait held it, the catching-up write could not run.
    engine = create_async_engine(database_url, pool_size=1, max_overflow=0, pool_timeout=3)
    single = session_factory(engine)
    authorizer = Authorizer(single, max_wait_s=5.0)

    async def replica_catches_up() -> None:
        await asyncio.sleep(0.3)
        await apply(single, membership(account, 2, {"owner": "owner", "new": "user"}))

    try:
        catching_up = asyncio.create_task(replica_catches_up())
        started = time.monotonic()
        assert await authorizer.may("new", Action.FILE_DOCUMENTS, account, min_version=2)
        assert 0.25 < time.monotonic() - started < 4.0
        await catching_up
    finally:
        await engine.dispose()


async def test_may_waits_for_the_association_version_the_caller_has_seen(
    sessions: Sessions,
) -> None:
    exporter, csp = new_id("exporter"), new_id("csp")
    await apply(sessions, membership(exporter, 1, {"owner": "owner"}))
    await apply(sessions, membership(csp, 1, {"csp-user": "user"}))
    authorizer = Authorizer(sessions, max_wait_s=5.0)

    async def replica_catches_up() -> None:
        await asyncio.sleep(0.3)
        await apply(sessions, association(exporter, 1, [csp]))

    catching_up = asyncio.create_task(replica_catches_up())
    started = time.monotonic()
    assert await authorizer.may(
        "csp-user", Action.FILE_DOCUMENTS, exporter, min_version=1, min_association_version=1
    )
    assert 0.25 < time.monotonic() - started < 4.0
    await catching_up
    assert await authorizer.versions(exporter) == ReplicaVersions(membership=1, association=1)


async def test_a_replica_that_stays_behind_is_waited_for_only_so_long(
    sessions: Sessions,
) -> None:
    account = new_id("acct")
    await apply(sessions, membership(account, 1, {"owner": "owner"}))
    authorizer = Authorizer(sessions, max_wait_s=0.3)
    started = time.monotonic()
    assert not await authorizer.may("new", Action.FILE_DOCUMENTS, account, min_version=2)
    assert 0.3 <= time.monotonic() - started < 2.0


async def test_a_business_number_maps_to_its_live_account(sessions: Sessions) -> None:
    bn = "046454286RM0001"
    old, new = new_id("old"), new_id("new")
    await apply(sessions, membership(old, 2, {}, business_number=bn))  # deleted
    await apply(sessions, membership(new, 1, {"owner": "owner"}, business_number=bn))
    found = await Authorizer(sessions).account_for_business_number(bn)
    assert found is not None
    assert (found.business_account_id, found.authorization_id, found.active) == (
        new,
        "AB1234",
        True,
    )
    assert await Authorizer(sessions).account_for_business_number("000000000RM0000") is None


def test_the_decision_table_is_the_contracts_one() -> None:
    assert decide(Action.FILE_DOCUMENTS, role=None, provider_roles=["user"])
    assert not decide(Action.FILE_DOCUMENTS, role=None, officer=True)


def test_the_documented_matrix_is_the_one_decided_from() -> None:
    """The table in the contracts module's docstring says what ``decide`` does, cell by cell."""
    rows = [
        [cell.strip() for cell in line.strip("|").split("|")]
        for line in (authorization_contract.__doc__ or "").splitlines()
        if line.startswith("| ``")
    ]
    assert len(rows) == len(Action)
    for action_cell, *cells in rows:
        action = Action[action_cell.strip("`")]
        *member_cells, csp_cell, officer_cell = cells
        for role, cell in zip(ROLES, member_cells, strict=True):
            assert cell.rstrip("²") == yes_no(decide(action, role=role)), (action, role)
        as_role = [decide(action, role=None, provider_roles=[r]) for r in ROLES]
        assert as_role in ([may(r, action) for r in ROLES], [False] * len(ROLES)), action
        assert csp_cell == ("as role" if any(as_role) else "no"), action
        assert officer_cell == yes_no(decide(action, role=None, officer=True)), action


def yes_no(allowed: bool) -> str:
    return "yes" if allowed else "no"


async def create_replica_tables(url: str) -> None:
    engine = create_engine(url)
    async with engine.begin() as connection:
        await connection.run_sync(AUTHORIZATION_METADATA.create_all)
    await engine.dispose()


def test_memberships_and_associations_reach_the_replica_through_kafka(
    database_url: str, kafka: KafkaRuntime
) -> None:
    asyncio.run(create_replica_tables(database_url))
    settings = ServiceSettings(
        service_name="authz-test",
        database_url=database_url,
        kafka_bootstrap=kafka.bootstrap,
        relay_poll_interval_s=0.2,
        consumer_group=f"t-authz-{uuid.uuid4().hex[:8]}",
    )
    runtimes: list[ServiceRuntime] = []

    def consumers(runtime: ServiceRuntime) -> list[InboxConsumer]:
        runtimes.append(runtime)
        return authorization_consumers(runtime)

    exporter, csp = f"exporter-{uuid.uuid4().hex[:8]}", f"csp-{uuid.uuid4().hex[:8]}"
    events = [
        membership(exporter, 1, {"exporter-owner": "owner"}),
        membership(csp, 1, {"csp-user": "user"}, business_type="customs_service_provider"),
        association(exporter, 1, [csp]),
    ]
    app = create_service_app(settings, title="authz", consumers=consumers)
    asyncio.run(start_at_end(kafka.bootstrap, app.state.consumers))
    with TestClient(app) as client:
        (runtime,) = runtimes
        assert runtime.sessions is not None
        sessions = runtime.sessions
        authorizer = Authorizer(sessions)

        async def publish() -> None:
            async with sessions.begin() as session:
                await Outbox("/cers/accounts").add_all(session, events)

        async def replicated() -> bool:
            # Two topics, several partitions: each event lands on its own schedule.
            csp_user_files = await authorizer.may("csp-user", Action.FILE_DOCUMENTS, exporter)
            owner_deletes = await authorizer.may("exporter-owner", Action.DELETE_ACCOUNT, exporter)
            return csp_user_files and owner_deletes

        async def replicated_soon() -> bool:
            return bool(await eventually(replicated, timeout_s=30.0, interval_s=0.1))

        client.portal.call(publish)  # type: ignore[union-attr]
        assert client.portal.call(replicated_soon)  # type: ignore[union-attr]
