"""Mail that must never be answered, because answering it could start a loop between two machines or write to
someone who did not write to us: bounces, auto-replies, bulk and list mail, and mail from our own addresses.

RFC 3834 asks automatic responders (the assistant is one) to stay silent on exactly these; vacation responders
that omit `Auto-Submitted` still tend to set one of the `X-Auto*` headers.
"""

from email.message import EmailMessage
from typing import Callable, Optional

DAEMON_MAILBOXES = frozenset({"mailer-daemon", "postmaster"})
BULK_PRECEDENCE = frozenset({"bulk", "junk", "list"})
AUTORESPONDER_HEADERS = ("X-Autoreply", "X-Autorespond", "X-Autoresponder")


def _header(message: EmailMessage, name: str) -> str:
    return str(message.get(name) or "").split(";")[0].strip().lower()


def never_answer(message: EmailMessage, envelope_sender: str, sender: str,
                 is_ours: Callable[[str], bool]) -> Optional[str]:
    """Why `message` must get no reply, or None when it may be answered. `sender` is the From address."""
    if not envelope_sender.strip("<> "):
        return "a bounce (empty envelope sender)"
    if not sender:
        return "no From address"
    if sender.partition("@")[0].lower() in DAEMON_MAILBOXES:
        return "from a mailer daemon"
    auto_submitted = _header(message, "Auto-Submitted")
    if auto_submitted and auto_submitted != "no":
        return f"Auto-Submitted: {auto_submitted}"
    precedence = _header(message, "Precedence")
    if precedence in BULK_PRECEDENCE:
        return f"Precedence: {precedence}"
    if message.get("List-Id"):
        return "mailing-list mail (List-Id)"
    if any(message.get(name) for name in AUTORESPONDER_HEADERS):
        return "an autoresponder's message"
    if is_ours(sender) or is_ours(envelope_sender):
        return "sent from one of our own addresses"
    return None
