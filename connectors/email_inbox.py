"""The SMTP side of the email channel: which mail is taken, which is refused, and which is taken but never answered.

A recipient no business is reached at is refused at RCPT (550), and a message over MAX_MESSAGE_BYTES at DATA
(552, by aiosmtpd). Everything else is accepted at once (250) and answered afterwards in a task of its own, so
the sending server never waits on the assistant. Mail that must not be answered (connectors/email_loops.py)
and mail from an address the business has blocked is accepted and dropped, logged with the address masked.
"""

import asyncio
import logging
import socket
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import getaddresses
from typing import Awaitable, Callable, Set

from aiosmtpd.smtp import SMTP, Envelope, Session

from connectors.email_loops import never_answer
from connectors.privacy import mask_email
from playbooks import Playbook, PlaybookRegistry

MAX_MESSAGE_BYTES = 1024 * 1024
DRAIN_SECONDS = 30.0
logger = logging.getLogger(__name__)
# aiosmtpd logs every sender and recipient address in full at INFO; our own lines say what matters, masked.
logging.getLogger("mail.log").setLevel(logging.WARNING)


@dataclass(frozen=True)
class InboundEmail:
    """One accepted message for one business, from an emailer it may answer."""

    playbook: Playbook
    sender: str
    message: EmailMessage


Deliver = Callable[[InboundEmail], Awaitable[None]]


def sender_address(message: EmailMessage) -> str:
    """The From address, lower-cased; empty when there is none."""
    addresses = [address for _name, address in getaddresses([str(message.get("From") or "")]) if "@" in address]
    return addresses[0].strip().lower() if addresses else ""


class EmailInbox:
    """aiosmtpd's handler: checks recipients and senders, then hands each message to `deliver` in its own task."""

    def __init__(self, registry: PlaybookRegistry, deliver: Deliver):
        self.registry = registry
        self.deliver = deliver
        self.answering: Set[asyncio.Task] = set()

    async def handle_RCPT(self, server: SMTP, session: Session, envelope: Envelope, address: str, rcpt_options) -> str:
        if self.registry.by_email(address) is None:
            return "550 5.1.1 No business is reached at this address"
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        message = BytesParser(policy=policy.default).parsebytes(envelope.content or b"")
        sender = sender_address(message)
        found = (self.registry.by_email(address) for address in envelope.rcpt_tos)
        businesses = {playbook.id: playbook for playbook in found if playbook is not None}
        reason = never_answer(message, envelope.mail_from or "", sender, self._is_ours)
        for playbook in businesses.values():
            if reason:
                logger.info("email for %s from %s not answered: %s", playbook.id, mask_email(sender), reason)
            elif playbook.blocked.email(sender) or playbook.blocked.email(envelope.mail_from or ""):
                logger.info("email for %s from %s not answered: the sender is blocked", playbook.id, mask_email(sender))
            else:
                self._answer_later(InboundEmail(playbook, sender, message))
        return "250 2.0.0 Message accepted"

    def _is_ours(self, address: str) -> bool:
        return self.registry.by_email(address) is not None

    def _answer_later(self, inbound: InboundEmail) -> None:
        task = asyncio.get_running_loop().create_task(self.deliver(inbound), name=f"email for {inbound.playbook.id}")
        self.answering.add(task)
        task.add_done_callback(self._answered)

    def _answered(self, task: asyncio.Task) -> None:
        """Logs an answer that failed by its kind only: the error's text may carry the emailer's address."""
        self.answering.discard(task)
        if not task.cancelled() and task.exception() is not None:
            logger.error("%s failed: %s", task.get_name(), type(task.exception()).__name__)

    async def drain(self, timeout: float = DRAIN_SECONDS) -> None:
        """Waits for the answers still being written; those still running after `timeout` are cancelled."""
        if not self.answering:
            return
        _done, pending = await asyncio.wait(set(self.answering), timeout=timeout)
        for task in pending:
            task.cancel()


async def listen(inbox: EmailInbox, host: str, port: int) -> asyncio.AbstractServer:
    """Serves SMTP for `inbox` on host:port in the running event loop."""
    loop = asyncio.get_running_loop()
    hostname = socket.gethostname()
    return await loop.create_server(
        lambda: SMTP(inbox, data_size_limit=MAX_MESSAGE_BYTES, enable_SMTPUTF8=True, hostname=hostname, loop=loop),
        host=host,
        port=port,
    )
