"""Authorization for services other than accounts, from their own replica of accounts' events.

A service keeps, in its own database, who has which role in which business account
(``accounts.membership.v1``) and which customs service providers (CSPs) file for which exporters
(``accounts.association.v1``), and asks ``Authorizer`` "may user U do action A on account B?".
The answer comes from the one role matrix in ``cers_contracts.authorization`` (DESIGN.md §4),
including a CSP's rights on its associated exporters and the officer role.

Wiring, in a service:

- tables: its Alembic revision calls ``create_authorization_tables()`` (``downgrade``:
  ``drop_authorization_tables()``);
- consumers: ``create_service_app(..., consumers=lambda rt: authorization_consumers(rt))``
  (plus its own; groups ``<consumer group prefix>.authz-*``); each event carries the account's
  full member list or the exporter's full CSP set with a version, so a handler replaces what the
  replica holds and ignores anything not newer;
- questions: ``Authorizer(runtime.sessions).may(user_id, Action.FILE_DOCUMENTS, account_id,
  officer=principal.officer, min_version=...)``. ``min_version`` is the account's membership
  version the gateway last saw (header ``X-Membership-Version`` of accounts' responses), and
  ``min_association_version`` its association version (``X-Association-Version``):
  read-your-writes, DESIGN.md §3. While the replica is behind either, ``may`` waits (up to
  ``max_wait_s``, polling in short transactions of its own) before deciding. Both versions live
  in the account's one ``authz_accounts`` row, so one look answers both.

Not covered: a right that comes through another account. After a user is added to a CSP
account, a question about one of its exporters carries the exporter's versions, not the CSP's,
so ``may`` does not wait for that change.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from alembic import op
from sqlalchemy import (
    Boolean,
    Column,
    Index,
    Integer,
    MetaData,
    String,
    Subquery,
    Table,
    delete,
    insert,
    null,
    select,
    union_all,
)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from cers_chassis.errors import ApiError, FieldProblem
from cers_chassis.inbox import Handler, InboxConsumer
from cers_chassis.service import ServiceRuntime
from cers_contracts.accounts import (
    AssociationEvent,
    AssociationRecorded,
    AssociationRemoved,
    BusinessType,
    MemberAdded,
    MemberRemoved,
    MemberRoleChanged,
    MembershipEvent,
    Role,
)
from cers_contracts.authorization import Action, decide
from cers_contracts.envelope import Envelope
from cers_contracts.message import Message
from cers_contracts.topics import REGISTRY, TopicSpec

AUTHORIZATION_METADATA = MetaData()

authz_accounts = Table(
    "authz_accounts",
    AUTHORIZATION_METADATA,
    Column("business_account_id", String(64), primary_key=True),
    Column("business_number", String(15), nullable=False),
    Column("authorization_id", String(6)),
    Column("business_type", String(32)),
    Column("membership_version", Integer, nullable=False),
    Column("association_version", Integer, nullable=False),
    Column("active", Boolean, nullable=False),
    Index("authz_accounts_bn", "business_number"),
    comment="Business accounts as the replica knows them; active while they have members. "
    "authorization_id and business_type are null until a membership event has arrived.",
)

authz_memberships = Table(
    "authz_memberships",
    AUTHORIZATION_METADATA,
    Column("business_account_id", String(64), primary_key=True),
    Column("user_id", String(64), primary_key=True),
    Column("role", String(16), nullable=False),
    Index("authz_memberships_user", "user_id"),
    comment="Replica of accounts.membership.v1: each user's role in each business account.",
)

authz_associations = Table(
    "authz_associations",
    AUTHORIZATION_METADATA,
    Column("exporter_account_id", String(64), primary_key=True),
    Column("csp_account_id", String(64), primary_key=True),
    Index("authz_associations_csp", "csp_account_id"),
    comment="Replica of accounts.association.v1: the CSPs filing for each exporter.",
)

MEMBERSHIP_TOPIC = "accounts.membership.v1"
ASSOCIATION_TOPIC = "accounts.association.v1"


def create_authorization_tables() -> None:
    """Create the replica's tables (inside a service's Alembic migration)."""
    AUTHORIZATION_METADATA.create_all(bind=op.get_bind())


def drop_authorization_tables() -> None:
    """Drop the replica's tables (inside a migration's downgrade)."""
    AUTHORIZATION_METADATA.drop_all(bind=op.get_bind())


# -- the replica's consumers ------------------------------------------------------------------


async def apply_membership(
    session: AsyncSession, envelope: Envelope, event: MembershipEvent
) -> None:
    """Replace the account's members with the event's, unless the replica is as new already."""
    statement = pg_insert(authz_accounts).values(
        business_account_id=event.business_account_id,
        business_number=event.business_number,
        authorization_id=event.authorization_id,
        business_type=event.business_type,
        membership_version=event.version,
        association_version=0,
        active=bool(event.members),
    )
    newer = statement.on_conflict_do_update(
        index_elements=["business_account_id"],
        set_={
            name: statement.excluded[name]
            for name in (
                "business_number",
                "authorization_id",
                "business_type",
                "membership_version",
                "active",
            )
        },
        where=authz_accounts.c.membership_version < statement.excluded.membership_version,
    ).returning(authz_accounts.c.business_account_id)
    if (await session.execute(newer)).first() is None:
        return  # a redelivery or an older event: the replica already has this or later
    await session.execute(
        delete(authz_memberships).where(
            authz_memberships.c.business_account_id == event.business_account_id
        )
    )
    if event.members:
        await session.execute(
            insert(authz_memberships),
            [
                {"business_account_id": event.business_account_id, "user_id": m.user_id}
                | {"role": m.role}
                for m in event.members
            ],
        )


async def apply_association(
    session: AsyncSession, envelope: Envelope, event: AssociationEvent
) -> None:
    """Replace the exporter's CSPs with the event's, unless the replica is as new already."""
    statement = pg_insert(authz_accounts).values(
        business_account_id=event.exporter_account_id,
        business_number=event.exporter_business_number,
        membership_version=0,
        association_version=event.version,
        active=False,
    )
    newer = statement.on_conflict_do_update(
        index_elements=["business_account_id"],
        set_={"association_version": statement.excluded.association_version},
        where=authz_accounts.c.association_version < statement.excluded.association_version,
    ).returning(authz_accounts.c.business_account_id)
    if (await session.execute(newer)).first() is None:
        return
    await session.execute(
        delete(authz_associations).where(
            authz_associations.c.exporter_account_id == event.exporter_account_id
        )
    )
    if event.associated_csp_account_ids:
        await session.execute(
            insert(authz_associations),
            [
                {"exporter_account_id": event.exporter_account_id, "csp_account_id": csp}
                for csp in event.associated_csp_account_ids
            ],
        )


_MEMBERSHIP_HANDLERS: dict[type[Message], Handler] = {
    model: apply_membership for model in (MemberAdded, MemberRoleChanged, MemberRemoved)
}
_ASSOCIATION_HANDLERS: dict[type[Message], Handler] = {
    model: apply_association for model in (AssociationRecorded, AssociationRemoved)
}
REPLICA_SUBSCRIPTIONS: tuple[tuple[str, TopicSpec, Mapping[type[Message], Handler]], ...] = (
    ("authz-membership", REGISTRY.topic(MEMBERSHIP_TOPIC), _MEMBERSHIP_HANDLERS),
    ("authz-association", REGISTRY.topic(ASSOCIATION_TOPIC), _ASSOCIATION_HANDLERS),
)
"""(consumer name suffix, topic, handlers) of the replica: one consumer per topic."""


def authorization_consumers(runtime: ServiceRuntime) -> list[InboxConsumer]:
    """The replica's inbox consumers for a service; consumer groups ``<prefix>.authz-*``."""
    return [
        runtime.inbox_consumer(suffix, topic, handlers)
        for suffix, topic, handlers in REPLICA_SUBSCRIPTIONS
    ]


# -- the questions -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ReplicatedAccount:
    """A business account as the replica knows it."""

    business_account_id: str
    business_number: str
    authorization_id: str | None
    business_type: BusinessType | None
    membership_version: int
    active: bool


@dataclass(frozen=True)
class AccountAccess:
    """An account a user may act on, and why: their own ``role`` in it (``via="member"``), or
    their role in the CSP account ``through_account_id`` that files for it (``via="provider"``).
    """

    account: ReplicatedAccount
    role: Role
    via: Literal["member", "provider"]
    through_account_id: str | None = None

    def allows(self, action: Action) -> bool:
        """The role matrix's answer for this way in."""
        if self.via == "member":
            return decide(action, role=self.role)
        return decide(action, role=None, provider_roles=[self.role])


def _access_of(user_id: str) -> Subquery:
    """Rows (account_id, role, through): the user's ``role`` in each account they are a member of
    (``through`` null), and in each CSP account ``through`` that files for exporter account_id."""
    mine = (
        select(authz_memberships.c.business_account_id, authz_memberships.c.role)
        .where(authz_memberships.c.user_id == user_id)
        .subquery()
    )
    own = select(
        mine.c.business_account_id.label("account_id"),
        mine.c.role,
        null().label("through"),
    )
    provided = select(
        authz_associations.c.exporter_account_id.label("account_id"),
        mine.c.role,
        authz_associations.c.csp_account_id.label("through"),
    ).join(mine, mine.c.business_account_id == authz_associations.c.csp_account_id)
    return union_all(own, provided).subquery()


@dataclass(frozen=True)
class ReplicaVersions:
    """How far the replica has got for one account: its membership and association versions."""

    membership: int = 0
    association: int = 0

    def reached(self, membership: int | None, association: int | None) -> bool:
        """True when neither wanted version (None: any) is ahead of these."""
        return self.membership >= (membership or 0) and self.association >= (association or 0)


class Authorizer:
    """Answers authorization questions from the service's replica tables."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        *,
        max_wait_s: float = 2.0,
        poll_interval_s: float = 0.05,
    ) -> None:
        self._sessions = sessions
        self._max_wait_s = max_wait_s
        self._poll_interval_s = poll_interval_s

    async def may(
        self,
        user_id: str,
        action: Action,
        account_id: str,
        *,
        officer: bool = False,
        min_version: int | None = None,
        min_association_version: int | None = None,
    ) -> bool:
        """May the user do ``action`` on the account?

        ``min_version`` / ``min_association_version`` are the account's membership / association
        versions the caller last saw (read-your-writes): while the replica is behind either,
        ``may`` waits (up to ``max_wait_s``, holding no connection), then decides on what it has.
        """
        await self.wait_for(account_id, min_version, min_association_version)
        access = _access_of(user_id)
        async with self._sessions() as session:
            rows = (
                await session.execute(
                    select(access.c.role, access.c.through).where(access.c.account_id == account_id)
                )
            ).all()
        role = next((r.role for r in rows if r.through is None), None)
        provider_roles = [r.role for r in rows if r.through is not None]
        return decide(action, role=role, provider_roles=provider_roles, officer=officer)

    async def require(
        self,
        user_id: str,
        action: Action,
        account_id: str,
        *,
        officer: bool = False,
        min_version: int | None = None,
        min_association_version: int | None = None,
    ) -> None:
        """``may``, as a 403 ``ApiError`` (code ``authorization.forbidden``) when it says no."""
        if not await self.may(
            user_id,
            action,
            account_id,
            officer=officer,
            min_version=min_version,
            min_association_version=min_association_version,
        ):
            raise ApiError(
                403,
                [
                    FieldProblem(
                        "",
                        "authorization.forbidden",
                        f"You may not {action.value.replace('_', ' ')} on this business account.",
                        {"action": action.value, "business_account_id": account_id},
                    )
                ],
            )

    async def versions(self, account_id: str) -> ReplicaVersions:
        """The versions the replica holds for the account (0: nothing yet)."""
        async with self._sessions() as session:
            row = (
                await session.execute(
                    select(
                        authz_accounts.c.membership_version, authz_accounts.c.association_version
                    ).where(authz_accounts.c.business_account_id == account_id)
                )
            ).first()
        return ReplicaVersions(*row) if row else ReplicaVersions()

    async def wait_for(
        self, account_id: str, membership: int | None = None, association: int | None = None
    ) -> bool:
        """Wait (up to ``max_wait_s``) until the replica holds both versions; True if it does.

        Each look is a short transaction of its own: no connection is held while sleeping.
        """
        if membership is None and association is None:
            return True
        deadline = time.monotonic() + self._max_wait_s
        while not (await self.versions(account_id)).reached(membership, association):
            if time.monotonic() >= deadline:
                return False
            await asyncio.sleep(self._poll_interval_s)
        return True

    async def accounts_for(
        self, user_id: str, action: Action = Action.FILE_DOCUMENTS
    ) -> list[AccountAccess]:
        """Every account the user may do ``action`` on: their own, and (for the document
        actions) the exporters their CSP accounts file for; by Business Number."""
        access = _access_of(user_id)
        async with self._sessions() as session:
            rows = (
                await session.execute(
                    select(authz_accounts, access.c.role, access.c.through)
                    .join(access, access.c.account_id == authz_accounts.c.business_account_id)
                    .order_by(authz_accounts.c.business_number, access.c.through.nulls_first())
                )
            ).all()
        found = (
            AccountAccess(
                _account(r), r.role, "member" if r.through is None else "provider", r.through
            )
            for r in rows
        )
        return [way for way in found if way.allows(action)]

    async def accounts_filable_by(self, user_id: str) -> list[AccountAccess]:
        """The accounts the user may file documents for (own roles and CSP associations)."""
        return await self.accounts_for(user_id, Action.FILE_DOCUMENTS)

    async def account_for_business_number(self, business_number: str) -> ReplicatedAccount | None:
        """The live account of a Business Number (the one with members, if several exist)."""
        async with self._sessions() as session:
            row = (
                await session.execute(
                    select(authz_accounts)
                    .where(authz_accounts.c.business_number == business_number)
                    .order_by(authz_accounts.c.active.desc(), authz_accounts.c.membership_version)
                    .limit(1)
                )
            ).first()
        return _account(row) if row else None


def _account(row: Any) -> ReplicatedAccount:
    return ReplicatedAccount(
        business_account_id=row.business_account_id,
        business_number=row.business_number,
        authorization_id=row.authorization_id,
        business_type=row.business_type,
        membership_version=row.membership_version,
        active=row.active,
    )
