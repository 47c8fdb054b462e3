"""The editor's session cookie: the owner's email and when they logged in, signed with HMAC-SHA256.

Nothing is kept on the server, so a session ends when it expires or when the secret changes; without
EDITOR_SECRET each process draws its own secret and every restart logs owners out.
"""

import base64
import hashlib
import hmac
import logging
import os
import secrets
import time
from typing import Optional

logger = logging.getLogger(__name__)

COOKIE_NAME = "editor_session"
SESSION_SECONDS = 12 * 3600


def secret_from_environment() -> bytes:
    configured = os.environ.get("EDITOR_SECRET", "")
    if configured:
        return configured.encode()
    logger.warning("EDITOR_SECRET is not set: using a random secret, so owners are logged out when the board restarts")
    return secrets.token_bytes(32)


def _signature(secret: bytes, payload: str) -> str:
    digest = hmac.new(secret, payload.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def sign(secret: bytes, email: str, issued: Optional[int] = None) -> str:
    encoded = base64.urlsafe_b64encode(email.encode()).decode().rstrip("=")
    payload = f"{encoded}.{int(time.time()) if issued is None else issued}"
    return f"{payload}.{_signature(secret, payload)}"


def email_in(secret: bytes, cookie: Optional[str], now: Optional[float] = None) -> Optional[str]:
    """The email a valid, unexpired cookie was signed for, else None."""
    if not cookie or cookie.count(".") != 2:
        return None
    encoded, issued, signature = cookie.split(".")
    if not hmac.compare_digest(signature, _signature(secret, f"{encoded}.{issued}")) or not issued.isdigit():
        return None
    if (time.time() if now is None else now) - int(issued) > SESSION_SECONDS:
        return None
    try:
        return base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4)).decode()
    except (ValueError, UnicodeDecodeError):
        return None
