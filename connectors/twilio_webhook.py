"""What every Twilio webhook checks before anything is touched: form encoding, size, UTF-8 and the signature.

Twilio signs the public URL it was configured with (query string included) plus every POST field with the
account's auth token. Behind a proxy the URL the server sees differs, so the public base URL is configuration.
"""

from dataclasses import dataclass
from typing import Any, Dict, Optional, Union
from urllib.parse import parse_qsl

from sanic import response
from sanic.request import Request
from twilio.request_validator import RequestValidator

from connectors.privacy import mask_phone

MAX_BODY_BYTES = 16 * 1024


@dataclass(frozen=True)
class TwilioWebhook:
    auth_token: str
    public_base_url: str
    validate_signature: bool = True

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[str, Any]]) -> "TwilioWebhook":
        credentials = credentials or {}
        return cls(
            auth_token=credentials.get("auth_token") or "",
            public_base_url=(credentials.get("public_base_url") or "").rstrip("/"),
            validate_signature=str(credentials.get("validate_signature", "true")).lower() != "false",
        )

    def public_url(self, request: Request) -> str:
        """The URL Twilio called, as it saw it."""
        query = f"?{request.query_string}" if request.query_string else ""
        return f"{self.public_base_url}{request.path}{query}"

    def signed(self, request: Request, form: Dict[str, str]) -> bool:
        if not self.validate_signature:
            return True
        signature = request.headers.get("X-Twilio-Signature", "")
        if not signature or not self.auth_token:
            return False
        return RequestValidator(self.auth_token).validate(self.public_url(request), form, signature)

    def form(self, request: Request) -> Union[Dict[str, str], response.HTTPResponse]:
        """Twilio's fields (blank ones kept: they are signed too), or the 4xx answer that explains what is wrong."""
        if "form" not in (request.content_type or ""):
            return _error("expected application/x-www-form-urlencoded as Twilio sends", 415)
        if len(request.body or b"") > MAX_BODY_BYTES:
            return _error(f"the body is over {MAX_BODY_BYTES} bytes", 413)
        try:
            form = dict(parse_qsl(request.body.decode("utf-8"), keep_blank_values=True))
        except UnicodeDecodeError:
            return _error("the body is not UTF-8 form data", 400)
        if not self.signed(request, form):
            return _error("missing or invalid X-Twilio-Signature", 403)
        return form


def _error(reason: str, status: int) -> response.HTTPResponse:
    return response.json({"error": reason}, status=status)


def missing_fields(form: Dict[str, str], *names: str) -> Optional[response.HTTPResponse]:
    """A 400 naming the required fields that are absent or blank, or None when all are there."""
    missing = [name for name in names if not form.get(name)]
    if not missing:
        return None
    return _error(f"form fields {', '.join(repr(name) for name in missing)} are required", 400)


def unknown_business(number: str) -> response.HTTPResponse:
    return _error(f"no business is reached at {mask_phone(number)}", 404)
