"""What an emailer actually wrote: the new text of a message, without the quoted thread, signature or attachments.

The assistant reads one message at a time, so everything a mail client repeats or appends would be noise to
the model: "On ... wrote:" and ">" quotes, Outlook's "-----Original Message-----" or "From: ... Sent: ..."
header blocks, the "-- " signature and "Sent from my iPhone" lines. So are the letter's own greeting and
sign-off: the model reads "Yes please\n\nThanks,\nDana" as thanks, not as the yes it is; a message that is
only a greeting or only thanks is kept as it is. The plain-text part is preferred; an HTML-only message is
read through connectors/email_html.py. Attachments are never opened, only counted, so the reply can say so.
"""

import re
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Iterator, List, Optional, Tuple

from connectors.email_html import html_to_text

SIGNATURE_DELIMITER = re.compile(r"^--\s*$")
ORIGINAL_MESSAGE = re.compile(r"^-{2,}\s*(original message|mensaje original|forwarded message)\s*-{2,}", re.IGNORECASE)
OUTLOOK_RULE = re.compile(r"^_{10,}\s*$")
HEADER_FROM = re.compile(r"^\*?(from|de):\*?\s", re.IGNORECASE)
HEADER_SENT = re.compile(r"^\*?(sent|date|enviado|fecha):\*?\s", re.IGNORECASE)
ATTRIBUTION_START = re.compile(r"^(on|el)\s.+", re.IGNORECASE)
ATTRIBUTION_END = re.compile(r"(wrote|escribió)\s*:\s*$", re.IGNORECASE)
DEVICE_SIGNATURE = re.compile(
    r"^(sent from (my )?\S.*|sent via \S.*|get outlook for \S.*|enviado desde mi \S.*|obtener outlook para \S.*)$",
    re.IGNORECASE,
)

GREETING = re.compile(
    r"^(hi|hello|hey|hiya|dear|good (morning|afternoon|evening)|hola|buenos d[ií]as|buenas( tardes| noches)?|您好|你好)"
    r"([,!.:，！：]?|( [^\s,!.:?]+){1,4}[,:])$",
    re.IGNORECASE,
)
SIGN_OFF = re.compile(
    r"^(thanks|thank you|thanks again|many thanks|thx|cheers|best|best wishes|(best|kind|warm) regards|regards"
    r"|all the best|sincerely|take care|gracias|muchas gracias|saludos|un saludo|atentamente|谢谢|多谢|祝好|此致)"
    r"( (so much|a lot|very much|in advance))?[\s!,.！，。]*$",
    re.IGNORECASE,
)
SIGNED_NAME_LINES = 2
SIGNED_NAME_CHARS = 40
PartInContainer = Tuple[EmailMessage, Optional[EmailMessage]]


@dataclass(frozen=True)
class WrittenText:
    text: str
    attachments: int = 0


def _quote_starts(lines: List[str], index: int) -> bool:
    """Whether line `index` begins what the mail client added: the quoted thread or a signature."""
    line = lines[index].strip()
    following = [candidate.strip() for candidate in lines[index + 1:index + 4]]
    if SIGNATURE_DELIMITER.match(lines[index]) or ORIGINAL_MESSAGE.match(line) or OUTLOOK_RULE.match(line):
        return True
    if DEVICE_SIGNATURE.match(line):
        return True
    if HEADER_FROM.match(line) and any(HEADER_SENT.match(candidate) for candidate in following):
        return True
    if ATTRIBUTION_START.match(line):
        return bool(ATTRIBUTION_END.search(line) or (following and ATTRIBUTION_END.search(following[0])))
    return False


def without_quotes_and_signature(text: str) -> str:
    """The lines above the first quote or signature marker, with ">" lines left out wherever they are."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    kept: List[str] = []
    for index, line in enumerate(lines):
        if _quote_starts(lines, index):
            break
        if not line.lstrip().startswith(">"):
            kept.append(line.rstrip())
    return re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()


def _sign_off_starts(lines: List[str]) -> Optional[int]:
    """Where a closing like "Thanks,\nDana" begins: a sign-off line followed by at most a short name or two."""
    for index in range(len(lines) - 1, -1, -1):
        if SIGN_OFF.match(lines[index].strip()):
            after = [line.strip() for line in lines[index + 1:] if line.strip()]
            if len(after) <= SIGNED_NAME_LINES and all(len(line) <= SIGNED_NAME_CHARS for line in after):
                return index
            return None
    return None


def without_greeting_and_sign_off(text: str) -> str:
    """The letter's body without its "Hi Tony's," line and its "Thanks, Dana" closing, when more than that is left."""
    lines = text.split("\n")
    end = _sign_off_starts(lines)
    if end is not None and any(line.strip() for line in lines[:end]):
        lines = lines[:end]
    first = next((index for index, line in enumerate(lines) if line.strip()), None)
    if first is not None and GREETING.match(lines[first].strip()) and any(line.strip() for line in lines[first + 1:]):
        lines = lines[first + 1:]
    return "\n".join(lines).strip()


def _decoded(part: EmailMessage) -> str:
    try:
        return part.get_content()
    except (LookupError, ValueError):
        payload = part.get_payload(decode=True) or b""
        return payload.decode("utf-8", errors="replace")


def _parts(message: EmailMessage, parent: Optional[EmailMessage] = None) -> Iterator[PartInContainer]:
    """Every leaf part with the multipart container it sits in."""
    if message.is_multipart():
        for part in message.iter_parts():
            yield from _parts(part, message)
    else:
        yield message, parent


def _is_attachment(part: EmailMessage, parent: Optional[EmailMessage]) -> bool:
    """A file the sender attached; images an HTML body shows inline (multipart/related with a Content-ID) are not."""
    if part.get_content_disposition() == "attachment":
        return True
    if parent is not None and parent.get_content_type() == "multipart/related" and part.get("Content-ID"):
        return False
    return part.get_content_maintype() != "text" or bool(part.get_filename())


def written_text(message: EmailMessage) -> WrittenText:
    """The new text of `message` (plain part preferred, HTML converted) and how many attachments were left unopened."""
    body = message.get_body(preferencelist=("plain", "html"))
    attachments = sum(1 for part, parent in _parts(message) if part is not body and _is_attachment(part, parent))
    if body is None:
        return WrittenText("", attachments)
    content = _decoded(body)
    if body.get_content_subtype() == "html":
        content = html_to_text(content)
    return WrittenText(without_greeting_and_sign_off(without_quotes_and_signature(content)), attachments)
