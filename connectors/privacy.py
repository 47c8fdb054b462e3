"""Masks what must not appear in logs: phone numbers keep their last two digits, email addresses their domain."""


def mask_phone(phone: str) -> str:
    digits = [ch for ch in phone if ch.isdigit()]
    return "*" * max(0, len(digits) - 2) + "".join(digits[-2:])


def mask_email(address: str) -> str:
    """Email addresses keep the first letter of the mailbox and the domain: enough to tell senders apart."""
    mailbox, at, domain = (address or "").strip().rpartition("@")
    if not at:
        return "***"
    return f"{mailbox[:1]}***@{domain}"
