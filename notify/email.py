"""Sends an email through the configured SMTP relay; host and port are configuration so tests can use a double.

SMTP_HOST (empty = email is not sent), SMTP_PORT (default 25), SMTP_USERNAME and SMTP_PASSWORD (login only when
a username is set) and SMTP_STARTTLS ("true" upgrades the connection before logging in). The standard library's
blocking client runs in a worker thread, so a slow relay never holds up the event loop.
"""

import asyncio
import os
import smtplib
import socket
import ssl
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import getaddresses
from typing import Mapping, Optional

from connectors.privacy import mask_email

DEFAULT_PORT = 25


class EmailNotSent(Exception):
    """The relay refused the message or could not be reached; the text says which, with addresses masked."""


def _recipients(message: EmailMessage) -> str:
    return ", ".join(mask_email(address) for _name, address in getaddresses(message.get_all("To", [])))


@dataclass(frozen=True)
class SmtpRelay:
    host: str
    port: int = DEFAULT_PORT
    username: str = ""
    password: str = field(default="", repr=False)
    starttls: bool = False
    timeout_seconds: float = 30.0

    @classmethod
    def from_environment(cls, environment: Mapping[str, str] = os.environ) -> Optional["SmtpRelay"]:
        """None when no relay is configured, so callers can say that nothing is sent."""
        host = (environment.get("SMTP_HOST") or "").strip()
        if not host:
            return None
        return cls(
            host=host,
            port=int(environment.get("SMTP_PORT") or DEFAULT_PORT),
            username=environment.get("SMTP_USERNAME") or "",
            password=environment.get("SMTP_PASSWORD") or "",
            starttls=(environment.get("SMTP_STARTTLS") or "").strip().lower() == "true",
        )

    async def send(self, message: EmailMessage) -> None:
        """Hands `message` to the relay, addressed to its To header; raises EmailNotSent."""
        await asyncio.to_thread(self._send_now, message)

    def _send_now(self, message: EmailMessage) -> None:
        try:
            with smtplib.SMTP(self.host, self.port, socket.gethostname(), self.timeout_seconds) as smtp:
                if self.starttls:
                    smtp.starttls(context=ssl.create_default_context())
                if self.username:
                    smtp.login(self.username, self.password)
                smtp.send_message(message)
        except smtplib.SMTPRecipientsRefused as error:
            raise EmailNotSent(f"email to {_recipients(message)}: the relay refused the recipient") from error
        except smtplib.SMTPResponseException as error:
            raise EmailNotSent(f"email to {_recipients(message)}: the relay answered {error.smtp_code}") from error
        except (smtplib.SMTPException, OSError) as error:
            reason = error.strerror if isinstance(error, OSError) and error.strerror else type(error).__name__
            raise EmailNotSent(f"email to {_recipients(message)}: {self.host}:{self.port} not reached ({reason})") \
                from error
