"""One email thread is one conversation: the key that names it, and the headers that keep our replies in it.

A thread is named by its first message: the root of `References`, else `In-Reply-To`, else the message's own
`Message-ID`, hashed so it is a short, safe conversation id. The emailer's address goes into the key too, so
someone else replying in the same thread (a forwarded copy, a Cc) starts a conversation of their own instead
of reading this one. Our replies' Message-IDs carry the thread's root token, so a client that answers with
only `In-Reply-To: <our reply>` (no `References`) still lands in the same conversation.
"""

import hashlib
import re
import uuid
from email.message import EmailMessage
from typing import List, Optional

MESSAGE_ID = re.compile(r"<[^<>\s]+>")
OUR_MESSAGE_ID = re.compile(r"^<assistant\.([0-9a-f]{16})\.[0-9a-f]{32}@[^<>\s]+>$")
ALREADY_A_REPLY = re.compile(r"^\s*(re|aw|sv|res)\s*(\[\d+\])?\s*:", re.IGNORECASE)


def _short_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def message_ids(message: EmailMessage, header: str) -> List[str]:
    """The `<id@host>` entries of a Message-ID, In-Reply-To or References header, in order."""
    return MESSAGE_ID.findall(str(message.get(header) or ""))


def _root_id(message: EmailMessage) -> Optional[str]:
    for header in ("References", "In-Reply-To", "Message-ID"):
        found = message_ids(message, header)
        if found:
            return found[0]
    return None


def root_token(message: EmailMessage) -> str:
    """The token naming the thread `message` belongs to; a message without any id starts a thread of its own."""
    root = _root_id(message)
    if root is None:
        return uuid.uuid4().hex[:16]
    ours = OUR_MESSAGE_ID.match(root)
    return ours.group(1) if ours else _short_hash(root.lower())


def thread_key(token: str, sender: str) -> str:
    """The conversation key for this emailer in the thread named by `token`."""
    return _short_hash(f"{sender.strip().lower()}\n{token}")


def is_reply(message: EmailMessage) -> bool:
    return bool(message_ids(message, "In-Reply-To") or message_ids(message, "References"))


def reply_message_id(token: str, business_address: str) -> str:
    """A new Message-ID for one of our replies, carrying the thread's root token."""
    domain = business_address.rpartition("@")[2] or "localhost"
    return f"<assistant.{token}.{uuid.uuid4().hex}@{domain}>"


def reply_subject(subject: Optional[str], fallback: str) -> str:
    """`Re: <subject>` without stacking a second "Re:" on a subject that already has one."""
    subject = " ".join(str(subject or "").split()) or fallback
    return subject if ALREADY_A_REPLY.match(subject) else f"Re: {subject}"


def reply_references(message: EmailMessage) -> List[str]:
    """What our reply's References carries: theirs, then their own Message-ID."""
    references = message_ids(message, "References")
    own = message_ids(message, "Message-ID")
    return references + [own[0]] if own and own[0] not in references else references
