"""Who acts on which business account, and through which CSP account (the role matrix)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from cers_chassis.authorization import Authorizer
from cers_contracts.authorization import Action
from cers_contracts.documents import Filer
from cers_documents.domain.errors import ForbiddenError, NotFoundError

_BUSINESS_NUMBER = re.compile(r"^\d{9}RM\d{4}$")


@dataclass(frozen=True)
class Caller:
    """The user a request or command names."""

    user_id: str
    urn: str | None = None
    officer: bool = False


@dataclass(frozen=True)
class Actor:
    """A caller allowed an action on one business account."""

    caller: Caller
    account_id: str
    through_account_id: str | None = None

    @property
    def user_id(self) -> str:
        """The acting user's id."""
        return self.caller.user_id

    def filer(self) -> Filer:
        """The filer recorded on a version: the user and the CSP account they acted through."""
        return Filer(
            user_id=self.caller.user_id,
            urn=self.caller.urn,
            through_account_id=self.through_account_id,
        )


@dataclass(frozen=True)
class ReplicaVersions:
    """The membership and association versions the gateway last saw (read-your-writes)."""

    membership: int | None = None
    association: int | None = None


async def authorize(
    authorizer: Authorizer,
    caller: Caller,
    account: str,
    action: Action,
    seen: ReplicaVersions = ReplicaVersions(),
) -> Actor:
    """The actor, when the role matrix allows ``action`` on ``account`` (an id or a BN).

    A Business Number names the exporter a CSP files for. Filing through an associated CSP
    account records that account as the filer's.
    """
    account_id = await _account_id(authorizer, account)
    allowed = await authorizer.may(
        caller.user_id,
        action,
        account_id,
        officer=caller.officer,
        min_version=seen.membership,
        min_association_version=seen.association,
    )
    if not allowed:
        raise ForbiddenError(action.value, account_id)
    if action is not Action.FILE_DOCUMENTS:
        return Actor(caller, account_id)
    ways = [
        a
        for a in await authorizer.accounts_for(caller.user_id, action)
        if a.account.business_account_id == account_id
    ]
    own = any(way.via == "member" for way in ways)
    through = None if own or not ways else ways[0].through_account_id
    return Actor(caller, account_id, through)


async def _account_id(authorizer: Authorizer, account: str) -> str:
    if not _BUSINESS_NUMBER.match(account):
        return account
    found = await authorizer.account_for_business_number(account)
    if found is None:
        raise NotFoundError("business account", account)
    return found.business_account_id
