"""What the notifications service does with other services' events: replicas and notices.

Each function runs inside the consumer's inbox transaction, so a redelivered event changes
nothing twice; notices are written, never sent, here (the sender delivers them).

A notice to a user is addressed when it is sent, from the user replica. If a membership event
arrives before identity's event about that user, the notice simply waits, pending, until the user
is in the replica: nothing is lost and the inbox need not retry (retrying would only end in the
dead-letter topic if identity lagged for long).
"""

from __future__ import annotations

from urllib.parse import urlencode

from cers_contracts.accounts import (
    ActivationCodeExpiring,
    BusinessAccountEvent,
    MemberAdded,
    MemberRoleChanged,
)
from cers_contracts.documents import DeclarationVoided, DraftExpiring
from cers_contracts.envelope import Envelope
from cers_contracts.identity import EmailConfirmationRequested, UserEvent
from cers_notifications.domain.notices import NoticeKind, NoticeRequest, event_source, is_news
from cers_notifications.service_layer.clock import Clock
from cers_notifications.service_layer.unit_of_work import Store


async def remember_user(store: Store, event: UserEvent) -> None:
    """Keep the user's latest state (e-mail, language, time zone, names)."""
    await store.replicas.remember_user(event.user, event.occurred_at)


async def remember_account(store: Store, event: BusinessAccountEvent) -> None:
    """Keep the account's name for the notices about it."""
    account = event.account
    await store.replicas.remember_account(
        account.business_account_id, account.business_number, account.legal_name, event.occurred_at
    )


def confirmation_url(portal_base_url: str, token: str) -> str:
    """The link that confirms an e-mail address (a page of the portal)."""
    return f"{portal_base_url.rstrip('/')}/confirm-email?{urlencode({'token': token})}"


async def request_email_confirmation(
    store: Store,
    envelope: Envelope,
    event: EmailConfirmationRequested,
    *,
    clock: Clock,
    portal_base_url: str,
) -> None:
    """Send the confirmation link to the address being confirmed."""
    await remember_user(store, event)
    notice = NoticeRequest(
        NoticeKind.EMAIL_CONFIRMATION,
        event_source(envelope.source, envelope.id),
        user_id=event.user_id,
        email=str(event.user.email),
        params={
            "confirmation_url": confirmation_url(portal_base_url, event.confirmation_token),
            "expires_at": event.expires_at.isoformat(),
        },
    )
    await store.notices.add([notice], clock())


async def tell_member_of_change(
    store: Store, envelope: Envelope, event: MemberAdded | MemberRoleChanged, *, clock: Clock
) -> None:
    """Tell a user they were added to an account or their role changed.

    Not when they did it themselves (the owner added at activation): they know. Not when the
    event is old (a replayed topic): it is no longer news.
    """
    if event.actor_user_id == event.user_id or not is_news(event.occurred_at, clock()):
        return
    account_name = await store.replicas.account_name(event.business_account_id)
    params = {
        "business_account_id": event.business_account_id,
        "business_number": event.business_number,
        "account_name": account_name or event.business_number,
        "role": event.role,
    }
    if isinstance(event, MemberRoleChanged):
        kind = NoticeKind.MEMBER_ROLE_CHANGED
        params["previous_role"] = event.previous_role
    else:
        kind = NoticeKind.MEMBER_ADDED
    notice = NoticeRequest(
        kind, event_source(envelope.source, envelope.id), user_id=event.user_id, params=params
    )
    await store.notices.add([notice], clock())


async def warn_activation_code_expiring(
    store: Store, envelope: Envelope, event: ActivationCodeExpiring, *, clock: Clock
) -> None:
    """Warn the applicant (the address given when the code was issued) before the code dies."""
    notice = NoticeRequest(
        NoticeKind.ACTIVATION_CODE_EXPIRING,
        event_source(envelope.source, envelope.id),
        email=str(event.applicant_email),
        language=event.applicant_language,
        params={
            "business_number": event.business_number,
            "expires_at": event.expires_at.isoformat(),
        },
    )
    await store.notices.add([notice], clock())


async def remind_draft_author(
    store: Store, envelope: Envelope, event: DraftExpiring, *, clock: Clock
) -> None:
    """Remind a draft's author that it will be deleted unless they open it before then.

    The notice is skipped if it cannot go before the draft's deletion (``expires_at``).
    """
    account_name = await store.replicas.account_name(event.business_account_id)
    notice = NoticeRequest(
        NoticeKind.DRAFT_EXPIRING,
        event_source(envelope.source, envelope.id),
        user_id=event.author_user_id,
        params={
            "draft_id": event.draft_id,
            "business_account_id": event.business_account_id,
            "account_name": account_name,
            "references": ", ".join(event.exporter_reference_numbers),
            "expires_at": event.expires_at.isoformat(),
        },
    )
    await store.notices.add([notice], clock())


async def tell_filer_of_void(
    store: Store, envelope: Envelope, event: DeclarationVoided, *, clock: Clock
) -> None:
    """Tell the filer of the declaration's latest version that its Proof of Report is voided.

    Also when they asked for the void themselves: it is processed later, asynchronously. Not
    when the event is old (a replayed topic).
    """
    if not is_news(event.occurred_at, clock()):
        return
    version = event.declaration
    notice = NoticeRequest(
        NoticeKind.DECLARATION_VOIDED,
        event_source(envelope.source, envelope.id),
        user_id=version.filer.user_id,
        params={
            "proof_of_report": event.proof_of_report,
            "declaration_id": event.declaration_id,
            "business_number": version.exporter.business_number,
            "exporter_name": version.exporter.name,
            "references": ", ".join(version.content.exporter_reference_numbers),
            "voided_at": event.occurred_at.isoformat(),
        },
    )
    await store.notices.add([notice], clock())
