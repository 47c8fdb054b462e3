"""The email that answers an emailer: the assistant's replies as one plain-text message, threaded under theirs.

It is sent from the business's own address and name, to the emailer, with `Re:` on their subject and the
In-Reply-To/References headers every mail client threads by. `Auto-Submitted: auto-replied` (RFC 3834) keeps the
emailer's own autoresponder from answering it.
"""

from datetime import datetime, timezone
from email.message import EmailMessage
from email.utils import format_datetime, formataddr
from typing import List

from connectors.email_threads import message_ids, reply_message_id, reply_references, reply_subject
from playbooks import Playbook

def compose_reply(inbound: EmailMessage, business: Playbook, to: str, token: str, replies: List[str]) -> EmailMessage:
    """`replies` joined by blank lines, then the business's name."""
    reply = EmailMessage()
    reply["From"] = formataddr((business.name, business.email))
    reply["To"] = to
    reply["Subject"] = reply_subject(inbound.get("Subject"), business.name)
    reply["Date"] = format_datetime(datetime.now(timezone.utc))
    reply["Message-ID"] = reply_message_id(token, business.email)
    their_id = message_ids(inbound, "Message-ID")
    if their_id:
        reply["In-Reply-To"] = their_id[0]
    references = reply_references(inbound)
    if references:
        reply["References"] = " ".join(references)
    reply["Auto-Submitted"] = "auto-replied"
    paragraphs = [text.strip() for text in replies if text.strip()]
    reply.set_content("\n\n".join(paragraphs + [business.name]) + "\n")
    return reply
