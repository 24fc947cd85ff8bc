"""``/sink``: plain HTML pages of the development SMTP sink (only when it is enabled)."""

from __future__ import annotations

from email import message_from_bytes, policy
from email.message import EmailMessage

from fastapi import APIRouter
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, select_autoescape

from cers_chassis.errors import ApiError, FieldProblem
from cers_notifications.entrypoints.parameters import SinkMessageId
from cers_notifications.entrypoints.wiring import Transactions
from cers_notifications.service_layer.sink import received_message, received_messages

router = APIRouter(tags=["development mail sink"])
_pages = Environment(
    loader=PackageLoader("cers_notifications", "templates/sink"),
    autoescape=select_autoescape(["html"]),
)
SHOWN_HEADERS = ("From", "To", "Date", "Subject", "Message-ID", "Content-Language")


@router.get("/sink", response_class=HTMLResponse)
async def sink_index(uow: Transactions) -> str:
    """The messages the sink received, newest first."""
    return _pages.get_template("list.html").render(messages=await received_messages(uow))


@router.get("/sink/{sink_id}", response_class=HTMLResponse)
async def sink_message(sink_id: SinkMessageId, uow: Transactions) -> str:
    """One received message: its headers and text."""
    found = await received_message(uow, sink_id)
    if found is None:
        raise ApiError(404, [FieldProblem("", "notifications.sink.not_found", "No such message")])
    parsed = message_from_bytes(found.content, policy=policy.default)
    assert isinstance(parsed, EmailMessage)
    return _pages.get_template("message.html").render(
        subject=found.subject,
        headers=[(name, parsed[name]) for name in SHOWN_HEADERS if parsed[name]],
        recipients=found.recipients,
        language=str(parsed.get("Content-Language", "")).split("-")[0],
        body=_text_of(parsed),
    )


def _text_of(message: EmailMessage) -> str:
    """The message's text (its HTML source if it has no text), however it is encoded."""
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    try:
        text: str = part.get_content()
    except (LookupError, ValueError):  # a charset Python does not know: show what can be read
        payload = part.get_payload(decode=True)
        return payload.decode("utf-8", "replace") if isinstance(payload, bytes) else ""
    return text
