"""Masks what must not appear in logs: phone numbers keep their last two digits."""


def mask_phone(phone: str) -> str:
    digits = [ch for ch in phone if ch.isdigit()]
    return "*" * max(0, len(digits) - 2) + "".join(digits[-2:])
