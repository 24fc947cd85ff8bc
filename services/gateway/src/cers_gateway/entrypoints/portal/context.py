"""What every portal page works with: the portal's parts (``Portal``) and one request (``Visit``).

The dependencies ``visit``, ``signed_in``, ``member`` and ``officer`` give a page its ``Visit``;
the last three send the browser where it must go first (sign in, terms, user account) by raising
``RedirectTo``.
"""

from __future__ import annotations

import time
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Annotated, Any
from urllib.parse import quote
from zoneinfo import ZoneInfo

import httpx
import jinja2
from babel.dates import format_datetime
from babel.support import Translations
from fastapi import Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates

from cers_gateway.adapters.accounts import AccountsClient
from cers_gateway.adapters.cookie import CookieSealer
from cers_gateway.adapters.documents import DocumentsClient
from cers_gateway.adapters.http import Caller, ServiceError
from cers_gateway.adapters.identity import IdentityClient
from cers_gateway.adapters.notifications import NotificationsClient
from cers_gateway.config import GatewaySettings
from cers_gateway.domain.forms import FormErrors, Problem, form_errors
from cers_gateway.domain.web_session import WebSession
from cers_gateway.entrypoints.portal.cookie_session import SCOPE_KEY
from cers_gateway.entrypoints.portal.i18n import BABEL_LOCALES, Translator, load_translations
from cers_gateway.entrypoints.portal.security import CSRF_FIELD, RateLimits
from cers_gateway.service_layer.texts import (
    CachedAnswer,
    MessageTexts,
    outage_banner,
    provider_modes,
)
from cers_gateway.service_layer.tokens import TokenCache

TEMPLATES_DIR = __file__.rsplit("/", 1)[0] + "/templates"
EASTERN = ZoneInfo("America/Toronto")


@dataclass
class Portal:
    """The portal's long-lived parts, built once per app."""

    settings: GatewaySettings
    http: httpx.AsyncClient
    identity: IdentityClient
    accounts: AccountsClient
    notifications: NotificationsClient
    documents: DocumentsClient
    tokens: TokenCache
    texts: MessageTexts
    banner: CachedAnswer[dict[str, Any] | None]
    provider_modes: CachedAnswer[dict[str, str]]
    limits: RateLimits
    sealer: CookieSealer
    translations: dict[str, Translations]
    templates: Jinja2Templates

    @classmethod
    def build(cls, settings: GatewaySettings) -> Portal:
        http = httpx.AsyncClient(timeout=settings.service_timeout_s)
        urls = settings.service_urls
        identity = IdentityClient("identity", urls["identity"], http)
        accounts = AccountsClient("accounts", urls["accounts"], http)
        notifications = NotificationsClient("notifications", urls["notifications"], http)
        # Without a documents URL (a gateway for part of the system) its calls answer 503.
        documents = DocumentsClient("documents", urls.get("documents", ""), http)
        return cls(
            settings=settings,
            http=http,
            identity=identity,
            accounts=accounts,
            notifications=notifications,
            documents=documents,
            tokens=TokenCache(identity, lambda: datetime.now(UTC), settings.token_refresh_margin_s),
            texts=MessageTexts([identity, accounts, notifications, documents]),
            banner=outage_banner(notifications, settings.outage_cache_s),
            provider_modes=provider_modes(identity, settings.provider_modes_cache_s),
            limits=RateLimits(settings, time.monotonic),
            sealer=CookieSealer(settings.cookie_key),
            translations=load_translations(),
            templates=Jinja2Templates(
                env=jinja2.Environment(
                    loader=jinja2.FileSystemLoader(TEMPLATES_DIR), autoescape=True
                )
            ),
        )


class RedirectTo(Exception):  # noqa: N818 - a control-flow signal, not an error
    """Send the browser to ``url`` (303) instead of showing the page."""

    def __init__(self, url: str) -> None:
        super().__init__(url)
        self.url = url


class NotAllowed(Exception):  # noqa: N818 - the refusal page, as a signal
    """The user may not see this page (an officer page for a non-officer)."""


@dataclass
class Visit:
    """One request of the portal: the browser's session, the signed-in user, how to answer."""

    request: Request
    portal: Portal
    web: WebSession
    session: dict[str, Any] | None = None
    caller_cache: Caller | None = field(default=None, repr=False)

    @property
    def user(self) -> dict[str, Any] | None:
        """The signed-in user's summary (name, URN, officer, language), once they have one."""
        return self.session.get("user") if self.session else None

    @property
    def is_officer(self) -> bool:
        return bool(self.user and self.user.get("officer"))

    @property
    def t(self) -> Translator:
        """The page's translator (``visit.t("Text")``)."""
        return Translator(self.portal.translations[self.web.language], self.web.language)

    def identity_caller(self) -> Caller:
        """Credentials for identity: the session id."""
        return Caller(session_id=self.web.session_id, versions=self.web)

    async def caller(self) -> Caller:
        """Credentials for the other services: the session's short-lived token and versions."""
        if self.caller_cache is None:
            if self.web.session_id is None:
                raise RedirectTo("/sign-in")
            token = await self.portal.tokens.token_for(self.web.session_id)
            self.caller_cache = Caller(token=token, versions=self.web)
        return self.caller_cache

    def describe(self, problem: Problem) -> str:
        """A service's problem in the user's language (the English text when none is known)."""
        known = self.portal.texts.text(problem.code, problem.params, self.web.language)
        if known:
            return known
        own = GATEWAY_PROBLEMS.get(problem.code)
        return self.t(own) if own else problem.message

    async def errors(
        self,
        error: ServiceError,
        field_ids: Collection[str],
        aliases: Mapping[str, str] = {},
    ) -> FormErrors:
        """The form errors of a refusal (texts in the user's language)."""
        await self.portal.texts.refresh()
        return form_errors(error.problems, field_ids, self.describe, aliases)

    def when(self, value: str | datetime | None, zone: str | None = None) -> str:
        """A time in the user's language (Eastern Time unless a zone is given)."""
        if not value:
            return ""
        moment = (
            datetime.fromisoformat(value.replace("Z", "+00:00"))
            if isinstance(value, str)
            else value
        )
        tz = ZoneInfo(zone) if zone else EASTERN
        return format_datetime(moment, "medium", tzinfo=tz, locale=BABEL_LOCALES[self.web.language])

    def bilingual(self, text: Mapping[str, str] | None) -> str:
        """The user's language of a ``{en, fr}`` text."""
        if not text:
            return ""
        return text.get(self.web.language) or text.get("en") or ""

    async def render(
        self,
        template: str,
        *,
        status_code: int = 200,
        headers: Mapping[str, str] | None = None,
        **context: Any,
    ) -> HTMLResponse:
        """The page ``template`` with the layout's parts (user, banner, language toggle, CSRF)."""
        flash, self.web.flash = self.web.flash, None
        path = self.request.url.path
        query = self.request.url.query
        other = "fr" if self.web.language == "en" else "en"
        values = {
            "_": self.t,
            "lang": self.web.language,
            "other_language": other,
            "toggle_url": f"/language/{other}?next="
            + quote(path + ("?" + query if query else ""), safe="/"),
            "user": self.user,
            "is_officer": self.is_officer,
            "csrf_field": CSRF_FIELD,
            "csrf_token": self.web.csrf,
            "banner": await self.portal.banner.current(),
            "when": self.when,
            "bi": self.bilingual,
            "flash": self.t(flash) if flash else None,
            "errors": FormErrors(),
            "form": {},
            "path": path,
        } | context
        return self.portal.templates.TemplateResponse(
            self.request, template, values, status_code=status_code, headers=dict(headers or {})
        )

    def redirect(self, url: str, flash: str | None = None) -> RedirectResponse:
        """303 to ``url``, with a message (a msgid) for the next page."""
        if flash:
            self.web.flash = flash
        return RedirectResponse(url, status_code=303)


GATEWAY_PROBLEMS: dict[str, str] = {}
"""The portal's own texts for problem codes no service catalog knows (filled by the pages)."""


def portal_of(request: Request) -> Portal:
    portal: Portal = request.app.state.portal
    return portal


async def visit(request: Request) -> Visit:
    """Any visitor; a signed-in one has their session view (an ended session signs them out)."""
    portal = portal_of(request)
    web: WebSession = request.scope[SCOPE_KEY]
    current = Visit(request, portal, web)
    if web.session_id:
        try:
            current.session = await portal.identity.session(current.identity_caller())
        except ServiceError as error:
            if error.status != 401:
                raise
            portal.tokens.forget(web.session_id)
            web.end()
    return current


async def signed_in(request: Request) -> Visit:
    """A signed-in visitor, in any state (terms and user account pages)."""
    current = await visit(request)
    if current.session is None:
        raise RedirectTo("/sign-in")
    return current


NEXT_STEP: dict[str, str] = {"needs_terms": "/terms", "needs_user_account": "/user-account"}


async def member(request: Request) -> Visit:
    """A signed-in user with a user account and the current terms accepted."""
    current = await signed_in(request)
    state = str(current.session.get("state")) if current.session else ""
    if state in NEXT_STEP:
        raise RedirectTo(NEXT_STEP[state])
    return current


async def officer(request: Request) -> Visit:
    """A CBSA officer (others get the refusal page)."""
    current = await member(request)
    if not current.is_officer:
        raise NotAllowed
    return current


AnyVisit = Annotated[Visit, Depends(visit)]
SignedInVisit = Annotated[Visit, Depends(signed_in)]
MemberVisit = Annotated[Visit, Depends(member)]
OfficerVisit = Annotated[Visit, Depends(officer)]
