"""Request and response bodies of the HTTP API (JSON under ``/v1``)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from cers_contracts.notifications import BilingualText, BulletinState
from cers_notifications.adapters.messages import bilingual_text, bulletin_state
from cers_notifications.adapters.notice_repository import NoticeRecord
from cers_notifications.domain.bulletins import Bulletin, BulletinContent
from cers_notifications.domain.language import Bilingual
from cers_notifications.domain.links import LinkContent, UsefulLink
from cers_notifications.domain.outage import CONTINGENCY_FORM, CONTINGENCY_PROCEDURE, Banner

_STRICT = ConfigDict(extra="forbid")


class BilingualIn(BaseModel):
    """Text in both languages; a blank language is reported by the rules, naming the field."""

    model_config = _STRICT

    en: str = Field(default="", max_length=10_000)
    fr: str = Field(default="", max_length=10_000)

    def domain(self) -> Bilingual:
        return Bilingual(en=self.en, fr=self.fr)


class BulletinIn(BaseModel):
    """A bulletin as an officer writes it. Times carry their offset; they are stored in UTC."""

    model_config = _STRICT

    number: str = Field(max_length=16, description="e.g. TCC25-0132")
    title: BilingualIn
    starts_at: datetime
    ends_at: datetime | None = None
    clients_affected: BilingualIn
    description: BilingualIn
    action_required: BilingualIn
    topics: list[str] = Field(default_factory=list, max_length=50)
    category: str = Field(max_length=64)
    outage: bool = False

    def domain(self) -> BulletinContent:
        return BulletinContent(
            number=self.number.strip(),
            title=self.title.domain(),
            starts_at=self.starts_at,
            ends_at=self.ends_at,
            clients_affected=self.clients_affected.domain(),
            description=self.description.domain(),
            action_required=self.action_required.domain(),
            topics=tuple(self.topics),
            category=self.category,
            outage=self.outage,
        )


class BulletinEditIn(BulletinIn):
    """An edit; ``version``, when given, must be the current one (else 409)."""

    version: int | None = Field(default=None, ge=1)


class RetireIn(BaseModel):
    """A retirement; ``version`` as for an edit."""

    model_config = _STRICT

    version: int | None = Field(default=None, ge=1)


class BulletinOut(BulletinState):
    """A bulletin: the contract's state plus when it was published, changed and retired."""

    published_at: datetime
    updated_at: datetime
    retired_at: datetime | None

    @classmethod
    def of(cls, bulletin: Bulletin) -> BulletinOut:
        return cls(
            **bulletin_state(bulletin).model_dump(),
            published_at=bulletin.published_at,
            updated_at=bulletin.updated_at,
            retired_at=bulletin.retired_at,
        )


class LinkIn(BaseModel):
    """A useful link as an officer writes it."""

    model_config = _STRICT

    title: BilingualIn
    url: BilingualIn
    description: BilingualIn = BilingualIn()
    topics: list[str] = Field(default_factory=list, max_length=50)

    def domain(self) -> LinkContent:
        return LinkContent(
            title=self.title.domain(),
            url=Bilingual(en=self.url.en.strip(), fr=self.url.fr.strip()),
            description=self.description.domain(),
            topics=tuple(self.topics),
        )


class LinkOut(BaseModel):
    """A useful link."""

    link_id: str
    title: BilingualText
    url: BilingualText
    description: BilingualText
    topics: list[str]
    version: int
    created_at: datetime
    updated_at: datetime
    retired_at: datetime | None

    @classmethod
    def of(cls, link: UsefulLink) -> LinkOut:
        content = link.content
        return cls(
            link_id=link.link_id,
            title=bilingual_text(content.title),
            url=bilingual_text(content.url),
            description=bilingual_text(content.description),
            topics=list(content.topics),
            version=link.version,
            created_at=link.created_at,
            updated_at=link.updated_at,
            retired_at=link.retired_at,
        )


class Contingency(BaseModel):
    """The contingency procedure during an outage."""

    form: str = CONTINGENCY_FORM
    report_within_hours: int = 24
    procedure: BilingualText = bilingual_text(CONTINGENCY_PROCEDURE)


class OutageBannerOut(BaseModel):
    """What the banner shows: ``none``, ``active`` (since ``started_at``) or ``resumed``.

    ``resumed`` lasts until ``report_by``: the deadline to report paper exports electronically.
    """

    state: str
    bulletin: BulletinOut | None = None
    started_at: datetime | None = None
    resumed_at: datetime | None = None
    report_by: datetime | None = None
    contingency: Contingency = Contingency()

    @classmethod
    def of(cls, banner: Banner) -> OutageBannerOut:
        outage = banner.bulletin
        return cls(
            state=banner.state.value,
            bulletin=BulletinOut.of(outage) if outage else None,
            started_at=outage.content.starts_at if outage else None,
            resumed_at=outage.content.ends_at if outage and banner.report_by else None,
            report_by=banner.report_by,
        )


class SubscriptionsIn(BaseModel):
    """The categories to receive e-mail bulletins for (replaces the current set)."""

    model_config = _STRICT

    categories: list[Annotated[str, Field(max_length=64)]] = Field(max_length=20)


class SubscriptionsOut(BaseModel):
    """The categories the user receives e-mail bulletins for."""

    categories: list[str]


class CategoryOut(BaseModel):
    """A bulletin category and its labels."""

    code: str
    label: BilingualText


class FollowUpNoticeOut(BaseModel):
    """One recipient of an outage's resumption notice."""

    notice_id: str
    user_id: str | None
    email: str | None
    name: str | None
    language: str | None
    status: str
    attempts: int
    message_id: str
    sent_at: datetime | None
    last_error: str | None

    @classmethod
    def of(cls, record: NoticeRecord) -> FollowUpNoticeOut:
        return cls(**vars(record))


class FollowUpOut(BaseModel):
    """An outage's follow-up list: who is told the system resumed, and how that went."""

    outage: BulletinOut
    followed_up_at: datetime | None
    notices: list[FollowUpNoticeOut]
