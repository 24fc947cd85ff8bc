"""Sending e-mail through a real SMTP server (aiosmtplib)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime

import aiosmtplib

from cers_notifications.domain.language import Language

PERMANENT_REPLY_CODES = range(500, 600)


class TransientMailError(Exception):
    """The server is unreachable or answered 4xx: try again later."""


class PermanentMailError(Exception):
    """The server refused the message for good (5xx): retrying cannot help."""


@dataclass(frozen=True)
class OutgoingEmail:
    """One message to one recipient."""

    message_id: str
    sender: str
    to: str
    to_name: str
    subject: str
    body: str
    language: Language
    date: datetime


def compose(email: OutgoingEmail) -> EmailMessage:
    """The MIME message: plain UTF-8 text, its language and a fixed Message-ID."""
    message = EmailMessage()
    message["Message-ID"] = email.message_id
    message["Date"] = format_datetime(email.date)
    message["From"] = email.sender
    # One line: the email package refuses a line break in a header (it would be an injection).
    message["To"] = Address(display_name=" ".join(email.to_name.split()), addr_spec=email.to)
    message["Subject"] = email.subject
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(email.body)  # clears Content-* headers: the language goes after it
    message["Content-Language"] = f"{email.language}-CA"
    return message


@dataclass(frozen=True)
class SmtpMailer:
    """Delivers messages to one SMTP server, one connection per message."""

    host: str
    port: int
    timeout_s: float = 10.0
    username: str | None = None
    password: str | None = None
    start_tls: bool = False

    async def send(self, message: EmailMessage) -> None:
        """Hand ``message`` to the server; TransientMailError or PermanentMailError if not."""
        try:
            await aiosmtplib.send(
                message,
                hostname=self.host,
                port=self.port,
                timeout=self.timeout_s,
                username=self.username,
                password=self.password,
                start_tls=self.start_tls,
            )
        except aiosmtplib.SMTPRecipientsRefused as error:
            codes = [refusal.code for refusal in error.recipients]
            if all(code in PERMANENT_REPLY_CODES for code in codes):
                raise PermanentMailError(str(error)) from error
            raise TransientMailError(str(error)) from error
        except aiosmtplib.SMTPResponseException as error:
            if error.code in PERMANENT_REPLY_CODES:
                raise PermanentMailError(f"{error.code} {error.message}") from error
            raise TransientMailError(f"{error.code} {error.message}") from error
        except (aiosmtplib.SMTPException, OSError, TimeoutError) as error:
            raise TransientMailError(repr(error)) from error
