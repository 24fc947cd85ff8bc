"""Activation: officers issue, reissue and revoke codes; a user redeems one to open an account.

Checking a code (``check_activation``) never spends it: only the confirmation
(``activate_business_account``) does. Every refused attempt is audited in its own committed
transaction, so a refusal is counted even though the request fails; five within an hour lock
the Business Number.
"""

from __future__ import annotations

import asyncio
import uuid
from dataclasses import dataclass
from datetime import datetime

from cers_accounts.domain.activation import (
    EXPIRY_NOTICE_BEFORE,
    FAILURE_WINDOW,
    ActivationCode,
    CodeStatus,
    locked_until,
    new_code_text,
    normalize_code,
    wrong_code,
)
from cers_accounts.domain.business_number import parse_business_number
from cers_accounts.domain.errors import (
    ActivationLockedError,
    ConflictError,
    InvalidInputError,
    NotFoundError,
)
from cers_accounts.domain.identifiers import new_authorization_id
from cers_accounts.domain.information import BusinessInformation
from cers_accounts.domain.model import Actor, BusinessAccount
from cers_accounts.service_layer.access import require_officer
from cers_accounts.service_layer.unit_of_work import Services, UnitOfWork
from cers_contracts.accounts import BusinessType, ExportDesignation
from cers_contracts.identity import Language


@dataclass(frozen=True)
class IssuedCode:
    """A code as the officer sees it once: the clear text is never stored or shown again."""

    code: ActivationCode
    activation_code: str


@dataclass(frozen=True)
class CodeApplication:
    """What an officer enters from form BSF831 to issue a code."""

    business_number: str
    export_designation: ExportDesignation
    applicant_email: str
    applicant_language: Language


async def issue_code(services: Services, actor: Actor, application: CodeApplication) -> IssuedCode:
    """Issue a code for the BN (any earlier active code dies) and assign its Authorization ID."""
    require_officer(actor)
    business_number = parse_business_number(application.business_number)
    async with services.uow() as uow:
        await uow.attempts.serialize(business_number)
        issued = await _issue(services, uow, actor, business_number, application)
        await uow.commit()
        return issued


async def reissue_code(services: Services, actor: Actor, code_id: str) -> IssuedCode:
    """A new code for the same BN and applicant; the old one (which must be active) dies."""
    require_officer(actor)
    async with services.uow() as uow:
        business_number = await uow.codes.business_number_of(code_id)
        if business_number is None:
            raise _no_such_code()
        # The BN's lock before any code row: the order activation takes them in (no deadlock).
        await uow.attempts.serialize(business_number)
        old = await _code(uow, code_id)
        application = CodeApplication(
            old.business_number, old.export_designation, old.applicant_email, old.applicant_language
        )
        issued = await _issue(services, uow, actor, old.business_number, application, old=old)
        await uow.commit()
        return issued


async def _refuse_if_activated(uow: UnitOfWork, business_number: str) -> None:
    if await uow.accounts.live_by_business_number(business_number):
        raise ConflictError(
            "accounts.business_number.already_activated",
            f"Business Number {business_number} already has a business account.",
            pointer="/business_number",
        )


async def _issue(
    services: Services,
    uow: UnitOfWork,
    actor: Actor,
    business_number: str,
    application: CodeApplication,
    *,
    old: ActivationCode | None = None,
) -> IssuedCode:
    """The new code; the caller holds the BN's lock, so neither a second officer nor an
    activation can slip in between the checks and the new code."""
    await _refuse_if_activated(uow, business_number)
    now = services.clock()
    codes = await uow.codes.of_business_number(business_number, for_update=True)
    for earlier in codes:  # saved before the new code: at most one active code per BN
        if earlier.status is CodeStatus.ACTIVE or earlier is old:
            earlier.supersede(now)
    authorization_id = await uow.identifiers.authorization_id(
        business_number, lambda: new_authorization_id(services.rng), now
    )
    text = new_code_text(services.rng)
    code_hash = await asyncio.to_thread(services.hasher.hash, normalize_code(text))
    code = ActivationCode.issue(
        code_id=str(uuid.uuid4()),
        business_number=business_number,
        authorization_id=authorization_id,
        export_designation=application.export_designation,
        applicant_email=application.applicant_email,
        applicant_language=application.applicant_language,
        code_hash=code_hash,
        issued_by=actor.user_id,
        now=now,
    )
    uow.codes.add(code)
    return IssuedCode(code, text)


async def revoke_code(services: Services, actor: Actor, code_id: str) -> ActivationCode:
    """Kill an active code."""
    require_officer(actor)
    async with services.uow() as uow:
        code = await _code(uow, code_id)  # its row lock alone: no lock-order to keep
        code.revoke(services.clock())
        await uow.commit()
        return code


async def codes_of(services: Services, actor: Actor, business_number: str) -> list[ActivationCode]:
    """Every code issued for a BN (without the codes), for the officer."""
    require_officer(actor)
    business_number = parse_business_number(business_number)
    async with services.uow() as uow:
        return await uow.codes.of_business_number(business_number)


async def _code(uow: UnitOfWork, code_id: str) -> ActivationCode:
    code = await uow.codes.get(code_id, for_update=True)
    if code is None:
        raise _no_such_code()
    return code


def _no_such_code() -> NotFoundError:
    return NotFoundError("accounts.activation_code.not_found", "No such activation code.")


@dataclass(frozen=True)
class ActivationCheck:
    """What the user reviews before confirming: the BN and the Authorization ID it will have."""

    business_number: str
    authorization_id: str
    expires_at: datetime


async def check_activation(
    services: Services, actor: Actor, business_number: str, activation_code: str
) -> ActivationCheck:
    """Does this code open this BN? Refusals are audited and counted; the code is not spent."""
    bn = parse_business_number(business_number)
    async with services.uow() as uow:
        code = await _admitted_code(services, uow, actor, bn, activation_code)
        return ActivationCheck(code.business_number, code.authorization_id, code.expires_at)


async def activate_business_account(
    services: Services,
    actor: Actor,
    *,
    owner_urn: str | None,
    business_number: str,
    activation_code: str,
    business_type: BusinessType,
    information: BusinessInformation,
) -> BusinessAccount:
    """Confirm: spend the code, open the account, make the user its owner."""
    if not owner_urn:
        raise InvalidInputError(
            "accounts.user.no_urn", "Your sign-in carries no User Reference Number (URN)."
        )
    bn = parse_business_number(business_number)
    async with services.uow() as uow:
        code = await _admitted_code(services, uow, actor, bn, activation_code)
        await _refuse_if_activated(uow, bn)
        now = services.clock()
        account = BusinessAccount.activate(
            business_account_id=str(uuid.uuid4()),
            business_number=bn,
            authorization_id=code.authorization_id,
            business_type=business_type,
            information=information,
            owner_user_id=actor.user_id,
            owner_urn=owner_urn,
            now=now,
        )
        code.redeem(account.business_account_id, now)
        uow.accounts.add(account)
        await uow.attempts.record(bn, actor.user_id, "activated", failure=False, at=now)
        await uow.commit()
        return account


async def _admitted_code(
    services: Services, uow: UnitOfWork, actor: Actor, bn: str, activation_code: str
) -> ActivationCode:
    """The BN's code matching ``activation_code``, fit for use, locked; else audit and refuse."""
    now = services.clock()
    await uow.attempts.serialize(bn)
    retry_at = locked_until(await uow.attempts.failures_since(bn, now - FAILURE_WINDOW), now)
    if retry_at is not None:
        await uow.attempts.record(bn, actor.user_id, "locked", failure=False, at=now)
        await uow.commit()
        raise ActivationLockedError(bn, retry_at, now)
    candidate = normalize_code(activation_code)
    for code in await uow.codes.of_business_number(bn, for_update=True):
        if await asyncio.to_thread(services.hasher.verify, code.code_hash, candidate):
            refusal = code.refusal(now)
            if refusal is None:
                return code
            break
    else:
        refusal = wrong_code()
    await uow.attempts.record(bn, actor.user_id, refusal.code, failure=True, at=now)
    await uow.commit()
    raise refusal


async def announce_expiring_codes(services: Services) -> int:
    """Emit ``ActivationCodeExpiring`` once for each active code within 14 days of expiry."""
    now = services.clock()
    async with services.uow() as uow:
        due = await uow.codes.due_for_expiry_notice(now + EXPIRY_NOTICE_BEFORE, now)
        for code in due:
            code.announce_expiry(now)
        await uow.commit()
        return len(due)
