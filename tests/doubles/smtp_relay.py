"""An SMTP relay on a loopback port (aiosmtpd in a thread of its own) that keeps every message it is handed.

It stands in for the business's outgoing mail server: tests read what the assistant sent, parsed, and wait for
it to arrive. With `username`, the relay demands AUTH LOGIN/PLAIN with that password (over plain text, as
only a test may).
"""

import threading
import time
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from typing import List, Optional

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from tests.doubles.server import free_port


@dataclass(frozen=True)
class Relayed:
    envelope_sender: str
    recipients: List[str]
    message: EmailMessage


class SmtpRelayDouble:
    def __init__(self, username: Optional[str] = None, password: Optional[str] = None):
        self.port = free_port()
        self.username, self.password = username, password
        self.received: List[Relayed] = []
        self._arrived = threading.Condition()
        self._controller: Optional[Controller] = None

    @property
    def host(self) -> str:
        return "127.0.0.1"

    async def handle_DATA(self, server, session, envelope) -> str:
        message = BytesParser(policy=policy.default).parsebytes(envelope.content.replace(b"\r\n", b"\n"))
        with self._arrived:
            self.received.append(Relayed(envelope.mail_from, list(envelope.rcpt_tos), message))
            self._arrived.notify_all()
        return "250 2.0.0 Queued"

    def _authenticate(self, server, session, envelope, mechanism, auth_data) -> AuthResult:
        given = isinstance(auth_data, LoginPassword) and (auth_data.login.decode(), auth_data.password.decode())
        return AuthResult(success=given == (self.username, self.password), handled=False)

    def start(self) -> "SmtpRelayDouble":
        settings = {"auth_required": True, "auth_require_tls": False, "authenticator": self._authenticate} \
            if self.username else {}
        self._controller = Controller(self, hostname=self.host, port=self.port, ready_timeout=10,
                                      server_hostname="relay.test", **settings)
        self._controller.start()
        return self

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def messages_to(self, address: str) -> List[EmailMessage]:
        with self._arrived:
            return [relayed.message for relayed in self.received if address in relayed.recipients]

    def wait_for(self, address: str, count: int, timeout: float = 30.0) -> List[EmailMessage]:
        """The first `count` messages to `address`, waiting up to `timeout` seconds; fails if they don't come."""
        deadline = time.monotonic() + timeout
        with self._arrived:
            while True:
                found = [relayed.message for relayed in self.received if address in relayed.recipients]
                remaining = deadline - time.monotonic()
                if len(found) >= count or remaining <= 0:
                    break
                self._arrived.wait(remaining)
        assert len(found) >= count, f"{len(found)} of {count} messages to {address} arrived in {timeout:.0f}s"
        return found[:count]
