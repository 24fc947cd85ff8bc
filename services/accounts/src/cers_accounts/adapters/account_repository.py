"""Business accounts in the database: loaded whole (members, CSP links), saved whole."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Row, delete, insert, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from cers_accounts.adapters.tables import associations, business_accounts, memberships
from cers_accounts.domain.events import Member
from cers_accounts.domain.information import BusinessInformation
from cers_accounts.domain.model import BusinessAccount, SummaryReporting
from cers_contracts.accounts import Address, Contact, Role


class AccountRepository:
    """Loads and saves ``BusinessAccount`` aggregates; remembers the ones it handed out."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session
        self.seen: dict[str, BusinessAccount] = {}

    def add(self, account: BusinessAccount) -> None:
        """Track a new account (saved at commit)."""
        self.seen[account.business_account_id] = account

    async def get(self, account_id: str, *, for_update: bool = False) -> BusinessAccount | None:
        """The account, with its members and CSP links; locked when ``for_update``."""
        query = select(business_accounts).where(
            business_accounts.c.business_account_id == account_id
        )
        row = (
            await self._session.execute(query.with_for_update() if for_update else query)
        ).first()
        return await self._track(row) if row else None

    async def live_by_business_number(self, business_number: str) -> BusinessAccount | None:
        """The live (not deleted) account of a Business Number."""
        row = (
            await self._session.execute(
                select(business_accounts).where(
                    business_accounts.c.business_number == business_number,
                    ~business_accounts.c.deleted,
                )
            )
        ).first()
        return await self._track(row) if row else None

    async def of_member(self, user_id: str) -> list[BusinessAccount]:
        """The live accounts the user is a member of, by legal name."""
        rows = (
            await self._session.execute(
                select(business_accounts)
                .join(memberships)
                .where(memberships.c.user_id == user_id, ~business_accounts.c.deleted)
                .order_by(business_accounts.c.legal_name)
            )
        ).all()
        return [await self._track(row) for row in rows]

    async def search(
        self, *, business_number: str | None = None, authorization_id: str | None = None
    ) -> list[BusinessAccount]:
        """Every account (deleted ones too), optionally of one BN and/or Authorization ID."""
        query = select(business_accounts).order_by(
            business_accounts.c.business_number, business_accounts.c.activated_at
        )
        if business_number:
            query = query.where(business_accounts.c.business_number == business_number)
        if authorization_id:
            query = query.where(business_accounts.c.authorization_id == authorization_id)
        rows = (await self._session.execute(query.limit(500))).all()
        return [await self._track(row) for row in rows]

    async def exporters_served_by(self, csp_account_id: str) -> list[str]:
        """Ids of the exporters the CSP files for."""
        result = await self._session.execute(
            select(associations.c.exporter_account_id)
            .where(associations.c.csp_account_id == csp_account_id)
            .order_by(associations.c.exporter_account_id)
        )
        return list(result.scalars())

    async def provider_roles(self, user_id: str, exporter_account_id: str) -> tuple[Role, ...]:
        """The user's roles in CSP accounts that file for the exporter."""
        result = await self._session.execute(
            select(memberships.c.role)
            .join(associations, associations.c.csp_account_id == memberships.c.business_account_id)
            .where(
                memberships.c.user_id == user_id,
                associations.c.exporter_account_id == exporter_account_id,
            )
        )
        return tuple(result.scalars())

    async def save(self, account: BusinessAccount) -> None:
        """Write the account, its members and its CSP links as they are now."""
        values = _row_values(account)
        await self._session.execute(
            pg_insert(business_accounts)
            .values(values)
            .on_conflict_do_update(index_elements=["business_account_id"], set_=values)
        )
        account_id = account.business_account_id
        await self._session.execute(
            delete(memberships).where(memberships.c.business_account_id == account_id)
        )
        if account.members:
            await self._session.execute(
                insert(memberships),
                [
                    {"business_account_id": account_id, "user_id": m.user_id, "urn": m.urn}
                    | {"role": m.role}
                    for m in account.members.values()
                ],
            )
        await self._session.execute(
            delete(associations).where(associations.c.exporter_account_id == account_id)
        )
        if account.associated_csps:
            await self._session.execute(
                insert(associations),
                [
                    {
                        "exporter_account_id": account_id,
                        "csp_account_id": csp_id,
                        "csp_business_number": csp_bn,
                    }
                    for csp_id, csp_bn in account.associated_csps.items()
                ],
            )

    async def _track(self, row: Row[Any]) -> BusinessAccount:
        account_id = row.business_account_id
        if account_id in self.seen:
            return self.seen[account_id]
        member_rows = (
            await self._session.execute(
                select(memberships)
                .where(memberships.c.business_account_id == account_id)
                .order_by(memberships.c.user_id)
            )
        ).all()
        link_rows = (
            await self._session.execute(
                select(associations.c.csp_account_id, associations.c.csp_business_number)
                .where(associations.c.exporter_account_id == account_id)
                .order_by(associations.c.csp_account_id)
            )
        ).all()
        account = _from_rows(row, member_rows, link_rows)
        self.seen[account_id] = account
        return account


def _row_values(account: BusinessAccount) -> dict[str, Any]:
    info = account.information
    srp = account.summary_reporting
    return {
        "business_account_id": account.business_account_id,
        "business_number": account.business_number,
        "authorization_id": account.authorization_id,
        "business_type": account.business_type,
        "legal_name": info.legal_name,
        "operating_name": info.operating_name,
        "address": info.address.model_dump(mode="json"),
        "contact": info.contact.model_dump(mode="json"),
        "owner_user_id": account.owner_user_id,
        "activated_at": account.activated_at,
        "membership_version": account.membership_version,
        "association_version": account.association_version,
        "sum_id": account.sum_id,
        "srp_valid_from": srp.valid_from if srp else None,
        "srp_valid_until": srp.valid_until if srp else None,
        "deleted": account.deleted,
    }


def _from_rows(
    row: Row[Any], member_rows: Sequence[Any], link_rows: Sequence[Any]
) -> BusinessAccount:
    srp = (
        SummaryReporting(row.sum_id, row.srp_valid_from, row.srp_valid_until)
        if row.sum_id and row.srp_valid_from and row.srp_valid_until
        else None
    )
    return BusinessAccount(
        business_account_id=row.business_account_id,
        business_number=row.business_number,
        authorization_id=row.authorization_id,
        business_type=row.business_type,
        information=BusinessInformation(
            legal_name=row.legal_name,
            operating_name=row.operating_name,
            address=Address.model_validate(row.address),
            contact=Contact.model_validate(row.contact),
        ),
        owner_user_id=row.owner_user_id,
        activated_at=row.activated_at,
        members={r.user_id: Member(r.user_id, r.urn, r.role) for r in member_rows},
        membership_version=row.membership_version,
        sum_id=row.sum_id,
        summary_reporting=srp,
        associated_csps={r.csp_account_id: r.csp_business_number for r in link_rows},
        association_version=row.association_version,
        deleted=row.deleted,
    )
