"""E-mail texts from Jinja2 templates, one per notice kind and language.

``templates/<language>/<kind>.txt`` defines a ``subject`` and a ``body`` block. The subject line
is bilingual (the recipient's language first, as Government of Canada e-mails do); the body is in
the recipient's language, with dates formatted by babel in that language and time zone.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel.dates import format_date, format_datetime, format_time
from jinja2 import Environment, PackageLoader, StrictUndefined, TemplateError, pass_context
from jinja2.runtime import Context

from cers_notifications.domain.language import Language, other_language
from cers_notifications.domain.notices import EASTERN_TIME, NoticeKind

LOCALES: Mapping[Language, str] = {"en": "en_CA", "fr": "fr_CA"}


class RenderError(Exception):
    """A template is missing or failed: the notice cannot be written."""


@dataclass(frozen=True)
class RenderedEmail:
    """Subject line and plain-text body."""

    subject: str
    body: str


def zone(name: str) -> ZoneInfo:
    """The IANA zone ``name``, Eastern Time when unknown."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(EASTERN_TIME)


def format_moment(moment: datetime | str, language: Language, time_zone: str) -> str:
    """A moment as a reader of ``language`` in ``time_zone`` expects it, with the zone's name."""
    value = datetime.fromisoformat(moment) if isinstance(moment, str) else moment
    tz, locale = zone(time_zone), LOCALES[language]
    local = value.astimezone(tz)
    return (
        f"{format_date(local, 'full', locale=locale)}, "
        f"{format_time(value, 'short', tzinfo=tz, locale=locale)} "
        f"{format_datetime(value, 'zzz', tzinfo=tz, locale=locale)}"
    )


@pass_context
def _when(context: Context, moment: datetime | str) -> str:
    return format_moment(moment, context["language"], context["time_zone"])


class EmailRenderer:
    """Renders notices from the package's templates."""

    def __init__(self) -> None:
        self._env = Environment(
            loader=PackageLoader("cers_notifications", "templates"),
            autoescape=False,  # noqa: S701 - plain-text e-mail, never HTML
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self._env.filters["when"] = _when

    def render(
        self,
        kind: NoticeKind,
        language: Language,
        time_zone: str,
        values: Mapping[str, Any],
    ) -> RenderedEmail:
        """The e-mail of ``kind`` in ``language``; RenderError when a template fails."""
        subjects = [
            self._block(kind, lang, "subject", time_zone, values).strip()
            for lang in (language, other_language(language))
        ]
        body = self._block(kind, language, "body", time_zone, values).strip() + "\n"
        return RenderedEmail(subject=" / ".join(subjects), body=body)

    def _block(
        self,
        kind: NoticeKind,
        language: Language,
        block: str,
        time_zone: str,
        values: Mapping[str, Any],
    ) -> str:
        try:
            template = self._env.get_template(f"{language}/{kind.value}.txt")
            context = template.new_context({**values, "language": language, "time_zone": time_zone})
            return "".join(template.blocks[block](context))
        except (TemplateError, KeyError, ValueError) as error:
            raise RenderError(f"{language}/{kind.value}.txt {block}: {error!r}") from error
