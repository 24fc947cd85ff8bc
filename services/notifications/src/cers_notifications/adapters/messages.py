"""Translation of bulletins to the contract's messages (``notifications.bulletin.v1``)."""

from __future__ import annotations

from datetime import datetime

from cers_contracts.notifications import BilingualText, BulletinEvent, BulletinState
from cers_notifications.domain.bulletins import Bulletin
from cers_notifications.domain.language import Bilingual


def bilingual_text(text: Bilingual) -> BilingualText:
    """The contract's form of bilingual text."""
    return BilingualText(en=text.en, fr=text.fr)


def bulletin_state(bulletin: Bulletin) -> BulletinState:
    """The bulletin as the contract carries it."""
    content = bulletin.content
    return BulletinState(
        bulletin_id=bulletin.bulletin_id,
        number=content.number,
        title=bilingual_text(content.title),
        starts_at=content.starts_at,
        ends_at=content.ends_at,
        clients_affected=bilingual_text(content.clients_affected),
        description=bilingual_text(content.description),
        action_required=bilingual_text(content.action_required),
        topics=list(content.topics),
        category=content.category,
        outage=content.outage,
        retired=bulletin.retired,
        version=bulletin.version,
    )


def bulletin_event(
    event_type: type[BulletinEvent], bulletin: Bulletin, *, actor: str, at: datetime
) -> BulletinEvent:
    """A BulletinPublished/Updated/Retired event carrying the bulletin's state after it."""
    return event_type(
        bulletin_id=bulletin.bulletin_id,
        bulletin=bulletin_state(bulletin),
        actor_user_id=actor,
        occurred_at=at,
    )
